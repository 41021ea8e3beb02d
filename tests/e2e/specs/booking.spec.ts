// Booking sessions (issue 7), on two phones: Omar (a young person) chooses what he
// needs help with, the study and career counsellor Sven Berg, a free time and a note;
// sees it in My bookings and in his schedule's week; Sven, signed in on his own phone,
// sees Omar and the note in his day view; Omar moves the booking to another free time
// (Sven's day shows the new one); Sven books another time for him; Omar cancels the
// moved one after a confirm step. A second test: Sven's opening hours, time off,
// session types and a group session, and Omar on the waitlist of a type nobody offers
// times for. Demo data: Sven's opening hours and the session type "Studie- och
// yrkesvägledning" (server/src/booking.rs, seed_demo). Every page passed through is
// audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, PHONE, YOUTH_19, signInDemo, signedInElsewhere } from '../support/people';
import { phone } from '../support/applications';
import type { Page } from '@playwright/test';
const APP = { 'x-requested-with': 'lotsen' };

const SVEN = { name: 'Sven Berg', email: 'sven.berg@lotsen.example' };
const TYPE = 'Studie- och yrkesvägledning';

/** Omar's upcoming bookings as the API gives them (his own session, in his browser). */
async function upcoming(page: Page): Promise<{ id: number; starts_at: string; ends_at: string; status: string }[]> {
  const answer = await page.request.get('/api/me/bookings');
  expect(answer.ok()).toBeTruthy();
  return (await answer.json()).upcoming;
}

/** "09:00–09:45" from RFC 3339 times with the Swedish offset. */
function range(b: { starts_at: string; ends_at: string }): string {
  return `${b.starts_at.slice(11, 16)}–${b.ends_at.slice(11, 16)}`;
}

test('a young person books the study and career counsellor, moves and cancels; the counsellor sees it in the day view', async ({
  page,
  browser,
  guard,
}) => {
  const note = `Vill prata om Komvux ${Math.floor(Math.random() * 1e6)}`;

  // Omar finds the booking from his home's menu.
  await signInDemo(page, YOUTH_19.email, 'Hem');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Boka' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Boka tid' })).toBeVisible();
  const need = page.getByRole('region', { name: 'Välja utbildning – studie- och yrkesvägledare' });
  await expect(need).toBeVisible();
  await expectNoA11yViolations(page, 'what to book');
  // On a phone each kind of time's description stands under its name, the
  // whole width of the card, not squeezed into a column beside it.
  const kind = need.getByRole('listitem').filter({ has: page.getByRole('link', { name: TYPE }) });
  const name = await kind.getByRole('link', { name: TYPE }).boundingBox();
  const about = await kind.locator('.note').boundingBox();
  expect(name && about && about.y >= name.y + name.height - 1 && about.x <= name.x + 1).toBe(true);
  await need.getByRole('link', { name: TYPE }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Vem vill du träffa?' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Vem som helst' })).toBeVisible();
  await expectNoA11yViolations(page, 'whom to meet');
  await page.getByRole('link', { name: SVEN.name }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Lediga tider' })).toBeVisible();
  await expect(page.getByRole('radio').first()).toBeVisible();
  await expectNoA11yViolations(page, 'the free times');

  // Booking without a time says so, and the note typed stays.
  await page.getByLabel('Något du vill berätta innan? (frivilligt)').fill(note);
  await page.getByRole('button', { name: 'Boka', exact: true }).click();
  await expect(page.getByText('Välj en av de lediga tiderna.')).toBeVisible();
  await expect(page.getByRole('radio').first()).toBeFocused();
  await expect(page.getByLabel('Något du vill berätta innan? (frivilligt)')).toHaveValue(note);
  await expectNoA11yViolations(page, 'the free times with an error');

  // A time on the third day with free times: far enough ahead to move and cancel in
  // the app (until 24 hours before).
  await page.getByRole('group').nth(2).getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Boka', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tiden är bokad' })).toBeVisible();
  await expect(page.getByText(note)).toBeVisible();
  await expect(page.getByText(SVEN.name)).toBeVisible();
  await expectNoA11yViolations(page, 'the confirmation');

  const [booked] = await upcoming(page);
  expect(booked.status).toBe('booked');
  const firstDay = booked.starts_at.slice(0, 10);

  // My bookings shows it.
  await page.getByRole('link', { name: 'Mina bokningar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mina bokningar' })).toBeVisible();
  const coming = page.getByRole('region', { name: 'Kommande' });
  const item = coming.getByRole('listitem').filter({ hasText: TYPE });
  await expect(item).toContainText(range(booked));
  await expect(item).toContainText(SVEN.name);
  await expect(item).toContainText(note);
  await expectNoA11yViolations(page, 'my bookings');

  // His schedule's week shows it among the activities of that day.
  await page.goto(`/schedule/week/${firstDay}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Vecka \d+$/ })).toBeVisible();
  const inWeek = page.locator(`section[aria-labelledby="day-${firstDay}"]`).getByRole('listitem').filter({ hasText: TYPE });
  await expect(inWeek).toContainText(range(booked));
  await expect(inWeek).toContainText('Bokad tid');
  await expect(inWeek).toContainText(SVEN.name);
  await expectNoA11yViolations(page, 'the week with a booked session');
  await page.goto('/booking/mine');
  await expect(page.getByRole('heading', { level: 1, name: 'Mina bokningar' })).toBeVisible();

  // Sven, on his phone, sees Omar and the note in his day view.
  const sven = await signedInElsewhere(browser, guard, PHONE, SVEN.email, 'Ungdomar');
  await sven.getByRole('link', { name: 'Bokningar och öppettider' }).click();
  await expect(sven.getByRole('heading', { level: 1, name: 'Bokningar' })).toBeVisible();
  await expectNoA11yViolations(sven, "Sven's day today");
  await sven.goto(`/booking/staff/day/${firstDay}`);
  const seen = sven.getByRole('listitem').filter({ hasText: YOUTH_19.name });
  await expect(seen).toContainText(range(booked));
  await expect(seen).toContainText(note);
  await expect(seen.getByRole('button', { name: 'Avboka' })).toBeVisible();
  // Who came is said once the session has begun.
  await expect(seen.getByRole('button', { name: 'Kom', exact: true })).toHaveCount(0);
  await expectNoA11yViolations(sven, "Sven's day with Omar's booking");
  await sven.getByRole('link', { name: 'Min vecka' }).click();
  await expect(sven.getByRole('heading', { level: 1, name: /^Bokningar – Vecka \d+$/ })).toBeVisible();
  await expectNoA11yViolations(sven, "Sven's week");

  // Omar moves it to another free time.
  await item.getByRole('link', { name: 'Flytta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Välj en ny tid' })).toBeVisible();
  await expectNoA11yViolations(page, 'moving a booking');
  await page.getByRole('group').nth(2).getByRole('radio').last().check();
  await page.getByRole('button', { name: 'Flytta till den här tiden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bokningen är flyttad' })).toBeVisible();
  await expectNoA11yViolations(page, 'the booking moved');
  const [moved] = await upcoming(page);
  expect(moved.id).toBe(booked.id);
  expect(moved.starts_at).not.toBe(booked.starts_at);

  await page.getByRole('link', { name: 'Mina bokningar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mina bokningar' })).toBeVisible();
  const movedItem = page.getByRole('region', { name: 'Kommande' }).getByRole('listitem').filter({ hasText: note });
  await expect(movedItem).toContainText(range(moved));

  // Sven's day of the new time shows it.
  await sven.goto(`/booking/staff/day/${moved.starts_at.slice(0, 10)}`);
  await expect(sven.getByRole('listitem').filter({ hasText: YOUTH_19.name })).toContainText(range(moved));

  // Sven books another time for Omar, on another day. A booking opens no record, so
  // first Karim, Omar's contact person, puts Sven on Omar's team (and takes him off
  // afterwards).
  const karim = await signedInElsewhere(browser, guard, {}, CONTACT_PERSON.email, 'Ungdomar');
  const list: { id: number; name: string }[] = await (await karim.request.get('/api/youth', { headers: APP })).json();
  const omarId = list.find((y) => y.name === YOUTH_19.name)?.id;
  const svenId: number = (await (await sven.request.get('/api/me', { headers: APP })).json()).id;
  const team = await karim.request.post(`/api/youth/${omarId}/team`, {
    headers: APP,
    data: { staff_id: svenId, reason: 'Bokar studievägledning åt Omar' },
  });
  expect(team.status()).toBe(201);
  await sven.goto('/booking/staff/book');
  await expect(sven.getByRole('heading', { level: 1, name: 'Boka åt en ung person' })).toBeVisible();
  await expectNoA11yViolations(sven, 'book for a young person');
  await sven.getByRole('button', { name: 'Boka', exact: true }).click();
  await expect(sven.getByLabel('Ung person')).toBeFocused();
  await sven.getByLabel('Ung person').selectOption({ label: YOUTH_19.name });
  await sven.getByLabel('Typ av besök').selectOption({ label: `${TYPE} (studie- och yrkesvägledare)` });
  await sven.getByRole('group').nth(4).getByRole('radio').first().check();
  await sven.getByRole('button', { name: 'Boka', exact: true }).click();
  await expect(sven.getByRole('status').filter({ hasText: 'Bokat:' })).toContainText(YOUTH_19.name);
  await expectNoA11yViolations(sven, 'booked for a young person');
  const forOmar = (await upcoming(page)).find((b) => b.id !== booked.id);
  expect(forOmar?.status).toBe('booked');
  const removed = await karim.request.post(`/api/youth/${omarId}/team/${svenId}/remove`, {
    headers: APP,
    data: { reason: 'Bokningen är gjord' },
  });
  expect(removed.status()).toBe(200);
  await karim.context().close();

  // Omar cancels, after saying yes to the question.
  await movedItem.getByRole('button', { name: 'Avboka' }).click();
  await expect(page.getByText('Vill du avboka tiden? Det går inte att ångra.')).toBeFocused();
  await expectNoA11yViolations(page, 'the cancel question');
  await page.getByRole('button', { name: 'Ja, avboka' }).click();
  await expect(page.getByText('Bokningen är avbokad.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kommande' })).not.toContainText(note);
  await expect(page.getByRole('region', { name: 'Tidigare' }).getByRole('listitem').filter({ hasText: note })).toContainText('Avbokad');
  await expectNoA11yViolations(page, 'my bookings after cancelling');
  // What is left is the time Sven booked for him.
  expect((await upcoming(page)).map((b) => b.id)).toEqual([forOmar?.id]);

  // Sven's day no longer lists it.
  await sven.goto(`/booking/staff/day/${moved.starts_at.slice(0, 10)}`);
  await expect(sven.getByRole('heading', { level: 1, name: 'Bokningar' })).toBeVisible();
  await expect(sven.getByRole('listitem').filter({ hasText: YOUTH_19.name })).toHaveCount(0);

  await sven.context().close();
});

test("staff keep their opening hours, time off, session types and group sessions; with nothing free, a young person joins the waitlist", async ({
  page,
  browser,
  guard,
}) => {
  await signInDemo(page, SVEN.email, 'Ungdomar');
  await page.getByRole('link', { name: 'Bokningar och öppettider' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bokningar' })).toBeVisible();

  // Opening hours: the demo's week, one more opening, saved.
  await page.getByRole('link', { name: 'Öppettider' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Öppettider' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Öppettid 9' })).toBeVisible();
  await expectNoA11yViolations(page, 'opening hours');
  await page.getByRole('button', { name: 'Lägg till öppettid' }).click();
  const added = page.getByRole('group', { name: 'Öppettid 10' });
  await added.getByLabel('Veckodag').selectOption({ label: 'fredag' });
  await added.getByLabel('Från').fill('13:00');
  await added.getByLabel('Till').fill('15:00');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Sparat.')).toBeVisible();
  // An opening that ends before it starts is refused, next to it.
  await added.getByLabel('Till').fill('12:00');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(added.getByText('Slutet måste vara efter början.')).toBeVisible();
  await expectNoA11yViolations(page, 'opening hours with an error');

  // Time off.
  await page.goto('/booking/staff/time-off');
  await expect(page.getByRole('heading', { level: 1, name: 'Ledighet' })).toBeVisible();
  await expect(page.getByText('Ingen ledighet inlagd.')).toBeVisible();
  await expectNoA11yViolations(page, 'time off');
  await page.getByLabel('Från datum').fill('2030-01-07');
  await page.getByLabel('Till datum').fill('2030-01-08');
  await page.getByLabel('Anledning (frivilligt)').fill('Utbildningsdag');
  await page.getByRole('button', { name: 'Lägg in' }).click();
  await expect(page.getByText('Utbildningsdag')).toBeVisible();
  await expectNoA11yViolations(page, 'time off added');

  // Session types, a new one, and a group session.
  await page.goto('/booking/staff/types');
  await expect(page.getByRole('heading', { level: 1, name: 'Typer av besök och gruppträffar' })).toBeVisible();
  await expectNoA11yViolations(page, 'session types');
  const name = `Gymnasieval ${Math.floor(Math.random() * 1e6)}`;
  const newType = page.getByRole('region', { name: 'Ny typ av besök' });
  await newType.getByLabel('Namn').fill(name);
  await newType.getByLabel('Yrke').selectOption({ label: 'arbetsförmedlare' });
  await newType.getByLabel('Längd i minuter').fill('30');
  await newType.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('link', { name })).toBeVisible();
  const group = page.getByRole('region', { name: 'Ny gruppträff' });
  await group.getByLabel('Typ av besök').selectOption({ index: 1 });
  await group.getByLabel('Plats', { exact: true }).fill('Komvux, Storgatan 1');
  await group.getByRole('button', { name: 'Skapa gruppträff' }).click();
  await expect(group.getByText('Gruppträffen är skapad:')).toBeVisible();
  await expectNoA11yViolations(page, 'session types after saving');


  // Nobody of that profession has opening hours: Omar can only join the waitlist.
  const omar = await phone(browser, guard, YOUTH_19.email);
  await omar.goto('/booking');
  await omar.getByRole('region', { name: 'Arbetsförmedlingen – arbetsförmedlare' }).getByRole('link', { name }).click();
  await omar.getByRole('link', { name: 'Vem som helst' }).click();
  await expect(omar.getByRole('heading', { name: 'Inga lediga tider' })).toBeVisible();
  await expectNoA11yViolations(omar, 'no free times');
  await omar.getByRole('button', { name: 'Ställ mig i kön' }).click();
  await expect(omar.getByRole('heading', { level: 1, name: 'Du står i kön' })).toBeFocused();
  await expect(omar.getByText('Din plats i kön: 1.')).toBeVisible();
  await expectNoA11yViolations(omar, 'on the waitlist');
  await omar.getByRole('link', { name: 'Mina bokningar', exact: true }).click();
  const line = omar.getByRole('region', { name: 'Köer du står i' }).getByRole('listitem').filter({ hasText: name });
  await expect(line).toContainText('Vem som helst');
  await expectNoA11yViolations(omar, 'my bookings with a place in line');
  await line.getByRole('button', { name: 'Lämna kön' }).click();
  await expect(omar.getByText('Du har lämnat kön.')).toBeVisible();
  await expect(omar.getByRole('region', { name: 'Köer du står i' })).toHaveCount(0);
  await omar.context().close();
});
