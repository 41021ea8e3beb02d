// The individual schedule (issue 6), on two phones: Karim (staff) creates a weekly
// activity and assigns it to Omar; Omar sees it today and in the week view; Karim
// cancels today's session and Omar sees it marked cancelled; with the network cut
// after one visit, Omar's schedule page still shows the last schedule and when it
// was fetched; after signing out nothing of it remains in the browser's storage.
// Every page passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, signInDemo } from '../support/people';
import { phone } from '../support/applications';
import type { Page } from '@playwright/test';

const OMAR = { name: 'Omar Ali', email: 'omar.ali@lotsen.example' };

/** Today as the app writes it ("måndag 23 november"), from the page's own Intl. */
async function todayLabel(page: Page): Promise<string> {
  return page.evaluate(() =>
    new Date().toLocaleDateString('sv-SE', { weekday: 'long', day: 'numeric', month: 'long' }),
  );
}

/** What the page keeps in the browser: localStorage keys, IndexedDB names, cached URLs. */
async function stored(page: Page): Promise<{ local: string[]; idb: string[]; cached: string[] }> {
  return page.evaluate(async () => {
    const local = Object.keys(localStorage);
    const idb = (await indexedDB.databases()).map((d) => d.name ?? '');
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
    }
    return { local, idb, cached };
  });
}

test('staff plan a weekly activity; the young person sees it, cancelled, offline, and nothing stays after sign-out', async ({
  page,
  browser,
  guard,
}) => {
  const title = `Studierum ${Math.floor(Math.random() * 1e6)}`;

  // Karim creates an activity on every weekday, so that it is on today too.
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  await page.getByRole('link', { name: 'Aktiviteter och scheman' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aktiviteter' })).toBeVisible();
  await expectNoA11yViolations(page, 'the activities (staff)');
  await page.getByRole('link', { name: 'Ny aktivitet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny aktivitet' })).toBeVisible();
  await expectNoA11yViolations(page, 'the new activity form');

  // Saving without weekdays says what is missing.
  await page.getByLabel('Namn', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByLabel('måndag', { exact: true })).toBeFocused();
  await expectNoA11yViolations(page, 'the activity form with errors');

  await page.getByLabel('Plats', { exact: true }).fill('Biblioteket, plan 2');
  await page.getByLabel('Typ av aktivitet').selectOption({ label: 'Studierum' });
  await page.getByLabel('Ledare').selectOption({ label: CONTACT_PERSON.name });
  for (const day of ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag']) {
    await page.getByLabel(day, { exact: true }).check();
  }
  await page.getByLabel('Starttid').fill('10:00');
  await page.getByLabel('Sluttid').fill('12:00');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Biblioteket, plan 2')).toBeVisible();
  const activityPath = new URL(page.url()).pathname;
  expect(activityPath).toMatch(/^\/schedule\/activities\/\d+$/);
  await expectNoA11yViolations(page, 'the activity and its sessions');

  // … and assigns it to Omar, from his record.
  await page.getByRole('link', { name: 'Ungdomar', exact: true }).click();
  await page.getByRole('link', { name: OMAR.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: OMAR.name })).toBeVisible();
  await page.getByRole('link', { name: 'Schema och aktiviteter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Schema: ${OMAR.name}` })).toBeVisible();
  await expectNoA11yViolations(page, "Omar's schedule (staff)");
  const option = await page.locator('#assign-activity_id option', { hasText: title }).getAttribute('value');
  await page.getByLabel('Aktivitet', { exact: true }).selectOption(option ?? '');
  await page.getByRole('button', { name: 'Lägg till i schemat' }).click();
  await expect(page.getByText('Aktiviteten är tillagd i schemat.')).toBeVisible();
  await expect(page.locator('.plain-list__name', { hasText: title }).first()).toBeVisible();
  await expectNoA11yViolations(page, "Omar's schedule after assigning (staff)");

  // Omar, on his phone, sees it today and in the week view.
  const omar = await phone(browser, guard, OMAR.email);
  await omar.getByRole('link', { name: 'Mitt schema' }).click();
  await expect(omar.getByRole('heading', { level: 1, name: 'Idag' })).toBeVisible();
  const today = omar.locator('li', { hasText: title });
  await expect(today).toContainText('10:00–12:00');
  await expect(today).toContainText('Biblioteket, plan 2');
  await expect(today).toContainText(CONTACT_PERSON.name);
  await expect(today).toContainText('Studierum');
  await expect(omar.getByText(/Senast uppdaterad/)).toBeVisible();
  await expectNoA11yViolations(omar, "Omar's day");

  // "Can't come", with a reason, and undo.
  await today.getByRole('button', { name: 'Kan inte komma' }).click();
  await expect(today.getByLabel('Varför? (frivilligt)')).toBeFocused();
  await expectNoA11yViolations(omar, "Omar's can't-come form");
  await today.getByLabel('Varför? (frivilligt)').fill('Tandläkaren');
  await today.getByRole('button', { name: 'Meddela att jag inte kommer' }).click();
  await expect(today.getByText('Du har meddelat att du inte kan komma. (Tandläkaren)')).toBeVisible();
  await today.getByRole('button', { name: 'Ångra, jag kommer' }).click();
  await expect(today.getByRole('button', { name: 'Kan inte komma' })).toBeVisible();

  await omar.getByRole('link', { name: 'Hela veckan' }).click();
  await expect(omar.getByRole('heading', { level: 1, name: /^Vecka \d+$/ })).toBeVisible();
  const dayLabel = await todayLabel(omar);
  await expect(omar.getByRole('region', { name: dayLabel })).toContainText(title);
  await expectNoA11yViolations(omar, "Omar's week");
  const week = await omar.getByRole('heading', { level: 1 }).textContent();
  await omar.getByRole('link', { name: 'Nästa vecka' }).click();
  await expect(omar.getByRole('heading', { level: 1 })).not.toHaveText(week ?? '');
  await expect(omar.getByRole('link', { name: 'Den här veckan' })).toBeVisible();
  await expectNoA11yViolations(omar, "Omar's next week");
  await omar.getByRole('link', { name: 'Den här veckan' }).click();
  await expect(omar.getByRole('heading', { level: 1 })).toHaveText(week ?? '');

  // Karim cancels today's session, after a confirm step, and sees who was expected.
  await page.goto(activityPath);
  const session = page.locator('li', { hasText: dayLabel });
  await expect(session).toContainText(OMAR.name);
  await session.getByRole('button', { name: 'Ställ in' }).click();
  await session.getByLabel('Meddelande till deltagarna (frivilligt)').fill('Ledaren är sjuk');
  await session.getByRole('button', { name: 'Ställ in' }).click();
  await expect(session.getByText('Vill du ställa in tillfället?')).toBeFocused();
  await expectNoA11yViolations(page, 'the cancel confirm step');
  await session.getByRole('button', { name: 'Ja, ställ in' }).click();
  await expect(session.getByText('Inställt', { exact: true })).toBeVisible();
  await expectNoA11yViolations(page, 'the activity with a cancelled session');

  // Omar sees it cancelled, today and in the week.
  await omar.goto('/schedule');
  await expect(omar.getByRole('heading', { level: 1, name: 'Idag' })).toBeVisible();
  await expect(today.getByText('Inställt', { exact: true })).toBeVisible();
  await expect(today).toContainText('Ledaren är sjuk');
  await expect(today.getByRole('button', { name: 'Kan inte komma' })).toHaveCount(0);
  await expectNoA11yViolations(omar, "Omar's day with a cancelled session");

  // The service worker has the app shell; with the network cut, the page still
  // shows the last schedule with its time.
  await omar.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await omar.reload();
  await expect(today.getByText('Inställt', { exact: true })).toBeVisible();
  await omar.context().setOffline(true);
  await omar.reload();
  await expect(omar.getByRole('heading', { level: 1, name: 'Idag' })).toBeVisible();
  await expect(omar.getByText('Du är inte uppkopplad.', { exact: false })).toBeVisible();
  await expect(omar.getByText(/Senast uppdaterad \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)).toBeVisible();
  await expect(today).toContainText('10:00–12:00');
  await expect(today.getByText('Inställt', { exact: true })).toBeVisible();
  await expectNoA11yViolations(omar, "Omar's day offline");
  const offline = await stored(omar);
  expect(offline.local).toContain('lotsen.schedule');
  expect(offline.cached.filter((url) => new URL(url).pathname.startsWith('/api'))).toEqual([]);

  // Back online, Omar signs out: nothing of the schedule stays behind.
  await omar.context().setOffline(false);
  await omar.reload();
  await expect(omar.getByRole('button', { name: 'Logga ut' })).toBeVisible();
  await omar.getByRole('button', { name: 'Logga ut' }).click();
  await expect(omar.getByRole('heading', { level: 1, name: 'Välkommen till Lotsen' })).toBeVisible();
  const after = await stored(omar);
  expect(after.local).toEqual([]);
  expect(after.idb).toEqual([]);
  expect(after.cached.filter((url) => new URL(url).pathname.startsWith('/api'))).toEqual([]);
  // The schedule page now asks to sign in rather than showing anything.
  await omar.goto('/schedule');
  await expect(omar.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await omar.context().close();
});

test("a young person's Today does not move as it loads: the day's plan first, staff's answers below it", async ({
  page,
}) => {
  await signInDemo(page, OMAR.email, 'Hem');
  // A cold load of Today: the session, the chunk and the day's reads all arrive after the first paint.
  await page.goto('/schedule');
  const answers = page.getByRole('heading', { level: 2, name: 'Ni sa, vi gjorde' });
  await expect(answers).toBeVisible();
  await expect(page.locator('main .youth-list, main .empty').first()).toBeVisible();
  // What arrives later comes below what is already on the screen.
  const order = await page.evaluate(() => {
    const plan = document.querySelector('main .youth-list, main .empty');
    const notes = document.querySelector('#feedback-answers');
    return plan && notes ? plan.compareDocumentPosition(notes) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
  });
  expect(order, "staff's answers follow the day's plan").toBeGreaterThan(0);
  // Nothing the person sees was pushed aside (the layout shifts of the load, as Lighthouse's CLS counts them).
  const shifted = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
            if (!e.hadRecentInput) sum += e.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 200);
      }),
  );
  expect(shifted).toBeLessThan(0.01);
  await expectNoA11yViolations(page, 'Today, loaded');
});

test('the calendar subscription: a secret link to copy, a new one on request, and off', async ({ page }) => {
  await signInDemo(page, OMAR.email, 'Hem');
  await page.goto('/schedule/calendar');
  await expect(page.getByRole('heading', { level: 1, name: 'Schemat i din kalender' })).toBeVisible();
  await expectNoA11yViolations(page, 'the calendar page without a link');
  await page.getByRole('button', { name: 'Skapa kalenderlänk' }).click();
  const url = page.getByLabel('Kalenderlänk', { exact: true });
  await expect(url).toHaveValue(/\/api\/calendar\/[A-Za-z0-9_-]{20,}/);
  const first = await url.inputValue();
  await expect(page.getByRole('link', { name: 'Öppna i kalendern' })).toHaveAttribute('href', /^webcal:\/\//);
  await expectNoA11yViolations(page, 'the calendar page with a link');
  const feed = await page.request.get(first);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');

  // The address is shown only when it is made (the server keeps its hash).
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Din kalenderlänk är på' })).toBeVisible();
  await expect(url).toHaveCount(0);
  await expectNoA11yViolations(page, 'the calendar page with an active link');

  // A new link: the old one stops working.
  await page.getByRole('button', { name: 'Skapa en ny länk' }).click();
  await expect(page.getByText('Vill du skapa en ny länk?', { exact: false })).toBeFocused();
  await expectNoA11yViolations(page, 'the calendar renew confirm step');
  await page.getByRole('button', { name: 'Ja, skapa en ny länk' }).click();
  await expect(page.getByText('Din nya kalenderlänk är klar.')).toBeVisible();
  await expect(url).toHaveValue(/\/api\/calendar\//);
  await expect(url).not.toHaveValue(first);
  expect((await page.request.get(first)).status()).toBe(404);

  // Off.
  const second = await url.inputValue();
  await page.getByRole('button', { name: 'Stäng av länken' }).click();
  await page.getByRole('button', { name: 'Ja, stäng av länken' }).click();
  await expect(page.getByRole('button', { name: 'Skapa kalenderlänk' })).toBeVisible();
  expect((await page.request.get(second)).status()).toBe(404);
  await expectNoA11yViolations(page, 'the calendar page after turning the link off');
});
