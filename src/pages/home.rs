//! The start page.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::i18n::*;

/// The start page: a welcome, what Lotsen is for, and what you can do in it.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, home.title)) />
        <div class="page">
            <h1>{t!(i18n, home.heading)}</h1>
            <p class="lead">{t!(i18n, home.intro)}</p>
            <section class="card" aria-labelledby="home-tasks">
                <h2 id="home-tasks">{t!(i18n, home.list_heading)}</h2>
                <ul class="task-list">
                    <li>{t!(i18n, home.sign)}</li>
                    <li>{t!(i18n, home.schedule)}</li>
                    <li>{t!(i18n, home.book)}</li>
                    <li>{t!(i18n, home.rate)}</li>
                </ul>
            </section>
        </div>
    }
}
