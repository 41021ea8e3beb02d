//! A card of a page: a `<section class="card">` named by its `<h2>`
//! ([`Card`]), and one that holds a list or says it is empty ([`ListCard`]).

use leptos::prelude::*;

/// A `<section class="card">` named by its `<h2>` (`id`, the heading's id).
#[component]
pub fn Card(
    /// The heading's id, which names the section.
    id: &'static str,
    #[prop(into)] heading: Signal<&'static str>,
    /// The section's classes.
    #[prop(default = "card")]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class=class aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {children()}
        </section>
    }
}

/// A [`Card`] holding `items` as a list, then `children` (a link below the list, say). When there are no
/// items it says `empty` (a `<p class="empty">`); without `empty` an empty
/// list shows no card at all.
///
/// Not generic (the items come as views), so that the wasm holds it once.
#[component]
pub fn ListCard(
    /// The heading's id, which names the section.
    id: &'static str,
    #[prop(into)] heading: Signal<&'static str>,
    /// The list's class.
    #[prop(default = "youth-list")]
    class: &'static str,
    /// What to say when there is nothing in the list.
    #[prop(optional, into)]
    empty: Option<Signal<&'static str>>,
    /// The list's `<li>`s.
    items: Vec<AnyView>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let list = if items.is_empty() {
        let empty = empty?;
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        view! { <ul class=class>{items}</ul> }.into_any()
    };
    Some(view! {
        <Card id heading>
            {list}
            {children.map(|children| children())}
        </Card>
    })
}
