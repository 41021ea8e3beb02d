// Pages outside the first load come in wasm chunks (src/chunks.rs): one file per
// area, and the code areas share in a few bundles (xtask/src/bundle.rs). On a bad
// network either may not arrive: the page says so and can try again.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, YOUTH_19, signInDemo } from '../support/people';

test('the first load fetches no page chunks', async ({ page }) => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (/\/(split_[^/]*\.wasm|chunks-[^/]*\.bin)$/.test(r.url())) chunks.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Välkommen till Lotsen' })).toBeVisible();
  expect(chunks).toEqual([]);
});

test('a page asks who is signed in as it loads, once, without waiting for the wasm', async ({ page }) => {
  await signInDemo(page, YOUTH_19.email, 'Hem');
  const order: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/auth/session') order.push('session check');
    else if (/_bg\.wasm$/.test(path)) order.push('main wasm');
  });
  await page.goto('/home');
  await expect(page.getByRole('heading', { level: 1, name: 'Hem' })).toBeVisible();
  // route.js sends it as the page loads; the app takes its answer rather than asking again.
  expect(order).toEqual(['session check', 'main wasm']);
});

for (const [what, blocked] of [
  ['its own code and the shared code', /\/(split_sign_in-[^/]*\.wasm|chunks-[^/]*\.bin)$/],
  ['the shared code', /\/chunks-[^/]*\.bin$/],
] as const) {
  test(`a page whose code cannot be fetched (${what}) says so and comes on retry`, async ({ page }) => {
    await page.route(blocked, (route) => route.abort('internetdisconnected'));
    await page.goto('/sign-in');
    await expect(page.getByRole('alert')).toHaveText(
      'Ingen kontakt med servern. Kontrollera din uppkoppling och försök igen.',
    );
    await expectNoA11yViolations(page, 'a page whose chunk failed to load');

    await page.unroute(blocked);
    await page.getByRole('button', { name: 'Försök igen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}

/** The shared-code bundles and area chunks `page` fetches from now on, one entry per request. */
function fetched(page: Page): { bundles: string[]; areas: string[] } {
  const seen = { bundles: [] as string[], areas: [] as string[] };
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/chunks-[^/]*\.bin$/.test(path)) seen.bundles.push(path);
    const area = /\/split_(.*)-[0-9a-f]+\.wasm$/.exec(path);
    if (area) seen.areas.push(area[1]);
  });
  return seen;
}

test("a young person's pages never fetch the code only staff's pages need", async ({ page, browser }) => {
  const young = fetched(page);
  const sheets: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'stylesheet') sheets.push(new URL(r.url()).pathname);
  });
  await signInDemo(page, YOUTH_19.email, 'Hem');
  // Where everyone lands after signing in needs no sheet of its own: it shows without waiting for one.
  expect(sheets.filter((s) => !/^\/main-[0-9a-f]+\.css$/.test(s)), 'stylesheets besides main.css').toEqual([]);
  const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
  for (const [name, heading] of [
    ['Boka', 'Boka tid'],
    ['Min sida', 'Min sida'],
  ]) {
    await menu.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  expect(young.bundles.length).toBeGreaterThan(0);
  expect(new Set(young.bundles).size, 'each bundle is fetched once').toBe(young.bundles.length);
  await page.goto('/schedule');
  await expect(page.getByRole('heading', { level: 1, name: 'Idag' })).toBeVisible();
  await page.goto('/feedback/rate');
  await expect(page.getByRole('heading', { level: 1, name: 'Betygsätt aktiviteter' })).toBeVisible();
  expect(young.areas).toEqual(expect.arrayContaining(['sign_in', 'home', 'booking', 'schedule', 'feedback']));
  // The schedule's and the booking's staff pages are chunks of their own.
  expect(young.areas.filter((a) => a.includes('staff')), "staff's pages").toEqual([]);

  const context = await browser.newContext();
  const desk = await context.newPage();
  const staff = fetched(desk);
  await signInDemo(desk, CONTACT_PERSON.email, 'Ungdomar');
  expect(staff.bundles.filter((b) => !young.bundles.includes(b)), "the staff's own shared code").not.toEqual([]);
  for (const [path, heading] of [
    ['/booking/staff', 'Bokningar'],
    ['/schedule/activities', 'Aktiviteter'],
    ['/feedback', 'Återkoppling'],
  ]) {
    await desk.goto(path);
    await expect(desk.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoA11yViolations(desk, path);
  }
  expect(staff.areas).toEqual(expect.arrayContaining(['booking_staff', 'schedule_staff', 'feedback_staff']));
  for (const young of ['booking', 'schedule', 'feedback']) {
    expect(staff.areas, "a young person's pages").not.toContain(young);
  }
  await context.close();
});
