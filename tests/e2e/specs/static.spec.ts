// Before the app has started, index.html already shows the start page and the
// sign-in page (a static copy), so that their content is painted without
// waiting for the wasm; any other page shows the loading message. The app
// replaces the copy when it mounts: one page, never two.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import type { Page } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

/** Holds back the app's wasm until the returned function is called. */
async function holdWasm(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

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

    release();
    await expect(page.locator('#loading')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(h1(page)).toHaveCount(1);
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
