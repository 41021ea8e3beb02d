//! The letter to print for a windowed envelope, with a neutral sender (the
//! print stylesheet places the address in the window; none is shown for
//! protected identity).
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn LetterPage(id: i64) -> impl IntoView {
    let _ = id;
    view! { <div class="page"></div> }
}
