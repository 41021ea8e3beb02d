// Accounts: staff invite a young person, who sets a password from the link, signs
// in, stays signed in over a reload, and signs out.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { ADMIN, CONTACT_PERSON, DEMO_PASSWORD, GUARDIAN, YOUTH_17, personnummer, signIn, signInDemo, toMyPage } from '../support/people';

test('staff invites a young person, who sets a password, signs in, stays signed in and signs out', async ({
  page,
  browser,
  guard,
}) => {
  // The contact person, on their phone.
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  await expect(page.getByText(`Inloggad som ${CONTACT_PERSON.name}`)).toBeVisible();
  await expectNoA11yViolations(page, 'the staff list of young people');

  await page.getByRole('link', { name: 'Registrera en ung person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registrera en ung person' })).toBeVisible();
  await expectNoA11yViolations(page, 'the registration form');

  // A mistake first: the form says what is wrong, in Swedish, next to the field.
  await page.getByLabel('Namn').fill('Sara Lind');
  await page.getByLabel('Personnummer').fill('20080101-0001');
  await page.getByLabel('E-post').fill('sara.lind@example.se');
  await page.getByRole('button', { name: 'Registrera och bjud in' }).click();
  await expect(page.getByText('Personnumret stämmer inte. Kontrollera siffrorna.')).toBeVisible();
  await expectNoA11yViolations(page, 'the registration form with an error');

  await page.getByLabel('Personnummer').fill(personnummer(19));
  await page.getByRole('button', { name: 'Registrera och bjud in' }).click();
  await expect(page.getByRole('heading', { name: 'Inbjudan är skapad' })).toBeVisible();
  const link = await page.getByLabel('Inbjudningslänk').inputValue();
  expect(link).toMatch(/\/invitation#[A-Za-z0-9_-]{20,}$/);
  await expectNoA11yViolations(page, 'the invitation link');

  // The young person, on their own phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'sv-SE' });
  const youth = await phone.newPage();
  guard(youth);
  await youth.goto(link);
  await expect(youth.getByRole('heading', { level: 1, name: 'Välj ditt lösenord' })).toBeVisible();
  await expect(youth.getByText('Hej Sara!')).toBeVisible();
  await expectNoA11yViolations(youth, 'the set-password page');
  await youth.getByLabel('Nytt lösenord').fill('sommarlov-i-alingsas');
  await youth.getByLabel('Upprepa lösenordet').fill('sommarlov-i-alingsas');
  await youth.getByRole('button', { name: 'Spara lösenord' }).click();
  await expect(youth.getByRole('heading', { name: 'Ditt lösenord är sparat' })).toBeVisible();

  await signIn(youth, 'sara.lind@example.se', 'sommarlov-i-alingsas');
  await expect(youth.getByRole('heading', { level: 1, name: 'Hem' })).toBeVisible();
  await expect(youth.getByText('Inloggad som Sara Lind')).toBeVisible();
  await expectNoA11yViolations(youth, "the young person's home");

  await youth.reload();
  await expect(youth.getByRole('heading', { level: 1, name: 'Hem' })).toBeVisible();
  await expect(youth.getByText('Inloggad som Sara Lind')).toBeVisible();

  await youth.getByRole('button', { name: 'Logga ut' }).click();
  await expect(youth.getByRole('link', { name: 'Logga in' })).toBeVisible();
  await youth.goto('/me');
  await expect(youth.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();

  // A used link says so.
  await youth.goto(link);
  await expect(youth.getByText('Länken är redan använd. Logga in med ditt lösenord.')).toBeVisible();
  await phone.close();
});

test('a wrong password gets a clear message and a protected page leads back after signing in', async ({ page }) => {
  await page.goto('/staff');
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await page.getByLabel('E-post eller mobilnummer').fill(CONTACT_PERSON.email);
  await page.getByLabel('Lösenord', { exact: true }).fill('fel-losenord');
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Fel e-postadress, mobilnummer eller lösenord.');
  await expectNoA11yViolations(page, 'the sign-in page with an error');
  await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ungdomar' })).toBeVisible();
  await expect(page).toHaveURL(/\/staff$/);
});

test("an admin reads a young person's record and finds the read in the audit log", async ({ page }) => {
  await signInDemo(page, ADMIN.email, 'Ungdomar');
  await page.getByRole('link', { name: 'Elsa Nilsson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Elsa Nilsson' })).toBeVisible();
  await expect(page.getByText('Maria Nilsson')).toBeVisible(); // a guardian
  await expectNoA11yViolations(page, "a young person's record");
  await page.getByRole('link', { name: 'Logg' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logg' })).toBeVisible();
  const firstRow = page.getByRole('row').nth(1);
  await expect(firstRow).toContainText('Anna Andersson');
  await expect(firstRow).toContainText('Elsa Nilsson');
  await expectNoA11yViolations(page, 'the audit log');
});

test('a guardian sees only the young person they are guardian of, and no staff pages', async ({ page }) => {
  await signInDemo(page, GUARDIAN.email, 'Hem');
  await toMyPage(page);
  await expect(page.getByText('Elsa Nilsson')).toBeVisible();
  await expect(page.getByText('Omar Ali')).toHaveCount(0);
  await expectNoA11yViolations(page, "the guardian's page");
  await page.goto('/staff');
  await expect(page.getByText('Du har inte behörighet att se eller ändra det här.')).toBeVisible();
});

test('a young person sees how messages reach them on My page and saves the choice', async ({ page }) => {
  await signInDemo(page, YOUTH_17.email, 'Hem');
  await toMyPage(page);
  const choice = page.getByRole('group', { name: 'Hur vill du få påminnelser och andra meddelanden?' });
  await expect(choice.getByRole('radio', { name: 'E-post' })).toBeChecked();
  // No phone number in her account: SMS cannot be chosen, and the page says why.
  await expect(choice.getByRole('radio', { name: 'Sms' })).toBeDisabled();
  await expect(page.getByText('Vi har inget mobilnummer till dig.', { exact: false })).toBeVisible();
  await expectNoA11yViolations(page, 'the message channel on My page');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sparat.' })).toBeVisible();
  await expectNoA11yViolations(page, 'the message channel saved');
});
