//! The young person's side: what they may rate, and the rating form.

use leptos::prelude::*;

use crate::components::data::not_yet;
use leptos_router::components::A;
use lotsen_api::Date;
use lotsen_api::feedback::{MyRating, Rateable, RatingRequest};

use crate::api::Api;
use crate::components::data::load;
use crate::components::field::FormAlert;
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::format::day_label;
use crate::forms::{FormErrors, optional};
use crate::i18n::*;
use crate::session::Access;

/// A face and its words for a score of 1 to 5.
pub fn face(score: u8) -> &'static str {
    match score {
        1 => "😞",
        2 => "🙁",
        3 => "😐",
        4 => "🙂",
        _ => "😄",
    }
}

/// The words for a score.
pub fn score_label(score: u8, locale: Locale) -> &'static str {
    match score {
        1 => td_string!(locale, feedback.score_1),
        2 => td_string!(locale, feedback.score_2),
        3 => td_string!(locale, feedback.score_3),
        4 => td_string!(locale, feedback.score_4),
        _ => td_string!(locale, feedback.score_5),
    }
}

/// Where an item's rating form is.
pub fn rate_path(item: &Rateable) -> String {
    match (item.activity_id, item.booking_id) {
        (Some(a), _) => format!("/feedback/rate/activity/{a}/{}", item.date),
        (None, Some(b)) => format!("/feedback/rate/session/{b}"),
        _ => "/feedback/rate".into(),
    }
}

/// What the young person took part in during the last two weeks, newest first.
#[component]
pub fn RateablePage() -> impl IntoView {
    let i18n = use_i18n();
    let list = load(Api::current().my_ratings());
    view! {
        <PageShell title=label!(feedback.rateable_title) access=Access::SignedIn>
            <div class="page">
                <p class="breadcrumb"><A href="/schedule">{tr!(feedback.back_to_today)}</A></p>
                <h1>{tr!(feedback.rateable_title)}</h1>
                <p class="lead">{tr!(feedback.rateable_lead)}</p>
                {move || match list.get() {
                    state @ (None | Some(Err(_))) => not_yet(state),
                    Some(Ok(list)) if list.items.is_empty() => view! { <p class="empty">{tr!(feedback.rateable_empty)}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <ul class="youth-list">
                            {list.items.into_iter().map(|item| {
                                let path = rate_path(&item);
                                let held = item.held_on;
                                let rated = item.rating.as_ref().map(|r| r.score);
                                view! {
                                    <li class="youth-list__item">
                                        <p class="youth-list__meta">
                                            <span>{move || day_label(held, i18n.get_locale())}</span>
                                            <span>{item.start.clone()}</span>
                                        </p>
                                        <A href=path attr:class="youth-list__name">{item.title.clone()}</A>
                                        <p class="note">
                                            {match rated {
                                                Some(score) => view! {
                                                    {tr!(feedback.your_rating)} ": " {move || score_label(score, i18n.get_locale())}
                                                }.into_any(),
                                                None => view! { {tr!(feedback.not_rated)} }.into_any(),
                                            }}
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }}
            </div>
        </PageShell>
    }
}

/// Rating one occurrence (`activity`: id and planned date) or one booked session (`booking`).
#[component]
pub fn RatePage(activity: Option<(i64, Date)>, booking: Option<i64>) -> impl IntoView {
    let list = load(Api::current().my_ratings());
    view! {
        <PageShell title=label!(feedback.rate_title) access=Access::SignedIn>
            <div class="page page--narrow">
                <p class="breadcrumb"><A href="/feedback/rate">{tr!(feedback.back_to_rateable)}</A></p>
                {move || match list.get() {
                    state @ (None | Some(Err(_))) => not_yet(state),
                    Some(Ok(list)) => {
                        let found = list.items.into_iter().find(|i| match (activity, booking) {
                            (Some((a, d)), _) => i.activity_id == Some(a) && (i.date == d || i.held_on == d),
                            (None, Some(b)) => i.booking_id == Some(b),
                            _ => false,
                        });
                        match found {
                            Some(item) => view! { <RateForm item /> }.into_any(),
                            None => view! {
                                <h1>{tr!(feedback.rate_title)}</h1>
                                <p class="empty">{tr!(feedback.rate_missing)}</p>
                            }
                            .into_any(),
                        }
                    }
                }}
            </div>
        </PageShell>
    }
}

#[component]
fn RateForm(item: Rateable) -> impl IntoView {
    let i18n = use_i18n();
    let score = RwSignal::new(item.rating.as_ref().map(|r| r.score));
    let comment = RwSignal::new(
        item.rating
            .as_ref()
            .and_then(|r| r.comment.clone())
            .unwrap_or_default(),
    );
    let anonymous = RwSignal::new(item.rating.as_ref().is_some_and(|r| r.anonymous));
    let form = Form::new("rate", &[]);
    let saved = RwSignal::new(None::<MyRating>);
    let changeable = item.changeable;
    let activity = StoredValue::new(item.activity_id.map(|a| (a, item.date.to_string())));
    let booking = item.booking_id;
    let held = item.held_on;
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        let Some(chosen) = score.get_untracked() else {
            form.errors.set(FormErrors {
                summary: Some(
                    td_string!(i18n.get_locale_untracked(), feedback.choose_face).to_string(),
                ),
                fields: Vec::new(),
            });
            crate::forms::focus_element("rate-score-1");
            return;
        };
        saved.set(None);
        let request = RatingRequest {
            score: chosen,
            comment: optional(&comment.get_untracked()),
            anonymous: anonymous.get_untracked(),
        };
        form.submit(
            Api::current().rate(activity.get_value(), booking, request),
            move |r| saved.set(Some(r)),
        );
    };
    view! {
        <h1>{item.title.clone()}</h1>
        <p class="lead">
            {move || day_label(held, i18n.get_locale())} " " {item.start.clone()}
            {item.leader_name.clone().map(|l| view! { " · " {l} })}
        </p>
        {(!changeable).then(|| view! { <p class="note">{tr!(feedback.locked)}</p> })}
        <form class="form" novalidate on:submit=send aria-busy=form.aria_busy()>
            <fieldset class="faces" disabled=!changeable>
                <legend class="field__label">{tr!(feedback.how_was_it)}</legend>
                <div class="faces__row">
                {[1u8, 2, 3, 4, 5].into_iter().map(|s| {
                    let id = format!("rate-score-{s}");
                    view! {
                        <div class="face">
                            <input
                                type="radio"
                                name="score"
                                id=id.clone()
                                value=s.to_string()
                                prop:checked=move || score.get() == Some(s)
                                on:change=move |_| score.set(Some(s))
                            />
                            <label for=id>
                                <span class="face__icon" aria-hidden="true">{face(s)}</span>
                                <span>{move || score_label(s, i18n.get_locale())}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label class="field__label" for="rate-comment">{tr!(feedback.comment)}</label>
                <textarea class="field__input" id="rate-comment" maxlength="500" rows="3" disabled=!changeable bind:value=comment></textarea>
            </div>
            <div class="field field--check">
                <input type="checkbox" class="field__check" id="rate-anonymous" aria-describedby="rate-anonymous-hint" disabled=!changeable bind:checked=anonymous />
                <label for="rate-anonymous">{tr!(feedback.anonymous)}</label>
            </div>
            <p class="note" id="rate-anonymous-hint">{tr!(feedback.anonymous_hint)}</p>
            <FormAlert message=form.summary() />
            <div role="status">
                {move || saved.get().map(|_| view! { <p class="status">{tr!(feedback.saved)}</p> })}
            </div>
            {changeable.then(|| view! {
                <div class="actions">
                    <button type="submit" class="button">{tr!(feedback.send)}</button>
                </div>
            })}
        </form>
        <p><A href="/schedule">{tr!(feedback.back_to_today)}</A></p>
    }
}
