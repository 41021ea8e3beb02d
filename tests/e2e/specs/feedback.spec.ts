// Ratings and the staff's feedback view (issue 8, acceptance 1), on phones:
// Elsa rates yesterday's activity with a comment from the prompt on her Today
// view; Karim (staff) sees in the feedback view that there are too few ratings
// to show, and the figures and her comment once the group has five (the other
// four are given through the API by Omar and Linnea); Karim answers ("you
// said, we did") and Elsa sees the answer on her Today view. Every page passed
// through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { CONTACT_PERSON, PHONE, YOUTH_17, YOUTH_19, signInDemo, signedInElsewhere } from '../support/people';
import type { Page } from '@playwright/test';

const LINNEA = { name: 'Linnea Ek', email: 'linnea.ek@lotsen.example' };

/** The Swedish date `days` from today, `YYYY-MM-DD`. */
function swedishDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Calls the API from the signed-in page (its session cookie, the app's header). */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-requested-with': 'lotsen' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

test('a young person rates yesterday; staff see it from five ratings, answer, and she sees the answer', async ({
  page,
  browser,
  guard,
}) => {
  const title = `Jobbklubb ${Math.floor(Math.random() * 1e6)}`;
  const [threeDaysAgo, twoDaysAgo, yesterday] = [swedishDate(-3), swedishDate(-2), swedishDate(-1)];

  // Setup through the staff API: a daily activity from three days ago, on the three young people's schedules.
  await signInDemo(page, CONTACT_PERSON.email, 'Ungdomar');
  const karimId = (await api(page, 'GET', '/me')).json.id;
  const created = await api(page, 'POST', '/activities', {
    title, description: '', place: 'Lotsen', kind: 'working_life', leader_id: karimId, capacity: null,
    recurrence: { weekdays: [1, 2, 3, 4, 5, 6, 7], start_time: '09:00', end_time: '10:00', first_date: threeDaysAgo, last_date: swedishDate(30) },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const activity = created.json.id;
  const youth = (await api(page, 'GET', '/youth')).json as { id: number; name: string }[];
  for (const person of [YOUTH_17, YOUTH_19, LINNEA]) {
    const id = youth.find((y) => y.name === person.name)!.id;
    const assigned = await api(page, 'POST', `/youth/${id}/assignments`, { activity_id: activity, from_date: threeDaysAgo });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(201);
  }

  // Elsa, on her phone: the gentle prompt on Today, the form, a face and a comment.
  const elsa = await signedInElsewhere(browser, guard, PHONE, YOUTH_17.email, 'Hem');
  await elsa.goto('/schedule');
  await expect(elsa.getByRole('heading', { level: 2, name: 'Hur var det i går?' })).toBeVisible();
  await expectNoA11yViolations(elsa, 'Today with the rating prompt');
  await elsa.getByRole('link', { name: `Betygsätt ${title}` }).click();
  await expect(elsa.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(elsa.getByRole('group', { name: 'Hur var det?' })).toBeVisible();
  await expectNoA11yViolations(elsa, 'the rating form');
  // Sending without a face says what is missing.
  await elsa.getByRole('button', { name: 'Skicka' }).click();
  await expect(elsa.getByRole('alert')).toContainText('Välj en av de fem gubbarna.');
  await elsa.getByText('Bra', { exact: true }).click();
  await expect(elsa.getByRole('radio', { name: 'Bra', exact: true })).toBeChecked();
  await elsa.getByLabel('Kommentar (frivilligt)').fill('Mer tid för CV-skrivandet, tack!');
  await elsa.getByRole('button', { name: 'Skicka' }).click();
  await expect(elsa.getByRole('status')).toContainText('Tack! Ditt betyg är sparat.');
  await expectNoA11yViolations(elsa, 'the rating form, saved');
  await elsa.goto('/feedback/rate');
  await expect(elsa.getByRole('heading', { level: 1, name: 'Betygsätt aktiviteter' })).toBeVisible();
  await expect(elsa.getByText('Ditt betyg: Bra')).toBeVisible();
  await expectNoA11yViolations(elsa, 'everything to rate');

  // Karim: one rating is too few to show, and the comment is not there.
  await page.goto('/schedule/activities');
  await page.getByRole('link', { name: 'Återkoppling från deltagarna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Återkoppling' })).toBeVisible();
  const group = page.getByRole('region', { name: title });
  await expect(group.getByText('För få betyg för att visas.')).toBeVisible();
  await expect(page.getByText('Mer tid för CV-skrivandet')).toHaveCount(0);
  await expectNoA11yViolations(page, 'the feedback view, too few');

  // Four more through the API: Omar and Linnea, two occurrences each.
  for (const [person, dates] of [[YOUTH_19, [threeDaysAgo, twoDaysAgo]], [LINNEA, [twoDaysAgo, yesterday]]] as const) {
    const phone = await signedInElsewhere(browser, guard, PHONE, person.email, 'Hem');
    for (const date of dates) {
      const rated = await api(phone, 'PUT', `/me/ratings/activities/${activity}/${date}`, { score: 3, anonymous: true });
      expect(rated.status, JSON.stringify(rated.json)).toBe(200);
    }
    await phone.context().close();
  }

  // Five: the figures and the comment are shown.
  await page.reload();
  await expect(group.getByText('5 betyg')).toBeVisible();
  await expect(group.getByText('Mer tid för CV-skrivandet, tack!')).toBeVisible();
  await expect(group.getByRole('table', { name: 'Fördelning' })).toBeVisible();
  await expectNoA11yViolations(page, 'the feedback view with five ratings');

  // Karim answers.
  const answer = 'Ni sa att CV-tiden var för kort, så nu har vi en timme till på torsdagar.';
  await group.getByLabel('Nytt svar till deltagarna').fill(answer);
  await group.getByRole('button', { name: 'Skicka svaret' }).click();
  await expect(group.getByRole('status')).toContainText('Svaret är sparat.');
  await expect(group.getByText(answer)).toBeVisible();
  await expectNoA11yViolations(page, 'the feedback view with an answer');

  // Elsa sees the answer on her Today view; yesterday is rated, so no prompt for it.
  await elsa.goto('/schedule');
  await expect(elsa.getByRole('heading', { level: 2, name: 'Ni sa, vi gjorde' })).toBeVisible();
  await expect(elsa.getByText(answer)).toBeVisible();
  await expect(elsa.getByRole('link', { name: `Betygsätt ${title}` })).toHaveCount(0);
  await expectNoA11yViolations(elsa, 'Today with the answer');
  await elsa.context().close();
});
