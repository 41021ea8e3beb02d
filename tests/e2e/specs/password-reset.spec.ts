// Forgot password (issue 14, accounts belong to their owner), on phones: a young
// person signed in on one phone forgets the password on another, asks for a link
// from the sign-in page, gets it at her own address (read here from the
// development outbox, which `cargo xtask test` turns on), chooses a new password,
// and is signed out on the first phone; the old password no longer works and the
// link works once. Every page passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, PHONE, YOUTH_19, personnummer, signIn, signInDemo } from '../support/people';

const VERA = { name: 'Vera Strand', email: `vera.strand.${Date.now()}@example.se`, password: 'forsta-losenordet-1' };
const NEW_PASSWORD = 'ett-helt-nytt-losenord';
const APP = { 'x-requested-with': 'lotsen' };

test('a young person resets a forgotten password from the sign-in page and old sessions end', async ({ page, browser, guard }) => {
  // Karim registers Vera, who chooses her first password from the invitation.
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  const registered = await page.request.post('/api/youth', {
    headers: APP,
    data: { name: VERA.name, personnummer: personnummer(19), email: VERA.email },
  });
  expect(registered.status()).toBe(201);
  const link: string = (await registered.json()).invitation.link;
  const accepted = await page.request.post('/api/invitations/accept', {
    headers: APP,
    data: { token: link.split('#')[1], password: VERA.password },
  });
  expect(accepted.status()).toBeLessThan(300);

  // Vera is signed in on her first phone.
  const first = await browser.newContext(PHONE);
  const before = await first.newPage();
  guard(before);
  await signIn(before, VERA.email, VERA.password);
  await expect(before.getByRole('heading', { level: 1, name: 'Hem' })).toBeVisible();

  // On another phone she has forgotten it.
  const second = await browser.newContext(PHONE);
  const vera = await second.newPage();
  guard(vera);
  await vera.goto('/sign-in');
  await expect(vera.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await vera.getByRole('link', { name: 'Glömt lösenordet?' }).click();
  await expect(vera.getByRole('heading', { level: 1, name: 'Glömt lösenordet?' })).toBeVisible();
  await expectNoA11yViolations(vera, 'asking for a reset link');
  await vera.getByLabel('E-post eller mobilnummer').fill(VERA.email);
  await vera.getByRole('button', { name: 'Skicka länk' }).click();
  await expect(vera.getByRole('heading', { name: 'Titta i din e-post' })).toBeVisible();
  await expectNoA11yViolations(vera, 'the reset link is on its way');

  // The link went to her own address (the development outbox shows it).
  let resetLink = '';
  await expect
    .poll(async () => {
      const outbox = await page.request.get('/api/dev/outbox', { headers: APP });
      if (outbox.status() !== 200) return '';
      const messages: { to: string; body: string }[] = await outbox.json();
      const mine = messages.find((m) => m.to === VERA.email && m.body.includes('/password-reset#'));
      resetLink = mine?.body.match(/https?:\/\/\S+\/password-reset#[A-Za-z0-9_-]+/)?.[0] ?? '';
      return resetLink;
    })
    .not.toBe('');

  // The link opens in a new tab, as from the e-mail app.
  const mail = await second.newPage();
  guard(mail);
  await mail.goto(resetLink);
  await expect(mail.getByRole('heading', { level: 1, name: 'Välj ett nytt lösenord' })).toBeVisible();
  await expectNoA11yViolations(mail, 'choosing a new password');
  await mail.getByLabel('Nytt lösenord').fill(NEW_PASSWORD);
  await mail.getByLabel('Upprepa lösenordet').fill(NEW_PASSWORD);
  await mail.getByRole('button', { name: 'Spara nytt lösenord' }).click();
  await expect(mail.getByRole('heading', { name: 'Ditt lösenord är bytt' })).toBeVisible();
  await expectNoA11yViolations(mail, 'the password is changed');
  await mail.close();

  // The first phone's session has ended.
  await before.goto('/me');
  await expect(before.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();

  // The old password no longer works; the new one does.
  await signIn(vera, VERA.email, VERA.password);
  await expect(vera.getByRole('alert').first()).toBeVisible();
  await signIn(vera, VERA.email, NEW_PASSWORD);
  await expect(vera.getByRole('heading', { level: 1, name: 'Hem' })).toBeVisible();

  // The link works once. (Opened in a tab that already shows the reset page, where
  // only the fragment changes, the page still turns to the new-password form.)
  const again = await second.newPage();
  guard(again);
  await again.goto('/password-reset');
  await expect(again.getByRole('heading', { level: 1, name: 'Glömt lösenordet?' })).toBeVisible();
  await again.goto(resetLink);
  await expect(again.getByRole('heading', { level: 1, name: 'Välj ett nytt lösenord' })).toBeVisible();
  await again.getByLabel('Nytt lösenord').fill('ett-tredje-losenord');
  await again.getByLabel('Upprepa lösenordet').fill('ett-tredje-losenord');
  await again.getByRole('button', { name: 'Spara nytt lösenord' }).click();
  await expect(again.getByRole('link', { name: 'Be om en ny länk' })).toBeVisible();
  await expectNoA11yViolations(again, 'a used link');
  await first.close();
  await second.close();
});

test.describe('at a desk', () => {
  test.use({ viewport: { width: 1366, height: 768 }, isMobile: false, hasTouch: false });

  test('staff send a reset link to a young person’s own address and never see it', async ({ page }) => {
    await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
    await page.getByRole('link', { name: YOUTH_19.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: YOUTH_19.name })).toBeVisible();
    await expect(page.getByText('Skickar en länk för nytt lösenord till den unga personens egen e-postadress. Du ser aldrig länken.')).toBeVisible();
    await page.getByRole('button', { name: 'Skicka återställning' }).click();
    await expect(page.getByText('En länk är skickad till den unga personens egen e-postadress. Den gäller i 30 minuter.')).toBeVisible();
    await expectNoA11yViolations(page, 'a reset sent from the record');
    // Nothing on the page, and nothing in the answer, carries the link.
    await expect(page.getByText(/password-reset#/)).toHaveCount(0);
    // It went to Omar's own address (the development outbox, on this test server only).
    await page.goto('/staff/outbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Utkorg (utveckling)' })).toBeVisible();
    await expect(page.getByText(YOUTH_19.email).first()).toBeVisible();
    await expectNoA11yViolations(page, 'the development outbox');
  });
});
