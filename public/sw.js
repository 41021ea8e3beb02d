// Lotsen's service worker: keeps the app shell (index.html, the JS and wasm of
// the first load, every page chunk and their shared bundle, the CSS and the icons) so
// that the app opens without a network. `cargo xtask build` fills in VERSION and
// PRECACHE with the files of dist/ under their hashed names (xtask/src/build.rs).
//
// Navigations go to the network first and fall back to the cached index.html;
// other files come from the cache first. Nothing under /api is ever cached
// here: the one copy of personal data the app keeps offline (the last loaded
// schedule) is in localStorage and is removed on sign-out.
const VERSION = 'dev';
const PRECACHE = [];
const CACHE = 'lotsen-shell-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith('lotsen-') && key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API is never answered from, nor stored in, a cache.
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match('/index.html', { cacheName: CACHE }).then((shell) => shell || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
