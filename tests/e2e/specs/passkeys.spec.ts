// Passkeys (issue 18), on a phone with Chromium's virtual authenticator (CDP's
// WebAuthn domain; the app is served on http://localhost:PORT, since a relying
// party cannot be an IP address): Omar (19) adds a passkey on My page, signs
// out, signs in with it without typing anything, signs an application with it,
// reads on the receipt that it was signed with a passkey and verifies, and
// removes the passkey. Every state passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, YOUTH_19, signInDemo, toMyPage } from '../support/people';
import { openOwn, phone, startDraft } from '../support/applications';
import type { Page } from '@playwright/test';

/** A platform authenticator on `page` that keeps discoverable credentials and verifies the person. */
async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
}

test('a young person adds a passkey, signs in with it, signs an application with it and removes it', async ({
  page,
  browser,
  guard,
}) => {
  const omar = await phone(browser, guard, YOUTH_19.email);
  await virtualAuthenticator(omar);

  // My page: no passkey yet; a name is needed.
  const card = omar.getByRole('region', { name: 'Nycklar (passkeys)' });
  await expect(card.getByText('Du har inga nycklar än.')).toBeVisible();
  await expectNoA11yViolations(omar, 'My page without passkeys');
  await card.getByRole('button', { name: 'Lägg till nyckel på den här enheten' }).click();
  await expect(card.getByLabel('Namn på enheten', { exact: true })).toBeFocused();
  await expectNoA11yViolations(omar, 'the passkey form with an error');
  await card.getByLabel('Namn på enheten', { exact: true }).fill('Min telefon');
  await card.getByRole('button', { name: 'Lägg till nyckel på den här enheten' }).click();
  await expect(card.getByText('Nyckeln är sparad. Nu kan du logga in med den.')).toBeVisible();
  await expect(card.getByText('Min telefon', { exact: true })).toBeVisible();
  await expectNoA11yViolations(omar, 'My page with a passkey');

  // Signed out, he signs in with the passkey without typing a login.
  await omar.getByRole('button', { name: 'Logga ut' }).click();
  await expect(omar.getByRole('heading', { level: 1, name: 'Välkommen till Lotsen' })).toBeVisible();
  await omar.goto('/sign-in');
  await expect(omar.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expectNoA11yViolations(omar, 'the sign-in page with the passkey button');
  await omar.getByRole('button', { name: 'Logga in med nyckel' }).click();
  await expect(omar.getByRole('heading', { level: 1, name: 'Hem' })).toBeVisible();
  await toMyPage(omar);
  await expect(card.getByText(/senast använd/)).toBeVisible();
  await expectNoA11yViolations(omar, 'My page after signing in with a passkey');

  // Karim starts an application; Omar signs it with his passkey instead of the password.
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  const path = await startDraft(page, YOUTH_19.name);
  await openOwn(omar, path);
  await omar.getByLabel('Jag har läst ansökan', { exact: true }).check();
  await omar.getByLabel('Med min nyckel (passkey)', { exact: true }).check();
  await expect(omar.getByLabel('Ditt lösenord', { exact: true })).toHaveCount(0);
  await expectNoA11yViolations(omar, 'the signing form with a passkey chosen');
  await omar.getByRole('button', { name: 'Skriv under', exact: true }).click();
  await expect(omar.getByText('Vill du skriva under ansökan nu?')).toBeFocused();
  await omar.getByRole('button', { name: 'Ja, skriv under' }).click();
  await expect(omar.getByText('Inskickad: väntar på teamets beslut')).toBeVisible();
  await expectNoA11yViolations(omar, 'the application signed with a passkey');

  // The receipt says how it was signed, and that the signature verifies.
  await omar.getByRole('link', { name: 'Kvitto' }).click();
  await expect(omar.getByRole('heading', { level: 1, name: 'Kvitto på ansökan' })).toBeVisible();
  await expect(
    omar.getByText('Underskriven med nyckel (passkey). Underskriften är kontrollerad och stämmer med texten.'),
  ).toBeVisible();
  await expectNoA11yViolations(omar, 'the receipt of a passkey signature');
  // Staff read the same check.
  await page.goto(`${path}/receipt`);
  await expect(page.getByText('Underskriven med nyckel (passkey). Underskriften är kontrollerad')).toBeVisible();

  // He removes the passkey, after a confirmation; the password still works.
  await omar.goto('/me');
  await card.getByRole('button', { name: 'Ta bort Min telefon' }).click();
  await expect(card.getByText('Vill du ta bort nyckeln? Då kan du inte logga in med den längre.')).toBeFocused();
  await expectNoA11yViolations(omar, 'the confirmation to remove a passkey');
  await card.getByRole('button', { name: 'Ja, ta bort' }).click();
  await expect(card.getByText('Nyckeln är borttagen.')).toBeVisible();
  await expect(card.getByText('Du har inga nycklar än.')).toBeVisible();
  await expectNoA11yViolations(omar, 'My page after removing the passkey');
  await omar.context().close();
});
