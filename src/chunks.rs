//! Code splitting: the pages that the first load does not need come in their
//! own wasm chunks, fetched the first time someone opens one of them.
//!
//! The start page and not-found are in the main module. The account pages
//! (sign-in, my page, password, invitation, password reset) form one chunk, the staff pages
//! another, and the application pages (drafting, signing, co-signing, the
//! team's decision, the receipt) a third, the schedule pages (a young
//! person's day and week, the calendar subscription, staff's activities and
//! assignments) a fourth, ratings and the staff's feedback view a fifth, the
//! booking pages (a young person's bookings, staff's day and week, opening
//! hours and session types) a sixth, the staff's activity-responsibility
//! register a seventh, the young person's own plan an eighth, and the home a
//! young person or a guardian lands on after signing in a ninth. The schedule
//! and the booking each have a second chunk for their staff's pages, so that
//! a young person's phone fetches only the pages they can open; so has the
//! feedback (a young person's ratings, staff's view of them). With the cargo
//! feature `split` (the release
//! build turns it on in `index.html`), [`wasm_split`] marks each chunk's entry
//! and `cargo xtask build` cuts the wasm along those marks (`wasm-split-cli`).
//! Without it (tests, debug builds) the same pages render directly.
//!
//! [`wasm_split`]: leptos::wasm_split::wasm_split
//!
//! The macro's glue is an `extern "C"` import/export pair, which needs
//! `unsafe` and `no_mangle`: this module is the one place that allows them.
#![allow(unsafe_code)]

use leptos::prelude::*;

use crate::pages::application::ApplicationPages;
use crate::pages::booking::BookingPages;
use crate::pages::booking::staff::StaffBookingPages;
use crate::pages::feedback::{FeedbackPages, StaffFeedbackPages};
use crate::pages::home::mine::MyHomePage;
use crate::pages::invitation::Invitation;
use crate::pages::me::{ChangePassword, MyPage};
use crate::pages::my_plan::MyPlanPage;
use crate::pages::password_reset::PasswordReset;
use crate::pages::register::RegisterPages;
use crate::pages::schedule::SchedulePages;
use crate::pages::schedule::staff::StaffSchedulePages;
use crate::pages::sign_in::SignIn;
use crate::pages::staff::{
    audit::AuditLog, dev_outbox::DevOutbox, term_report::TermReportPage, today::StaffTodayPage,
    youth_detail::YouthRecordPage, youth_list::YouthList, youth_new::NewYouthPage,
};

/// A page that lives in a chunk of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Page {
    SignIn,
    Invitation,
    MyPage,
    ChangePassword,
    /// `/password-reset`: asking for a link, or (with a token) a new password.
    PasswordReset,
    YouthList,
    NewYouth,
    YouthRecord,
    AuditLog,
    /// The term report (`/staff/report`).
    TermReport,
    /// The development outbox (`/staff/outbox`).
    DevOutbox,
    /// Staff's today (`/staff/today`), where staff land after signing in.
    StaffToday,
    /// Every page under `/applications/`, told apart inside the chunk.
    Applications,
    /// A young person's pages under `/schedule` (today, week, calendar),
    /// told apart inside the chunk.
    Schedule,
    /// Staff's pages under `/schedule` (`activities…`, `youth/{id}`).
    ScheduleStaff,
    /// A young person's ratings (`/feedback/rate…`).
    Feedback,
    /// The staff's feedback view (`/feedback`).
    FeedbackStaff,
    /// A young person's pages under `/booking`, told apart inside the chunk.
    Booking,
    /// Staff's pages under `/booking/staff`.
    BookingStaff,
    /// Every page under `/register` (staff's activity-responsibility register).
    Register,
    /// `/plan`: the young person's own plan and what the register holds about them.
    MyPlan,
    /// `/home`: a young person's or a guardian's home after signing in.
    Home,
}

/// Which chunk a page is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chunk {
    /// The sign-in page alone: the first chunk of every visit, so it carries
    /// none of the other account pages (my page, passwords, invitation).
    SignIn,
    Account,
    Staff,
    Application,
    Schedule,
    ScheduleStaff,
    Feedback,
    FeedbackStaff,
    Booking,
    BookingStaff,
    Register,
    MyPlan,
    Home,
}

impl Page {
    pub fn chunk(self) -> Chunk {
        match self {
            Page::SignIn => Chunk::SignIn,
            Page::Invitation | Page::MyPage | Page::ChangePassword | Page::PasswordReset => {
                Chunk::Account
            }
            Page::YouthList
            | Page::NewYouth
            | Page::YouthRecord
            | Page::AuditLog
            | Page::TermReport
            | Page::DevOutbox
            | Page::StaffToday => Chunk::Staff,
            Page::Applications => Chunk::Application,
            Page::Schedule => Chunk::Schedule,
            Page::ScheduleStaff => Chunk::ScheduleStaff,
            Page::Feedback => Chunk::Feedback,
            Page::FeedbackStaff => Chunk::FeedbackStaff,
            Page::Booking => Chunk::Booking,
            Page::BookingStaff => Chunk::BookingStaff,
            Page::Register => Chunk::Register,
            Page::MyPlan => Chunk::MyPlan,
            Page::Home => Chunk::Home,
        }
    }
}

/// The sign-in page.
fn sign_in_page(_page: Page) -> AnyView {
    view! { <SignIn /> }.into_any()
}

/// The account pages (reached only through `account` below when split).
fn account_page(page: Page) -> AnyView {
    match page {
        Page::Invitation => view! { <Invitation /> }.into_any(),
        Page::ChangePassword => view! { <ChangePassword /> }.into_any(),
        Page::PasswordReset => view! { <PasswordReset /> }.into_any(),
        _ => view! { <MyPage /> }.into_any(),
    }
}

/// The staff pages.
fn staff_page(page: Page) -> AnyView {
    match page {
        Page::NewYouth => view! { <NewYouthPage /> }.into_any(),
        Page::YouthRecord => view! { <YouthRecordPage /> }.into_any(),
        Page::AuditLog => view! { <AuditLog /> }.into_any(),
        Page::TermReport => view! { <TermReportPage /> }.into_any(),
        Page::DevOutbox => view! { <DevOutbox /> }.into_any(),
        Page::StaffToday => view! { <StaffTodayPage /> }.into_any(),
        _ => view! { <YouthList /> }.into_any(),
    }
}

/// The application pages (one route in the main module; the chunk reads the rest of the path).
fn application_page(_page: Page) -> AnyView {
    view! { <ApplicationPages /> }.into_any()
}

/// A young person's schedule pages (one route in the main module, like the
/// applications).
fn schedule_page(_page: Page) -> AnyView {
    view! { <SchedulePages /> }.into_any()
}

/// Staff's schedule pages (the activities, a young person's assignments).
fn schedule_staff_page(_page: Page) -> AnyView {
    view! { <StaffSchedulePages /> }.into_any()
}

/// A young person's rating pages (one route in the main module, like the
/// schedule).
fn feedback_page(_page: Page) -> AnyView {
    view! { <FeedbackPages /> }.into_any()
}

/// The staff's feedback view.
fn feedback_staff_page(_page: Page) -> AnyView {
    view! { <StaffFeedbackPages /> }.into_any()
}

/// A young person's booking pages (one route in the main module, like the
/// schedule).
fn booking_page(_page: Page) -> AnyView {
    view! { <BookingPages /> }.into_any()
}

/// Staff's booking pages (their day and week, hours, session types).
fn booking_staff_page(_page: Page) -> AnyView {
    view! { <StaffBookingPages /> }.into_any()
}

/// The register's pages (staff; one route in the main module, like the schedule).
fn register_page(_page: Page) -> AnyView {
    view! { <RegisterPages /> }.into_any()
}

/// The young person's plan (a chunk of its own: the staff's register pages
/// are no download for a phone).
fn my_plan_page(_page: Page) -> AnyView {
    view! { <MyPlanPage /> }.into_any()
}

/// A young person's or a guardian's home (a chunk of its own: the first page
/// after signing in, so it should not wait for another area's code).
fn home_page(_page: Page) -> AnyView {
    view! { <MyHomePage /> }.into_any()
}

/// The page of an area's chunk for the address: `route` of what follows the
/// area's path (`/schedule`, `/booking`, …). An area's pages share one route
/// of the main module, or two with its staff's chunk, and each chunk tells its
/// pages apart by the rest of the path.
pub fn use_area_route<R>(area: &'static str, route: fn(&str) -> R) -> Memo<R>
where
    R: Clone + PartialEq + Send + Sync + 'static,
{
    let location = leptos_router::hooks::use_location();
    Memo::new(move |_| {
        location
            .pathname
            .with(|path| route(path.strip_prefix(area).unwrap_or_default()))
    })
}

/// A chunk could not be fetched (offline, server gone): the page says so and
/// offers to try again; nothing the person typed is at stake yet.
#[derive(Clone, Copy, Debug)]
pub struct ChunkFailed;

#[cfg(all(feature = "split", target_family = "wasm"))]
mod split {
    use std::task::{Context, Poll, Waker};

    use leptos::prelude::*;
    use leptos::wasm_split::{SplitLoaderError, wasm_split};

    use super::{Chunk, ChunkFailed, Page};

    impl From<SplitLoaderError> for ChunkFailed {
        fn from(_: SplitLoaderError) -> Self {
            ChunkFailed
        }
    }

    #[wasm_split(sign_in, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_sign_in))]
    fn sign_in(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::sign_in_page(page))
    }

    #[wasm_split(account, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_account))]
    fn account(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::account_page(page))
    }

    #[wasm_split(staff, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_staff))]
    fn staff(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::staff_page(page))
    }

    #[wasm_split(application, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_application))]
    fn application(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::application_page(page))
    }

    #[wasm_split(schedule, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_schedule))]
    fn schedule(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::schedule_page(page))
    }

    #[wasm_split(schedule_staff, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_schedule_staff))]
    fn schedule_staff(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::schedule_staff_page(page))
    }

    #[wasm_split(feedback, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_feedback))]
    fn feedback(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::feedback_page(page))
    }

    #[wasm_split(feedback_staff, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_feedback_staff))]
    fn feedback_staff(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::feedback_staff_page(page))
    }

    #[wasm_split(booking, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_booking))]
    fn booking(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::booking_page(page))
    }

    #[wasm_split(booking_staff, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_booking_staff))]
    fn booking_staff(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::booking_staff_page(page))
    }

    #[wasm_split(register, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_register))]
    fn register(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::register_page(page))
    }

    #[wasm_split(my_plan, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_my_plan))]
    fn my_plan(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::my_plan_page(page))
    }

    #[wasm_split(home, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_home))]
    fn home(page: Page) -> Result<AnyView, ChunkFailed> {
        Ok(super::home_page(page))
    }

    /// Fetches the chunk (once; a failure is retried on the next call).
    pub async fn fetch(chunk: Chunk) -> Result<(), ChunkFailed> {
        match chunk {
            Chunk::SignIn => preload_sign_in().await?,
            Chunk::Account => preload_account().await?,
            Chunk::Staff => preload_staff().await?,
            Chunk::Application => preload_application().await?,
            Chunk::Schedule => preload_schedule().await?,
            Chunk::ScheduleStaff => preload_schedule_staff().await?,
            Chunk::Feedback => preload_feedback().await?,
            Chunk::FeedbackStaff => preload_feedback_staff().await?,
            Chunk::Booking => preload_booking().await?,
            Chunk::BookingStaff => preload_booking_staff().await?,
            Chunk::Register => preload_register().await?,
            Chunk::MyPlan => preload_my_plan().await?,
            Chunk::Home => preload_home().await?,
        }
        Ok(())
    }

    /// Renders a page whose chunk is already there: the call into the chunk
    /// then completes on its first poll.
    pub fn render(page: Page) -> Result<AnyView, ChunkFailed> {
        let mut call = match page.chunk() {
            Chunk::SignIn => Box::pin(sign_in(page)) as std::pin::Pin<Box<dyn Future<Output = _>>>,
            Chunk::Account => Box::pin(account(page)),
            Chunk::Staff => Box::pin(staff(page)),
            Chunk::Application => Box::pin(application(page)),
            Chunk::Schedule => Box::pin(schedule(page)),
            Chunk::ScheduleStaff => Box::pin(schedule_staff(page)),
            Chunk::Feedback => Box::pin(feedback(page)),
            Chunk::FeedbackStaff => Box::pin(feedback_staff(page)),
            Chunk::Booking => Box::pin(booking(page)),
            Chunk::BookingStaff => Box::pin(booking_staff(page)),
            Chunk::Register => Box::pin(register(page)),
            Chunk::MyPlan => Box::pin(my_plan(page)),
            Chunk::Home => Box::pin(home(page)),
        };
        match call.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(result) => result,
            Poll::Pending => Err(ChunkFailed),
        }
    }
}

/// A route's view for a page in a chunk: "Loading…" while the chunk comes,
/// the page when it is there, and a message with a retry button if it fails.
#[cfg(all(feature = "split", target_family = "wasm"))]
#[component(transparent)]
pub fn Lazy(page: Page) -> impl IntoView {
    use leptos::task::spawn_local;

    use crate::components::status::Loading;

    // None: on its way; Some(true): there; Some(false): could not be fetched.
    let fetched = RwSignal::new(None::<bool>);
    let fetch = move || {
        fetched.set(None);
        spawn_local(async move { fetched.set(Some(split::fetch(page.chunk()).await.is_ok())) });
    };
    fetch();
    move || match fetched.get() {
        None => view! { <Loading /> }.into_any(),
        Some(true) => match split::render(page) {
            Ok(view) => view,
            Err(ChunkFailed) => view! { <LoadFailed on_retry=fetch /> }.into_any(),
        },
        Some(false) => view! { <LoadFailed on_retry=fetch /> }.into_any(),
    }
}

/// Without splitting, the page itself.
#[cfg(not(all(feature = "split", target_family = "wasm")))]
#[component]
pub fn Lazy(page: Page) -> impl IntoView {
    match page.chunk() {
        Chunk::SignIn => sign_in_page(page),
        Chunk::Account => account_page(page),
        Chunk::Staff => staff_page(page),
        Chunk::Application => application_page(page),
        Chunk::Schedule => schedule_page(page),
        Chunk::ScheduleStaff => schedule_staff_page(page),
        Chunk::Feedback => feedback_page(page),
        Chunk::FeedbackStaff => feedback_staff_page(page),
        Chunk::Booking => booking_page(page),
        Chunk::BookingStaff => booking_staff_page(page),
        Chunk::Register => register_page(page),
        Chunk::MyPlan => my_plan_page(page),
        Chunk::Home => home_page(page),
    }
}

/// The message when a page's code could not be fetched.
#[cfg(all(feature = "split", target_family = "wasm"))]
#[component(transparent)]
fn LoadFailed(on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <p class="alert" role="alert">
            {tr!(errors.network)}
        </p>
        <button type="button" class="button" on:click=move |_| on_retry()>
            {tr!(common.retry)}
        </button>
    }
}
