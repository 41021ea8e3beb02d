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

/** The shared-code bundles `page` fetches from now on, one entry per request. */
function bundles(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (/\/chunks-[^/]*\.bin$/.test(r.url())) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

test("a young person's pages never fetch the code only staff's pages share", async ({ page, browser }) => {
  const young = bundles(page);
  await signInDemo(page, YOUTH_19.email, 'Hem');
  const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
  for (const [name, heading] of [
    ['Boka', 'Boka tid'],
    ['Min sida', 'Min sida'],
  ]) {
    await menu.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  expect(young.length).toBeGreaterThan(0);
  expect(new Set(young).size, 'each bundle is fetched once').toBe(young.length);

  const context = await browser.newContext();
  const desk = await context.newPage();
  const staff = bundles(desk);
  await signInDemo(desk, CONTACT_PERSON.email, 'Ungdomar');
  expect(staff.filter((b) => !young.includes(b)), "the staff's own shared code").not.toEqual([]);
  await context.close();
});
