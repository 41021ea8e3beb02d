// Pages outside the first load come in wasm chunks (src/chunks.rs): one file per
// area, and the code areas share in one bundle (xtask/src/bundle.rs). On a bad
// network either may not arrive: the page says so and can try again.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';

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
  ['its own code and the shared code', /\/(split_account-[^/]*\.wasm|chunks-[^/]*\.bin)$/],
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
