// The application's other endings (issue 5), on phones: a guardian declines to
// co-sign and it goes back to draft with the reason; the team declines an
// application with a reason the young person reads; a young person withdraws one
// consent and then the whole application. Every page passed through is audited.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, GUARDIAN, YOUTH_17, signInDemo } from '../support/people';
import { openOwn, openToCosign, phone, signOwn, startDraft, submittedAt19 } from '../support/applications';
import type { Page } from '@playwright/test';

/** Fills in a reason form (`heading` names it), sends it, and confirms. */
async function giveReason(page: Page, heading: string, button: string, yes: string, reason: string, label: string) {
  const form = page.getByRole('region', { name: heading });
  await form.getByLabel('Motivering', { exact: true }).fill(reason);
  await form.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('button', { name: yes })).toBeVisible();
  await expectNoA11yViolations(page, `${label}: the confirm step`);
  await page.getByRole('button', { name: yes }).click();
}

test('a guardian declines to co-sign: back to draft, and the young person sees why', async ({ page, browser, guard }) => {
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  const path = await startDraft(page, YOUTH_17.name);

  const elsa = await phone(browser, guard, YOUTH_17.email);
  await openOwn(elsa, path);
  await signOwn(elsa);
  await expect(elsa.getByText(/Väntar på vårdnadshavare [12]/)).toBeVisible();

  const maria = await phone(browser, guard, GUARDIAN.email);
  await openToCosign(maria, path, GUARDIAN.name);
  // A decline needs a reason: sending none says so next to the field.
  const region = maria.getByRole('region', { name: 'Vill du inte skriva under?' });
  await region.getByRole('button', { name: 'Skriv inte under', exact: true }).click();
  await expect(region.getByLabel('Motivering', { exact: true })).toBeFocused();
  await expectNoA11yViolations(maria, 'the guardian decline form with an error');
  const reason = 'Vi vill prata om det hemma först.';
  await giveReason(maria, 'Vill du inte skriva under?', 'Skriv inte under', 'Ja, skriv inte under', reason, "Maria's decline");
  await expect(maria.getByText('Vårdnadshavare skrev inte under')).toBeVisible();
  await expect(maria.getByText(reason)).toBeVisible();
  await expect(maria.getByRole('button', { name: 'Skriv under', exact: true })).toHaveCount(0);
  await expectNoA11yViolations(maria, 'the declined application, for Maria');

  // Elsa's application is a draft again: hers to change and sign again, with the reason shown.
  await elsa.reload();
  await expect(elsa.getByText('Väntar på din underskrift')).toBeVisible();
  await expect(elsa.getByText('Vårdnadshavare skrev inte under')).toBeVisible();
  await expect(elsa.getByText(reason)).toBeVisible();
  await expect(elsa.getByLabel('Jag har läst ansökan', { exact: true })).toBeVisible();
  await expectNoA11yViolations(elsa, 'the application back in draft, for Elsa');

  // The referrer sees it too.
  await page.goto(path);
  await expect(page.getByText('Utkast: väntar på den ungas underskrift')).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();

  for (const p of [elsa, maria]) await p.context().close();
});

test("the team declines a 19-year-old's application, with a reason he reads", async ({ page, browser, guard }) => {
  // Nineteen: he signs alone and it goes straight to the team.
  const { youth: omar, path } = await submittedAt19(page, browser, guard);
  await expectNoA11yViolations(omar, 'the submitted application, for Omar');

  await page.goto(path);
  await expect(page.getByText('Inskickad: väntar på teamets beslut')).toBeVisible();
  const reason = 'Du har redan en plats i kommunens arbetsmarknadsprogram.';
  await giveReason(page, 'Anta inte', 'Anta inte', 'Ja, anta inte', reason, "the team's decline");
  await expect(page.getByText('Inte antagen', { exact: true }).first()).toBeVisible();
  await expectNoA11yViolations(page, 'the declined application (staff)');

  await omar.reload();
  await expect(omar.getByText('Inte antagen', { exact: true }).first()).toBeVisible();
  await expect(omar.getByText(`Motivering: ${reason}`)).toBeVisible();
  // Nothing left to do on a declined application.
  await expect(omar.getByRole('button', { name: 'Återkalla hela ansökan' })).toHaveCount(0);
  await expectNoA11yViolations(omar, 'the declined application, for Omar');
  await omar.context().close();
});

test('a young person withdraws one consent, then the whole application', async ({ page, browser, guard }) => {
  const { youth: omar, path } = await submittedAt19(page, browser, guard);

  await omar.getByRole('button', { name: 'Ta tillbaka samtycket för Skolan' }).click();
  await expect(omar.locator('#withdraw-school-confirm')).toBeFocused();
  await expect(omar.locator('#withdraw-school-confirm')).toContainText('Vill du ta tillbaka samtycket?');
  await expectNoA11yViolations(omar, 'withdrawing a consent: the confirm step');
  await omar.getByRole('button', { name: 'Ja, ta tillbaka' }).click();
  await expect(omar.getByText('Skolan: tillbakataget')).toBeVisible();
  await expect(omar.getByText('Samtycke tillbakataget')).toBeVisible();
  await expect(omar.getByRole('button', { name: 'Ta tillbaka samtycket för Skolan' })).toHaveCount(0);
  // The other consent still stands and can be withdrawn on its own.
  await expect(omar.getByRole('button', { name: 'Ta tillbaka samtycket för Arbetsförmedlingen' })).toBeVisible();
  await expectNoA11yViolations(omar, 'the application with a consent withdrawn');

  await omar.getByRole('button', { name: 'Återkalla hela ansökan' }).click();
  await expect(omar.getByText('Vill du återkalla ansökan? Det går inte att ångra.')).toBeFocused();
  await omar.getByRole('button', { name: 'Ja, återkalla' }).click();
  await expect(omar.getByText('Ansökan är återkallad')).toBeVisible();
  await expect(omar.getByText('Ansökan återkallad')).toBeVisible();
  await expectNoA11yViolations(omar, 'the withdrawn application, for Omar');

  // Staff see the withdrawal, and can no longer decide on it.
  await page.goto(path);
  await expect(page.getByText('Ansökan är återkallad')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Anta och utse kontaktperson' })).toHaveCount(0);
  await expect(page.getByText('Skolan: tillbakataget')).toBeVisible();
  await expectNoA11yViolations(page, 'the withdrawn application (staff)');
  await omar.context().close();
});
