//! Texts from the locale files that follow the UI language.
//!
//! leptos_i18n's `t!` makes a new closure type at every call site, and each
//! one gets its own copy of the rendering code in the wasm. These helpers
//! take plain function pointers instead, so every text on every page shares
//! one copy: write `tr!(nav.sign_in)` for a view and `label!(nav.sign_in)`
//! for a `Signal<&'static str>` (a label, a title).

use leptos::prelude::*;

use crate::i18n::{Locale, use_i18n};

/// A text looked up in the current locale, re-rendered when the language changes.
pub fn text(key: fn(Locale) -> &'static str) -> impl IntoView + use<> {
    let i18n = use_i18n();
    move || key(i18n.get_locale())
}

/// A text as a signal, for labels, titles and attributes.
pub fn signal(key: fn(Locale) -> &'static str) -> Signal<&'static str> {
    let i18n = use_i18n();
    Signal::derive(move || key(i18n.get_locale()))
}

/// `tr!(a.b)`: the text under `a.b` as a view that follows the UI language.
macro_rules! tr {
    ($($key:tt)+) => {
        $crate::text::text(|locale| $crate::i18n::td_string!(locale, $($key)+))
    };
}

/// `label!(a.b)`: the text under `a.b` as a `Signal<&'static str>`.
macro_rules! label {
    ($($key:tt)+) => {
        $crate::text::signal(|locale| $crate::i18n::td_string!(locale, $($key)+))
    };
}

/// `tr_if!(condition, a.b, c.d)`: the text under `a.b` when `condition` holds,
/// else the one under `c.d` (chosen once, following the UI language).
macro_rules! tr_if {
    ($condition:expr, $yes:ident $(. $yes_rest:ident)*, $no:ident $(. $no_rest:ident)*) => {
        $crate::text::text(if $condition {
            |locale| $crate::i18n::td_string!(locale, $yes $(. $yes_rest)*)
        } else {
            |locale| $crate::i18n::td_string!(locale, $no $(. $no_rest)*)
        })
    };
}

/// A value, or a text from the locale files when there is none.
pub fn value_or(
    value: Option<String>,
    missing: fn(Locale) -> &'static str,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    move || {
        value
            .clone()
            .unwrap_or_else(|| missing(i18n.get_locale()).to_string())
    }
}

/// `"true"` while `flag` is set, else no attribute (for `aria-busy`, `aria-invalid`, `aria-disabled`).
pub fn aria_flag(
    flag: Signal<bool>,
) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
    move || flag.get().then_some("true")
}
