//! The start page (in the first load), and in the `home` chunk the home a
//! young person or a guardian lands on after signing in ([`mine`]).

pub mod guardian;
pub mod mine;
pub mod youth;

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

/// The start page: a welcome, what Lotsen is for, and what you can do in it.
#[component(transparent)]
pub fn Home() -> impl IntoView {
    view! {
        <PageTitle page=label!(home.title) />
        <div class="page">
            <h1>{tr!(home.heading)}</h1>
            <p class="lead">{tr!(home.intro)}</p>
            <section class="card" aria-labelledby="home-tasks">
                <h2 id="home-tasks">{tr!(home.list_heading)}</h2>
                <ul class="task-list">
                    <li>{tr!(home.sign)}</li>
                    <li>{tr!(home.schedule)}</li>
                    <li>{tr!(home.book)}</li>
                    <li>{tr!(home.rate)}</li>
                </ul>
            </section>
        </div>
    }
}
