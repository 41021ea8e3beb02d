// One accessibility audit for every page a test passes through: axe-core with the
// WCAG 2.0/2.1 A and AA rules, which the Swedish law on accessible public digital
// services requires. Any violation fails the test with a readable list.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoA11yViolations(page: Page, label: string): Promise<void> {
  // Audit the settled page: a colour transition still running (say on the button
  // the test just clicked, under the pointer) has in-between colours that no user
  // sees for more than 150 ms, and axe would read them as a contrast failure.
  // Endless animations (a loading spinner) never finish and are left alone.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe-core violations on ${label}`).toEqual([]);
  // An audit that checked nothing proves nothing.
  expect(results.passes.length, `axe-core ran no rule on ${label}`).toBeGreaterThan(0);
}
