// The register's people pages (issue 17), at a desk: Anna, the administrator,
// opens the register and makes Karim an officer; she imports a small file from
// the school register (Windows-1252, semicolons) with one bad row — the preview
// names that row and writes nothing, the import creates the rest; she adds a
// young person by hand, opens the entry and deregisters them behind a
// confirmation step. Every page state passed through is audited with axe-core.
import { expect, test } from '../support/fixtures';
import { expectNoA11yViolations } from '../support/a11y';
import { ADMIN, CONTACT_PERSON, DESK, personnummer, signInDemo } from '../support/people';
import type { Page } from '@playwright/test';


test.use(DESK);

/** How many people the register has ever held (through the API, as Anna). */
async function everRegistered(page: Page): Promise<number> {
  const answer = await page.request.get('/api/register/people?status=all&offset=0&limit=1', {
    headers: { 'X-Requested-With': 'lotsen' },
  });
  expect(answer.ok()).toBeTruthy();
  return (await answer.json()).total;
}

/** A personnummer whose check digit is wrong. */
function badChecksum(valid: string): string {
  const last = Number(valid.slice(-1));
  return valid.slice(0, -1) + String((last + 1) % 10);
}

test('an administrator imports a file with a preview, adds someone by hand and deregisters them', async ({ page }) => {
  const run = Date.now() % 100000;
  const first = { pnr: personnummer(17), name: `Åsa Öberg ${run}` };
  const second = { pnr: personnummer(18), name: `Jonas Berg ${run}` };
  const bad = { pnr: badChecksum(personnummer(17)), name: `Fel Rad ${run}` };
  const byHand = { pnr: personnummer(16), name: `Noa Lind ${run}` };

  await signInDemo(page, ADMIN.email, 'Ungdomar');
  await page.goto('/register/people');
  await expect(page.getByRole('heading', { level: 1, name: 'Registret – aktivitetsansvaret' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Visa' }).getByLabel('Inskrivna nu')).toBeChecked();
  await expectNoA11yViolations(page, 'the register');

  // Anna gives Karim the officer permission.
  const officers = page.getByRole('region', { name: 'Vem för registret' });
  await officers.getByRole('button', { name: `Ge behörighet – ${CONTACT_PERSON.name}` }).click();
  await expect(officers.getByRole('status')).toHaveText(`${CONTACT_PERSON.name}: har nu behörighet att föra registret.`);
  await expectNoA11yViolations(page, 'the register with an officer given');

  // The import: without a file, the field says so.
  await page.getByRole('link', { name: 'Importera en fil från skolan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importera en fil från skolan' })).toBeVisible();
  await expectNoA11yViolations(page, 'the import page');
  await page.getByRole('button', { name: 'Visa vad som importeras' }).click();
  await expect(page.getByText('Välj en fil.').first()).toBeVisible();
  await expect(page.getByLabel('Fil (CSV)')).toBeFocused();
  await expectNoA11yViolations(page, 'the import page without a file');

  // The preview names the bad row (line 4) and writes nothing.
  const csv = [
    'Personnummer;Namn;Telefon;Senaste skola;Orsak',
    `${first.pnr};${first.name};070-123 45 67;Malmö gymnasium;Avbrott nationellt program`,
    `${second.pnr};${second.name};;Malmö gymnasium;Studiebevis`,
    `${bad.pnr};${bad.name};;Malmö gymnasium;Avbrott`,
  ].join('\r\n') + '\r\n';
  const before = await everRegistered(page);
  await page.getByLabel('Fil (CSV)').setInputFiles({ name: 'skolan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
  await page.getByRole('button', { name: 'Visa vad som importeras' }).click();
  const preview = page.getByRole('region', { name: 'Förhandsgranskning' });
  await expect(preview).toBeVisible();
  await expect(preview.getByText('Ingenting är sparat ännu.')).toBeVisible();
  const refused = preview.getByRole('table', { name: 'Rader som inte importeras, och varför' });
  await expect(refused.getByRole('row')).toHaveCount(2);
  const badRow = refused.getByRole('row').filter({ hasText: bad.name });
  await expect(badRow.getByRole('cell').first()).toHaveText('4');
  await expect(badRow).toContainText('Personnummer:');
  await expect(preview.getByText('Dessa rader importeras inte: 4.')).toBeVisible();
  await expect(preview.locator('.details__row').filter({ hasText: 'Nya personer' })).toContainText('2');
  expect(await everRegistered(page)).toBe(before);
  await expectNoA11yViolations(page, 'the import preview');

  // The import creates the two good rows.
  await preview.getByRole('button', { name: 'Importera' }).click();
  const result = page.getByRole('region', { name: 'Importen är klar' });
  await expect(result).toBeVisible();
  await expect(result.locator('.details__row').filter({ hasText: 'Nya inskrivningar' })).toContainText('2');
  expect(await everRegistered(page)).toBe(before + 2);
  await expectNoA11yViolations(page, 'the import done');

  // By hand: the form first says what is missing, then the entry opens.
  await result.getByRole('link', { name: 'Till registret' }).click();
  await page.getByRole('link', { name: 'Lägg till en ung person för hand' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lägg till en ung person i registret' })).toBeVisible();
  await expectNoA11yViolations(page, 'the add-by-hand form');
  await page.getByRole('button', { name: 'Lägg till i registret' }).click();
  await expect(page.getByLabel('Personnummer')).toBeFocused();
  await expectNoA11yViolations(page, 'the add-by-hand form with errors');
  await page.getByLabel('Personnummer').fill(byHand.pnr);
  await page.getByLabel('Namn').fill(byHand.name);
  await page.getByLabel('Telefon').fill('0701234567');
  await page.getByLabel('Senaste skola').fill('Malmö gymnasium');
  await expect(page.getByLabel('Orsak till inskrivning')).toHaveValue('school_notice');
  await page.getByLabel('Anteckning').fill('Skolan anmälde lång frånvaro');
  await page.getByRole('button', { name: 'Lägg till i registret' }).click();

  // The entry, with its history.
  await expect(page.getByRole('heading', { level: 1, name: byHand.name })).toBeVisible();
  await expect(page).toHaveURL(/\/register\/people\/\d+$/);
  const details = page.getByRole('region', { name: 'Uppgifter' });
  await expect(details).toContainText(byHand.pnr);
  await expect(details).toContainText('Malmö gymnasium');
  const periods = page.getByRole('table', { name: 'Alla perioder i registret, äldst först' });
  await expect(periods).toContainText('Anmälan från skolan');
  await expect(page.getByRole('link', { name: 'Individuell plan' })).toHaveAttribute('href', /\/register\/people\/\d+\/plan$/);
  await expectNoA11yViolations(page, 'the entry');

  // Deregistration asks first.
  const dereg = page.getByRole('region', { name: 'Avregistrera' });
  await dereg.getByLabel('Orsak till avregistrering').selectOption({ label: 'Har börjat studera' });
  await dereg.getByRole('button', { name: 'Avregistrera' }).click();
  await expect(page.getByText('Vill du avregistrera personen? Det går inte att ångra.')).toBeFocused();
  await expectNoA11yViolations(page, 'the deregistration confirmation');
  await dereg.getByRole('button', { name: 'Ja, avregistrera' }).click();
  await expect(page.locator('#entry-status')).toHaveText('Personen är avregistrerad.');
  await expect(periods).toContainText('Har börjat studera');
  await expect(page.getByRole('region', { name: 'Skriv in igen' })).toBeVisible();
  await expectNoA11yViolations(page, 'the entry deregistered');

  // The register's "deregistered" filter lists them.
  await page.getByRole('link', { name: 'Till registret' }).click();
  await page.getByLabel('Avregistrerade').check();
  await expect(page.getByRole('link', { name: byHand.name })).toBeVisible();
  await expectNoA11yViolations(page, 'the register, deregistered');
});
