// The register's half-year report to SCB and its code list of measures (issue 17), at
// a desk. Anna, the administrator, puts three young people in the register through the
// API (one reached, one with a measure whose actual end is before its start, which the
// API accepts and the report's checks catch), opens the report for the current
// half-year: the chart and its table show the server's figures, the seeded
// inconsistency is listed with a link to the young person's entry, and both downloads
// answer with their content types. Karim, who does not keep the register, is refused in
// words. On the code list Anna adds a code and deactivates it. Axe on every state.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { ADMIN, DESK, personnummer, signInDemo, signedInElsewhere } from '../support/people';

const APP = { 'x-requested-with': 'lotsen' };

test.use(DESK);

/** A Swedish date `days` from today, as YYYY-MM-DD. */
function swedishDay(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

test('the half-year report lists what to fix, downloads, and shows the figures; the code list grows and shrinks', async ({ page, browser, guard }) => {
  await signInDemo(page, ADMIN.email, 'Ungdomar');
  const today = swedishDay();
  const period = `${today.slice(0, 4)}-H${Number(today.slice(5, 7)) >= 7 ? 2 : 1}`;

  // Three young people in the register.
  const add = async (name: string): Promise<number> => {
    const answer = await page.request.post('/api/register/people', {
      headers: APP,
      data: { personnummer: personnummer(17), name, registration: { on: today, reason: 'dropped_out' } },
    });
    expect(answer.status(), await answer.text()).toBe(201);
    return (await answer.json()).youth_id;
  };
  const ida = await add('Ida Rapport');
  const pelle = await add('Pelle Felsson');
  await add('Nora Ännu Inte');
  const contact = await page.request.post(`/api/register/people/${ida}/contacts`, {
    headers: APP,
    data: { contacted_on: today, channel: 'phone', recipient: 'youth', outcome: 'reached', occupation: 'none' },
  });
  expect(contact.status(), await contact.text()).toBe(201);
  for (const [youth, dates] of [
    [ida, { planned_start: today }],
    // Ended the day before it started: accepted, and caught by the report's checks.
    [pelle, { planned_start: today, actual_end: swedishDay(-1), end_reason: 'discontinued' }],
  ] as const) {
    const measure = await page.request.post(`/api/register/people/${youth}/measures`, {
      headers: APP,
      data: { code: 'guidance', responsible_kind: 'municipality', responsible_name: 'Ungdomsteamet', ...dates },
    });
    expect(measure.status(), await measure.text()).toBe(201);
  }

  // The report for the current half-year.
  await page.goto('/register/report');
  await expect(page.getByRole('heading', { level: 1, name: 'Halvårsrapport till SCB' })).toBeVisible();
  await expect(page.getByLabel('Halvår', { exact: true })).toHaveValue(period);
  const problems = page.getByRole('region', { name: 'Att rätta innan filen skickas' });
  const pelles = problems.getByRole('listitem').filter({ hasText: 'Pelle Felsson' });
  await expect(pelles).toContainText('En insats slutar före sitt startdatum.');
  await expect(pelles.getByRole('link', { name: 'Pelle Felsson' })).toHaveAttribute('href', `/register/people/${pelle}`);
  await expect(problems.getByRole('listitem').filter({ hasText: 'Ida Rapport' })).toHaveCount(0);

  const report = await (await page.request.get(`/api/register/reports/scb?period=${period}`, { headers: APP })).json();
  expect(report.rows.length).toBeGreaterThanOrEqual(3);
  await expect(page.locator('#scb-rows')).toHaveText(String(report.rows.length));

  // The figures: the table says what the server counted, and the chart says the same.
  const figures = await (await page.request.get(`/api/register/reports/figures?period=${period}`, { headers: APP })).json();
  expect(figures.registered).toBeGreaterThanOrEqual(3);
  expect(figures.reached).toBeGreaterThanOrEqual(1);
  expect(figures.with_measure).toBeGreaterThanOrEqual(2);
  const table = page.getByRole('table', { name: 'Halvårets siffror' });
  const chart = page.getByRole('img', { name: /^Stapeldiagram över halvårets siffror\./ });
  for (const [label, count] of [
    ['I registret under halvåret', figures.in_register],
    ['Registrerade under halvåret', figures.registered],
    ['Nådda under halvåret', figures.reached],
    ['Nådda inom 2 veckor från registreringen', figures.reached_within_2_weeks],
    ['Med en insats', figures.with_measure],
    ['Avregistrerade: fyllt 20 år', figures.deregistered.find((d: { reason: string }) => d.reason === 'turned_20').count],
  ] as const) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    await expect(row.getByRole('cell')).toHaveText(String(count));
    await expect(chart).toHaveAttribute('aria-label', new RegExp(`${label}: ${count}(;|$)`));
  }
  await expectNoA11yViolations(page, 'the half-year report');

  // Both files download, with their content types.
  for (const [name, type] of [
    ['Ladda ner som CSV', 'text/csv'],
    ['Ladda ner som Excel (xlsx)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ]) {
    const href = await page.getByRole('link', { name }).getAttribute('href');
    expect(href).toContain(`period=${period}`);
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain(type);
  }

  // Johanna (a job coach) does not keep the register: the server's refusal,
  // in words. (Not Karim: the people spec makes him an officer.)
  const coach = await signedInElsewhere(browser, guard, DESK, 'johanna.lind@lotsen.example', 'Ungdomar');
  await coach.goto('/register/report');
  await expect(coach.getByRole('heading', { level: 1, name: 'Halvårsrapport till SCB' })).toBeVisible();
  await expect(coach.getByRole('alert')).toBeVisible();
  await expect(coach.getByRole('link', { name: 'Ladda ner som CSV' })).toHaveCount(0);
  await expectNoA11yViolations(coach, 'the report, refused');
  await coach.context().close();

  // The code list: Anna adds a code and deactivates it.
  await page.getByRole('link', { name: 'Insatskoder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insatskoder' })).toBeVisible();
  await expect(page.getByText('En kod tas aldrig bort')).toBeVisible();
  const codes = page.getByRole('table', { name: 'Insatskoder' });
  await expect(codes.getByRole('row').filter({ hasText: 'guidance' })).toContainText('Aktiv');
  await expectNoA11yViolations(page, 'the code list');

  const addForm = page.getByRole('region', { name: 'Lägg till en kod' });
  await addForm.getByLabel('Kod').fill('Ny Kod');
  await addForm.getByRole('button', { name: 'Lägg till koden' }).click();
  await expect(addForm.getByLabel('Kod')).toBeFocused();
  await expect(addForm.getByText('Skriv koden med små bokstäver')).toBeVisible();
  await expectNoA11yViolations(page, 'a new code, with errors');

  const code = `mentor_${Date.now() % 100000}`;
  await addForm.getByLabel('Kod').fill(code);
  await addForm.getByLabel('Namn på svenska').fill('Mentorsstöd');
  await addForm.getByLabel('Namn på engelska').fill('Mentoring');
  await addForm.getByRole('button', { name: 'Lägg till koden' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${code}: koden är tillagd` })).toBeVisible();
  const row = codes.getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('Mentorsstöd');
  await expect(row).toContainText('Aktiv');
  await expectNoA11yViolations(page, 'the code list with the new code');

  await row.getByRole('button', { name: `Avaktivera ${code}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${code}: avaktiverad` })).toBeVisible();
  await expect(row).toContainText('Avaktiverad');
  await expect(row.getByRole('button', { name: `Aktivera igen ${code}` })).toBeVisible();
  const listed = await (await page.request.get('/api/register/measure-codes', { headers: APP })).json();
  expect(listed.find((c: { code: string }) => c.code === code)?.active).toBe(false);
  await expectNoA11yViolations(page, 'the code list with the code deactivated');
});
