//! What the pages a password link opens (an invitation, a password reset)
//! show around their form: the link that cannot be used, and the password set.

use leptos::prelude::*;
use leptos_router::components::A;

/// The link cannot be used (expired, used or unknown): the page's heading,
/// the server's `message`, and the way on from there (`children`, a link).
#[component]
pub fn LinkUnusable(
    #[prop(into)] heading: Signal<&'static str>,
    message: String,
    children: Children,
) -> impl IntoView {
    view! {
        <h1>{heading}</h1>
        <p class="alert" role="alert">{message}</p>
        <p>{children()}</p>
    }
}

/// The password is set: the heading (`id`, where focus goes), what happened,
/// and the button to sign in.
#[component]
pub fn PasswordSet(
    /// The heading's id.
    id: &'static str,
    #[prop(into)] heading: Signal<&'static str>,
    #[prop(into)] text: Signal<&'static str>,
    #[prop(into)] sign_in: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <h1 tabindex="-1" id=id>{heading}</h1>
        <p>{text}</p>
        <p>
            <A href="/sign-in" attr:class="button">{sign_in}</A>
        </p>
    }
}

/// The tab's title: `done` once the password is set, `title` before.
pub fn step_title(
    is_done: impl Fn() -> bool + Send + Sync + 'static,
    title: Signal<&'static str>,
    done: Signal<&'static str>,
) -> Signal<&'static str> {
    Signal::derive(move || if is_done() { done.get() } else { title.get() })
}
