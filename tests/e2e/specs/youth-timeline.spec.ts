// One page per young person (issue 19), at a desk: Karim, the contact person, opens
// the page of a young person who has one of every kind of event (set up here through
// the API: registered in the activity-responsibility register with a contact
// attempt, a plan with a measure, an outcome, an application she signed, a booking
// with the study and career counsellor, and "can't come" to an activity). The
// timeline stands beside the details, newest first; the filter by kind says how many
// it shows; the personnummer is masked until Karim shows it, which the audit log
// records. Every state passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { ADMIN, CONTACT_PERSON, DESK, PHONE, personnummer, signIn, signInDemo, signedInElsewhere } from '../support/people';
import type { APIRequestContext } from '@playwright/test';

const APP = { 'x-requested-with': 'lotsen' };
const KINDS = ['register', 'contact', 'application', 'plan', 'booking', 'absence', 'outcome'];

test.use(DESK);

/** The Swedish date `days` from today, `YYYY-MM-DD`. */
function swedishDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** A request that must succeed; its JSON answer. */
async function ok(request: APIRequestContext, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) {
  const response = await request.fetch(path, { method, headers: APP, data });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

test("a young person's page shows every kind of event in order, filters them, and shows the personnummer on request", async ({
  page,
  browser,
  guard,
}) => {
  const today = swedishDate(0);
  const tilde = {
    name: `Tilde Tidslinje ${Math.floor(Math.random() * 1e6)}`,
    email: `tilde.${Date.now()}@example.se`,
    password: 'tidslinjens-losenord',
    personnummer: personnummer(17), // 18 today: signs alone, and in the register (under 20)
  };

  // Karim registers Tilde (he becomes her contact person); she chooses a password.
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  const karim = page.request;
  const registered = await ok(karim, 'POST', '/api/youth', { name: tilde.name, personnummer: tilde.personnummer, email: tilde.email });
  const id: number = registered.youth.id;
  await ok(karim, 'POST', '/api/invitations/accept', { token: registered.invitation.link.split('#')[1], password: tilde.password });

  // Anna (an administrator keeps the register) registers her and logs a contact attempt.
  const anna = await signedInElsewhere(browser, guard, DESK, ADMIN.email, 'Ungdomar');
  await ok(anna.request, 'POST', '/api/register/people', {
    personnummer: tilde.personnummer,
    name: tilde.name,
    registration: { on: today, reason: 'dropped_out' },
  });
  await ok(anna.request, 'POST', `/api/register/people/${id}/contacts`, {
    contacted_on: today, channel: 'other', recipient: 'youth', outcome: 'no_answer',
  });

  // Karim: a plan with a measure, an outcome, an application, and an activity on her schedule.
  await ok(karim, 'POST', `/api/register/people/${id}/plan`, { conversation_on: today, own_words: 'Jag vill jobba.', goal: 'Praktik i vår.' });
  await ok(karim, 'POST', `/api/register/people/${id}/measures`, { code: 'guidance', responsible_kind: 'youth', planned_start: today });
  await ok(karim, 'POST', `/api/youth/${id}/outcomes`, { kind: 'work', from: today });
  const application = await ok(karim, 'POST', '/api/applications', {
    youth_id: id,
    content: {
      situation: 'studying', last_school: '', school_status: 'has_grades', help_with: ['work'], contact_by: 'email',
      consents: { school: true, social_services: false, employment_service: false, youth_clinic: false },
    },
  });
  const karimId = (await ok(karim, 'GET', '/api/me')).id;
  const activity = await ok(karim, 'POST', '/api/activities', {
    title: `Jobbklubb ${tilde.name.slice(-6)}`, description: '', place: 'Lotsen', kind: 'working_life', leader_id: karimId, capacity: null,
    recurrence: { weekdays: [1, 2, 3, 4, 5, 6, 7], start_time: '09:00', end_time: '10:00', first_date: today, last_date: swedishDate(30) },
  });
  await ok(karim, 'POST', `/api/youth/${id}/assignments`, { activity_id: activity.id, from_date: today });

  // Tilde, on her phone: signs the application, books the counsellor, can't come tomorrow.
  const phoneContext = await browser.newContext(PHONE);
  const phone = await phoneContext.newPage();
  guard(phone);
  await signIn(phone, tilde.email, tilde.password);
  await expect(phone.getByRole('heading', { level: 1, name: 'Hem' })).toBeVisible();
  await ok(phone.request, 'POST', `/api/applications/${application.id}/sign`, { password: tilde.password, read: true, document_hash: application.document_hash });
  const types: { id: number; name: string }[] = await ok(phone.request, 'GET', '/api/booking/session-types?profession=study_counsellor');
  const type = types.find((t) => t.name === 'Studie- och yrkesvägledning')!;
  const free = await ok(phone.request, 'GET', `/api/booking/session-types/${type.id}/free-times`);
  const time = free.days[0].times[0];
  await ok(phone.request, 'POST', '/api/me/bookings', { session_type_id: type.id, staff_id: time.staff_id, starts_at: time.starts_at });
  const tomorrow = swedishDate(1);
  const absent = await phone.request.put(`/api/me/schedule/absences/${activity.id}/${tomorrow}`, { headers: APP, data: { reason: 'Tandläkaren' } });
  expect(absent.status()).toBe(204);
  await phoneContext.close();

  // Karim opens her page from his list.
  await page.goto('/staff');
  await page.getByRole('link', { name: tilde.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: tilde.name })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Tidslinje' });
  const details = page.getByRole('region', { name: 'Uppgifter' });
  const items = timeline.getByRole('listitem');
  const count = timeline.locator('#timeline-count');
  await expect(count).toHaveAttribute('role', 'status');
  await expect(count).toHaveText('10 händelser visas.');
  await expectNoA11yViolations(page, "the young person's page with the timeline");

  // Beside the details on a desk's screen.
  const [left, right] = [await details.boundingBox(), await timeline.boundingBox()];
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
  expect(right!.y).toBeLessThan(left!.y + left!.height);

  // Every kind, newest first: the dates and times never increase down the list.
  const kinds = await items.evaluateAll((li) => li.map((e) => e.getAttribute('data-kind')));
  for (const kind of KINDS) expect(kinds, kind).toContain(kind);
  const times = await timeline.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
  expect(times).toEqual([...times].sort().reverse());
  // The booking and "can't come" are ahead; the rest happened today.
  expect(kinds.slice(0, 2).sort()).toEqual(['absence', 'booking']);
  // Drafted by Karim, signed and so submitted by her (no member of staff named).
  const applicationSteps = items.filter({ hasText: 'Ansökan: ' });
  await expect(applicationSteps).toHaveCount(3);
  await expect(applicationSteps.last()).toContainText(CONTACT_PERSON.name);
  await expect(applicationSteps.first()).not.toContainText(CONTACT_PERSON.name);
  await expect(items.filter({ hasText: 'Studie- och yrkesvägledning: bokad' })).toContainText(time.staff_name);
  await expect(items.filter({ hasText: 'Kan inte komma: Jobbklubb' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Kontaktförsök' })).toContainText(ADMIN.name);
  // No free text from other features: not the reason she gave, not the plan's own words.
  await expect(timeline).not.toContainText('Tandläkaren');
  await expect(timeline).not.toContainText('Jag vill jobba.');

  // The filter: without the application and the plan, and back.
  await timeline.getByLabel('Ansökan').uncheck();
  await expect(count).toHaveText('7 händelser visas.');
  await timeline.getByLabel('Plan och insatser').uncheck();
  await expect(count).toHaveText('5 händelser visas.');
  await expect(items.filter({ hasText: 'Ansökan: ' })).toHaveCount(0);
  await expectNoA11yViolations(page, 'the timeline filtered');
  for (const kind of KINDS.filter((k) => k !== 'register')) {
    const box = timeline.locator(`#timeline-kind-${kind}`);
    if (await box.isChecked()) await box.uncheck();
  }
  await expect(count).toHaveText('1 händelse visas.');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute('data-kind', 'register');
  for (const kind of KINDS) await timeline.locator(`#timeline-kind-${kind}`).check();
  await expect(count).toHaveText('10 händelser visas.');

  // The personnummer: masked until Karim chooses to show it.
  const masked = `${tilde.personnummer.slice(0, 8)}-****`;
  await expect(details.getByText(masked)).toBeVisible();
  await expect(page.getByText(tilde.personnummer)).toHaveCount(0);
  await details.getByRole('button', { name: 'Visa personnummer' }).click();
  await expect(details.getByText(tilde.personnummer)).toBeVisible();
  await expect(details.getByRole('button', { name: 'Visa personnummer' })).toBeHidden();
  await expectNoA11yViolations(page, 'the personnummer shown');

  // The audit log has it: Karim showed Tilde's personnummer.
  const log = await ok(anna.request, 'GET', '/api/audit?limit=50');
  const shown = log.entries.filter((e: { action: string; youth_id: number; actor_name: string }) => e.action === 'reveal_personnummer' && e.youth_id === id);
  expect(shown.map((e: { actor_name: string }) => e.actor_name)).toEqual([CONTACT_PERSON.name]);
  await anna.goto('/staff/audit');
  await expect(anna.getByRole('table').getByRole('row').filter({ hasText: tilde.name }).filter({ hasText: 'Visade personnumret' })).toHaveCount(1);
  await anna.context().close();
});

// The demo's young person with one of every kind of event (seeded by `--demo-data`:
// registered and contacted, a plan with measures, an application signed by him and
// his guardian and accepted, a session attended and one missed, "can't come", a
// follow-up status), as his contact person Karim reads him at a desk.
test("the demo's young person with every kind of event has them all on his page, newest first", async ({ page }) => {
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  await page.getByRole('link', { name: 'Isak Mattsson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Isak Mattsson' })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Tidslinje' });
  const items = timeline.getByRole('listitem');
  await expect(items.first()).toBeVisible();
  // Older pages, until the list is whole.
  const more = timeline.getByRole('button', { name: 'Visa fler' });
  for (let pages = 0; pages < 20 && (await more.isVisible()); pages++) {
    const shown = await items.count();
    await more.click();
    await expect.poll(() => items.count()).toBeGreaterThan(shown);
  }
  await expect(more).toBeHidden();
  const kinds = await items.evaluateAll((li) => li.map((e) => e.getAttribute('data-kind')));
  for (const kind of KINDS) expect(kinds, kind).toContain(kind);
  const times = await timeline.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
  expect(times).toEqual([...times].sort().reverse());
  // His bookings: one attended, one missed.
  await expect(items.filter({ hasText: /: kom inte/ })).not.toHaveCount(0);
  await expect(items.filter({ hasText: ': kom' }).filter({ hasNotText: 'kom inte' })).not.toHaveCount(0);
  await expectNoA11yViolations(page, "the demo young person's whole timeline");
});
