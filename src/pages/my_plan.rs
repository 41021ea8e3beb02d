//! The young person's own plan (`/plan`, on their phone): the current version
//! in plain words with its measures and who is responsible, "I agree" or a
//! comment, and what the register holds about them and why (the law allows
//! it even if they object: said plainly).
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn MyPlanPage() -> impl IntoView {
    view! { <div class="page"></div> }
}
