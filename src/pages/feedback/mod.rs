//! Ratings and feedback, in the `feedback` wasm chunk (`src/chunks.rs`): the
//! young person's list of what they may rate and the rating form (five faces
//! with text labels, a comment, anonymously or not); for staff, the feedback
//! of a term per activity and per leader (nothing of a group under five), the
//! CSV export and the "you said, we did" answers.

pub mod rate;
pub mod report;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use lotsen_api::Date;

/// The pages under `/feedback` (one route in the main module).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `` (nothing): the staff's feedback view.
    Report,
    /// `rate`: what the young person may rate.
    Rateable,
    /// `rate/activity/{id}/{YYYY-MM-DD}`: rating an occurrence.
    RateActivity(i64, Date),
    /// `rate/session/{booking}`: rating a booked session.
    RateSession(i64),
    NotFound,
}

/// The page for the path after `/feedback`.
pub fn route(rest: &str) -> Route {
    let rest = rest.trim_matches('/');
    let id = |s: &str| s.parse::<i64>().ok().filter(|id| *id > 0);
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [""] => Route::Report,
        ["rate"] => Route::Rateable,
        ["rate", "activity", a, d] => match (id(a), lotsen_api::date::parse_iso(d)) {
            (Some(a), Some(d)) => Route::RateActivity(a, d),
            _ => Route::NotFound,
        },
        ["rate", "session", b] => id(b).map_or(Route::NotFound, Route::RateSession),
        _ => Route::NotFound,
    }
}

/// Every feedback page, chosen by the address.
#[component]
pub fn FeedbackPages() -> impl IntoView {
    let params = use_params_map();
    let page = Memo::new(move |_| route(&params.with(|p| p.get("rest").unwrap_or_default())));
    move || match page.get() {
        Route::Report => view! { <report::ReportPage /> }.into_any(),
        Route::Rateable => view! { <rate::RateablePage /> }.into_any(),
        Route::RateActivity(id, date) => {
            view! { <rate::RatePage activity=Some((id, date)) booking=None /> }.into_any()
        }
        Route::RateSession(id) => {
            view! { <rate::RatePage activity=None booking=Some(id) /> }.into_any()
        }
        Route::NotFound => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}
