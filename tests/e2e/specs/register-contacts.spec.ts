// The register's outreach (issue 17), at a desk: Anna, the administrator, puts a
// young person in the register (through the API, registered three weeks ago). The
// registration appears in "to contact", marked past the 14-day goal. A call with no
// answer is logged; the ladder suggests an SMS, which is logged and waits (it is in
// the development outbox); the letter prints with the address in the envelope's
// window and nothing of the site around it; the young person is reached, working,
// and leaves "to contact". Every page state is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { ADMIN, CONTACT_PERSON, DESK, personnummer, signInDemo, signedInElsewhere } from '../support/people';

const APP = { 'x-requested-with': 'lotsen' };
const PX_PER_MM = 96 / 25.4;

test.use(DESK);

/** A name no other run has used on this server. */
function uniqueName(): string {
  const letters = 'abcdefghijklmnoprstuvy';
  const suffix = Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
  return `Linnea Kontakt${suffix}`;
}

/** The ISO date `days` ago. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

test('a new registration is contacted up the ladder, the letter prints, and the young person is reached', async ({ page, browser, guard }) => {
  await signInDemo(page, ADMIN.email, 'Ungdomar');
  const name = uniqueName();
  const digits = String(1000 + Math.floor(Math.random() * 9000));
  const added = await page.request.post('/api/register/people', {
    headers: APP,
    data: {
      personnummer: personnummer(18),
      name,
      details: { street: 'Kungsgatan 7 B', postal_code: '441 30', city: 'Alingsås', phone: `070-111 ${digits}` },
      registration: { on: daysAgo(21), reason: 'dropped_out' },
    },
  });
  expect(added.status()).toBe(201);
  const youthId: number = (await added.json()).youth_id;

  // "To contact": the new registration, past the 14-day goal in words.
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1, name: 'Aktivitetsansvaret' })).toBeVisible();
  const toContact = page.getByRole('region', { name: 'Att kontakta' });
  const row = toContact.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Över 14 dagar');
  await expect(row).toContainText('Telefonsamtal');
  await expect(page.getByRole('region', { name: 'Min arbetslista i dag' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Registret' })).toHaveAttribute('href', '/register/people');
  await expectNoA11yViolations(page, 'the register start page');

  // The entry's contact log: a call first.
  await row.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/register/people/${youthId}$`));
  const log = page.getByRole('region', { name: 'Kontakter' });
  await expect(log.locator('#contact-suggested')).toHaveText('Föreslaget nästa steg: Telefonsamtal.');
  await expect(log.getByText('Inga kontaktförsök ännu.')).toBeVisible();
  await expectNoA11yViolations(page, 'an empty contact log');

  // Without an outcome, the form says so next to the field.
  await log.getByRole('button', { name: 'Logga kontakten' }).click();
  await expect(log.getByLabel('Resultat')).toBeFocused();
  await expectNoA11yViolations(page, 'the contact form with an error');

  await expect(log.getByLabel('Sätt')).toHaveValue('phone');
  await log.getByLabel('Resultat').selectOption({ label: 'Inget svar' });
  await expect(log.getByLabel('Vad gör den unga personen nu?')).toHaveCount(0);
  await log.getByRole('button', { name: 'Logga kontakten' }).click();
  await expect(log.locator('#contact-status')).toHaveText('Kontakten är loggad.');
  await expect(log.locator('#contact-suggested')).toHaveText('Föreslaget nästa steg: Sms.');
  const rows = log.locator('.contact-log__row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Inget svar');
  await expect(rows.first()).toContainText(ADMIN.name);
  await expectNoA11yViolations(page, 'the log after a call with no answer');

  // The SMS rung: the form starts there; the server writes the SMS, which waits.
  await expect(log.getByLabel('Sätt')).toHaveValue('sms');
  await expect(log.getByText('Sms-texten skrivs av Lotsen')).toBeVisible();
  const today = await log.getByLabel('Datum', { exact: true }).inputValue();
  await log.getByLabel('Resultat').selectOption({ label: 'Meddelande lämnat' });
  await log.getByLabel('Nästa kontakt (frivillig)').fill(today);
  await log.getByRole('button', { name: 'Logga kontakten' }).click();
  await expect(log.locator('#contact-status')).toHaveText('Kontakten är loggad.');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Sms');
  await expect(rows.first()).toContainText('Sms väntar på att skickas');
  await expect(log.locator('#contact-suggested')).toHaveText('Föreslaget nästa steg: Brev.');
  await expectNoA11yViolations(page, 'the log with an SMS waiting');

  // The development outbox lists the SMS (to the register's phone, written by Lotsen).
  await page.goto('/staff/outbox');
  const sms = page.locator('.outbox__message').filter({ hasText: `+4670111${digits}` });
  await expect(sms).toHaveCount(1);
  await expect(sms.locator('.outbox__body')).toContainText('från Lotsen');
  await expectNoA11yViolations(page, 'the outbox with the SMS');

  // The worklist has the contact due today.
  await page.goto('/register');
  const worklist = page.getByRole('region', { name: 'Min arbetslista i dag' });
  await expect(worklist.getByRole('link', { name })).toHaveAttribute('href', `/register/people/${youthId}`);
  await expectNoA11yViolations(page, 'the worklist with a contact due');

  // The letter: on screen a sheet with a print button; in print only the sheet,
  // the address block where the window of the envelope is.
  await page.goto(`/register/people/${youthId}/letter`);
  await expect(page.getByRole('heading', { level: 1, name: 'Brev att skriva ut' })).toBeVisible();
  const address = page.locator('.letter__address');
  await expect(address).toContainText(name);
  await expect(address).toContainText('Kungsgatan 7 B');
  await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeVisible();
  await expectNoA11yViolations(page, 'the letter on screen');
  const letterAnswer = await page.request.get(`/api/register/people/${youthId}/letter`, { headers: APP });
  const stated = (await letterAnswer.json()).window as { left_mm: number; top_mm: number; width_mm: number; height_mm: number };
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  const box = await address.boundingBox();
  expect(box).not.toBeNull();
  const mm = { left: box!.x / PX_PER_MM, top: box!.y / PX_PER_MM, width: box!.width / PX_PER_MM, height: box!.height / PX_PER_MM };
  expect(Math.abs(mm.left - stated.left_mm)).toBeLessThan(1.5);
  expect(Math.abs(mm.top - stated.top_mm)).toBeLessThan(1.5);
  expect(Math.abs(mm.width - stated.width_mm)).toBeLessThan(1.5);
  expect(Math.abs(mm.height - stated.height_mm)).toBeLessThan(1.5);
  // Printed, the sheet is one A4 page (the letter's own @page: A4, no margins).
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const media = pdf.match(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/);
  expect(media?.slice(1, 3).map((pt) => Math.round(Number(pt)))).toEqual([595, 842]);
  expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
  await page.emulateMedia({ media: 'screen' });

  // Reached by phone, working: no rung is suggested and they leave "to contact".
  await page.goto(`/register/people/${youthId}`);
  await expect(log.locator('#contact-suggested')).toHaveText('Föreslaget nästa steg: Brev.');
  await log.getByLabel('Sätt').selectOption({ label: 'Telefonsamtal' });
  await log.getByLabel('Resultat').selectOption({ label: 'Nådd' });
  await log.getByRole('button', { name: 'Logga kontakten' }).click();
  await expect(log.getByLabel('Vad gör den unga personen nu?')).toBeFocused();
  await expectNoA11yViolations(page, 'reached without an occupation');
  await log.getByLabel('Vad gör den unga personen nu?').selectOption({ label: 'Arbete' });
  await log.getByLabel('Anteckning (frivillig)').fill('Jobbar på ett lager, vill prata om studier i höst.');
  await log.getByRole('button', { name: 'Logga kontakten' }).click();
  await expect(log.locator('#contact-status')).toHaveText('Kontakten är loggad.');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('Nådd');
  await expect(rows.first()).toContainText('Arbete');
  await expect(log.locator('#contact-suggested')).toHaveText('Inget nästa steg föreslås.');
  await expectNoA11yViolations(page, 'the log after reaching them');

  await page.goto('/register');
  await expect(page.getByRole('region', { name: 'Min arbetslista i dag' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Att kontakta' }).getByRole('link', { name })).toHaveCount(0);
  await expectNoA11yViolations(page, 'the register start page after the contact');

  // A contact person who is not an officer sees their worklist, and a plain note
  // where "to contact" would be (the server refuses them that list).
  const karim = await signedInElsewhere(browser, guard, DESK, CONTACT_PERSON.email, 'Ungdomar');
  await karim.goto('/register');
  await expect(karim.getByRole('region', { name: 'Att kontakta' })).toContainText('Listan visas för aktivitetsansvariga och administratörer.');
  await expect(karim.getByRole('region', { name: 'Min arbetslista i dag' }).getByRole('heading', { name: 'Kontakter att ta' })).toBeVisible();
  // Nor is he offered the register-wide pages, which would only refuse him.
  for (const link of ['Registret', 'Importera en lista', 'Rapport till SCB']) {
    await expect(karim.getByRole('link', { name: link, exact: true })).toHaveCount(0);
  }
  await expectNoA11yViolations(karim, 'the register start page for a contact person');
  await karim.goto('/register/people');
  await expect(karim.getByRole('heading', { level: 1, name: 'Registret – aktivitetsansvaret' })).toBeVisible();
  await expect(karim.getByText('Listan visas för aktivitetsansvariga och administratörer.')).toBeVisible();
  await expect(karim.getByRole('alert')).toHaveCount(0);
  for (const link of ['Lägg till en ung person för hand', 'Importera en fil från skolan']) {
    await expect(karim.getByRole('link', { name: link })).toHaveCount(0);
  }
  await expectNoA11yViolations(karim, 'the register list for a contact person');
  await karim.context().close();
});
