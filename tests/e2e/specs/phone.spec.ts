// A new phone number, verified by a code (issue 18), on a phone: Linnea (24)
// enters a new number on My page, a code goes to it by SMS (read here from the
// development outbox, which a member of staff can open on a test server), a
// wrong code is refused, the right one makes the number hers, and SMS becomes
// a channel she can choose. Every state passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, signInDemo } from '../support/people';
import { phone } from '../support/applications';

const APP = { 'x-requested-with': 'lotsen' };
// Not Elsa: `accounts` expects her to have no number.
const LINNEA = { name: 'Linnea Ek', email: 'linnea.ek@lotsen.example' };

test('a young person changes her phone number and it is used once she enters the code from the SMS', async ({
  page,
  browser,
  guard,
}) => {
  const digits = String(Date.now()).slice(-7);
  const number = `+4676${digits}`;
  const linnea = await phone(browser, guard, LINNEA.email);
  const card = linnea.getByRole('region', { name: 'Mitt mobilnummer' });
  await expect(card.getByLabel('Nytt mobilnummer')).toBeVisible();
  await expectNoA11yViolations(linnea, 'My page with the phone card');

  // Not a number: refused before anything is sent.
  await card.getByLabel('Nytt mobilnummer').fill('07-12');
  await card.getByRole('button', { name: 'Skicka kod' }).click();
  await expect(card.getByLabel('Nytt mobilnummer')).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(linnea, 'a number that is not one');

  await card.getByLabel('Nytt mobilnummer').fill(`076-${digits}`);
  await card.getByRole('button', { name: 'Skicka kod' }).click();
  await expect(card.getByText(number)).toBeVisible();
  const codeField = card.getByLabel('Kod från sms:et');
  await expect(codeField).toBeFocused();
  await expectNoA11yViolations(linnea, 'a code on its way');

  // The code went by SMS to the new number (the development outbox shows it).
  await signInDemo(page, CONTACT_PERSON.email, 'Min dag');
  let code = '';
  await expect
    .poll(async () => {
      const outbox = await page.request.get('/api/dev/outbox', { headers: APP });
      if (outbox.status() !== 200) return '';
      const messages: { to: string; body: string }[] = await outbox.json();
      code = messages.find((m) => m.to === number)?.body.match(/\d{6}/)?.[0] ?? '';
      return code;
    })
    .not.toBe('');

  const wrong = `${code[0] === '9' ? '0' : '9'}${code.slice(1)}`;
  await codeField.fill(wrong);
  await card.getByRole('button', { name: 'Bekräfta numret' }).click();
  await expect(card.getByText('Koden stämmer inte.').first()).toBeVisible();
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(linnea, 'a wrong code');

  await codeField.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await card.getByRole('button', { name: 'Bekräfta numret' }).click();
  await expect(card.getByRole('status')).toHaveText('Klart! Nu använder vi ditt nya nummer.');
  await expect(card.getByText(number)).toBeVisible();
  await expect(card.getByLabel('Kod från sms:et')).toHaveCount(0);
  // SMS is now a channel she can choose.
  const messages = linnea.getByRole('region', { name: 'Meddelanden från Lotsen' });
  await expect(messages.getByLabel('Sms')).toBeEnabled();
  await expectNoA11yViolations(linnea, 'the new number in use');
});
