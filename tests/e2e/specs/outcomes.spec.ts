// Follow-up (issue 8, outcomes): on a phone, Karim (a contact person) records that
// Omar has started work, after the form has refused studies without a school; the
// history and today's status show it; then he opens the term report, whose chart
// has a text alternative (its accessible name and a table with the same figures)
// and whose CSV carries them too. Every page passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, YOUTH_19, signInDemo } from '../support/people';

test('a contact person records a status and reads the term report with its text alternative', async ({ page }) => {
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  await page.getByRole('link', { name: YOUTH_19.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: YOUTH_19.name })).toBeVisible();
  const followUp = page.getByRole('region', { name: 'Uppföljning' });
  await expect(followUp.getByRole('heading', { name: 'Registrera ny status' })).toBeVisible();
  await expectNoA11yViolations(page, 'the young person and the follow-up form');

  // Studies need a school and a programme: the form says so and goes to the school.
  await followUp.getByLabel('Vad gäller det?').selectOption({ label: 'Studier' });
  await followUp.getByRole('button', { name: 'Spara' }).click();
  await expect(followUp.getByRole('alert').first()).toBeVisible();
  await expect(followUp.getByLabel('Skola')).toBeFocused();
  await expectNoA11yViolations(page, 'the follow-up form with errors');

  // Work from today (the date field starts at today).
  await followUp.getByLabel('Vad gäller det?').selectOption({ label: 'Arbete' });
  await expect(followUp.getByLabel('Skola')).toHaveCount(0);
  await followUp.getByRole('button', { name: 'Spara' }).click();
  await expect(followUp.getByRole('status')).toHaveText('Sparat.');
  await expect(followUp.getByText(/^Nu: Arbete \(sedan \d{4}-\d\d-\d\d\)$/)).toBeVisible();
  await expect(followUp.getByRole('listitem').filter({ hasText: 'Arbete' })).toContainText(
    `registrerat av ${CONTACT_PERSON.name}`,
  );
  // And the first contact, as an event.
  await followUp.getByLabel('Vad gäller det?').selectOption({ label: 'Första kontakt' });
  await followUp.getByRole('button', { name: 'Spara' }).click();
  await expect(followUp.getByRole('listitem').filter({ hasText: 'Första kontakt' })).toBeVisible();
  await expect(followUp.getByText(/^Nu: Arbete \(sedan \d{4}-\d\d-\d\d\)$/)).toBeVisible();
  await expectNoA11yViolations(page, 'the young person with a follow-up history');

  // The term report.
  await followUp.getByRole('link', { name: 'Terminsrapport' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Terminsrapport' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Terminens siffror mot målen' });
  await expect(table).toBeVisible();
  await expect(page.getByText(/^Deltagare: \d+/)).toBeVisible();
  // The table: one row per share, each with its goal.
  const inWork = table.getByRole('row', { name: /I arbete/ });
  await expect(inWork).toContainText('20 %');
  await expect(inWork.getByRole('cell').first()).toHaveText(/^[1-9]\d* \/ [1-9]\d*$/);
  for (const [label, goal] of [
    ['Kontaktade inom 2 veckor', '100 %'],
    ['Gått vidare till studier eller arbete', '50 %'],
    ['Med studieplan', '50 %'],
  ]) {
    await expect(table.getByRole('row', { name: new RegExp(label) })).toContainText(goal);
  }
  // The chart is an image whose name carries the same figures.
  const chart = page.getByRole('img', { name: /Stapeldiagram över terminens andelar/ });
  await expect(chart).toBeVisible();
  const name = (await chart.getAttribute('aria-label')) ?? '';
  for (const label of ['Kontaktade inom 2 veckor', 'Gått vidare till studier eller arbete', 'I arbete', 'Med studieplan']) {
    expect(name).toContain(label);
  }
  await expect(page.getByText('Staplarna visar andelen, strecken målet. Samma siffror står i tabellen.')).toBeVisible();
  await expectNoA11yViolations(page, 'the term report');

  // The CSV download carries the figures.
  const link = page.getByRole('link', { name: 'Ladda ner siffrorna som CSV' });
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/api\/reports\/term\.csv\?term=\d{4}-(spring|autumn)$/);
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const text = await csv.text();
  expect(text.split('\r\n')[0]).toBe('term,as_of,figure,count,of,percent,goal_percent,meets_goal');
  expect(text).toMatch(/,in_work,[1-9]\d*,[1-9]\d*,\d+,20,(true|false)\r\n/);

  // English works too.
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Term report' })).toBeVisible();
  await expect(page.getByRole('table', { name: "The term's figures against the goals" })).toBeVisible();
  await expectNoA11yViolations(page, 'the term report in English');
});
