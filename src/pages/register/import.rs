//! Importing a file from the school register: choose the file, see the preview
//! (every refused row with its reasons, how many are created and updated),
//! then import.
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn ImportPage() -> impl IntoView {
    view! { <div class="page"></div> }
}
