//! Staff's weekly opening hours.

use super::*;

/// One row of the opening hours being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    key: u32,
    weekday: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
}

pub(crate) fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

/// Weekly opening hours.
#[component]
pub fn HoursPage() -> impl IntoView {
    view! {
        <PageShell title=label!(booking.hours_title) access=Access::Staff>
            <HoursContent />
        </PageShell>
    }
}

#[component]
pub(crate) fn HoursContent() -> impl IntoView {
    let hours = load(Api::current().opening_hours());
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff">{tr!(booking.back_to_day)}</A></p>
            <h1>{tr!(booking.hours_heading)}</h1>
            <p class="lead">{tr!(booking.hours_lead)}</p>
            <Loaded data=hours let:hours>
                <HoursForm hours />
            </Loaded>
        </div>
    }
}

#[component]
pub(crate) fn HoursForm(hours: WeeklyHours) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let next_key = StoredValue::new(0u32);
    let new_row = move |w: &OpeningWindow| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Row {
            key,
            weekday: RwSignal::new(weekday_name(w.weekday).to_string()),
            start: RwSignal::new(w.start.clone()),
            end: RwSignal::new(w.end.clone()),
        }
    };
    let rows = RwSignal::new(hours.windows.iter().map(new_row).collect::<Vec<_>>());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let windows: Vec<OpeningWindow> = rows.with_untracked(|rows| {
            rows.iter()
                .map(|r| OpeningWindow {
                    weekday: Weekday::ALL
                        .into_iter()
                        .find(|w| weekday_name(*w) == r.weekday.get_untracked())
                        .unwrap_or(Weekday::Monday),
                    start: r.start.get_untracked(),
                    end: r.end.get_untracked(),
                })
                .collect()
        });
        busy.set(true);
        error.set(None);
        saved.set(false);
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .put::<_, WeeklyHours>("/staff/me/opening-hours", &WeeklyHours { windows })
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    saved.set(true);
                    focus_later("hours-status".into());
                }
                Err(e) => {
                    session.check(&e);
                    error.set(Some(e));
                    focus_later("hours-status".into());
                }
            }
        });
    };
    // The server names a row's problem `windows[2].end`.
    let row_error = move |index: usize| {
        error.with(|e| match e {
            Some(ApiError::Server(body)) => {
                let prefix = format!("windows[{index}]");
                let messages: Vec<String> = body
                    .fields
                    .iter()
                    .filter(|f| f.field.starts_with(&prefix))
                    .map(|f| f.message.clone())
                    .collect();
                (!messages.is_empty()).then(|| messages.join(" "))
            }
            _ => None,
        })
    };
    view! {
        <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <div id="hours-status" tabindex="-1">
                {move || saved.get().then(|| view! { <p class="status" role="status">{tr!(booking.saved)}</p> })}
                {move || error.get().map(|e| view! { <p class="alert" role="alert">{e.message().to_string()}</p> })}
            </div>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <p class="empty">{tr!(booking.hours_empty)}</p> }.into_any();
                }
                list.into_iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let n = i + 1;
                        let key = row.key;
                        view! {
                            <fieldset class="choice-group card">
                                <legend>{move || format!("{} {n}", t_string!(i18n, booking.window))}</legend>
                                {move || row_error(i).map(|m| view! { <p class="field__error">{m}</p> })}
                                <div class="field">
                                    <label class="field__label" for=format!("hours-{key}-weekday")>{tr!(booking.weekday)}</label>
                                    <select
                                        class="field__input"
                                        id=format!("hours-{key}-weekday")
                                        prop:value=move || row.weekday.get()
                                        on:change=move |ev| row.weekday.set(event_target_value(&ev))
                                    >
                                        {Weekday::ALL
                                            .into_iter()
                                            .map(|w| view! {
                                                <option value=weekday_name(w)>{move || weekday_long(w.number(), i18n.get_locale())}</option>
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label class="field__label" for=format!("hours-{key}-start")>{tr!(booking.starts)}</label>
                                    <input class="field__input" type="time" id=format!("hours-{key}-start") bind:value=row.start />
                                </div>
                                <div class="field">
                                    <label class="field__label" for=format!("hours-{key}-end")>{tr!(booking.ends)}</label>
                                    <input class="field__input" type="time" id=format!("hours-{key}-end") bind:value=row.end />
                                </div>
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    on:click=move |_| rows.update(|r| r.retain(|x| x.key != key))
                                >
                                    {tr!(booking.remove_window)}
                                </button>
                            </fieldset>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
            <div class="actions">
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| {
                        let row = new_row(&OpeningWindow {
                            weekday: Weekday::Monday,
                            start: "09:00".into(),
                            end: "12:00".into(),
                        });
                        let id = format!("hours-{}-weekday", row.key);
                        rows.update(|r| r.push(row));
                        focus_later(id);
                    }
                >
                    {tr!(booking.add_window)}
                </button>
                <button type="submit" class="button">{tr!(booking.save)}</button>
            </div>
        </form>
    }
}
