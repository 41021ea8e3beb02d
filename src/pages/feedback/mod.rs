//! Ratings and feedback: in the `feedback` wasm chunk (`src/chunks.rs`), the
//! young person's list of what they may rate and the rating form (five faces
//! with text labels, a comment, anonymously or not); in `feedback_staff`, the
//! of a term per activity and per leader (nothing of a group under five), the
//! CSV export and the "you said, we did" answers.

pub mod rate;
pub mod report;

use leptos::prelude::*;
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

/// The page for the address (see [`crate::chunks::use_area_route`]).
fn use_route() -> Memo<Route> {
    crate::chunks::use_area_route("/feedback", route)
}

/// A young person's rating pages (`rate…`), chosen by the address.
#[component]
pub fn FeedbackPages() -> impl IntoView {
    let page = use_route();
    move || match page.get() {
        Route::Rateable => view! { <rate::RateablePage /> }.into_any(),
        Route::RateActivity(id, date) => {
            view! { <rate::RatePage activity=Some((id, date)) booking=None /> }.into_any()
        }
        Route::RateSession(id) => {
            view! { <rate::RatePage activity=None booking=Some(id) /> }.into_any()
        }
        _ => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

/// Staff's feedback view (`/feedback`), a chunk of its own so that a young
/// person's phone never fetches it.
#[component]
pub fn StaffFeedbackPages() -> impl IntoView {
    let page = use_route();
    move || match page.get() {
        Route::Report => view! { <report::ReportPage /> }.into_any(),
        _ => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}
