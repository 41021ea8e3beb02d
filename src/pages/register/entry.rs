//! A young person's register entry: details (no address with protected
//! identity), the periods (history), registering again and deregistering, the
//! contact log ([`super::contacts::ContactLog`]) and a link to the plan.
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn EntryPage(id: i64) -> impl IntoView {
    let _ = id;
    view! { <div class="page"></div> }
}
