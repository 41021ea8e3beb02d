//! The young person's booking: what they need help with, with whom, a free
//! time with an optional note, the confirmation; their bookings (move,
//! cancel until the deadline), offers from the waitlist and places in line.

mod mine;
mod moving;
mod person;
mod times;

pub use mine::*;
pub use moving::*;
pub use person::*;
pub use times::*;

use leptos::prelude::*;

use crate::components::data::not_yet;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Redirect};
use lotsen_api::account::{Profession, Role};
use lotsen_api::booking::{
    Booking, BookingStatus, FreeDay, FreeTime, JoinWaitlist, MoveBooking, NewBooking, SessionType,
    WaitlistEntry,
};

use super::{
    chosen_or_error, need_label, refresh_if_taken, status_text, time_in_request, time_range,
    times_path, when,
};
use crate::api::{Api, ApiError};
use crate::components::card::Card;
use crate::components::data::{Data, Loaded, load, reload};
use crate::components::field::FormAlert;
use crate::components::guard::Protected;
use crate::components::page_title::PageTitle;
use crate::components::status::{ErrorMessage, Loading};
use crate::components::submit::Form;
use crate::format::day_label;
use crate::forms::focus_later;
use crate::forms::optional;
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::{Access, use_session};

/// Young people only: staff go on to their day, guardians are told no.
#[component]
fn YouthOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let children = StoredValue::new(children);
    view! {
        <Protected access=Access::SignedIn>
            {move || match session.me().map(|me| me.role) {
                Some(Role::Youth) => children.with_value(|c| c()).into_any(),
                Some(Role::Staff) => view! {
                    <Redirect path="/booking/staff" options=NavigateOptions { replace: true, ..Default::default() } />
                }
                .into_any(),
                _ => view! {
                    <div class="page">
                        <ErrorMessage message=error_message(i18n.get_locale_untracked(), "forbidden").to_string() />
                    </div>
                }
                .into_any(),
            }}
        </Protected>
    }
}

/// "Boka tid": what the young person needs help with, by profession.
#[component]
pub fn StartPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.start_title) />
        <YouthOnly>
            <StartContent />
        </YouthOnly>
    }
}

#[component]
fn StartContent() -> impl IntoView {
    let i18n = use_i18n();
    let types = session_types();
    view! {
        <div class="page">
            <h1>{tr!(booking.start_heading)}</h1>
            <p class="lead">{tr!(booking.start_lead)}</p>
            <p><A href="/booking/mine" attr:class="button button--secondary">{tr!(booking.mine_link)}</A></p>
            {move || match types.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(types)) if types.is_empty() => view! { <p class="empty">{tr!(booking.types_empty)}</p> }.into_any(),
                Some(Ok(types)) => {
                    let groups: Vec<(Profession, Vec<SessionType>)> = Profession::ALL
                        .into_iter()
                        .map(|p| (p, types.iter().filter(|t| t.profession == p).cloned().collect::<Vec<_>>()))
                        .filter(|(_, list)| !list.is_empty())
                        .collect();
                    groups
                        .into_iter()
                        .map(|(profession, list)| {
                            let heading = format!("need-{}", profession.as_str());
                            view! {
                                <section class="card" aria-labelledby=heading.clone()>
                                    <h2 id=heading.clone()>{move || need_label(profession, i18n.get_locale())}</h2>
                                    <ul class="link-list">
                                        {list
                                            .into_iter()
                                            .map(|t| {
                                                let (id, name) = (t.id, t.name.clone());
                                                view! {
                                                <li>
                                                    <A href=format!("/booking/new/{id}")>{name}</A>
                                                    <p class="note">
                                                        {t.description.clone()} " "
                                                        {move || type_facts(&t, i18n.get_locale())}
                                                    </p>
                                                </li>
                                            }})
                                            .collect_view()}
                                    </ul>
                                </section>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
        </div>
    }
}

/// "45 minuter." or "Gruppträff, 120 minuter."
fn type_facts(t: &SessionType, locale: Locale) -> String {
    let minutes = format!(
        "{} {}.",
        t.length_minutes,
        td_string!(locale, booking.minutes)
    );
    if t.group {
        format!("{} {minutes}", td_string!(locale, booking.group_session))
    } else {
        minutes
    }
}

/// The session types, read once for the booking pages a young person walks
/// through ("what do you need help with", then whom): held by the booking
/// area's route ([`SessionTypes::provide`]), so that the read outlives the
/// page that started it.
#[derive(Clone, Copy)]
pub struct SessionTypes {
    data: Data<Vec<SessionType>>,
    asked: StoredValue<bool>,
}

impl SessionTypes {
    /// Called by the booking area's route; the pages then share one read.
    pub fn provide() {
        provide_context(Self {
            data: RwSignal::new(None),
            asked: StoredValue::new(false),
        });
    }
}

/// The session types: the area's shared read, started by the first page that
/// asks (and again after an error); a read of its own without the area's route.
fn session_types() -> Data<Vec<SessionType>> {
    let Some(SessionTypes { data, asked }) = use_context::<SessionTypes>() else {
        return load(Api::current().session_types());
    };
    if !asked.get_value() || data.with_untracked(|d| matches!(d, Some(Err(_)))) {
        asked.set_value(true);
        reload(data, Api::current().session_types());
    }
    data
}

/// Loads one session type (there is no read of a single one: the list is short).
fn load_type(id: i64) -> RwSignal<Option<Result<SessionType, ApiError>>> {
    let result = RwSignal::new(None);
    let list = session_types();
    Effect::new(move |_| {
        if let Some(answer) = list.get() {
            let locale = to_locale();
            result.set(Some(answer.and_then(|types| {
                types
                    .into_iter()
                    .find(|t| t.id == id)
                    .ok_or_else(|| not_found(locale))
            })));
        }
    });
    result
}

fn to_locale() -> Locale {
    use_context::<leptos_i18n::I18nContext<Locale>>()
        .map(|i| i.get_locale_untracked())
        .unwrap_or(Locale::sv)
}

fn not_found(locale: Locale) -> ApiError {
    ApiError::Server(lotsen_api::ErrorBody {
        status: 404,
        code: lotsen_api::ErrorCode::NotFound,
        message: error_message(locale, "not_found").to_string(),
        fields: Vec::new(),
        retry_after_seconds: None,
    })
}
