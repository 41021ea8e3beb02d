// Before the app has started, index.html already shows the start page and the
// sign-in page (a static copy), so that their content is painted without
// waiting for the wasm; any other page shows the loading message. The app
// replaces the copy when it mounts: one page, never two. Nor does anything
// move when the app learns who is signed in.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { signInDemo, YOUTH_19 } from '../support/people';
import type { Page } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

/** Holds back the requests for `url` until the returned function is called. */
async function hold(page: Page, url: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Holds back the app's wasm. */
const holdWasm = (page: Page) => hold(page, '**/*.wasm');
/** Holds back the answer to "who is signed in?". */
const holdSession = (page: Page) => hold(page, '**/api/auth/session');

/** The visible top headings (the static copy of the other page is there, hidden). */
const h1 = (page: Page) => page.locator('h1:visible');

test('the start page and the sign-in page are there before the app, which replaces them', async ({ page }) => {
  for (const [path, heading] of [
    ['/', 'Välkommen till Lotsen'],
    ['/sign-in', 'Logga in'],
  ]) {
    const release = await holdWasm(page);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(h1(page)).toHaveCount(1);
    await expect(page.getByRole('status')).toBeHidden();
    await expectNoA11yViolations(page, `the static copy of ${path}`);
    const copy = await page.locator('main .page:visible').innerText();

    release();
    await expect(page.locator('#loading')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(h1(page)).toHaveCount(1);
    // The copy is the page: the app adds nothing to it that appears only later.
    expect(await page.locator('main .page').innerText(), `${path}: the app's page as its copy`).toBe(copy);
    await page.unrouteAll();
  }
});

test('any other page, and a visitor who chose English, see the loading message until the app starts', async ({
  page,
  context,
}) => {
  const release = await holdWasm(page);
  await page.goto('/schedule');
  await expect(page.getByRole('status')).toHaveText('Laddar…');
  await expect(h1(page)).toHaveCount(0);
  release();
  await expect(page.locator('#loading')).toHaveCount(0);
  await page.unrouteAll();

  await context.addCookies([{ name: 'lotsen_lang', value: 'en', url: page.url() }]);
  const again = await holdWasm(page);
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText('Laddar…');
  await expect(h1(page)).toHaveCount(0);
  again();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Lotsen' })).toBeVisible();
});

test('nothing moves when the session is known: Today keeps the account bar’s place, the start page the sign-in link’s', async ({
  page,
}) => {
  await signInDemo(page, YOUTH_19.email, 'Hem');
  // The app has mounted and painted before it knows who is there.
  const answer = await holdSession(page);
  await page.goto('/schedule');
  await expect(page.locator('#loading')).toHaveCount(0);
  const top = async () => (await page.locator('main').boundingBox())?.y;
  const before = await top();
  answer();
  await expect(page.getByText(`Inloggad som ${YOUTH_19.name}`)).toBeVisible();
  expect(await top()).toBe(before);
  await page.unrouteAll();

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Välkommen till Lotsen' })).toBeVisible();
  const again = await holdSession(page);
  await page.goto('/');
  await expect(page.locator('#loading')).toHaveCount(0);
  const switcher = page.locator('.site-header__tools > :last-child');
  const there = await switcher.boundingBox();
  again();
  await expect(page.getByRole('link', { name: 'Logga in' })).toBeVisible();
  expect(await switcher.boundingBox()).toEqual(there);
});
