// Marks the path on <html> before the first paint, so that the stylesheet
// shows the static copy of the page in index.html that matches it until the
// app mounts (a file of its own: the CSP allows no inline script). The copies
// are Swedish: a visitor who chose English (the cookie of src/language.rs)
// sees the loading message instead.
if (!/(^|;\s*)lotsen_lang=en(;|$)/.test(document.cookie)) {
  document.documentElement.dataset.route = location.pathname.replace(/\/+$/, '') || '/';
}

// Asks who is signed in as the page loads (what src/session.rs asks first),
// so that the answer is there when the app has loaded rather than one round
// trip after it. The app takes the promise; a failure here is its to handle.
window.lotsenSession = fetch('/api/auth/session', {
  headers: { Accept: 'application/json', 'X-Requested-With': 'lotsen' },
  credentials: 'same-origin',
});
window.lotsenSession.catch(() => {});
