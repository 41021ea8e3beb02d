// Demo people (seeded by the server into a new database; README "Demo data") and
// test data helpers.
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'lotsen-demo';
export const CONTACT_PERSON = { name: 'Karim Haddad', email: 'karim.haddad@lotsen.example' };
export const ADMIN = { name: 'Anna Andersson', email: 'anna.andersson@lotsen.example' };
export const GUARDIAN = { name: 'Maria Nilsson', email: 'maria.nilsson@lotsen.example' };

/** A valid personnummer (YYYYMMDD-NNNC) for someone `age` years old, unique per call. */
let serial = 100 + Math.floor(Math.random() * 800);
export function personnummer(age: number): string {
  const now = new Date();
  const y = now.getFullYear() - age - 1; // born last year's date minus age: already had the birthday
  const mm = String(now.getMonth() + 1).padStart(2, '0');
  const dd = String(Math.min(now.getDate(), 28)).padStart(2, '0');
  const nnn = String(serial++ % 1000).padStart(3, '0');
  const nine = `${String(y % 100).padStart(2, '0')}${mm}${dd}${nnn}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const p = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(p / 10) + (p % 10);
  }
  const check = (10 - (sum % 10)) % 10;
  return `${y}${mm}${dd}-${nnn}${check}`;
}

/** Signs in on the sign-in page. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await page.getByLabel('E-post eller mobilnummer').fill(login);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
}

/**
 * Signs in a demo person and waits for their start page (`Min dag` for staff,
 * `Hem` for a young person or a guardian); `Ungdomar`: staff, who then open
 * the list of young people from the menu.
 */
export async function signInDemo(page: Page, login: string, start: 'Ungdomar' | 'Min dag' | 'Hem'): Promise<void> {
  await signIn(page, login, DEMO_PASSWORD);
  const landing = start === 'Ungdomar' ? 'Min dag' : start;
  await expect(page.getByRole('heading', { level: 1, name: landing })).toBeVisible();
  if (start === 'Ungdomar') {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ungdomar' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ungdomar' })).toBeVisible();
  }
}

/**
 * Someone else at the same time as the test's own person: a browser context of
 * their own (`device`: `PHONE`, `DESK`, or `{}` for the configured phone), its
 * page guarded like the test's (`guard`) and signed in as `login` on `start`
 * (see `signInDemo`). `page.context().close()` ends it.
 */
export async function signedInElsewhere(
  browser: Browser,
  guard: (page: Page) => void,
  device: BrowserContextOptions,
  login: string,
  start: 'Ungdomar' | 'Min dag' | 'Hem',
): Promise<Page> {
  const page = await (await browser.newContext(device)).newPage();
  guard(page);
  await signInDemo(page, login, start);
  return page;
}

/** From a young person's or a guardian's home to their own page, by the main menu. */
export async function toMyPage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Min sida' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Min sida' })).toBeVisible();
}

export const YOUTH_17 = { name: 'Elsa Nilsson', email: 'elsa.nilsson@lotsen.example' };
export const GUARDIAN_2 = { name: 'Per Nilsson', email: 'per.nilsson@lotsen.example' };

/** A phone-sized browser context in Swedish, like the default page's. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
/** Staff at a desk: a laptop's screen, mouse and keyboard. */
export const DESK = { viewport: { width: 1366, height: 768 }, isMobile: false, hasTouch: false, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
export const YOUTH_19 = { name: 'Omar Ali', email: 'omar.ali@lotsen.example' };
