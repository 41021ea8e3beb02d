//! The one way a page reads data: [`load`] starts a read (a typed API
//! function of the feature, such as `Api::current().my_team()`), [`Loaded`]
//! shows "Loading…", the error, the empty state or the data.
//!
//! A read that fails because the session has ended signs the person out
//! ([`check_expired`]), once, here; the page's access guard then sends them
//! to the sign-in page.
//!
//! Kept from the app's earlier one-shot `load` rather than `LocalResource` +
//! `Suspense` + `ErrorBoundary`, which had been left out for the wasm their
//! async machinery costs (not measured again in this change): a signal and a
//! task are all these reads need, and `Loaded` gives every page the same
//! loading and error states.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::status::{ErrorMessage, Loading};
use crate::session::check_expired;

/// What a read has brought: `None` until the server has answered.
pub type Data<T> = RwSignal<Option<Result<T, ApiError>>>;

/// Starts `request` and returns where its answer will be.
pub fn load<T, F>(request: F) -> Data<T>
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T, ApiError>> + 'static,
{
    let data = RwSignal::new(None);
    reload(data, request);
    data
}

/// Reads again into `data`; what is shown stays until the answer is there.
pub fn reload<T, F>(data: Data<T>, request: F)
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T, ApiError>> + 'static,
{
    spawn_local(async move {
        let answer = request.await;
        if let Err(error) = &answer {
            check_expired(error);
        }
        data.set(Some(answer));
    });
}

/// The arm of a page's own `match` on a read that has not brought data:
/// `state @ (None | Some(Err(_))) => not_yet(state)` shows "Loading…" or the
/// error, as [`Loaded`] does.
pub fn not_yet<T>(state: Option<Result<T, ApiError>>) -> AnyView {
    pending(state.and_then(Result::err).as_ref())
}

/// The view of a read that has not brought data: "Loading…" or the error.
/// Not generic, so that the wasm holds it once.
fn pending(error: Option<&ApiError>) -> AnyView {
    match error {
        None => view! { <Loading /> }.into_any(),
        Some(error) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
    }
}

/// Shows what `data` holds: "Loading…" until the answer, then the error or
/// `children` with the data.
#[component]
pub fn Loaded<T, V>(
    data: Data<T>,
    children: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match data.get() {
        Some(Ok(value)) => children(value).into_any(),
        other => pending(other.as_ref().and_then(|r| r.as_ref().err())),
    }
}

/// [`Loaded`] for a list: `empty` (a `<p class="empty">`, or the class given)
/// when the list has nothing in it.
#[component]
pub fn LoadedList<T, V>(
    data: Data<Vec<T>>,
    /// What to say when the list is empty.
    #[prop(into)]
    empty: Signal<&'static str>,
    /// The empty message's class.
    #[prop(default = "empty")]
    empty_class: &'static str,
    children: impl Fn(Vec<T>) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match data.get() {
        Some(Ok(list)) if list.is_empty() => view! { <p class=empty_class>{empty}</p> }.into_any(),
        Some(Ok(list)) => children(list).into_any(),
        other => pending(other.as_ref().and_then(|r| r.as_ref().err())),
    }
}
