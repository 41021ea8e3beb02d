//! Staff book a time for a young person.

use super::*;

/// A select of the session types (all of them, or only group ones).
#[component]
pub(crate) fn TypeSelect(
    form: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    types: Vec<SessionType>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <SelectField form name="session_type_id" label value error>
            <SelectOption value="" chosen=value>{tr!(booking.choose)}</SelectOption>
            {types
                .into_iter()
                .map(|t| {
                    let profession = t.profession;
                    view! {
                        <SelectOption value=t.id.to_string() chosen=value>
                            {t.name.clone()} " (" {move || profession_label(profession, i18n.get_locale())} ")"
                        </SelectOption>
                    }
                })
                .collect_view()}
        </SelectField>
    }
}

/// Booking for a young person (the caller's own free times).
#[component]
pub fn BookForPage() -> impl IntoView {
    view! {
        <PageShell title=label!(booking.book_for_title) access=Access::Staff>
            <BookForContent />
        </PageShell>
    }
}

#[component]
pub(crate) fn BookForContent() -> impl IntoView {
    let api = Api::current();
    let i18n = use_i18n();
    let session = use_session();
    let youth = load(Api::current().youth_list());
    let types = load(Api::current().session_types());
    let youth_id = RwSignal::new(String::new());
    let type_id = RwSignal::new(String::new());
    let times = RwSignal::new(None::<Result<FreeTimes, ApiError>>);
    let chosen = RwSignal::new(None::<FreeTime>);
    let note = RwSignal::new(String::new());
    let form = Form::new("for", &["youth_id", "session_type_id", "starts_at", "note"]);
    let done = RwSignal::new(None::<Booking>);
    let me = session.me().map(|m| m.id).unwrap_or_default();
    Effect::new(move |_| {
        let t = type_id.get();
        chosen.set(None);
        times.set(None);
        if let Ok(t) = t.parse() {
            reload(times, api.free_times(t, Some(me)));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let youth = youth_id.get_untracked().parse::<i64>().ok();
        let session_type = type_id.get_untracked().parse::<i64>().ok();
        if youth.is_none() {
            problems.push(("youth_id", error_message(locale, "required").to_string()));
        }
        if session_type.is_none() {
            problems.push((
                "session_type_id",
                error_message(locale, "required").to_string(),
            ));
        }
        let time = chosen.get_untracked();
        if session_type.is_some() && time.is_none() {
            problems.push((
                "starts_at",
                td_string!(locale, booking.choose_time_error).to_string(),
            ));
        }
        let (Some(youth), Some(session_type), Some(time)) = (youth, session_type, time) else {
            form.check(locale, problems);
            return;
        };
        let (starts_at, group_session_id) = time_in_request(&time);
        let request = StaffNewBooking {
            youth_id: youth,
            session_type_id: session_type,
            staff_id: None,
            starts_at,
            group_session_id,
            note: optional(&note.get_untracked()),
        };
        form.submit(Api::current().book_for(request), move |b| {
            done.set(Some(b));
            focus_later("for-done".into());
        });
    };
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff">{tr!(booking.back_to_day)}</A></p>
            <h1>{tr!(booking.book_for_heading)}</h1>
            {move || done.get().map(|b| {
                let (starts, ends) = (b.starts_at.clone(), b.ends_at.clone());
                view! {
                    <div class="card card--success" id="for-done" tabindex="-1" role="status">
                        <p>{tr!(booking.book_for_done)} " " {b.youth_name.clone()} ", " {move || when(&starts, &ends, i18n.get_locale())}</p>
                    </div>
                }
            })}
            <div id="for-alert" tabindex="-1">
                <FormAlert message=form.summary() />
            </div>
            {move || match (youth.get(), types.get()) {
                (None, _) | (_, None) => view! { <Loading /> }.into_any(),
                (Some(Err(error)), _) | (_, Some(Err(error))) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                (Some(Ok(youth)), _) if youth.is_empty() => {
                    view! { <p class="empty">{tr!(booking.book_for_empty)}</p> }.into_any()
                }
                (Some(Ok(youth)), Some(Ok(types))) => view! {
                    <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                        <SelectField
                            form="for"
                            name="youth_id"
                            label=label!(booking.young_person)
                            value=youth_id
                            error=form.field("youth_id")
                        >
                            <SelectOption value="" chosen=youth_id>{tr!(booking.choose)}</SelectOption>
                            {youth.into_iter().map(|y| view! { <SelectOption value=y.id.to_string() chosen=youth_id>{y.name}</SelectOption> }).collect_view()}
                        </SelectField>
                        <TypeSelect
                            form="for"
                            label=label!(booking.session_type)
                            types
                            value=type_id
                            error=form.field("session_type_id")
                        />
                        {move || match times.get() {
                            None if type_id.with(String::is_empty) => ().into_any(),
                            state @ (None | Some(Err(_))) => not_yet(state),
                            Some(Ok(free)) if free.days.is_empty() => view! { <p class="empty">{tr!(booking.own_none_free)}</p> }.into_any(),
                            Some(Ok(free)) => view! {
                                <TimeChoices
                                    days=free.days
                                    chosen
                                    show_staff=false
                                    form="for"
                                    error=form.field("starts_at")
                                />
                            }
                            .into_any(),
                        }}
                        <div class="field">
                            <label class="field__label" for="for-note">{tr!(booking.staff_note_label)}</label>
                            <textarea
                                class="field__input"
                                id="for-note"
                                rows="3"
                                maxlength="500"
                                prop:value=move || note.get()
                                on:input=move |ev| note.set(event_target_value(&ev))
                            ></textarea>
                        </div>
                        <button type="submit" class="button">{tr!(booking.book)}</button>
                    </form>
                }
                .into_any(),
            }}
        </div>
    }
}
