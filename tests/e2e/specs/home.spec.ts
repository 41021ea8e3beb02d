// The homes (issue 19), on phones: a young person (Elsa) lands on her home after
// signing in; what it shows as next is the first activity or booking of her own
// schedule and bookings (read in the spec from the API: /api/me/schedule and
// /api/me/bookings) that is not over, cancelled or "can't come"; she says "can't
// come" to it from there (a booking first in line is cancelled from there), and the
// home then shows the following one; she reaches every destination of the bottom
// navigation with Tab and Enter. A guardian (Maria) lands on hers: the application
// waiting for her signature, and nothing else of Elsa's. Every state passed through
// is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, DEMO_PASSWORD, GUARDIAN, YOUTH_17, signInDemo, signedInElsewhere } from '../support/people';
import type { Page } from '@playwright/test';

const APP = { 'x-requested-with': 'lotsen' };

type Item = { activity_id: number; date: string; start: string; end: string; title: string; status: string; absence: string | null };
type Booking = { id: number; starts_at: string; ends_at: string; session_type_name: string; status: string };
type Next = { kind: 'activity'; item: Item } | { kind: 'booking'; booking: Booking };

/** Today and the time now in Stockholm ("2026-12-07", "14:05"), from the page's own Intl. */
async function stockholmNow(page: Page): Promise<{ today: string; time: string; in13: string }> {
  return page.evaluate(() => {
    const tz = { timeZone: 'Europe/Stockholm' };
    const now = new Date();
    const day = (d: Date) => d.toLocaleDateString('sv-SE', tz);
    const time = now.toLocaleTimeString('sv-SE', { ...tz, hour: '2-digit', minute: '2-digit' });
    return { today: day(now), time, in13: day(new Date(now.getTime() + 13 * 86_400_000)) };
  });
}

/** What comes next by the young person's own schedule and bookings reads. */
async function nextFromOwnReads(page: Page): Promise<Next | undefined> {
  const { today, time, in13 } = await stockholmNow(page);
  const schedule = await page.request.get(`/api/me/schedule?from=${today}&to=${in13}`);
  expect(schedule.ok()).toBeTruthy();
  const bookings = await page.request.get('/api/me/bookings');
  expect(bookings.ok()).toBeTruthy();
  const items: Item[] = (await schedule.json()).items;
  const upcoming: Booking[] = (await bookings.json()).upcoming;
  const all: { key: string; next: Next }[] = [
    ...items
      .filter((i) => i.status !== 'cancelled' && i.absence === null)
      .filter((i) => `${i.date} ${i.end}` > `${today} ${time}`)
      .map((item) => ({ key: `${item.date} ${item.start} 0`, next: { kind: 'activity', item } as Next })),
    ...upcoming
      .filter((b) => b.status === 'booked')
      .map((booking) => ({
        key: `${booking.starts_at.slice(0, 10)} ${booking.starts_at.slice(11, 16)} 1`,
        next: { kind: 'booking', booking } as Next,
      })),
  ];
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return all[0]?.next;
}

/** The home's "Next" section shows `next`: its title and its time. */
async function expectNextShown(page: Page, next: Next): Promise<void> {
  const section = page.getByRole('region', { name: 'Härnäst' });
  if (next.kind === 'activity') {
    await expect(section.locator('.youth-list__name')).toHaveText(next.item.title);
    await expect(section.getByText(`${next.item.start}–${next.item.end}`)).toBeVisible();
  } else {
    await expect(section.getByText(next.booking.session_type_name)).toBeVisible();
    await expect(section.getByText(`${next.booking.starts_at.slice(11, 16)}–${next.booking.ends_at.slice(11, 16)}`)).toBeVisible();
  }
}

/** Tabs until `name`'s link in the main menu has focus (checking it does), then presses Enter. */
async function tabToAndEnter(page: Page, name: string): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true });
  await expect(link).toBeVisible();
  const box = await link.boundingBox();
  expect(box && box.height >= 44 && box.width >= 44, `${name}: a 44 px target`).toBeTruthy();
  await page.locator('body').focus();
  for (let i = 0; i < 30 && !(await link.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
}

test("a young person's home shows what comes next, takes a can't-come, and the bottom menu reaches every destination", async ({
  page,
}) => {
  await signInDemo(page, YOUTH_17.email, 'Hem');
  await expect(page).toHaveURL(/\/home$/);
  const contact = page.getByRole('region', { name: 'Din kontaktperson' });
  await expect(contact.getByText(CONTACT_PERSON.name)).toBeVisible();
  await expect(contact.getByText('kontaktperson', { exact: true })).toBeVisible();
  await expectNoA11yViolations(page, "the young person's home");

  let next = await nextFromOwnReads(page);
  expect(next, 'the demo gives Elsa something to do within two weeks').toBeDefined();
  await expectNextShown(page, next!);
  const section = page.getByRole('region', { name: 'Härnäst' });

  // A booking first in line offers moving and cancelling right there; cancelling
  // it (after a confirm step) brings the activity after it to the top.
  while (next!.kind === 'booking') {
    await expect(section.getByRole('link', { name: 'Flytta' })).toBeVisible();
    await section.getByRole('button', { name: 'Avboka' }).click();
    await expectNoA11yViolations(page, 'cancelling from the home');
    await section.getByRole('button', { name: 'Ja, avboka' }).click();
    await expect(page.getByRole('status').filter({ hasText: /avbokad/i })).toBeVisible();
    next = await nextFromOwnReads(page);
    await expectNextShown(page, next!);
  }

  // "Can't come", from the home.
  const item = (next as { kind: 'activity'; item: Item }).item;
  await section.getByRole('button', { name: 'Kan inte komma' }).click();
  await section.getByLabel('Varför? (frivilligt)').fill('Tandläkaren');
  await expectNoA11yViolations(page, "the home's can't-come form");
  await section.getByRole('button', { name: 'Meddela att jag inte kommer' }).click();
  await expect(section.getByText('Du har meddelat att du inte kan komma.')).toBeVisible();
  await expectNoA11yViolations(page, "the home after can't-come");
  const week = await page.request.get(`/api/me/schedule?from=${item.date}&to=${item.date}`);
  const reported = ((await week.json()).items as Item[]).find((i) => i.activity_id === item.activity_id && i.start === item.start);
  expect(reported?.absence).toBe('Tandläkaren');

  // Read again, the home shows the one after it.
  await page.reload();
  const following = await nextFromOwnReads(page);
  expect(following).toBeDefined();
  expect(JSON.stringify(following)).not.toBe(JSON.stringify(next));
  await expectNextShown(page, following!);

  // The bottom navigation: named, at the foot of the phone's screen, each
  // destination reached with Tab and Enter, the current one marked.
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  const navBox = await nav.boundingBox();
  const viewport = page.viewportSize()!;
  expect(Math.round(navBox!.y + navBox!.height)).toBe(viewport.height);
  for (const [name, path, heading] of [
    ['Boka', '/booking', 'Boka tid'],
    ['Min plan', '/plan', 'Din plan'],
    ['Min sida', '/me', 'Min sida'],
    ['Hem', '/home', 'Hem'],
  ]) {
    await tabToAndEnter(page, name);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
    await expectNoA11yViolations(page, `${path}, reached from the bottom menu`);
  }
});

test("a guardian's home shows what waits for their signature and nothing else of the young person's", async ({
  page,
  browser,
  guard,
}) => {
  // Karim starts an application for Elsa and she signs it (through the API, as
  // the applications spec does through the pages).
  const karim = await signedInElsewhere(browser, guard, { viewport: { width: 1366, height: 900 }, locale: 'sv-SE' }, CONTACT_PERSON.email, 'Ungdomar');
  const youth: { id: number; name: string }[] = await (await karim.request.get('/api/youth')).json();
  const elsaId = youth.find((y) => y.name === YOUTH_17.name)!.id;
  const created = await karim.request.post('/api/applications', {
    headers: APP,
    data: {
      youth_id: elsaId,
      content: {
        situation: 'nothing',
        last_school: '',
        school_status: 'dropped_out',
        help_with: ['work'],
        contact_by: 'sms',
        consents: { school: true, social_services: false, employment_service: false, youth_clinic: false },
      },
    },
  });
  expect(created.status()).toBe(201);
  const application: { id: number; document_hash: string } = await created.json();
  const elsa = await signedInElsewhere(browser, guard, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'sv-SE' }, YOUTH_17.email, 'Hem');
  const signed = await elsa.request.post(`/api/applications/${application.id}/sign`, {
    headers: APP,
    data: { password: DEMO_PASSWORD, read: true, document_hash: application.document_hash },
  });
  expect(signed.status()).toBe(200);

  await signInDemo(page, GUARDIAN.email, 'Hem');
  await expect(page).toHaveURL(/\/home$/);
  const waiting = page.getByRole('region', { name: 'Väntar på din underskrift' });
  const link = waiting.getByRole('link', { name: 'Läs och signera' });
  // As many as the API's own list has waiting for Maria's signature.
  const listed: { id: number; status: string }[] = await (await page.request.get('/api/guardian/applications')).json();
  let mine = 0;
  for (const a of listed.filter((a) => a.status === 'waiting_for_guardians')) {
    const full = await (await page.request.get(`/api/applications/${a.id}`)).json();
    if (full.guardians.some((g: { name: string; signed: boolean }) => g.name === GUARDIAN.name && !g.signed)) mine++;
  }
  expect(mine).toBeGreaterThan(0);
  await expect(link).toHaveCount(mine);
  await expect(waiting.locator(`a[href="/applications/${application.id}"]`)).toBeVisible();
  await expect(waiting.getByText(YOUTH_17.name).first()).toBeVisible();
  await expectNoA11yViolations(page, "the guardian's home");

  // Nothing of Elsa's schedule, bookings, plan or contact person, and no young person's menu.
  for (const text of ['Härnäst', 'Idag', 'Din kontaktperson', 'Arbetslivsfokus', CONTACT_PERSON.name]) {
    await expect(page.getByText(text, { exact: true })).toHaveCount(0);
  }
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await expect(nav.getByRole('link')).toHaveText(['Hem', 'Min sida']);

  await waiting.locator(`a[href="/applications/${application.id}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökan', exact: true })).toBeVisible();
  await karim.context().close();
  await elsa.context().close();
});
