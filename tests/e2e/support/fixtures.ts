// The `test` every spec uses: Playwright's, plus a guard that fails the test on any
// uncaught page error or Content-Security-Policy violation, so that a page which
// silently fails to start can never pass. Pages of extra browser contexts (a second
// phone) are guarded with `guard(page)`.
import { test as base, expect, type Page } from '@playwright/test';

/** Records page errors and CSP violations of `page` into `errors`. */
export function watch(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) {
      errors.push(`CSP: ${m.text()}`);
    }
  });
}

export const test = base.extend<{ pageErrors: string[]; guard: (page: Page) => void }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watch(page, errors);
      await use(errors);
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  guard: async ({ pageErrors }, use) => {
    await use((page: Page) => watch(page, pageErrors));
  },
});

export { expect };
