//! The frame of every page component: the tab's title, who may see it, and
//! (for a page whose heading is fixed) the page's box with its `<h1>`.
//!
//! Not used by the start page and not-found, which are in the first load:
//! the shell names the access guard (and with it the redirect and the
//! "not allowed" page), which would then come into the first load too
//! (measured: about 7.8 KB brotli).

use leptos::prelude::*;
use leptos_router::params::Params;

use crate::components::guard::Protected;
use crate::components::page_title::PageTitle;
use crate::session::Access;

/// A page: sets the title; with `access`, shows the rest only to those
/// people (see [`Protected`]); with `heading`, wraps the content in
/// `<div class=class>` under that `<h1>`. Without `heading` the content
/// draws its own box (a heading that comes with the data).
#[component]
pub fn PageShell(
    /// The tab's title ("‹title› – Lotsen").
    #[prop(into)]
    title: Signal<&'static str>,
    /// Who may see the page; everyone when left out.
    #[prop(optional)]
    access: Option<Access>,
    /// The page's `<h1>`.
    #[prop(optional, into)]
    heading: Option<Signal<&'static str>>,
    /// The page box's class.
    #[prop(default = "page")]
    class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let content = move || match heading {
        Some(heading) => view! {
            <div class=class>
                <h1>{heading}</h1>
                {children()}
            </div>
        }
        .into_any(),
        None => children().into_any(),
    };
    let content = StoredValue::new(content);
    view! {
        <PageTitle page=title />
        {match access {
            Some(access) => view! {
                <Protected access>{move || content.with_value(|c| c())}</Protected>
            }
            .into_any(),
            None => content.with_value(|c| c()),
        }}
    }
}

/// The typed parameter of a route such as `/staff/youth/:id`.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
pub struct IdParam {
    pub id: i64,
}

/// The `:id` of the current route, `None` when it is missing or not a number.
pub fn use_id() -> Memo<Option<i64>> {
    let params = leptos_router::hooks::use_params::<IdParam>();
    Memo::new(move |_| params.with(|p| p.as_ref().ok().map(|p| p.id)))
}
