//! Who is signed in: one context for the whole app, loaded from
//! `GET /api/auth/session` at start (204 for nobody, so that an anonymous
//! visit logs no failed request; `route.js` asks as the page loads, and the
//! app takes that answer), and the rules for where a person may go.
//!
//! The session itself is an HttpOnly cookie the app never sees; this only
//! mirrors what the server said about it. Nothing here is stored in the
//! browser; the one thing the app does keep there, a young person's last
//! loaded schedule for offline use, goes when the session does
//! ([`forget_offline_data`]).

use leptos::prelude::*;
use leptos::task::spawn_local;
use lotsen_api::ErrorCode;
use lotsen_api::account::{Me, Role};

use crate::api::{Api, ApiError};

/// The query parameter of the sign-in page that says where to go afterwards.
pub const NEXT_PARAM: &str = "next";

/// The sign-in page.
pub const SIGN_IN_PATH: &str = "/sign-in";

/// What the app knows about the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// `GET /api/auth/session` has not answered yet.
    Loading,
    /// Nobody is signed in.
    SignedOut {
        /// The person signed out themselves (the app is on its way to the start
        /// page), as opposed to a session that was never there or has ended.
        by_choice: bool,
    },
    /// Someone is signed in.
    SignedIn(Me),
}

/// Which people a page is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone signed in.
    SignedIn,
    /// Staff.
    Staff,
    /// Staff who are administrators.
    Admin,
}

impl Access {
    /// Whether `me` may see a page for these people.
    pub fn allows(self, me: &Me) -> bool {
        match self {
            Self::SignedIn => true,
            Self::Staff => me.role == Role::Staff,
            Self::Admin => me.role == Role::Staff && me.is_admin,
        }
    }
}

/// Where a young person or a guardian lands after signing in.
pub const HOME_PATH: &str = "/home";

/// The start page of a person's own part of the app.
pub fn home_path(role: Role) -> &'static str {
    match role {
        Role::Staff => "/staff/today",
        Role::Youth | Role::Guardian => HOME_PATH,
    }
}

/// `next` if it is a path on this site that is safe to go to after signing in.
///
/// Only absolute paths are accepted: never another origin (`//host`, `/\host`,
/// `https://…`), never anything with control characters, and never the
/// sign-in page itself.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() <= 1024;
    let path = next.split(['?', '#']).next().unwrap_or_default();
    let is_sign_in = path.trim_end_matches('/') == SIGN_IN_PATH;
    (ok && !is_sign_in).then_some(next)
}

/// Where to go after signing in: `next` when it is safe, else the person's home.
pub fn after_sign_in(next: Option<&str>, role: Role) -> String {
    next.and_then(safe_next)
        .unwrap_or_else(|| home_path(role))
        .to_string()
}

/// The sign-in page, asking to come back to `path` (path and query, never the fragment).
pub fn sign_in_path(path: &str) -> String {
    match safe_next(path) {
        Some(path) if path != "/" => format!(
            "{SIGN_IN_PATH}?{NEXT_PARAM}={}",
            String::from(js_sys::encode_uri_component(path))
        ),
        _ => SIGN_IN_PATH.to_string(),
    }
}

/// The areas whose every page is for people who are signed in (their routes
/// in `lib.rs`); the start page, sign-in, invitation and password reset are open.
const SIGNED_IN_AREAS: [&str; 9] = [
    HOME_PATH,
    "/me",
    "/staff",
    "/applications",
    "/schedule",
    "/feedback",
    "/booking",
    "/plan",
    "/register",
];

/// Whether the page at `path` is for people who are signed in (the header
/// keeps the account bar's place on it while the session loads).
pub fn needs_sign_in(path: &str) -> bool {
    SIGNED_IN_AREAS.iter().any(|area| {
        path.strip_prefix(area)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// The session, shared through context.
#[derive(Clone, Copy, Debug)]
pub struct Session {
    state: RwSignal<Auth>,
}

impl Session {
    /// What is known now (tracked).
    pub fn auth(&self) -> Auth {
        self.state.get()
    }

    /// What is known now, without tracking.
    pub fn auth_untracked(&self) -> Auth {
        self.state.get_untracked()
    }

    /// The signed-in person, if any (tracked).
    pub fn me(&self) -> Option<Me> {
        self.state.with(|auth| match auth {
            Auth::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// The signed-in person, if any, without tracking.
    pub fn me_untracked(&self) -> Option<Me> {
        self.state.with_untracked(|auth| match auth {
            Auth::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// Someone has just signed in.
    pub fn signed_in(&self, me: Me) {
        self.state.set(Auth::SignedIn(me));
    }

    /// The person signed out.
    pub fn signed_out(&self) {
        forget_offline_data();
        self.state.set(Auth::SignedOut { by_choice: true });
    }

    /// Looks at an API error: when it says the session has ended, forgets the
    /// person, so that protected pages send them to the sign-in page.
    pub fn check(&self, error: &ApiError) {
        if error.code() == Some(ErrorCode::Unauthenticated) {
            forget_offline_data();
            self.state.set(Auth::SignedOut { by_choice: false });
        }
    }
}

thread_local! {
    static CURRENT: std::cell::Cell<Option<Session>> = const { std::cell::Cell::new(None) };
}

/// The one place where an ended session is noticed: every read and submission
/// of the toolkit (`components::data`, `components::submit`) passes its errors
/// here, wherever it runs (no context needed, so event handlers and tasks
/// may call it too). See [`Session::check`].
pub fn check_expired(error: &ApiError) {
    if let Some(session) = CURRENT.with(std::cell::Cell::get) {
        session.check(error);
    }
}

/// Provides the session and asks the server who is signed in.
pub fn provide_session() -> Session {
    let session = Session {
        state: RwSignal::new(Auth::Loading),
    };
    provide_context(session);
    CURRENT.with(|current| current.set(Some(session)));
    let api = Api::current();
    spawn_local(async move {
        // 204 No Content (nobody) reads as `None`.
        let answer = match early_session_check().await {
            Some(response) => api.answered::<Option<Me>>(response).await,
            None => api.get::<Option<Me>>("/auth/session").await,
        };
        let auth = match answer {
            Ok(Some(me)) => Auth::SignedIn(me),
            Ok(None) => {
                forget_offline_data();
                Auth::SignedOut { by_choice: false }
            }
            // The server cannot say: the sign-in page is where a protected
            // page leads, and it reports errors itself.
            Err(_) => Auth::SignedOut { by_choice: false },
        };
        session.state.set(auth);
    });
    session
}

/// The name of the promise of `GET /api/auth/session` that `route.js`
/// starts as the page loads, so that the answer is there when the app has
/// loaded instead of one more round trip after it.
const EARLY_SESSION_CHECK: &str = "lotsenSession";

/// The answer of the session check `route.js` started (taken once: a later
/// check asks the server again); `None` where there is none (tests, an
/// older page) or it did not reach the server, and the app asks itself.
async fn early_session_check() -> Option<gloo_net::http::Response> {
    use wasm_bindgen::{JsCast, JsValue};
    let window = web_sys::window()?;
    let name = JsValue::from_str(EARLY_SESSION_CHECK);
    let promise = js_sys::Reflect::get(&window, &name).ok()?;
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &name);
    let response = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(response.dyn_into::<web_sys::Response>().ok()?.into())
}

/// The `localStorage` key of the last loaded schedule (`src/pages/schedule`),
/// the only personal data the app keeps in the browser.
pub const OFFLINE_SCHEDULE_KEY: &str = "lotsen.schedule";

/// Removes what the app keeps for offline use: on sign-out, and whenever the
/// server says the session has ended. (The service worker caches no API
/// answers, so the app shell's cache holds nothing personal.) Never throws,
/// also where the browser offers no storage ([`crate::storage`]).
pub fn forget_offline_data() {
    crate::storage::forget(OFFLINE_SCHEDULE_KEY);
}

/// The session provided by [`provide_session`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Reads `path` from the API once (see [`crate::components::data::load`],
/// which pages with typed API functions call directly).
pub fn load_path<T>(path: String) -> crate::components::data::Data<T>
where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    crate::components::data::load(Api::current().read(path))
}
