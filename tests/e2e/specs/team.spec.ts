// The team (issue 14, access by purpose): at a desk, Karim (Omar's contact person)
// adds Johanna, the job coach, to Omar's team with a reason; the form first asks him
// whom and why. Omar, on his phone, sees his team on My page. Johanna now finds Omar
// in her list. Karim removes her again, with a reason, behind a confirm step, and
// Omar's record is closed to her. Every page passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, DESK, YOUTH_19, signInDemo, signedInElsewhere } from '../support/people';
import { phone } from '../support/applications';

const JOHANNA = { name: 'Johanna Lind', email: 'johanna.lind@lotsen.example' };

test.use(DESK);

test('a contact person adds a job coach to the team, the young person sees it, and it is undone', async ({ page, browser, guard }) => {
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  await page.getByRole('link', { name: YOUTH_19.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: YOUTH_19.name })).toBeVisible();
  const team = page.getByRole('region', { name: 'Team' });
  await expect(team.getByText(`${CONTACT_PERSON.name}, kontaktperson`)).toBeVisible();
  await expect(team.getByText('Ingen mer i teamet.')).toBeVisible();
  await expectNoA11yViolations(page, 'the record with its team');

  // Whom and why are both required.
  await team.getByRole('button', { name: 'Lägg till i teamet' }).click();
  await expect(team.getByRole('alert').first()).toBeVisible();
  await expect(team.getByLabel('Personal')).toBeFocused();
  await expectNoA11yViolations(page, 'the team form with errors');
  await team.getByLabel('Personal').selectOption({ label: `${JOHANNA.name}, jobbcoach` });
  await team.getByLabel('Varför? (syns i teamet och loggas)').fill('Planerar praktik på ett lager');
  await team.getByRole('button', { name: 'Lägg till i teamet' }).click();
  await expect(team.locator('#team-status')).toHaveText(`${JOHANNA.name} finns nu i teamet.`);
  const member = team.getByRole('listitem').filter({ hasText: JOHANNA.name });
  await expect(member).toContainText(`av ${CONTACT_PERSON.name}: Planerar praktik på ett lager`);
  await expectNoA11yViolations(page, 'the team with a member');

  // Omar sees his team on his phone.
  const omar = await phone(browser, guard, YOUTH_19.email);
  const mine = omar.getByRole('region', { name: 'Ditt team' });
  // Karim is a contact person by profession: said once, not "kontaktperson, din kontaktperson".
  await expect(mine.getByRole('listitem').first()).toHaveText(`${CONTACT_PERSON.name} din kontaktperson`);
  await expect(mine.getByRole('listitem').filter({ hasText: JOHANNA.name })).toContainText('jobbcoach');
  await expectNoA11yViolations(omar, 'My page with the team');

  // Johanna finds Omar in her list now.
  const johanna = await signedInElsewhere(browser, guard, DESK, JOHANNA.email, 'Ungdomar');
  await expect(johanna.getByRole('link', { name: YOUTH_19.name })).toBeVisible();

  // Karim removes her, with a reason, after a confirm step.
  await member.getByRole('button', { name: `Ta bort ur teamet ${JOHANNA.name}` }).click();
  const confirm = team.getByRole('form', { name: `Ta bort ${JOHANNA.name}` });
  await expect(confirm.getByLabel('Varför tas personen bort ur teamet?')).toBeFocused();
  await confirm.getByRole('button', { name: `Ta bort ${JOHANNA.name}` }).click();
  await expect(confirm.getByRole('alert').first()).toBeVisible();
  await expectNoA11yViolations(page, 'removing a member, with errors');
  await confirm.getByLabel('Varför tas personen bort ur teamet?').fill('Praktiken är ordnad');
  await confirm.getByRole('button', { name: `Ta bort ${JOHANNA.name}` }).click();
  await expect(team.locator('#team-status')).toHaveText(`${JOHANNA.name} är borttagen ur teamet.`);
  await expect(team.getByText('Ingen mer i teamet.')).toBeVisible();
  await expectNoA11yViolations(page, 'the team after the removal');

  // The record is closed to Johanna again.
  await johanna.reload();
  await expect(johanna.getByRole('heading', { level: 1, name: 'Ungdomar' })).toBeVisible();
  await expect(johanna.getByRole('link', { name: YOUTH_19.name })).toHaveCount(0);
  await omar.context().close();
  await johanna.context().close();
});
