//! The calendar subscription: the young person's secret feed address, which a
//! phone's calendar subscribes to; copy it, make a new one (the old one stops
//! working), or turn it off.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use lotsen_api::schedule::CalendarFeed;

use crate::api::Api;
use crate::components::card::Card;
use crate::components::data::{Loaded, load};
use crate::components::field::FormAlert;
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::forms::focus_later;
use crate::i18n::*;
use crate::session::Access;

/// The feed address as a `webcal://` link, which phones open in their calendar app.
pub fn webcal(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

/// The page.
#[component]
pub fn CalendarPage() -> impl IntoView {
    view! {
        <PageShell title=label!(schedule.calendar_title) access=Access::SignedIn>
            <CalendarContent />
        </PageShell>
    }
}

/// What is being confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Asking {
    Nothing,
    Renew,
    Revoke,
}

#[component]
fn CalendarContent() -> impl IntoView {
    let feed = load(Api::current().calendar_feed());
    view! {
        <div class="page">
            <p class="breadcrumb"><A href="/schedule">{tr!(schedule.back_to_schedule)}</A></p>
            <h1>{tr!(schedule.calendar_heading)}</h1>
            <p class="lead">{tr!(schedule.calendar_intro)}</p>
            <Loaded data=feed let:current>
                <Feed current />
            </Loaded>
        </div>
    }
}

#[component]
fn Feed(current: CalendarFeed) -> impl IntoView {
    let i18n = use_i18n();
    // The address itself is known only right after it was made: the server keeps its hash.
    let url = RwSignal::new(current.url);
    let active = RwSignal::new(current.active || url.with_untracked(Option::is_some));
    let asking = RwSignal::new(Asking::Nothing);
    let form = Form::new("calendar", &[]);
    let done = RwSignal::new(None::<&'static str>);

    // Makes a new address (the old one stops working) or turns the feed off.
    let change = move |what: Asking| {
        let revoke = what == Asking::Revoke;
        done.set(None);
        let api = Api::current();
        let request = async move {
            if revoke {
                api.revoke_calendar_feed().await.map(|()| None)
            } else {
                api.new_calendar_feed().await.map(|feed| feed.url)
            }
        };
        form.submit_or(
            request,
            move |new: Option<String>| {
                asking.set(Asking::Nothing);
                active.set(new.is_some());
                url.set(new);
                let locale = i18n.get_locale_untracked();
                done.set(Some(if revoke {
                    td_string!(locale, schedule.calendar_revoked)
                } else {
                    td_string!(locale, schedule.calendar_created)
                }));
                focus_later("calendar-status".into());
            },
            move |_| {
                asking.set(Asking::Nothing);
                false
            },
        );
    };
    let copy = move |_| {
        let Some(text) = url.get_untracked() else {
            return;
        };
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        spawn_local(async move {
            let copied = match clipboard {
                Some(clipboard) => {
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                        .await
                        .is_ok()
                }
                None => false,
            };
            let locale = i18n.get_locale_untracked();
            done.set(Some(if copied {
                td_string!(locale, schedule.copied)
            } else {
                td_string!(locale, schedule.copy_failed)
            }));
        });
    };
    let ask = move |what: Asking| {
        asking.set(what);
        focus_later("calendar-confirm".into());
    };

    view! {
        <p class="status" role="status" id="calendar-status" tabindex="-1">{move || done.get()}</p>
        <FormAlert message=form.summary() />
        {move || match url.get() {
            None if !active.get() => view! {
                <Card id="calendar-none" heading=label!(schedule.calendar_none_heading)>
                    <p>{tr!(schedule.calendar_none)}</p>
                    <button type="button" class="button" on:click=move |_| change(Asking::Renew) aria-disabled=form.aria_busy()>
                        {tr!(schedule.calendar_create)}
                    </button>
                </Card>
            }
            .into_any(),
            address => {
                let shown = address.map(|address| {
                    let link = webcal(&address);
                    view! {
                    <Card id="calendar-link" heading=label!(schedule.calendar_link_heading)>
                        <div class="field">
                            <label class="field__label" for="calendar-url">{tr!(schedule.calendar_url)}</label>
                            <p class="field__hint" id="calendar-url-hint">{tr!(schedule.calendar_secret)}</p>
                            <input
                                class="field__input"
                                id="calendar-url"
                                type="text"
                                readonly
                                aria-describedby="calendar-url-hint"
                                prop:value=address
                            />
                        </div>
                        <div class="actions">
                            <button type="button" class="button" on:click=copy>{tr!(schedule.copy)}</button>
                            <a class="button button--secondary" href=link>{tr!(schedule.open_in_calendar)}</a>
                        </div>
                    </Card>
                    }
                    .into_any()
                });
                let hidden_note = shown.is_none().then(|| view! {
                    <Card id="calendar-active" heading=label!(schedule.calendar_active_heading)>
                        <p>{tr!(schedule.calendar_active)}</p>
                    </Card>
                });
                view! {
                    {shown}
                    {hidden_note}
                    <Card id="calendar-manage" heading=label!(schedule.calendar_manage)>
                        <div class="actions" hidden=move || asking.get() != Asking::Nothing>
                            <button type="button" class="button button--secondary" on:click=move |_| ask(Asking::Renew)>
                                {tr!(schedule.calendar_renew)}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| ask(Asking::Revoke)>
                                {tr!(schedule.calendar_revoke)}
                            </button>
                        </div>
                        <div class="confirm" hidden=move || asking.get() == Asking::Nothing>
                            <p id="calendar-confirm" tabindex="-1">
                                {move || if asking.get() == Asking::Revoke {
                                    t_string!(i18n, schedule.calendar_revoke_question)
                                } else {
                                    t_string!(i18n, schedule.calendar_renew_question)
                                }}
                            </p>
                            <div class="actions">
                                <button
                                    type="button"
                                    class="button"
                                    aria-disabled=form.aria_busy()
                                    on:click=move |_| change(asking.get_untracked())
                                >
                                    {move || if asking.get() == Asking::Revoke {
                                        t_string!(i18n, schedule.calendar_revoke_yes)
                                    } else {
                                        t_string!(i18n, schedule.calendar_renew_yes)
                                    }}
                                </button>
                                <button type="button" class="button button--secondary" on:click=move |_| asking.set(Asking::Nothing)>
                                    {tr!(schedule.cancel)}
                                </button>
                            </div>
                        </div>
                    </Card>
                }
                .into_any()
            }
        }}
    }
}
