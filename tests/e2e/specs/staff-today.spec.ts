// Staff at a desk (issue 19): a member of staff lands on their day, whose counts are
// the API's own (`GET /api/staff/today`, read in the spec) and each of which links to
// its work; the booking week is a grid of days × hours holding the week's bookings
// (against `GET /api/staff/me/bookings`); the list of young people is a sortable
// table at 1366 px and still a list on a phone. Every state passed through is
// audited with axe-core.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { ADMIN, CONTACT_PERSON, DESK, PHONE, YOUTH_17, signInDemo, signedInElsewhere } from '../support/people';

const APP = { 'x-requested-with': 'lotsen' };
const SVEN = { name: 'Sven Berg', email: 'sven.berg@lotsen.example' };

test.use(DESK);

type Today = {
  today: string;
  bookings: unknown[];
  group_sessions: unknown[];
  absences: unknown[];
  applications: { count: number };
  contacts_due: number;
  follow_ups_due: number;
  to_contact: number | null;
  feedback: unknown[];
};

/** The counts the page must show, from the API. */
async function expectedCounts(page: Page): Promise<Record<string, number | null>> {
  const answer = await page.request.get('/api/staff/today', { headers: APP });
  expect(answer.status()).toBe(200);
  const t: Today = await answer.json();
  return {
    bookings: t.bookings.length + t.group_sessions.length,
    absences: t.absences.length,
    applications: t.applications.count,
    contacts: t.contacts_due,
    'follow-ups': t.follow_ups_due,
    'to-contact': t.to_contact,
    feedback: t.feedback.length,
  };
}

async function expectCountsOf(page: Page): Promise<void> {
  const counts = await expectedCounts(page);
  for (const [name, n] of Object.entries(counts)) {
    const shown = page.locator(`[data-count="${name}"]`);
    if (n === null) await expect(shown).toHaveCount(0);
    else await expect(shown).toHaveText(String(n));
  }
}

test("staff land on their day, whose counts are the API's and link to the work", async ({ page }) => {
  await signInDemo(page, ADMIN.email, 'Min dag');
  await expect(page).toHaveURL(/\/staff\/today$/);
  // The menu marks this page, and only this page, as the current one.
  const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
  await expect(menu.getByRole('link', { name: 'I dag' })).toHaveAttribute('aria-current', 'page');
  await expect(menu.getByRole('link', { name: 'Ungdomar' })).not.toHaveAttribute('aria-current', /.*/);
  await expectCountsOf(page);
  // The administrator keeps the register: "to contact" is there, and someone is on it.
  await expect(page.locator('[data-count="to-contact"]')).toBeVisible();
  await expectNoA11yViolations(page, "staff's today");

  const links: [string, RegExp, string][] = [
    ['bookings', /\/booking\/staff\/day\/\d{4}-\d{2}-\d{2}$/, 'Bokningar'],
    ['absences', /\/schedule\/activities$/, ''],
    ['applications', /\/applications\/to-decide$/, 'Ansökningar att besluta om'],
    ['contacts', /\/register$/, ''],
    ['feedback', /\/feedback$/, ''],
  ];
  for (const [name, url, heading] of links) {
    await page.locator(`[data-link="${name}"]`).click();
    await expect(page).toHaveURL(url);
    if (heading) await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'I dag' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Min dag' })).toBeVisible();
  }

  // A contact person sees their own day; its counts are theirs.
  const other = await page.context().browser()!.newContext(DESK);
  const karim = await other.newPage();
  await signInDemo(karim, CONTACT_PERSON.email, 'Min dag');
  await expectCountsOf(karim);
  await other.close();

  // Staff who do not keep the register (Johanna, a job coach: neither an
  // administrator nor an officer; the register specs make Karim one) have no
  // "to contact" on their day.
  const coachContext = await page.context().browser()!.newContext(DESK);
  const coach = await coachContext.newPage();
  await signInDemo(coach, 'johanna.lind@lotsen.example', 'Min dag');
  await expectCountsOf(coach);
  await expect(coach.locator('[data-count="to-contact"]')).toHaveCount(0);
  await coachContext.close();
});

test("the booking week is a grid of days and hours with the week's bookings", async ({ page, browser, guard }) => {
  // Sven books Elsa at his first free time: a booking opens no record, so Karim,
  // her contact person, first puts him on her team.
  await signInDemo(page, SVEN.email, 'Min dag');
  const karim = await signedInElsewhere(browser, guard, DESK, CONTACT_PERSON.email, 'Min dag');
  const list: { id: number; name: string }[] = await (await karim.request.get('/api/youth', { headers: APP })).json();
  const elsaId = list.find((y) => y.name === YOUTH_17.name)?.id;
  const svenId: number = (await (await page.request.get('/api/me', { headers: APP })).json()).id;
  const team = await karim.request.post(`/api/youth/${elsaId}/team`, { headers: APP, data: { staff_id: svenId, reason: 'Studievägledning' } });
  expect(team.status()).toBe(201);
  await karim.context().close();
  const types: { id: number; profession: string; group: boolean }[] = await (await page.request.get('/api/booking/session-types', { headers: APP })).json();
  const type = types.find((t) => t.profession === 'study_counsellor' && !t.group)!;
  const free = await (await page.request.get(`/api/booking/session-types/${type.id}/free-times?staff_id=${svenId}`, { headers: APP })).json();
  const time = free.days[0].times[0];
  const booked = await page.request.post('/api/staff/bookings', {
    headers: APP,
    data: { youth_id: elsaId, session_type_id: type.id, staff_id: svenId, starts_at: time.starts_at, note: 'Vill prata om komvux' },
  });
  expect(booked.status()).toBe(201);

  const day: string = free.days[0].date;
  await page.goto(`/booking/staff/week/${day}`);
  const grid = page.getByRole('table', { name: 'Veckans bokningar i ett rutnät: dagar och timmar' });
  await expect(grid).toBeVisible();
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  const monday = date.toISOString().slice(0, 10);
  const week = await (await page.request.get(`/api/staff/me/bookings?date=${monday}&days=7`, { headers: APP })).json();
  expect(week.bookings.length).toBeGreaterThan(0);
  const shown = grid.locator('a.week-grid__booking');
  await expect(shown).toHaveCount(week.bookings.length);
  for (const b of week.bookings as { id: number; youth_name: string; starts_at: string }[]) {
    const link = grid.locator(`a[data-booking="${b.id}"]`);
    await expect(link).toContainText(b.youth_name);
    await expect(link).toContainText(b.starts_at.slice(11, 16));
    // In the column of its day and the row of its hour.
    const cell = link.locator('xpath=ancestor::td');
    const row = cell.locator('xpath=ancestor::tr');
    await expect(row.locator('th')).toHaveText(`${b.starts_at.slice(11, 13)}:00`);
    const column = await cell.evaluate((td) => (td as HTMLTableCellElement).cellIndex);
    const head = grid.locator('thead th').nth(column);
    await expect(head.locator('a')).toHaveAttribute('href', `/booking/staff/day/${b.starts_at.slice(0, 10)}`);
  }
  // The day list is not what a desk shows.
  await expect(page.locator('.phone-only').first()).toBeHidden();
  await expectNoA11yViolations(page, 'the booking week as a grid');
});

test('the list of young people is a sortable table at a desk and a list on a phone', async ({ page, browser, guard }) => {
  await signInDemo(page, ADMIN.email, 'Ungdomar');
  const table = page.getByRole('table', { name: 'Unga personer' });
  await expect(table).toBeVisible();
  await expect(page.locator('ul.youth-list')).toBeHidden();
  const names: string[] = (await (await page.request.get('/api/youth', { headers: APP })).json()).map((y: { name: string }) => y.name);
  const column = (n: number) => table.locator('tbody tr').evaluateAll((rows, n) => rows.map((r) => (r as HTMLTableRowElement).cells[n].textContent!.trim()), n);
  await expect(table.locator('tbody tr')).toHaveCount(names.length);
  const nameHead = table.getByRole('columnheader', { name: /Namn/ });
  await expect(nameHead).toHaveAttribute('aria-sort', 'ascending');
  expect(await column(0)).toEqual(names); // the server's Swedish name order
  await nameHead.getByRole('button').click();
  await expect(nameHead).toHaveAttribute('aria-sort', 'descending');
  expect(await column(0)).toEqual([...names].reverse());
  const ageHead = table.getByRole('columnheader', { name: /Ålder/ });
  await ageHead.getByRole('button').click();
  await expect(ageHead).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHead).toHaveAttribute('aria-sort', 'none');
  const ages = (await column(1)).map(Number);
  expect(ages).toEqual([...ages].sort((a, b) => a - b));
  for (const head of ['Kontaktperson', 'Ansökan', 'Senaste kontakt']) {
    await expect(table.getByRole('columnheader', { name: new RegExp(head) })).toBeVisible();
  }
  await expectNoA11yViolations(page, 'the young people as a sortable table');

  const small = await signedInElsewhere(browser, guard, PHONE, ADMIN.email, 'Ungdomar');
  await expect(small.getByRole('list', { name: 'Unga personer' })).toBeVisible();
  await expect(small.getByRole('table')).toHaveCount(0);
  await expectNoA11yViolations(small, 'the young people as a list on a phone');
  await small.context().close();
});
