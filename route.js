// Marks the path on <html> before the first paint, so that the stylesheet
// shows the static copy of the page in index.html that matches it until the
// app mounts (a file of its own: the CSP allows no inline script). The copies
// are Swedish: a visitor who chose English (the cookie of src/language.rs)
// sees the loading message instead.
if (!/(^|;\s*)lotsen_lang=en(;|$)/.test(document.cookie)) {
  document.documentElement.dataset.route = location.pathname.replace(/\/+$/, '') || '/';
}
