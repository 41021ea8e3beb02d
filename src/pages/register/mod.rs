//! The activity-responsibility register (*kommunala aktivitetsansvaret*) for
//! staff: who is to be contacted, each member of staff's worklist, the
//! register itself (by hand and by import), a young person's entry with the
//! outreach to them, the letter, their individual plan, and the half-year
//! report to SCB. All of it is in the `register` wasm chunk (`src/chunks.rs`),
//! behind the one `/register/*rest` route of the main module; the young
//! person's own view is `/plan` ([`crate::pages::my_plan`]), a chunk of its
//! own. The server decides who sees what (`lotsen_api::register`).

pub mod codes;
pub mod contacts;
pub mod entry;
pub mod home;
pub mod import;
pub mod letter;
pub mod list;
pub mod plan;
pub mod report;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::area_style::WithStylesheet;

/// The pages under `/register` (the rest of the path is read here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `` (nothing): "to contact" and the staff member's worklist for today.
    Home,
    /// `people`: the register, open or closed periods.
    List,
    /// `people/new`: add a young person by hand.
    New,
    /// `import`: import a file from the school register, with a preview.
    Import,
    /// `people/{id}`: a young person's entry, periods and contact log.
    Entry(i64),
    /// `people/{id}/letter`: the letter to print.
    Letter(i64),
    /// `people/{id}/plan`: the individual plan and its measures.
    Plan(i64),
    /// `report`: the half-year report to SCB and the figures.
    Report,
    /// `codes`: the code list of measures (administrators edit it).
    Codes,
    /// Anything else.
    NotFound,
}

/// The page for the path after `/register`.
pub fn route(rest: &str) -> Route {
    let rest = rest.trim_matches('/');
    let id = |s: &str| s.parse::<i64>().ok().filter(|id| *id > 0);
    if rest.is_empty() {
        return Route::Home;
    }
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["people"] => Route::List,
        ["people", "new"] => Route::New,
        ["import"] => Route::Import,
        ["report"] => Route::Report,
        ["codes"] => Route::Codes,
        ["people", p] => id(p).map_or(Route::NotFound, Route::Entry),
        ["people", p, "letter"] => id(p).map_or(Route::NotFound, Route::Letter),
        ["people", p, "plan"] => id(p).map_or(Route::NotFound, Route::Plan),
        _ => Route::NotFound,
    }
}

/// The address of a young person's entry.
pub fn entry_path(youth_id: i64) -> String {
    format!("/register/people/{youth_id}")
}

/// Every register page, chosen by the address.
#[component]
pub fn RegisterPages() -> impl IntoView {
    let params = use_params_map();
    let page = Memo::new(move |_| route(&params.with(|p| p.get("rest").unwrap_or_default())));
    let pages = move || match page.get() {
        Route::Home => view! { <home::HomePage /> }.into_any(),
        Route::List => view! { <list::ListPage /> }.into_any(),
        Route::New => view! { <list::NewPage /> }.into_any(),
        Route::Import => view! { <import::ImportPage /> }.into_any(),
        Route::Entry(id) => view! { <entry::EntryPage id /> }.into_any(),
        Route::Letter(id) => view! { <letter::LetterPage id /> }.into_any(),
        Route::Plan(id) => view! { <plan::PlanPage id /> }.into_any(),
        Route::Report => view! { <report::ReportPage /> }.into_any(),
        Route::Codes => view! { <codes::CodesPage /> }.into_any(),
        Route::NotFound => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    };
    view! { <WithStylesheet href=STYLESHEET>{pages}</WithStylesheet> }
}

/// The register's own stylesheet (`style/register.css`, copied to `dist/` by
/// Trunk), shared with the young person's plan: not in the first load.
pub const STYLESHEET: &str = "/register.css";
