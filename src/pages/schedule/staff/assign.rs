//! A young person's schedule and assignments, seen by staff.

use super::*;

/// A young person's schedule, seen by staff: the assignments, assigning an
/// activity, and this week with who said they can't come.
#[component]
pub fn YouthSchedulePage(id: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(schedule.youth_title) access=Access::Staff>
            <YouthSchedule id />
        </PageShell>
    }
}

#[component]
pub(crate) fn YouthSchedule(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let youth = load(Api::current().youth(id));
    let assignments = load(Api::current().assignments(id));
    let from = monday(today());
    let to = add_days(from, 6);
    let week = load_path::<Schedule>(format!("/youth/{id}/schedule?from={from}&to={to}"));
    let activities = load(Api::current().activities());
    view! {
        <div class="page">
            <p class="breadcrumb"><A href=format!("/staff/youth/{id}")>{tr!(schedule.back_to_youth)}</A></p>
            <h1>
                {tr!(schedule.youth_heading)}
                {move || youth.get().and_then(Result::ok).map(|y| format!(": {}", y.name))}
            </h1>
            <Card id="youth-assignments" heading=label!(schedule.assignments)>
                <LoadedList data=assignments empty=label!(schedule.assignments_empty) let:list>
                    <ul class="plain-list">
                        {list.into_iter().map(|a| view! { <AssignmentItem youth=id assignment=a list=assignments /> }).collect_view()}
                    </ul>
                </LoadedList>
                <AssignForm youth=id activities assignments />
            </Card>
            <Card id="youth-week" heading=label!(schedule.this_week)>
                {move || match week.get() {
                    state @ (None | Some(Err(_))) => not_yet(state),
                    Some(Ok(s)) if s.items.is_empty() => view! { <p class="empty">{tr!(schedule.week_empty)}</p> }.into_any(),
                    Some(Ok(s)) => view! {
                        {group_by_day(s.items, |i| i.date)
                            .into_iter()
                            .map(|(d, items)| view! {
                                <h3>{move || day_label(d, i18n.get_locale())}</h3>
                                <ul class="plain-list">
                                    {items.into_iter().map(|i| {
                                        let status = super::super::status_label(&i);
                                        view! {
                                            <li>
                                                <span class="plain-list__name">{format!("{}–{} {}", i.start, i.end, i.title)}</span>
                                                " "
                                                {(status == StatusLabel::Cancelled).then(|| view! { <span class="badge">{tr!(schedule.cancelled)}</span> })}
                                                {matches!(status, StatusLabel::Moved { .. }).then(|| view! { <span class="badge">{tr!(schedule.moved)}</span> })}
                                                {i.absence.map(|r| view! {
                                                    <span class="plain-list__meta">
                                                        " " {tr!(schedule.absent_staff)}
                                                        {(!r.is_empty()).then(|| format!(" ({r})"))}
                                                    </span>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            })
                            .collect_view()}
                    }
                    .into_any(),
                }}
            </Card>
        </div>
    }
}

/// One assignment, with "end" (from today).
#[component]
pub(crate) fn AssignmentItem(
    youth: i64,
    assignment: Assignment,
    list: RwSignal<Option<Result<Vec<Assignment>, ApiError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("assignment", &[]);
    let id = assignment.id;
    let weekdays = assignment.weekdays.clone();
    let end = move |_| {
        form.submit(Api::current().unassign(youth, id), move |()| {
            list.update(|l| {
                if let Some(Ok(l)) = l {
                    l.retain(|a| a.id != id);
                }
            });
            focus_later("youth-assignments".into());
        });
    };
    view! {
        <li>
            <span class="plain-list__name">{assignment.activity_title.clone()}</span>
            " "
            <span class="plain-list__meta">
                {move || {
                    let locale = i18n.get_locale();
                    let days = if weekdays.is_empty() {
                        td_string!(locale, schedule.all_days).to_string()
                    } else {
                        weekdays.iter().map(|d| weekday_short(*d, locale)).collect::<Vec<_>>().join(", ")
                    };
                    format!("{days}, {} {}", td_string!(locale, schedule.from_date_short), assignment.from_date)
                }}
            </span>
            <FormAlert message=form.summary() />
            <div>
                <button type="button" class="button button--secondary" on:click=end aria-disabled=form.aria_busy()>
                    {tr!(schedule.end_assignment)}
                </button>
            </div>
        </li>
    }
}

pub(crate) const ASSIGN_FIELDS: [&str; 3] = ["activity_id", "weekdays", "from_date"];

/// Assigning an activity: the whole series or some of its weekdays, from a date.
#[component]
pub(crate) fn AssignForm(
    youth: i64,
    activities: RwSignal<Option<Result<Vec<Activity>, ApiError>>>,
    assignments: RwSignal<Option<Result<Vec<Assignment>, ApiError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(String::new());
    let weekdays = RwSignal::new(Vec::<u8>::new());
    let from_date = RwSignal::new(today().to_string());
    let form = Form::new("assign", &ASSIGN_FIELDS);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let activity_id = chosen.get_untracked().parse::<i64>().ok();
        if activity_id.is_none() {
            problems.push(("activity_id", error_message(locale, "required").to_string()));
        }
        let from = lotsen_api::date::parse_iso(from_date.get_untracked().trim());
        if from.is_none() {
            problems.push((
                "from_date",
                td_string!(locale, schedule.err_date).to_string(),
            ));
        }
        let (Some(activity_id), Some(from)) = (activity_id, from) else {
            form.check(locale, problems);
            return;
        };
        let request = NewAssignment {
            activity_id,
            weekdays: weekdays.get_untracked(),
            from_date: from,
        };
        form.submit(Api::current().assign(youth, request), move |a| {
            assignments.update(|l| match l {
                Some(Ok(l)) => l.push(a),
                other => *other = Some(Ok(vec![a])),
            });
            chosen.set(String::new());
            weekdays.set(Vec::new());
            done.set(true);
            focus_later("assign-status".into());
        });
    };
    view! {
        <h3>{tr!(schedule.assign_heading)}</h3>
        <p class="status" role="status" id="assign-status" tabindex="-1">
            {move || done.get().then(|| t_string!(i18n, schedule.assigned))}
        </p>
        <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
            <div id="assign-alert" tabindex="-1">
                <FormAlert message=form.summary() />
            </div>
            <SelectField form name="activity_id" label=label!(schedule.f_activity) value=chosen>
                <SelectOption value="" chosen>{tr!(schedule.choose_activity)}</SelectOption>
                {move || {
                    activities
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|a| {
                            let text = format!("{} ({})", a.title, recurrence_text(&a.recurrence, i18n.get_locale()));
                            view! { <SelectOption value=a.id.to_string() chosen>{text}</SelectOption> }
                        })
                        .collect_view()
                }}
            </SelectField>
            <WeekdayChoice
                id="assign-weekdays"
                legend=label!(schedule.f_assign_weekdays)
                hint=label!(schedule.f_assign_weekdays_hint)
                chosen=weekdays
                error=form.field("weekdays")
            />
            <TextField form name="from_date" label=label!(schedule.f_from_date) value=from_date input_type="date" />
            <button type="submit" class="button">{tr!(schedule.assign)}</button>
        </form>
    }
}
