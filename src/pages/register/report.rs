//! The half-year report to SCB: the period, the checks to fix, the rows, the
//! CSV and xlsx downloads, and the programme's figures as a chart with a table.
//!
//! (To be built: a placeholder until then.)

use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    view! { <div class="page"></div> }
}
