//! The application (*ansökan*): the draft form, reading and signing,
//! co-signing, the team's decision, the lists and the receipt. All of it is
//! in the `application` wasm chunk (`src/chunks.rs`).
//!
//! This module holds the plain logic the pages share, tested in the browser
//! tests: the form's state and its mapping to the request, the status line
//! each person sees, and the waiting time of a submitted application.

pub mod form;
pub mod lists;
pub mod receipt;
pub mod texts;
pub mod view;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;
use lotsen_api::account::Role;
use lotsen_api::application::{
    Application, ApplicationContent, ApplicationStatus, Consents, ContactChannel, HelpWith,
    Problem, SchoolStatus, Situation,
};
use lotsen_api::contact::FieldProblem;

use crate::components::guard::Protected;
use crate::session::{Access, use_session};

/// The pages under `/applications/` (one route in the main module, which
/// keeps the first load small; the rest of the path is read here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Nothing after `/applications`: the signed-in person's list.
    Start,
    /// `mine`: the young person's own, or a guardian's to co-sign.
    Mine,
    /// `to-decide`: submitted, for the team (staff).
    ToDecide,
    /// `youth/{id}`: one young person's (staff).
    Youth(i64),
    /// `youth/{id}/new`: staff start one.
    New(i64),
    /// `{id}`: one application.
    View(i64),
    /// `{id}/edit`.
    Edit(i64),
    /// `{id}/receipt`.
    Receipt(i64),
    /// Anything else.
    NotFound,
}

/// The page for the path after `/applications/`.
pub fn route(rest: &str) -> Route {
    let parts: Vec<&str> = rest.trim_matches('/').split('/').collect();
    let id = |s: &str| s.parse::<i64>().ok().filter(|id| *id > 0);
    match parts.as_slice() {
        [""] => Route::Start,
        ["mine"] => Route::Mine,
        ["to-decide"] => Route::ToDecide,
        ["youth", y] => id(y).map_or(Route::NotFound, Route::Youth),
        ["youth", y, "new"] => id(y).map_or(Route::NotFound, Route::New),
        [a] => id(a).map_or(Route::NotFound, Route::View),
        [a, "edit"] => id(a).map_or(Route::NotFound, Route::Edit),
        [a, "receipt"] => id(a).map_or(Route::NotFound, Route::Receipt),
        _ => Route::NotFound,
    }
}

/// `/applications` alone goes on to the signed-in person's list: the team's
/// applications to decide for staff, their own (or those to co-sign) for
/// others; signed out, to the sign-in page and back.
#[component]
fn ToMyList() -> impl IntoView {
    let session = use_session();
    view! {
        <Protected access=Access::SignedIn>
            {move || {
                let path = match session.me().map(|me| me.role) {
                    Some(Role::Staff) => "/applications/to-decide",
                    _ => "/applications/mine",
                };
                let options = NavigateOptions { replace: true, ..Default::default() };
                view! { <Redirect path options /> }
            }}
        </Protected>
    }
}

/// Every application page, chosen by the address.
#[component]
pub fn ApplicationPages() -> impl IntoView {
    let params = use_params_map();
    let page = Memo::new(move |_| route(&params.with(|p| p.get("rest").unwrap_or_default())));
    move || match page.get() {
        Route::Start => view! { <ToMyList /> }.into_any(),
        Route::Mine => view! { <lists::MyApplicationsPage /> }.into_any(),
        Route::ToDecide => view! { <lists::ApplicationsToDecidePage /> }.into_any(),
        Route::Youth(youth) => view! { <lists::YouthApplicationsPage youth /> }.into_any(),
        Route::New(youth) => view! { <form::NewApplicationPage youth /> }.into_any(),
        Route::View(id) => view! { <view::ApplicationPage id /> }.into_any(),
        Route::Edit(id) => view! { <form::EditApplicationPage id /> }.into_any(),
        Route::Receipt(id) => view! { <receipt::ReceiptPage id /> }.into_any(),
        Route::NotFound => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

/// Reads the application `id` and shows `children` with it: "Loading…" in
/// the page box meanwhile, or the error under `heading`.
#[component]
pub fn WithApplication<V>(
    id: i64,
    #[prop(into)] heading: Signal<&'static str>,
    children: impl Fn(Application) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    V: IntoView + 'static,
{
    use crate::components::status::{ErrorMessage, Loading};
    let loaded = crate::components::data::load(crate::api::Api::current().application(id));
    move || match loaded.get() {
        None => view! { <div class="page"><Loading /></div> }.into_any(),
        Some(Err(error)) => view! {
            <div class="page">
                <h1>{heading}</h1>
                <ErrorMessage message=error.message().to_string() />
            </div>
        }
        .into_any(),
        Some(Ok(app)) => children(app).into_any(),
    }
}

/// What the draft form holds: everything the person has chosen or typed,
/// including what is not valid yet. Kept in memory only (never in browser
/// storage), so that a failed save loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftForm {
    pub situation: Option<Situation>,
    pub last_school: String,
    pub school_status: Option<SchoolStatus>,
    pub help_with: Vec<HelpWith>,
    pub help_text: String,
    pub interests: String,
    pub contact_by: Option<ContactChannel>,
    pub consents: Consents,
}

/// The form's fields, as the request names them, in the order the form shows them.
pub const FORM_FIELDS: [&str; 8] = [
    "situation",
    "last_school",
    "school_status",
    "help_with",
    "help_text",
    "interests",
    "contact_by",
    "consents",
];

impl DraftForm {
    /// The form filled in with an application's content.
    pub fn from_content(content: &ApplicationContent) -> Self {
        Self {
            situation: Some(content.situation),
            last_school: content.last_school.clone(),
            school_status: Some(content.school_status),
            help_with: content.help_with.clone(),
            help_text: content.help_text.clone(),
            interests: content.interests.clone(),
            contact_by: Some(content.contact_by),
            consents: content.consents,
        }
    }

    /// The content to send: the choices that must be made (`required`), then
    /// the shared validation's problems, by field in form order.
    pub fn to_content(&self) -> Result<ApplicationContent, Vec<Problem>> {
        let mut problems: Vec<Problem> = Vec::new();
        if self.situation.is_none() {
            problems.push(("situation", FieldProblem::Required));
        }
        if self.school_status.is_none() {
            problems.push(("school_status", FieldProblem::Required));
        }
        if self.contact_by.is_none() {
            problems.push(("contact_by", FieldProblem::Required));
        }
        let content = ApplicationContent {
            situation: self.situation.unwrap_or(Situation::Nothing),
            last_school: self.last_school.clone(),
            school_status: self.school_status.unwrap_or(SchoolStatus::DroppedOut),
            help_with: self.help_with.clone(),
            help_text: self.help_text.clone(),
            interests: self.interests.clone(),
            contact_by: self.contact_by.unwrap_or(ContactChannel::Sms),
            consents: self.consents,
        };
        match content.validate() {
            Ok(valid) if problems.is_empty() => Ok(valid),
            Ok(_) => Err(sorted(problems)),
            Err(more) => {
                problems.extend(more);
                Err(sorted(problems))
            }
        }
    }

    /// Ticks or unticks one help choice.
    pub fn toggle_help(&mut self, help: HelpWith, on: bool) {
        self.help_with.retain(|h| *h != help);
        if on {
            self.help_with.push(help);
        }
    }
}

fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|(field, _)| FORM_FIELDS.iter().position(|f| f == field));
    problems
}

/// What the status line says to the person looking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusLine {
    /// A draft, and the person looking is the young person: theirs to sign.
    WaitingForYou,
    /// A draft, seen by someone else: waiting for the young person.
    WaitingForYouth,
    /// The person looking is a guardian who has not co-signed yet.
    WaitingForYourCosignature,
    /// Waiting for guardian number `number` (1-based) in the list, `name`.
    WaitingForGuardian { number: usize, name: String },
    /// Sent to the team.
    Submitted,
    /// Accepted; the contact person's name if there is one.
    Accepted(Option<String>),
    /// Declined, with the team's reason.
    Declined(Option<String>),
    /// Withdrawn by the young person.
    Withdrawn,
}

/// The status line for `application`, seen by the person `me_id` in `role`.
pub fn status_line(application: &Application, me_id: i64, role: Role) -> StatusLine {
    match application.status {
        ApplicationStatus::Draft if role == Role::Youth => StatusLine::WaitingForYou,
        ApplicationStatus::Draft => StatusLine::WaitingForYouth,
        ApplicationStatus::WaitingForGuardians => {
            let mine = application
                .guardians
                .iter()
                .any(|g| g.id == me_id && !g.signed);
            if role == Role::Guardian && mine {
                return StatusLine::WaitingForYourCosignature;
            }
            match application
                .guardians
                .iter()
                .enumerate()
                .find(|(_, g)| !g.signed)
            {
                Some((i, g)) => StatusLine::WaitingForGuardian {
                    number: i + 1,
                    name: g.name.clone(),
                },
                // Everyone has signed; the server is about to say "submitted".
                None => StatusLine::Submitted,
            }
        }
        ApplicationStatus::Submitted => StatusLine::Submitted,
        ApplicationStatus::Accepted => {
            StatusLine::Accepted(application.contact_person.as_ref().map(|c| c.name.clone()))
        }
        ApplicationStatus::Declined => StatusLine::Declined(application.decision_reason.clone()),
        ApplicationStatus::Withdrawn => StatusLine::Withdrawn,
    }
}

/// Whole days from `since` (RFC 3339) to `now_ms` (milliseconds since 1970),
/// never negative; `None` for an unreadable time.
pub fn waiting_days(since: &str, now_ms: f64) -> Option<i64> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(since));
    let then = date.get_time();
    if then.is_nan() {
        return None;
    }
    Some((((now_ms - then) / 86_400_000.0).floor() as i64).max(0))
}

/// The waiting time as people say it: "today", "1 day", "N days".
pub fn waiting_text(days: i64, locale: crate::i18n::Locale) -> String {
    use crate::i18n::*;
    match days {
        0 => td_string!(locale, application.waited_today).to_string(),
        1 => td_string!(locale, application.waited_one_day).to_string(),
        n => format!("{n} {}", td_string!(locale, application.waited_days)),
    }
}
