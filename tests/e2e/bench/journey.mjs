// A young person's phone journey, measured (run by `cargo xtask bench`, never a
// test): in Chromium at a phone viewport with a cold cache, the bytes on the
// wire (CDP `Network.loadingFinished` encodedDataLength: headers and the body
// as sent, brotli for the app's files) and the number of requests of each
// step that went to the server (not those the browser's cache answered). The service worker is blocked, so every file the page needs is
// counted as fetched by the page (its background precache is reported apart
// by the bench, from dist/). Prints one JSON object on the last line of stdout.
//
// LOTSEN_BASE_URL: the server (demo data); CHROMIUM_PATH: the browser.
import { chromium } from '@playwright/test';

const base = process.env.LOTSEN_BASE_URL;
if (!base) throw new Error('LOTSEN_BASE_URL is not set');
const LOGIN = 'omar.ali@lotsen.example';
const PASSWORD = 'lotsen-demo';
const TYPE = 'Studie- och yrkesvägledning';
const COUNSELLOR = 'Sven Berg';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-quic'],
});
const context = await browser.newContext({
  baseURL: base,
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'sv-SE',
  timezoneId: 'Europe/Stockholm',
  serviceWorkers: 'block',
});
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });

// Every request of the page: its URL and, once done, the bytes it took.
const requests = new Map();
cdp.on('Network.requestWillBeSent', (e) => {
  if (!e.request.url.startsWith('data:')) requests.set(e.requestId, { url: e.request.url, bytes: 0 });
});
cdp.on('Network.responseReceived', (e) => {
  const r = requests.get(e.requestId);
  if (!r) return;
  r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '';
  if (e.response.fromDiskCache || e.response.fromPrefetchCache) r.cached = true;
});
// Answered by the browser's cache (a hashed file fetched earlier): not on the wire.
cdp.on('Network.requestServedFromCache', (e) => {
  const r = requests.get(e.requestId);
  if (r) r.cached = true;
});
cdp.on('Network.loadingFinished', (e) => {
  const r = requests.get(e.requestId);
  if (r) r.bytes = e.encodedDataLength;
});

const steps = [];
/** Runs `action`, waits until the network is quiet, and records what it cost. */
async function step(name, action) {
  const before = new Set(requests.keys());
  await action();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const mine = [...requests.entries()].filter(([id, r]) => !before.has(id) && !r.cached).map(([, r]) => r);
  steps.push({
    name,
    bytes: mine.reduce((sum, r) => sum + r.bytes, 0),
    requests: mine.length,
    files: mine.map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes, encoding: r.encoding ?? '' })),
  });
}

/** Follows an in-app link to `path` (the router handles it; no page load). */
async function follow(path) {
  await page.evaluate((to) => {
    const a = document.createElement('a');
    a.href = to;
    document.body.append(a);
    a.click();
    a.remove();
  }, path);
}

const heading = (name) => page.getByRole('heading', { level: 1, name }).waitFor();

await step('open /sign-in', async () => {
  await page.goto('/sign-in');
  await heading('Logga in');
});
await step('sign in', async () => {
  await page.getByLabel('E-post eller mobilnummer').fill(LOGIN);
  await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await heading('Hem');
});
await step('open Today (/schedule)', async () => {
  await follow('/schedule');
  await page.locator('main h1').first().waitFor();
  await page.waitForURL('**/schedule');
});
await step("open a counsellor's free times", async () => {
  await follow('/booking');
  await heading('Boka tid');
  await page.getByRole('link', { name: TYPE }).first().click();
  await page.getByRole('link', { name: COUNSELLOR }).click();
  await heading('Lediga tider');
});
const areas = [];
for (const [name, path] of [
  ['bookings (/booking/mine)', '/booking/mine'],
  ['ratings (/feedback/rate)', '/feedback/rate'],
  ['application (/applications/mine)', '/applications/mine'],
]) {
  await step(name, async () => {
    await follow(path);
    await page.waitForURL(`**${path}`);
    await page.locator('main h1').first().waitFor();
  });
  areas.push(name);
}

await browser.close();
console.log(JSON.stringify({ steps, areas }));
