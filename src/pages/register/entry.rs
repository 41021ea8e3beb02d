//! A young person's register entry: details (no address with protected
//! identity), the periods (history), registering again and deregistering, the
//! contact log ([`super::contacts::ContactLog`]) and a link to the plan.
//!
//! (To be built: a placeholder until then, showing the contact log.)

use leptos::prelude::*;

#[component]
pub fn EntryPage(id: i64) -> impl IntoView {
    view! {
        <div class="page page--wide">
            <super::contacts::ContactLog youth_id=id />
        </div>
    }
}
