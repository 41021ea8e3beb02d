// The waitlist (issue 7), on four phones. Karim Haddad (contact person, no opening
// hours in the demo) opens one hour a week and a new session type that can be booked
// five days ahead, so exactly one time is free whatever the time of day: on the day
// three days from today. He books it for Elsa. Omar and then Linnea find nothing free
// and join the waitlist. Karim cancels Elsa's time with a message: Elsa sees it
// cancelled by staff, with the message. The time is offered to Omar, who declines;
// it passes to Linnea, who accepts and has it booked. The type's deadline for changes
// (100 hours before) has passed: the app tells Linnea whom to call instead of
// cancelling. Every page passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, YOUTH_17, YOUTH_19, signInDemo } from '../support/people';
import { phone } from '../support/applications';
import type { Page } from '@playwright/test';

const YOUTH_24 = { name: 'Linnea Ek', email: 'linnea.ek@lotsen.example' };

/** The Swedish date `days` from today: its `YYYY-MM-DD` and its weekday's name. */
function swedishDay(days: number): { iso: string; weekday: string } {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return {
    iso: day.toISOString().slice(0, 10),
    weekday: day.toLocaleDateString('sv-SE', { timeZone: 'UTC', weekday: 'long' }),
  };
}

/** On the booking start page: the type `name` of a contact person, anyone, no free times, join. */
async function joinWaitlist(page: Page, name: string, position: number, who: string): Promise<void> {
  await page.goto('/booking');
  await expect(page.getByRole('heading', { level: 1, name: 'Boka tid' })).toBeVisible();
  await page.getByRole('region', { name: 'Prata om hur det går – kontaktperson' }).getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Vem som helst' }).click();
  await expect(page.getByRole('heading', { name: 'Inga lediga tider' })).toBeVisible();
  await page.getByRole('button', { name: 'Ställ mig i kön' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Du står i kön' })).toBeFocused();
  await expect(page.getByText(`Din plats i kön: ${position}.`)).toBeVisible();
  await expectNoA11yViolations(page, `${who} on the waitlist`);
}

/** "Mina bokningar", with the offer of the type `name` in "Erbjudna tider". */
async function offerOf(page: Page, name: string) {
  await page.goto('/booking/mine');
  await expect(page.getByRole('heading', { level: 1, name: 'Mina bokningar' })).toBeVisible();
  const offer = page.getByRole('region', { name: 'Erbjudna tider' }).getByRole('listitem').filter({ hasText: name });
  await expect(offer).toContainText('Erbjuden tid');
  await expect(offer).toContainText('16:00–17:00');
  return offer;
}

test('a time staff cancel goes to the first in the waitlist; declined, it passes to the next, who accepts; past the deadline the app says whom to call', async ({
  page,
  browser,
  guard,
}) => {
  const day = swedishDay(3);
  const name = `Uppföljningssamtal ${Math.floor(Math.random() * 1e6)}`;
  const message = `Jag är sjuk, vi hörs ${Math.floor(Math.random() * 1e6)}`;

  // Karim opens one hour a week, on the weekday three days from today.
  const karim = page;
  await signInDemo(karim, CONTACT_PERSON.email, 'Ungdomar');
  await karim.getByRole('link', { name: 'Bokningar och öppettider' }).click();
  await karim.getByRole('link', { name: 'Öppettider' }).click();
  await expect(karim.getByRole('heading', { level: 1, name: 'Öppettider' })).toBeVisible();
  await karim.getByRole('button', { name: 'Lägg till öppettid' }).click();
  const opening = karim.getByRole('group', { name: /^Öppettid \d+$/ }).last();
  await opening.getByLabel('Veckodag').selectOption({ label: day.weekday });
  await opening.getByLabel('Från').fill('16:00');
  await opening.getByLabel('Till').fill('17:00');
  await karim.getByRole('button', { name: 'Spara' }).click();
  await expect(karim.getByText('Sparat.')).toBeVisible();

  // A session type of an hour, bookable five days ahead: the one free time is on `day`.
  await karim.goto('/booking/staff/types');
  await expect(karim.getByRole('heading', { level: 1, name: 'Typer av besök och gruppträffar' })).toBeVisible();
  const newType = karim.getByRole('region', { name: 'Ny typ av besök' });
  await newType.getByLabel('Namn').fill(name);
  await newType.getByLabel('Yrke').selectOption({ label: 'kontaktperson' });
  await newType.getByLabel('Längd i minuter').fill('60');
  await newType.getByLabel('Kan bokas så många dagar framåt').fill('5');
  // Changes until 100 hours before: more than three days and a half, so the time is
  // always past its deadline once booked.
  await newType.getByLabel('Avbokning senast så många timmar före').fill('100');
  await newType.getByRole('button', { name: 'Spara' }).click();
  await expect(karim.getByRole('link', { name })).toBeVisible();

  // He books that time for Elsa.
  await karim.goto('/booking/staff/book');
  await expect(karim.getByRole('heading', { level: 1, name: 'Boka åt en ung person' })).toBeVisible();
  await karim.getByLabel('Ung person').selectOption({ label: YOUTH_17.name });
  await karim.getByLabel('Typ av besök').selectOption({ label: `${name} (kontaktperson)` });
  await expect(karim.getByRole('radio')).toHaveCount(1);
  await karim.getByRole('radio').check();
  await karim.getByRole('button', { name: 'Boka', exact: true }).click();
  await expect(karim.getByRole('status').filter({ hasText: 'Bokat:' })).toContainText(YOUTH_17.name);

  // Nothing is free now: Omar, then Linnea, join the waitlist.
  const omar = await phone(browser, guard, YOUTH_19.email);
  await joinWaitlist(omar, name, 1, 'Omar');
  const linnea = await phone(browser, guard, YOUTH_24.email);
  await joinWaitlist(linnea, name, 2, 'Linnea');

  // Karim cancels Elsa's time in his day view, with a message to her.
  await karim.goto(`/booking/staff/day/${day.iso}`);
  const elsasTime = karim.getByRole('listitem').filter({ hasText: YOUTH_17.name });
  await expect(elsasTime).toContainText('16:00–17:00');
  await elsasTime.getByRole('button', { name: 'Avboka' }).click();
  await expect(karim.getByLabel('Meddelande till den unga personen')).toBeFocused();
  // A cancellation without a message is refused, next to the field.
  await karim.getByRole('button', { name: 'Avboka och skicka' }).click();
  await expect(elsasTime.getByText('Fyll i det här fältet.')).toBeVisible();
  await expect(karim.getByLabel('Meddelande till den unga personen')).toBeFocused();
  await expectNoA11yViolations(karim, 'cancelling with a message, without one');
  await karim.getByLabel('Meddelande till den unga personen').fill(message);
  await karim.getByRole('button', { name: 'Avboka och skicka' }).click();
  await expect(karim.getByRole('listitem').filter({ hasText: YOUTH_17.name })).toHaveCount(0);
  await expectNoA11yViolations(karim, 'the day after cancelling');

  // Elsa sees it cancelled by staff, with the message.
  const elsa = await phone(browser, guard, YOUTH_17.email);
  await elsa.goto('/booking/mine');
  await expect(elsa.getByRole('heading', { level: 1, name: 'Mina bokningar' })).toBeVisible();
  const cancelled = elsa.getByRole('region', { name: 'Tidigare' }).getByRole('listitem').filter({ hasText: name });
  await expect(cancelled).toContainText('Avbokad av personalen');
  await expect(cancelled).toContainText(message);
  await expectNoA11yViolations(elsa, 'a time cancelled by staff');

  // Omar, first in line, is offered the time and declines.
  const forOmar = await offerOf(omar, name);
  await expectNoA11yViolations(omar, 'an offered time');
  await forOmar.getByRole('button', { name: 'Tacka nej' }).click();
  await expect(omar.getByText('Du har tackat nej. Tiden går till nästa i kön.')).toBeVisible();
  await expect(omar.getByRole('region', { name: 'Erbjudna tider' })).toHaveCount(0);
  await expectNoA11yViolations(omar, 'an offer declined');

  // It passes to Linnea, who accepts: it is booked, and her place in line is gone.
  const forLinnea = await offerOf(linnea, name);
  await forLinnea.getByRole('button', { name: 'Tacka ja' }).click();
  await expect(linnea.getByText('Du har tackat ja. Tiden är bokad.')).toBeVisible();
  await expect(linnea.getByRole('region', { name: 'Erbjudna tider' })).toHaveCount(0);
  await expect(linnea.getByRole('region', { name: 'Kommande' }).getByRole('listitem').filter({ hasText: name })).toContainText(
    '16:00–17:00',
  );
  await expect(linnea.getByRole('region', { name: 'Köer du står i' })).toHaveCount(0);
  await expectNoA11yViolations(linnea, 'an offer accepted');

  // It is past the type's deadline for changes: the app says so, offers no move,
  // and cancelling anyway says whom to call.
  const hers = linnea.getByRole('region', { name: 'Kommande' }).getByRole('listitem').filter({ hasText: name });
  await expect(hers).toContainText('Det är för sent att flytta eller avboka här.');
  await expect(hers.getByRole('link', { name: 'Flytta' })).toHaveCount(0);
  await hers.getByRole('button', { name: 'Avboka' }).click();
  await linnea.getByRole('button', { name: 'Ja, avboka' }).click();
  await expect(hers.getByRole('alert')).toContainText(`Det är för sent att ändra här. Ring ${CONTACT_PERSON.name}`);
  await expectNoA11yViolations(linnea, 'too late to cancel in the app');

  // Karim's day shows Linnea in the time.
  await karim.goto(`/booking/staff/day/${day.iso}`);
  await expect(karim.getByRole('listitem').filter({ hasText: YOUTH_24.name })).toContainText('16:00–17:00');
});
