//! An activity's occurrences: cancelling and moving one.

use super::*;

/// One activity: its details, and its occurrences for the coming weeks.
#[component]
pub fn ActivityPage(id: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(schedule.activity_title) access=Access::Staff>
            <ActivityLoader id />
        </PageShell>
    }
}

#[component]
pub(crate) fn ActivityLoader(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let activity = load(Api::current().activity(id));
    let from = monday(today());
    let to = add_days(from, 7 * 4 - 1);
    let occurrences =
        load_path::<Vec<Occurrence>>(format!("/activities/{id}/occurrences?from={from}&to={to}"));
    view! {
        <div class="page">
            <p class="breadcrumb"><A href="/schedule/activities">{tr!(schedule.back_to_activities)}</A></p>
            {move || match activity.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! {
                    <h1>{tr!(schedule.activity_title)}</h1>
                    <ErrorMessage message=error.message().to_string() />
                }
                .into_any(),
                Some(Ok(a)) => {
                    let kind = a.kind;
                    let recurrence = a.recurrence.clone();
                    view! {
                        <h1>{a.title.clone()}</h1>
                        <Card id="activity-details" heading=label!(schedule.details)>
                            <dl class="details">
                                <div class="details__row"><dt>{tr!(schedule.f_kind)}</dt><dd>{move || kind_label(kind, i18n.get_locale())}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.when)}</dt><dd>{move || recurrence_text(&recurrence, i18n.get_locale())}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.term)}</dt><dd>{format!("{} – {}", a.recurrence.first_date, a.recurrence.last_date)}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.f_place)}</dt><dd>{a.place.clone()}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.f_leader)}</dt><dd>{a.leader.clone().map(|l| l.name)}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.f_capacity)}</dt><dd>{a.capacity.map(|c| c.to_string())}</dd></div>
                            </dl>
                            {(!a.description.is_empty()).then(|| view! { <p class="prewrap">{a.description.clone()}</p> })}
                            <p><A href=format!("/schedule/activities/{id}/edit")>{tr!(schedule.edit_activity)}</A></p>
                        </Card>
                    }
                    .into_any()
                }
            }}
            <Card id="activity-occurrences" heading=label!(schedule.occurrences)>
                <LoadedList data=occurrences empty=label!(schedule.occurrences_empty) let:list>
                    <ul class="youth-list">
                        {list.into_iter().map(|o| view! { <OccurrenceItem activity=id occurrence=o /> }).collect_view()}
                    </ul>
                </LoadedList>
            </Card>
        </div>
    }
}

/// What an occurrence's form is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Editing {
    Nothing,
    Cancel,
    ConfirmCancel,
    Move,
}

/// One occurrence: when, its status, who is expected and who can't come; cancel, move or restore.
#[component]
pub(crate) fn OccurrenceItem(activity: i64, occurrence: Occurrence) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(occurrence);
    let editing = RwSignal::new(Editing::Nothing);
    let note = RwSignal::new(String::new());
    let form = Form::new("occurrence", &[]);
    let (date, start, end) = current.with_untracked(|o| (o.date, o.start.clone(), o.end.clone()));
    let new_date = RwSignal::new(date.to_string());
    let new_start = RwSignal::new(start.clone());
    let new_end = RwSignal::new(end.clone());
    let key = format!("occ-{date}");

    let send = move |change: Option<OccurrenceChange>| {
        form.submit(
            Api::current().change_occurrence(activity, date, change),
            move |updated| {
                current.set(updated);
                editing.set(Editing::Nothing);
                note.set(String::new());
                focus_later(format!("occ-{date}-status"));
            },
        );
    };
    let cancel_it = move |_| {
        send(Some(OccurrenceChange::Cancel {
            note: optional(&note.get_untracked()),
        }))
    };
    let move_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(to_date) = lotsen_api::date::parse_iso(new_date.get_untracked().trim()) else {
            form.errors.set(FormErrors {
                summary: Some(
                    td_string!(i18n.get_locale_untracked(), schedule.err_date).to_string(),
                ),
                fields: Vec::new(),
            });
            focus_later(format!("occ-{date}-date"));
            return;
        };
        send(Some(OccurrenceChange::Move {
            date: to_date,
            start: new_start.get_untracked(),
            end: new_end.get_untracked(),
            note: optional(&note.get_untracked()),
        }))
    };
    let restore = move |_| send(None);
    let open = move |what: Editing, focus: String| {
        editing.set(what);
        focus_later(focus);
    };
    let k = key.clone();

    view! {
        <li class="youth-list__item">
            <p class="youth-list__name">{move || format!("{} {}–{}", day_label(date, i18n.get_locale()), start, end)}</p>
            <p id=format!("{key}-status") tabindex="-1">
                {move || match occurrence_status(&current.get()) {
                    StatusLabel::AsPlanned => view! { <span>{tr!(schedule.as_planned)}</span> }.into_any(),
                    StatusLabel::Cancelled => view! { <span class="badge">{tr!(schedule.cancelled)}</span> }.into_any(),
                    StatusLabel::Moved { .. } => {
                        let o = current.get();
                        let to = o.moved_to.clone();
                        view! {
                            <span class="badge">
                                {tr!(schedule.moved)} " "
                                {to.map(|t| format!("{} {} {}–{}", t_string!(i18n, schedule.moved_to), day_label(t.date, i18n.get_locale()), t.start, t.end))}
                            </span>
                        }
                        .into_any()
                    }
                }}
            </p>
            {move || current.get().note.map(|n| view! { <p class="prewrap">{tr!(schedule.note)} ": " {n}</p> })}
            {move || {
                let o = current.get();
                let expected = o.expected.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
                let count = o.expected.len();
                let absent = o.absent.clone();
                view! {
                    <p>{tr!(schedule.expected)} " (" {count} "): " {expected}</p>
                    {(!absent.is_empty()).then(|| view! {
                        <p>{tr!(schedule.cant_come_list)} ": "
                            {absent.into_iter().map(|a| match a.reason {
                                Some(r) if !r.is_empty() => format!("{} ({r})", a.name),
                                _ => a.name,
                            }).collect::<Vec<_>>().join(", ")}
                        </p>
                    })}
                }
            }}
            <FormAlert message=form.summary() />
            <div class="actions" hidden=move || editing.get() != Editing::Nothing>
                {move || {
                    let changed = occurrence_status(&current.get()) != StatusLabel::AsPlanned;
                    if changed {
                        view! {
                            <button type="button" class="button button--secondary" on:click=restore aria-disabled=form.aria_busy()>
                                {tr!(schedule.restore)}
                            </button>
                        }
                        .into_any()
                    } else {
                        let (a, b) = (format!("{k}-note"), format!("{k}-date"));
                        view! {
                            <button type="button" class="button button--secondary" on:click=move |_| open(Editing::Cancel, a.clone())>
                                {tr!(schedule.cancel_occurrence)}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| open(Editing::Move, b.clone())>
                                {tr!(schedule.move_occurrence)}
                            </button>
                        }
                        .into_any()
                    }
                }}
            </div>
            <form class="form confirm" novalidate hidden=move || editing.get() == Editing::Nothing on:submit=move_it aria-busy=form.aria_busy()>
                <div hidden=move || editing.get() != Editing::Move>
                    <TextField form="occ" name="date" label=label!(schedule.new_date) value=new_date input_type="date" />
                    <TextField form="occ" name="start" label=label!(schedule.f_start) value=new_start input_type="time" />
                    <TextField form="occ" name="end" label=label!(schedule.f_end) value=new_end input_type="time" />
                </div>
                <div class="field">
                    <label class="field__label" for=format!("{key}-note")>{tr!(schedule.note_label)}</label>
                    <input class="field__input" id=format!("{key}-note") type="text" maxlength="500" bind:value=note />
                </div>
                <p id=format!("{key}-confirm") tabindex="-1" hidden=move || editing.get() != Editing::ConfirmCancel>
                    {tr!(schedule.cancel_question)}
                </p>
                <div class="actions">
                    {
                        let confirm_id = format!("{key}-confirm");
                        move || match editing.get() {
                            Editing::Move => view! { <button type="submit" class="button">{tr!(schedule.move_save)}</button> }.into_any(),
                            Editing::Cancel => {
                                let confirm_id = confirm_id.clone();
                                view! {
                                    <button type="button" class="button" on:click=move |_| open(Editing::ConfirmCancel, confirm_id.clone())>
                                        {tr!(schedule.cancel_occurrence)}
                                    </button>
                                }
                                .into_any()
                            }
                            Editing::ConfirmCancel => view! {
                                <button type="button" class="button" on:click=cancel_it aria-disabled=form.aria_busy()>
                                    {tr!(schedule.cancel_yes)}
                                </button>
                            }
                            .into_any(),
                            Editing::Nothing => ().into_any(),
                        }
                    }
                    <button type="button" class="button button--secondary" on:click=move |_| editing.set(Editing::Nothing)>
                        {tr!(schedule.cancel)}
                    </button>
                </div>
            </form>
        </li>
    }
}
