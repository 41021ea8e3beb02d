//! The frame around every page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::language::LanguageSwitch;
use crate::i18n::*;

/// The page frame: skip link, header with the app name and language switch, main content and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // rel="external" lets the browser follow the in-page link itself, which
        // moves keyboard focus to <main>; the router would only scroll.
        <a class="skip-link" href="#main" rel="external">
            {t!(i18n, app.skip_to_content)}
        </a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="site-name">
                    {t!(i18n, app.name)}
                </A>
                <LanguageSwitch />
            </div>
        </header>
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{t!(i18n, app.footer)}</p>
            </div>
        </footer>
    }
}
