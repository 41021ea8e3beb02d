//! The contact log of a young person (shown on their entry): every attempt, the
//! suggested next rung of the outreach ladder, and logging an attempt (an SMS
//! waits in the outbox; a home visit names two staff and has its checklist).
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn ContactLog(youth_id: i64) -> impl IntoView {
    let _ = youth_id;
    view! { <div class="page"></div> }
}
