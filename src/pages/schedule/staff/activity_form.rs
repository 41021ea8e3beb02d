//! Creating and editing an activity.

use super::*;

pub(crate) const FORM: &str = "activity";
pub(crate) const ACTIVITY_FIELDS: [&str; 11] = [
    "title",
    "description",
    "place",
    "kind",
    "leader_id",
    "capacity",
    "recurrence.weekdays",
    "recurrence.start_time",
    "recurrence.end_time",
    "recurrence.first_date",
    "recurrence.last_date",
];

/// The activity form (new or existing).
#[component]
pub(crate) fn ActivityForm(existing: Option<Activity>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let staff = load(Api::current().staff_members());
    let e = existing.clone();
    let title = RwSignal::new(e.as_ref().map(|a| a.title.clone()).unwrap_or_default());
    let description = RwSignal::new(
        e.as_ref()
            .map(|a| a.description.clone())
            .unwrap_or_default(),
    );
    let place = RwSignal::new(e.as_ref().map(|a| a.place.clone()).unwrap_or_default());
    let kind = RwSignal::new(e.as_ref().map_or(ActivityKind::WorkingLife, |a| a.kind));
    let leader = RwSignal::new(
        e.as_ref()
            .and_then(|a| a.leader.as_ref().map(|l| l.id.to_string()))
            .unwrap_or_default(),
    );
    let capacity = RwSignal::new(
        e.as_ref()
            .and_then(|a| a.capacity.map(|c| c.to_string()))
            .unwrap_or_default(),
    );
    let weekdays = RwSignal::new(
        e.as_ref()
            .map(|a| a.recurrence.weekdays.clone())
            .unwrap_or_default(),
    );
    let start_time = RwSignal::new(
        e.as_ref()
            .map_or("09:00".to_string(), |a| a.recurrence.start_time.clone()),
    );
    let end_time = RwSignal::new(
        e.as_ref()
            .map_or("12:00".to_string(), |a| a.recurrence.end_time.clone()),
    );
    let first_date = RwSignal::new(e.as_ref().map_or_else(
        || today().to_string(),
        |a| a.recurrence.first_date.to_string(),
    ));
    let last_date = RwSignal::new(e.as_ref().map_or_else(
        || add_days(today(), 7 * 16).to_string(),
        |a| a.recurrence.last_date.to_string(),
    ));
    let form = Form::new(FORM, &ACTIVITY_FIELDS);
    let existing_id = existing.as_ref().map(|a| a.id);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let date = |s: String, field: &'static str, problems: &mut Vec<(&'static str, String)>| {
            let d = lotsen_api::date::parse_iso(s.trim());
            if d.is_none() {
                problems.push((field, td_string!(locale, schedule.err_date).to_string()));
            }
            d
        };
        let first = date(
            first_date.get_untracked(),
            "recurrence.first_date",
            &mut problems,
        );
        let last = date(
            last_date.get_untracked(),
            "recurrence.last_date",
            &mut problems,
        );
        let cap = optional(&capacity.get_untracked());
        let cap_value = match cap.as_deref().map(str::parse::<u32>) {
            Some(Err(_)) => {
                problems.push((
                    "capacity",
                    td_string!(locale, schedule.err_number).to_string(),
                ));
                None
            }
            Some(Ok(c)) => Some(c),
            None => None,
        };
        let fallback = today();
        let draft = NewActivity {
            title: title.get_untracked(),
            description: description.get_untracked(),
            place: place.get_untracked(),
            kind: kind.get_untracked(),
            leader_id: leader.get_untracked().parse().ok(),
            capacity: cap_value,
            recurrence: Recurrence {
                weekdays: weekdays.get_untracked(),
                start_time: start_time.get_untracked(),
                end_time: end_time.get_untracked(),
                first_date: first.unwrap_or(fallback),
                last_date: last.unwrap_or(fallback),
            },
        };
        // The shared validation, as the server runs it (trimmed texts, sorted weekdays).
        let request = match draft.validate() {
            Ok(valid) => Some(valid),
            Err(found) => {
                for (field, code) in found {
                    if !problems.iter().any(|(f, _)| *f == field) {
                        problems.push((field, error_message(locale, code).to_string()));
                    }
                }
                None
            }
        };
        let Some(request) = request.filter(|_| problems.is_empty()) else {
            problems.sort_by_key(|(f, _)| ACTIVITY_FIELDS.iter().position(|x| x == f));
            form.check(locale, problems);
            return;
        };
        let navigate = navigate.clone();
        form.submit(
            Api::current().save_activity(existing_id, request),
            move |saved| {
                navigate(
                    &format!("/schedule/activities/{}", saved.id),
                    Default::default(),
                )
            },
        );
    };

    view! {
        <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
            <div id="activity-alert" tabindex="-1">
                <FormAlert message=form.summary() />
            </div>
            <TextField form name="title" label=label!(schedule.f_title) value=title />
            <div class="field" class:field--invalid=move || form.field("description").with(Option::is_some)>
                <label class="field__label" for="activity-description">{tr!(schedule.f_description)}</label>
                {move || form.field("description").get().map(|m| view! { <p class="field__error" id="activity-description-error">{m}</p> })}
                <textarea class="field__input" id="activity-description" rows="3" bind:value=description></textarea>
            </div>
            <TextField form name="place" label=label!(schedule.f_place) value=place />
            <div class="field">
                <label class="field__label" for="activity-kind">{tr!(schedule.f_kind)}</label>
                <select class="field__input" id="activity-kind" on:change:target=move |ev| {
                    if let Some(k) = ActivityKind::parse(&ev.target().value()) {
                        kind.set(k);
                    }
                }>
                    {ActivityKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=move || kind.get() == k>
                                    {move || kind_label(k, i18n.get_locale())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <SelectField form name="leader_id" label=label!(schedule.f_leader) value=leader>
                <SelectOption value="" chosen=leader>{tr!(schedule.no_leader)}</SelectOption>
                <StaffOptions staff chosen=leader />
            </SelectField>
            <TextField
                form
                name="capacity"
                label=label!(schedule.f_capacity)
                hint=label!(schedule.f_capacity_hint)
                value=capacity
                inputmode="numeric"
            />
            <WeekdayChoice id="activity-recurrence.weekdays" legend=label!(schedule.f_weekdays) chosen=weekdays error=form.field("recurrence.weekdays") />
            <TextField form name="recurrence.start_time" label=label!(schedule.f_start) value=start_time input_type="time" />
            <TextField form name="recurrence.end_time" label=label!(schedule.f_end) value=end_time input_type="time" />
            <TextField form name="recurrence.first_date" label=label!(schedule.f_first_date) value=first_date input_type="date" />
            <TextField form name="recurrence.last_date" label=label!(schedule.f_last_date) value=last_date input_type="date" />
            <button type="submit" class="button">{tr!(schedule.save)}</button>
        </form>
    }
}

/// Weekday check boxes (1 = Monday … 7 = Sunday) in a fieldset.
#[component]
pub(crate) fn WeekdayChoice(
    id: &'static str,
    legend: Signal<&'static str>,
    chosen: RwSignal<Vec<u8>>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = described_by(id, hint.is_some(), error);
    view! {
        <fieldset class="field choice-group" aria-describedby=described class:field--invalid=move || error.with(Option::is_some)>
            <legend class="field__label">{legend}</legend>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            {(1u8..=7)
                .map(|d| {
                    // Monday's box carries the group's id, so that an error focuses it.
                    let box_id = if d == 1 { id.to_string() } else { format!("{id}-{d}") };
                    let toggle = Callback::new(move |on| {
                        chosen.update(|c| {
                            c.retain(|x| *x != d);
                            if on {
                                c.push(d);
                                c.sort_unstable();
                            }
                        });
                    });
                    view! {
                        <CheckBox id=box_id checked=Signal::derive(move || chosen.with(|c| c.contains(&d))) on_change=toggle>
                            {move || crate::format::weekday_long(d, i18n.get_locale())}
                        </CheckBox>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
