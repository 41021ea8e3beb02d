//! A young person's individual plan (staff): the mapping conversation in their
//! own words, the goal, the measures (add, end, follow-up), revising it (a new
//! version; earlier ones kept) and the young person's answer.
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn PlanPage(id: i64) -> impl IntoView {
    let _ = id;
    view! { <div class="page"></div> }
}
