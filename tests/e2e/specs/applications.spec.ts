// The application (issue 5), on four phones: staff start an application for Elsa
// (17), she fills it in and signs it herself, both guardians co-sign, the team
// accepts it and assigns a contact person, and Elsa sees that she is accepted and
// who her contact person is. Every page passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, DEMO_PASSWORD, DESK, GUARDIAN, GUARDIAN_2, YOUTH_17, YOUTH_19, signInDemo, signedInElsewhere } from '../support/people';
import { openToCosign, phone } from '../support/applications';
import type { Page } from '@playwright/test';

async function cosign(page: Page, path: string, name: string): Promise<void> {
  await openToCosign(page, path, name);
  await expectNoA11yViolations(page, `the application, for ${name} to co-sign`);
  // Like the young person, a guardian first says they have read it.
  await page.getByLabel('Ditt lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Skriv under', exact: true }).click();
  await expect(page.getByLabel('Jag har läst ansökan', { exact: true })).toBeFocused();
  await page.getByLabel('Jag har läst ansökan', { exact: true }).check();
  await page.getByRole('button', { name: 'Skriv under', exact: true }).click();
  await expect(page.getByText('Vill du skriva under ansökan nu?')).toBeFocused();
  await expectNoA11yViolations(page, `${name}'s confirm step`);
  await page.getByRole('button', { name: 'Ja, skriv under' }).click();
  await expect(page.getByRole('heading', { name: 'Skriv under som vårdnadshavare' })).toHaveCount(0);
}

test('a 17-year-old signs, both guardians co-sign, the team accepts and assigns a contact person', async ({
  page,
  browser,
  guard,
}) => {
  // Karim, the referrer, starts the application from Elsa's record.
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  await page.getByRole('link', { name: YOUTH_17.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: YOUTH_17.name })).toBeVisible();
  await page.getByRole('link', { name: 'Ansökningar och ny ansökan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökningar' })).toBeVisible();
  await expectNoA11yViolations(page, "the young person's applications (staff)");
  await page.getByRole('link', { name: 'Påbörja en ansökan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny ansökan' })).toBeVisible();

  // Saving without the choices made says what is missing, next to each group.
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByLabel('Studerar', { exact: true })).toBeFocused();
  await expectNoA11yViolations(page, 'the application form with errors');

  await page.getByLabel('Varken studerar eller arbetar', { exact: true }).check();
  await page.getByLabel('Senaste skola', { exact: true }).fill('Alströmergymnasiet');
  await page.getByLabel('Jag hoppade av', { exact: true }).check();
  await page.getByLabel('Att hitta arbete', { exact: true }).check();
  await page.getByLabel('Sms', { exact: true }).check();
  await page.getByLabel('Skolan', { exact: true }).check();
  await page.getByLabel('Arbetsförmedlingen', { exact: true }).check();
  await expectNoA11yViolations(page, 'the filled-in application form');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökan', exact: true })).toBeVisible();
  await expect(page.getByText('Utkast: väntar på den ungas underskrift')).toBeVisible();
  await expectNoA11yViolations(page, 'the draft application (staff)');
  const path = new URL(page.url()).pathname;
  expect(path).toMatch(/^\/applications\/\d+$/);

  // Elsa continues on her own phone: she adds her interests and signs.
  const elsa = await phone(browser, guard, YOUTH_17.email);
  await expectNoA11yViolations(elsa, "Elsa's own page");
  await elsa.getByRole('link', { name: 'Min ansökan' }).click();
  await expect(elsa.getByRole('heading', { level: 1, name: 'Min ansökan' })).toBeVisible();
  await expectNoA11yViolations(elsa, "Elsa's applications");
  await elsa.locator(`a[href="${path}"]`).click();
  await expect(elsa.getByText('Väntar på din underskrift')).toBeVisible();
  await expectNoA11yViolations(elsa, 'the draft, for Elsa');
  await elsa.getByRole('link', { name: 'Ändra' }).click();
  await expect(elsa.getByRole('heading', { level: 1, name: 'Ändra ansökan' })).toBeVisible();
  await expect(elsa.getByLabel('Senaste skola', { exact: true })).toHaveValue('Alströmergymnasiet');
  await elsa.getByLabel('Intressen', { exact: true }).fill('Musik och fotboll');
  await expectNoA11yViolations(elsa, 'the edit form, for Elsa');
  await elsa.getByRole('button', { name: 'Spara' }).click();
  await expect(elsa.getByText('Väntar på din underskrift')).toBeVisible();
  await expect(elsa.getByText('Musik och fotboll', { exact: true })).toBeVisible();

  // Signing needs "I have read" and her password, then a confirm step.
  await elsa.getByLabel('Ditt lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await elsa.getByRole('button', { name: 'Skriv under', exact: true }).click();
  await expect(elsa.getByLabel('Jag har läst ansökan', { exact: true })).toBeFocused();
  await expectNoA11yViolations(elsa, 'the signing form with an error');
  await elsa.getByLabel('Jag har läst ansökan', { exact: true }).check();
  await elsa.getByRole('button', { name: 'Skriv under', exact: true }).click();
  await expect(elsa.getByText('Vill du skriva under ansökan nu?')).toBeFocused();
  await expectNoA11yViolations(elsa, "Elsa's confirm step");
  await elsa.getByRole('button', { name: 'Ja, skriv under' }).click();
  await expect(elsa.getByText(/Väntar på vårdnadshavare [12]/)).toBeVisible();
  await expectNoA11yViolations(elsa, 'the signed application, for Elsa');

  // Both guardians co-sign, each on their own phone.
  const maria = await phone(browser, guard, GUARDIAN.email);
  await cosign(maria, path, GUARDIAN.name);
  await expect(maria.getByText(/Väntar på vårdnadshavare [12]/)).toBeVisible();
  await expect(maria.getByText(`(${GUARDIAN_2.name})`)).toBeVisible();
  await expectNoA11yViolations(maria, 'the co-signed application, for Maria');
  const per = await phone(browser, guard, GUARDIAN_2.email);
  await cosign(per, path, GUARDIAN_2.name);
  await expect(per.getByText('Inskickad: väntar på teamets beslut')).toBeVisible();
  await expect(per.getByRole('link', { name: 'Den individuella planen' })).toHaveCount(0);

  // The team meeting: Karim opens the list, oldest first, and accepts.
  await page.getByRole('link', { name: 'Ungdomar', exact: true }).click();
  await page.getByRole('link', { name: 'Ansökningar att besluta om' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansökningar att besluta om' })).toBeVisible();
  await expect(page.locator(`a[href="${path}"]`)).toHaveText(YOUTH_17.name);
  await expectNoA11yViolations(page, 'the applications to decide');
  await page.locator(`a[href="${path}"]`).click();
  await expect(page.getByText('Inskickad: väntar på teamets beslut')).toBeVisible();
  await expectNoA11yViolations(page, 'the submitted application (staff)');
  await page.getByLabel('Kontaktperson', { exact: true }).selectOption({ label: CONTACT_PERSON.name });
  await page.getByRole('button', { name: 'Anta och utse kontaktperson' }).click();
  await expect(page.getByText('Antagen', { exact: true }).first()).toBeVisible();
  await expectNoA11yViolations(page, 'the accepted application (staff)');
  // The timeline goes on in her individual plan (the register's).
  const youthId = (await page.request.get(`/api${path}`, { headers: { 'x-requested-with': 'lotsen' } }).then((r) => r.json())).youth_id;
  await expect(page.getByRole('link', { name: 'Den individuella planen' })).toHaveAttribute('href', `/register/people/${youthId}/plan`);

  // Elsa sees that she is accepted, and who her contact person is.
  await elsa.reload();
  await expect(elsa.getByText('Antagen', { exact: true }).first()).toBeVisible();
  await expect(elsa.getByText(`Din kontaktperson är ${CONTACT_PERSON.name}`)).toBeVisible();
  await expect(elsa.getByRole('link', { name: 'Den individuella planen' })).toHaveAttribute('href', '/plan');
  await expectNoA11yViolations(elsa, 'the accepted application, for Elsa');
  await elsa.getByRole('link', { name: 'Kvitto' }).click();
  await expect(elsa.getByRole('heading', { level: 1, name: 'Kvitto på ansökan' })).toBeVisible();
  await expect(elsa.getByText(`${YOUTH_17.name} (den unga)`)).toBeVisible();
  await expect(elsa.getByText(`${GUARDIAN_2.name} (vårdnadshavare)`)).toBeVisible();
  await expectNoA11yViolations(elsa, 'the receipt');

  for (const p of [elsa, maria, per]) await p.context().close();
});

test('the address /applications alone opens the list each person works from', async ({ page, browser, guard }) => {
  // A young person on a phone: their own application.
  await signInDemo(page, YOUTH_19.email, 'Hem');
  await page.goto('/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'Min ansökan' })).toBeVisible();
  await expect(page).toHaveURL(/\/applications\/mine$/);
  await expectNoA11yViolations(page, "a young person's /applications");

  // Staff at a desk: the team's applications to decide.
  const karim = await signedInElsewhere(browser, guard, DESK, CONTACT_PERSON.email, 'Min dag');
  await karim.goto('/applications');
  await expect(karim.getByRole('heading', { level: 1, name: 'Ansökningar att besluta om' })).toBeVisible();
  await expect(karim).toHaveURL(/\/applications\/to-decide$/);
  await expectNoA11yViolations(karim, "staff's /applications");

  // Signed out: the sign-in page, and back to the list after it.
  const signedOut = await browser.newContext();
  const visitor = await signedOut.newPage();
  guard(visitor);
  await visitor.goto('/applications');
  await expect(visitor.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await visitor.getByLabel('E-post eller mobilnummer').fill(YOUTH_19.email);
  await visitor.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await visitor.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: 'Min ansökan' })).toBeVisible();
  await karim.context().close();
  await signedOut.close();
});
