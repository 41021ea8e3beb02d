// The individual plan (issue 17): at a desk, Karim, Elsa's contact person, makes her
// plan after the mapping conversation, adds three measures (one for each kind of
// responsible party: Elsa herself, a unit of the municipality, another actor),
// changes one, and revises the plan; the earlier version stays readable as it was.
// Elsa, on her phone, opens her plan from My page, sees it in plain words with what
// the register holds about her and why, and agrees. Karim sees her agreement. Every
// page state passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { ADMIN, CONTACT_PERSON, DESK, YOUTH_17, signInDemo, signedInElsewhere } from '../support/people';
import { phone } from '../support/applications';

const APP = { 'x-requested-with': 'lotsen' };

test.use(DESK);

/** A day `days` from today, in Stockholm, as `YYYY-MM-DD`. */
function isoDay(days = 0): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

test('staff make and revise a plan with three measures, the young person agrees on her phone, staff see it', async ({ page, browser, guard }) => {
  // Elsa into the register, as Anna (an administrator keeps the register).
  const anna = await signedInElsewhere(browser, guard, DESK, ADMIN.email, 'Ungdomar');
  const list: { id: number; name: string }[] = await (await anna.request.get('/api/youth', { headers: APP })).json();
  const elsaId = list.find((y) => y.name === YOUTH_17.name)?.id;
  expect(elsaId).toBeTruthy();
  // The record shows the personnummer masked; the whole number on request (audited).
  const record = await (await anna.request.post(`/api/youth/${elsaId}/personnummer`, { headers: APP })).json();
  const added = await anna.request.post('/api/register/people', {
    headers: APP,
    data: { personnummer: record.personnummer, name: YOUTH_17.name, registration: { on: isoDay(), reason: 'dropped_out' } },
  });
  expect(added.status()).toBe(201);
  await anna.context().close();

  // Karim opens Elsa's plan: none yet.
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  await page.goto(`/register/people/${elsaId}/plan`);
  await expect(page.getByRole('heading', { level: 1, name: 'Individuell plan' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Ingen plan ännu' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Tillbaka till registret för den unga' })).toHaveAttribute('href', `/register/people/${elsaId}`);
  await expectNoA11yViolations(page, 'a plan not made yet');

  // The texts are required; the reminder about sensitive details is beside them.
  const make = page.getByRole('form', { name: 'Gör planen' });
  await make.getByRole('button', { name: 'Spara planen' }).click();
  const ownWords = make.getByLabel('Den ungas mål, behov och förväntningar med egna ord');
  await expect(ownWords).toBeFocused();
  await expect(ownWords).toHaveAccessibleDescription(/Skriv inte känsliga uppgifter, till exempel om hälsa/);
  await expectNoA11yViolations(page, 'making the plan, with errors');
  await make.getByLabel('Kartläggningssamtal').fill(isoDay());
  await ownWords.fill('Jag vill jobba med djur och kanske plugga senare.');
  await make.getByLabel('Planens mål').fill('Praktik inom djurvård under våren.');
  await make.getByRole('button', { name: 'Spara planen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Planen är sparad som en ny version.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Nuvarande plan, version 1' })).toBeVisible();
  await expectNoA11yViolations(page, 'the plan, version 1');

  // Three measures, one per kind of responsible party.
  const add = page.getByRole('form', { name: 'Lägg till en insats' });
  const measures = page.getByRole('table', { name: 'Insatser i planen, som de är nu' });
  async function addMeasure(code: string, kind: RegExp, name: string | null, end: string) {
    await add.getByLabel('Insats', { exact: true }).selectOption({ label: code });
    await add.getByLabel(kind).check();
    if (name) {
      await add.getByLabel(/^Vilken (enhet i kommunen|aktör)\?$/).fill(name);
    }
    await add.getByLabel('Planerat slut').fill(end);
    await add.getByRole('button', { name: 'Lägg till insatsen' }).click();
    await expect(measures.getByRole('row').filter({ hasText: code })).toBeVisible();
  }
  await addMeasure('Praktik', /^Den unga själv$/, null, isoDay(90));
  await expectNoA11yViolations(page, 'the plan with a measure');
  await addMeasure('Studie- och yrkesvägledning', /^Kommunen$/, 'Ungdomsteamet', isoDay(30));
  await addMeasure('Insats via Arbetsförmedlingen', /^En annan aktör/, 'Arbetsförmedlingen', isoDay(120));
  await expect(measures.getByRole('row')).toHaveCount(4);
  await expect(measures.getByRole('row').filter({ hasText: 'Studie- och yrkesvägledning' })).toContainText('Kommunen – Ungdomsteamet');
  await expect(measures.getByRole('row').filter({ hasText: 'Insats via Arbetsförmedlingen' })).toContainText('Arbetsförmedlingen (annan aktör)');

  // A follow-up date on one of them.
  await measures.getByRole('button', { name: 'Ändra Praktik' }).click();
  const change = page.getByRole('form', { name: 'Ändra insatsen: Praktik' });
  await expect(change.getByLabel('Planerad start')).toBeFocused();
  await expectNoA11yViolations(page, 'changing a measure');
  await change.getByLabel('Nästa uppföljning').fill(isoDay(14));
  await change.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Insatsen är ändrad.' })).toBeVisible();
  await expect(measures.getByRole('row').filter({ hasText: 'Praktik' })).toContainText(isoDay(14));

  // Revising: a new version; the earlier one is kept as it was.
  const revise = page.getByRole('form', { name: 'Revidera planen' });
  await expect(revise.getByLabel('Planens mål')).toHaveValue('Praktik inom djurvård under våren.');
  await revise.getByLabel('Planens mål').fill('Praktik inom djurvård under våren, sedan Komvux i höst.');
  await revise.getByRole('button', { name: 'Spara en ny version' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Nuvarande plan, version 2' })).toBeVisible();
  const earlier = page.getByRole('region', { name: 'Tidigare versioner' });
  await earlier.getByRole('button', { name: 'Visa version 1' }).click();
  await expect(earlier.getByRole('heading', { level: 3, name: 'Så här såg planen ut i version 1' })).toBeVisible();
  await expect(earlier.getByText('Praktik inom djurvård under våren.', { exact: true })).toBeVisible();
  await expect(earlier.getByText('Inga insatser ännu.')).toBeVisible();
  await expectNoA11yViolations(page, 'the revised plan with version 1 open');

  // Elsa on her phone: My page → her plan.
  const elsa = await phone(browser, guard, YOUTH_17.email);
  await elsa.getByRole('link', { name: 'Se din plan och vad registret har om dig' }).click();
  await expect(elsa.getByRole('heading', { level: 1, name: 'Din plan' })).toBeVisible();
  await expect(elsa.getByText('Praktik inom djurvård under våren, sedan Komvux i höst.')).toBeVisible();
  const todo = elsa.getByRole('region', { name: 'Det här ska göras' });
  await expect(todo.getByRole('listitem')).toHaveCount(3);
  await expect(todo.getByRole('listitem').filter({ hasText: 'Praktik' })).toContainText('Vem gör det: Du själv');
  await expect(todo.getByRole('listitem').filter({ hasText: 'Studie- och yrkesvägledning' })).toContainText('Kommunen (Ungdomsteamet)');
  await expect(todo.getByRole('listitem').filter({ hasText: 'Insats via Arbetsförmedlingen' })).toContainText('Vem gör det: Arbetsförmedlingen');
  const register = elsa.getByRole('region', { name: 'Det här står om dig i aktivitetsansvarets register' });
  await expect(register.getByText(/Lagen ger kommunen rätt att behandla uppgifterna även om du inte vill det/)).toBeVisible();
  await expect(register.getByText(/Du är inskriven nu/)).toBeVisible();
  await expectNoA11yViolations(elsa, 'the young person\'s plan');

  // Karim revises once more while Elsa reads: her answer to the older version is
  // refused, she is told so, and the new version is shown.
  await revise.getByLabel('Planens mål').fill('Praktik inom djurvård i vår, Komvux i höst.');
  await revise.getByRole('button', { name: 'Spara en ny version' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Nuvarande plan, version 3' })).toBeVisible();
  await elsa.getByRole('button', { name: 'Jag håller med' }).click();
  await expect(elsa.getByRole('alert')).toContainText('Planen har ändrats sedan du läste den.');
  await expect(elsa.getByText('Praktik inom djurvård i vår, Komvux i höst.')).toBeVisible();
  await expectNoA11yViolations(elsa, 'the young person\'s plan, changed meanwhile');

  await elsa.getByRole('button', { name: 'Jag håller med' }).click();
  await expect(elsa.getByRole('status').filter({ hasText: 'Tack! Ditt svar är skickat till din kontaktperson.' })).toBeVisible();
  await expect(elsa.getByText(/Du sa att du håller med den/)).toBeVisible();
  await expect(elsa.getByRole('button', { name: 'Jag håller med' })).toHaveCount(0);
  await expectNoA11yViolations(elsa, 'the young person\'s plan, agreed');

  // Karim sees the agreement.
  await page.reload();
  const current = page.getByRole('region', { name: 'Nuvarande plan, version 3' });
  await expect(current.getByText(/Håller med, sedan/)).toBeVisible();
  await expectNoA11yViolations(page, 'the plan, agreed by the young person');
  await elsa.context().close();
});
