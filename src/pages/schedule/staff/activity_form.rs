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
    let kind = RwSignal::new(
        e.as_ref()
            .map_or(ActivityKind::WorkingLife, |a| a.kind)
            .as_str()
            .to_string(),
    );
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
            // The select offers only the kinds there are.
            kind: ActivityKind::parse(&kind.get_untracked()).unwrap_or(ActivityKind::WorkingLife),
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
            <TextArea form name="description" label=label!(schedule.f_description) value=description rows=3 />
            <TextField form name="place" label=label!(schedule.f_place) value=place />
            <SelectField form name="kind" label=label!(schedule.f_kind) value=kind>
                <ChoiceOptions choices=ActivityKind::ALL.to_vec() chosen=kind value_of=ActivityKind::as_str text_of=kind_label />
            </SelectField>
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
