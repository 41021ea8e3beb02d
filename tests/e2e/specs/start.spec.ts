// The start page speaks Swedish first, switches to English, and remembers the choice.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';

test('start page: Swedish first, English on request, remembered after reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Välkommen till Lotsen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expectNoA11yViolations(page, 'the start page in Swedish');

  await page.getByRole('button', { name: 'In English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Lotsen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Lotsen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'På svenska' })).toBeVisible();
  await expectNoA11yViolations(page, 'the start page in English');
});

test('an unknown address shows a not-found page with a way home', async ({ page }) => {
  const response = await page.goto('/finns/inte');
  expect(response?.status()).toBe(200); // the SPA fallback; the app decides what to show
  await expect(page.getByRole('heading', { level: 1, name: 'Sidan hittades inte' })).toBeVisible();
  await expectNoA11yViolations(page, 'the not-found page');
  await page.getByRole('link', { name: 'Gå till startsidan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Välkommen till Lotsen' })).toBeVisible();
  await expectNoA11yViolations(page, 'the start page after not-found');
});

test('the app has no horizontal scroll on a 360 px wide phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the public pages log no console error for an anonymous visitor', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  for (const [path, heading] of [['/', 'Välkommen till Lotsen'], ['/sign-in', 'Logga in']]) {
    const checked = page.waitForResponse((r) => r.url().endsWith('/api/auth/session'));
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    expect((await checked).status(), `the session check on ${path}`).toBe(204);
  }
  expect(errors, 'console errors').toEqual([]);
});
