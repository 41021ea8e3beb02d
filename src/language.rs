//! The UI language: how the generated [`Locale`] maps to the API's [`Lang`],
//! and how the visitor's choice is remembered.
//!
//! The choice lives in a first-party cookie, written only when the visitor
//! uses the language switch. A language is not sensitive; a cookie (unlike
//! local storage) is also visible to the server should it ever need it.

use leptos::prelude::{document, window};
use lotsen_api::Lang;
use wasm_bindgen::JsCast;

use leptos_i18n::Locale as _;

use crate::i18n::Locale;

/// The cookie that remembers the chosen UI language across reloads.
pub const COOKIE_NAME: &str = "lotsen_lang";

/// How long the language choice is remembered: one year, in seconds.
pub const COOKIE_MAX_AGE_SECONDS: u32 = 365 * 24 * 60 * 60;

/// The language used when the visitor has not chosen one: Swedish, whatever
/// the browser prefers.
pub const DEFAULT: Locale = Locale::sv;

/// The API's name for a UI locale.
pub fn to_lang(locale: Locale) -> Lang {
    match locale {
        Locale::sv => Lang::Sv,
        Locale::en => Lang::En,
    }
}

/// The UI locale for one of the API's languages.
pub fn from_lang(lang: Lang) -> Locale {
    match lang {
        Lang::Sv => Locale::sv,
        Lang::En => Locale::en,
    }
}

/// The language the switch offers: the one not in use.
pub fn other(locale: Locale) -> Locale {
    match locale {
        Locale::sv => Locale::en,
        Locale::en => Locale::sv,
    }
}

/// The locale named in a `Cookie` header or `document.cookie` string, if any.
pub fn from_cookie_header(cookies: &str) -> Option<Locale> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .and_then(|(_, value)| match value.trim() {
            "sv" => Some(Locale::sv),
            "en" => Some(Locale::en),
            _ => None,
        })
}

/// The `document.cookie` assignment that remembers `locale`.
pub fn cookie_for(locale: Locale, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE_NAME}={}; Path=/; Max-Age={COOKIE_MAX_AGE_SECONDS}; SameSite=Lax{secure}",
        locale.as_str()
    )
}

fn html_document() -> Option<web_sys::HtmlDocument> {
    document().dyn_into::<web_sys::HtmlDocument>().ok()
}

/// The language the visitor chose earlier, if they did.
pub fn remembered() -> Option<Locale> {
    let cookies = html_document()?.cookie().ok()?;
    from_cookie_header(&cookies)
}

/// Remembers `locale` for the next visit (`Secure` whenever served over HTTPS).
pub fn remember(locale: Locale) {
    let https = window().location().protocol().is_ok_and(|p| p == "https:");
    if let Some(doc) = html_document() {
        // Cookies may be blocked; the app then simply starts in Swedish next time.
        let _ = doc.set_cookie(&cookie_for(locale, https));
    }
}

/// Forgets the visitor's choice, so the next start is in [`DEFAULT`].
pub fn forget() {
    if let Some(doc) = html_document() {
        let _ = doc.set_cookie(&format!("{COOKIE_NAME}=; Path=/; Max-Age=0; SameSite=Lax"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_round_trips() {
        for locale in [Locale::sv, Locale::en] {
            let cookie = cookie_for(locale, false);
            let pair = cookie.split(';').next().unwrap();
            assert_eq!(from_cookie_header(pair), Some(locale));
            assert_eq!(from_cookie_lang_roundtrip(locale), locale);
        }
        assert_eq!(from_cookie_header("a=1; lotsen_lang=en"), Some(Locale::en));
        assert_eq!(from_cookie_header("lotsen_lang=fr"), None);
        assert_eq!(from_cookie_header("lotsen_langx=en"), None);
        assert!(cookie_for(Locale::sv, true).ends_with("; Secure"));
    }

    fn from_cookie_lang_roundtrip(locale: Locale) -> Locale {
        from_lang(to_lang(locale))
    }

    #[test]
    fn swedish_first() {
        assert_eq!(DEFAULT, Locale::sv);
        // The browser's languages never choose (build.rs's find_locale, which
        // keeps ICU's tag parser out of the first load).
        assert_eq!(Locale::find_locale(&["en-GB", "en"]), Locale::sv);
        assert_eq!(other(Locale::sv), Locale::en);
        assert_eq!(other(Locale::en), Locale::sv);
    }
}
