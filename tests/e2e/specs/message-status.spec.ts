// Where a booking's message is (issue 18), at a desk: a young person who wants
// SMS waits for a time with Anna Andersson; Anna opens an hour and the time is
// offered to her at once, by SMS through the test's Kannel gateway (`cargo xtask
// test` starts it with Kannel's fake SMS centre, whose delivery report comes
// back). Anna's day and her week show the offer's state in words: sent, then
// delivered. The young person is set up through the API (her own session: a
// new number verified with the code from the development outbox, SMS chosen);
// Anna's opening hour is removed afterwards, so that later specs find no free
// time of a contact person. Every state passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { ADMIN, PHONE, personnummer, signInDemo } from '../support/people';

const APP = { 'x-requested-with': 'lotsen' };
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

test.use({ viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false });

/** The Swedish date `days` from today (`YYYY-MM-DD`) and its weekday as the API names it. */
function aheadInSweden(days: number): { iso: string; weekday: string } {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return { iso: date.toISOString().slice(0, 10), weekday: WEEKDAYS[date.getUTCDay()] };
}

test('staff see that a waitlist offer went by SMS and was delivered, in the day and in the week', async ({ page, browser, guard }) => {
  // Sending, the gateway's answer and its delivery report take some seconds.
  test.slow();
  const day = aheadInSweden(3);
  const serial = `${Date.now()}`.slice(-7);
  const typeName = `Samtal om sms ${serial}`;
  const sara = { name: `Sara Sms ${serial}`, email: `sara.sms.${serial}@example.se`, password: 'sara-har-sms-1' };
  const number = `+4673${serial}`;

  await signInDemo(page, ADMIN.email, 'Min dag');
  const annaId: number = (await (await page.request.get('/api/me', { headers: APP })).json()).id;
  const created = await page.request.post('/api/booking/session-types', {
    headers: APP,
    data: { name: typeName, profession: 'contact_person', length_minutes: 60, bookable_days_ahead: 5 },
  });
  expect(created.status()).toBe(201);
  const typeId: number = (await created.json()).id;

  try {
    // Anna registers Sara, who chooses a password from the invitation and signs in.
    const registered = await page.request.post('/api/youth', {
      headers: APP,
      data: { name: sara.name, personnummer: personnummer(19), email: sara.email },
    });
    expect(registered.status()).toBe(201);
    const link: string = (await registered.json()).invitation.link;
    const context = await browser.newContext(PHONE);
    const phone = await context.newPage();
    guard(phone);
    const own = phone.request;
    const accepted = await own.post('/api/invitations/accept', {
      headers: APP,
      data: { token: link.split('#')[1], password: sara.password },
    });
    expect(accepted.status()).toBeLessThan(300);
    const signedIn = await own.post('/api/auth/sign-in', { headers: APP, data: { login: sara.email, password: sara.password } });
    expect(signedIn.status()).toBeLessThan(300);

    // Her number, verified with the code it got (staff read it in the development outbox).
    expect((await own.post('/api/me/phone', { headers: APP, data: { phone: number } })).status()).toBe(202);
    let code = '';
    await expect
      .poll(async () => {
        const outbox = await page.request.get('/api/dev/outbox', { headers: APP });
        const messages: { to: string; body: string }[] = outbox.ok() ? await outbox.json() : [];
        code = messages.find((m) => m.to === number)?.body.match(/\d{6}/)?.[0] ?? '';
        return code;
      })
      .not.toBe('');
    expect((await own.post('/api/me/phone/confirm', { headers: APP, data: { code } })).status()).toBe(200);
    expect((await own.put('/api/me/message-channel', { headers: APP, data: { channel: 'sms' } })).status()).toBe(200);

    // Anna has no free time: Sara joins her waitlist. Anna opens an hour on `day`:
    // it is offered to Sara at once.
    const waiting = await own.post('/api/me/waitlist', { headers: APP, data: { session_type_id: typeId, staff_id: annaId } });
    expect(waiting.status()).toBe(201);
    const opened = await page.request.put('/api/staff/me/opening-hours', {
      headers: APP,
      data: { windows: [{ weekday: day.weekday, start: '16:00', end: '17:00' }] },
    });
    expect(opened.status()).toBe(200);
    const offers: { id: number }[] = (await (await own.get('/api/me/bookings')).json()).offers;
    expect(offers).toHaveLength(1);
    await context.close();

    // Anna's day: the offered time, and where the offer is: sent, then (the
    // gateway's delivery report) delivered.
    await page.goto(`/booking/staff/day/${day.iso}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Bokningar' })).toBeVisible();
    const offered = page.getByRole('listitem').filter({ hasText: sara.name });
    await expect(offered).toContainText('16:00–17:00');
    await expect(offered.getByText(/^Erbjudande: Sms (skickat|levererat) \(/)).toBeVisible();
    await expectNoA11yViolations(page, 'the day with an offer sent by SMS');
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await offered.getByText(/^Erbjudande: /).textContent({ timeout: 15_000 })) ?? '';
        },
        { timeout: 60_000, intervals: [1_000, 2_000] },
      )
      .toMatch(/^Erbjudande: Sms levererat \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$/);
    await expectNoA11yViolations(page, 'the day with an offer delivered by SMS');

    // Anna's week, on a desk's screen: the grid's cell of the time says the same.
    await page.goto(`/booking/staff/week/${day.iso}`);
    const grid = page.getByRole('table', { name: 'Veckans bokningar i ett rutnät: dagar och timmar' });
    const cell = grid.getByRole('link', { name: new RegExp(sara.name) });
    await expect(cell).toBeVisible();
    await expect(cell.getByText(/^Erbjudande: Sms levererat \(/)).toBeVisible();
    await expectNoA11yViolations(page, 'the week with an offer delivered by SMS');
  } finally {
    // No free time of Anna's is left for later specs.
    const closed = await page.request.put('/api/staff/me/opening-hours', { headers: APP, data: { windows: [] } });
    expect(closed.status()).toBe(200);
  }
});
