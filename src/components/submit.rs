//! The one way a form is sent: [`Form`] holds its busy flag and its
//! [`FormErrors`]; [`Form::check`] shows what the browser found before
//! anything is sent, [`Form::submit`] sends a request (once at a time) and,
//! when it fails, puts the server's messages next to the fields, signs the
//! person out if the session has ended, and moves focus to the first field
//! with a problem (or, when no field has one, to `{prefix}-alert`).

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::forms::{FormErrors, check_new_password, focus_later};
use crate::i18n::Locale;
use crate::messages::error_message;
use crate::session::check_expired;

/// A form: its id prefix, its fields in the order shown, busy and errors.
#[derive(Clone, Copy, Debug)]
pub struct Form {
    /// The id prefix of the form's fields (`{prefix}-{field}`).
    pub prefix: &'static str,
    /// The fields as the request names them, in the order the form shows them.
    pub fields: &'static [&'static str],
    /// A request is under way.
    pub busy: RwSignal<bool>,
    /// What is wrong, per field and as a whole.
    pub errors: RwSignal<FormErrors>,
}

impl Form {
    /// A form with nothing sent and nothing wrong yet.
    pub fn new(prefix: &'static str, fields: &'static [&'static str]) -> Self {
        Self {
            prefix,
            fields,
            busy: RwSignal::new(false),
            errors: RwSignal::new(FormErrors::none()),
        }
    }

    /// The message next to `field` (tracked).
    pub fn field(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.errors.with(|e| e.field(field)))
    }

    /// The summary for the whole form (tracked).
    pub fn summary(self) -> Signal<Option<String>> {
        Signal::derive(move || self.errors.with(|e| e.summary.clone()))
    }

    /// `aria-busy` while a request is under way.
    pub fn aria_busy(self) -> impl Fn() -> Option<&'static str> + Copy {
        move || self.busy.get().then_some("true")
    }

    /// The start of a submit handler: keeps the browser from sending the
    /// form itself; false while a request is under way (nothing more to do).
    pub fn begin(self, ev: &leptos::ev::SubmitEvent) -> bool {
        ev.prevent_default();
        !self.busy.get_untracked()
    }

    /// Shows the problems the browser found (`(field, message)`, in any
    /// order) and focuses the first the form shows; true when there are none
    /// and the form may be sent.
    pub fn check(self, locale: Locale, mut problems: Vec<(&'static str, String)>) -> bool {
        let ok = problems.is_empty();
        let position = |field: &str| self.fields.iter().position(|f| *f == field);
        problems.sort_by_key(|(field, _)| position(field).unwrap_or(usize::MAX));
        self.errors.set(FormErrors::from_checks(locale, problems));
        if !ok {
            self.focus_problem();
        }
        ok
    }

    /// [`Form::check`] for one field: shows the problem `code` (an error
    /// code, in the words of [`error_message`]) next to `field`; true when
    /// there is none and the form may be sent.
    pub fn check_field(self, locale: Locale, field: &'static str, code: Option<&str>) -> bool {
        let problem = code.map(|code| (field, error_message(locale, code).to_string()));
        self.check(locale, problem.into_iter().collect())
    }

    /// The new password when it and its repetition pass the checks
    /// ([`check_new_password`]); else shows why, as [`Form::check`] does.
    pub fn new_password(
        self,
        locale: Locale,
        password: RwSignal<String>,
        repeat: RwSignal<String>,
    ) -> Option<String> {
        let new = password.get_untracked();
        let problem = check_new_password(&new, &repeat.get_untracked(), locale).err();
        self.check(locale, problem.into_iter().collect())
            .then_some(new)
    }

    /// Sends `request` unless one is already under way; `done` gets the answer.
    /// On failure the errors are shown as described in the module docs.
    pub fn submit<T, F>(self, request: F, done: impl FnOnce(T) + 'static)
    where
        T: 'static,
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        self.submit_or(request, done, |_| false);
    }

    /// [`Form::submit`], where `other` may deal with an error itself (and
    /// says so by returning true), such as a link that has expired.
    pub fn submit_or<T, F>(
        self,
        request: F,
        done: impl FnOnce(T) + 'static,
        other: impl FnOnce(&ApiError) -> bool + 'static,
    ) where
        T: 'static,
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.errors.set(FormErrors::none());
        spawn_local(async move {
            let answer = request.await;
            self.busy.set(false);
            match answer {
                Ok(value) => done(value),
                Err(error) if other(&error) => {}
                Err(error) => self.failed(&error),
            }
        });
    }

    /// Shows a failed request's problems. Not generic: the wasm holds it once.
    pub fn failed(self, error: &ApiError) {
        check_expired(error);
        self.errors.set(FormErrors::from_api(error, self.fields));
        self.focus_problem();
    }

    fn focus_problem(self) {
        if !self.errors.with_untracked(|e| e.focus_first(self.prefix)) {
            focus_later(format!("{}-alert", self.prefix));
        }
    }
}

/// The foot of a list read a page at a time: "Loading…" while a page is on
/// its way, what went wrong, and the button that asks for the next page
/// (shown while `more`).
#[component]
pub fn ShowMore(
    /// The reads' busy flag and errors.
    form: Form,
    /// Whether there is a next page.
    #[prop(into)]
    more: Signal<bool>,
    /// Asks for it.
    on_more: Callback<()>,
    /// The button's text.
    children: Children,
) -> impl IntoView {
    let busy = form.busy;
    view! {
        {move || busy.get().then(|| view! { <crate::components::status::Loading /> })}
        {move || {
            form.errors
                .with(|e| e.summary.clone())
                .map(|message| view! { <crate::components::status::ErrorMessage message /> })
        }}
        <p hidden=move || !more.get()>
            <button
                type="button"
                class="button button--secondary"
                on:click=move |_| on_more.run(())
                aria-disabled=move || busy.get().then_some("true")
            >
                {children()}
            </button>
        </p>
    }
}
