//! "To contact" (everyone registered and not yet reached, oldest first, those past
//! the 14-day goal marked) and the signed-in staff member's worklist for today
//! (contacts due, follow-ups due).
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! { <div class="page"></div> }
}
