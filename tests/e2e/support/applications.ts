// Steps the application specs share: a second phone signed in, a draft started by
// staff from a young person's record, the young person's signature and a guardian's.
import { expect, type Browser, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';
import { CONTACT_PERSON, DEMO_PASSWORD, PHONE, YOUTH_19, signInDemo, signedInElsewhere, toMyPage } from './people';

/** A new phone (browser context), guarded against page errors, signed in as `login`, on their own page. */
export async function phone(browser: Browser, guard: (page: Page) => void, login: string): Promise<Page> {
  const page = await signedInElsewhere(browser, guard, PHONE, login, 'Hem');
  await toMyPage(page);
  return page;
}

/**
 * Staff (signed in on `page`, on the youth list) start an application for `youthName`
 * with the choices filled in; returns its path (`/applications/N`).
 */
export async function startDraft(page: Page, youthName: string): Promise<string> {
  await page.getByRole('link', { name: youthName }).click();
  await expect(page.getByRole('heading', { level: 1, name: youthName })).toBeVisible();
  await page.getByRole('link', { name: 'Ansökningar och ny ansökan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökningar' })).toBeVisible();
  await page.getByRole('link', { name: 'Påbörja en ansökan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny ansökan' })).toBeVisible();
  await page.getByLabel('Varken studerar eller arbetar', { exact: true }).check();
  await page.getByLabel('Jag hoppade av', { exact: true }).check();
  await page.getByLabel('Att hitta arbete', { exact: true }).check();
  await page.getByLabel('Sms', { exact: true }).check();
  await page.getByLabel('Skolan', { exact: true }).check();
  await page.getByLabel('Arbetsförmedlingen', { exact: true }).check();
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.waitForURL(/\/applications\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökan', exact: true })).toBeVisible();
  const path = new URL(page.url()).pathname;
  expect(path).toMatch(/^\/applications\/\d+$/);
  return path;
}

/** Opens the application at `path` from the young person's own list. */
export async function openOwn(page: Page, path: string): Promise<void> {
  await page.goto('/me');
  await page.getByRole('link', { name: 'Min ansökan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Min ansökan' })).toBeVisible();
  await page.locator(`a[href="${path}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökan', exact: true })).toBeVisible();
}

/** The young person, on the application's page, ticks "I have read", signs and confirms. */
export async function signOwn(page: Page): Promise<void> {
  await expect(page.getByText('Väntar på din underskrift')).toBeVisible();
  await page.getByLabel('Jag har läst ansökan', { exact: true }).check();
  await page.getByLabel('Ditt lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Skriv under', exact: true }).click();
  await expect(page.getByText('Vill du skriva under ansökan nu?')).toBeFocused();
  await page.getByRole('button', { name: 'Ja, skriv under' }).click();
  await expect(page.getByRole('heading', { name: 'Läs igenom och skriv under' })).toHaveCount(0);
}

/**
 * The contact person (signed in on `page`) starts an application for the
 * 19-year-old, who signs it alone on a phone of his own: it goes straight to
 * the team. Returns his phone and the application's path.
 */
export async function submittedAt19(
  page: Page,
  browser: Browser,
  guard: (page: Page) => void,
): Promise<{ youth: Page; path: string }> {
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  const path = await startDraft(page, YOUTH_19.name);
  const youth = await phone(browser, guard, YOUTH_19.email);
  await openOwn(youth, path);
  await signOwn(youth);
  await expect(youth.getByText('Inskickad: väntar på teamets beslut')).toBeVisible();
  return { youth, path };
}

/** A guardian opens the application at `path` from their list of applications to co-sign. */
export async function openToCosign(page: Page, path: string, name: string): Promise<void> {
  await page.goto('/me');
  await page.getByRole('link', { name: 'Ansökningar att skriva under' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökningar att skriva under' })).toBeVisible();
  await expectNoA11yViolations(page, `${name}'s list of applications to co-sign`);
  await page.locator(`a[href="${path}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökan', exact: true })).toBeVisible();
  await expect(page.getByText('Väntar på din underskrift')).toBeVisible();
}
