//! The register (open or closed periods, paged) and adding a young person by hand.
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn ListPage() -> impl IntoView {
    view! { <div class="page"></div> }
}

#[component]
pub fn NewPage() -> impl IntoView {
    view! { <div class="page"></div> }
}
