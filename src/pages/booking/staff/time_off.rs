//! Staff's time off.

use super::*;

/// Time off: the coming ones, adding and removing.
#[component]
pub fn TimeOffPage() -> impl IntoView {
    view! {
        <PageShell title=label!(booking.time_off_title) access=Access::Staff>
            <TimeOffContent />
        </PageShell>
    }
}

pub(crate) const TIME_OFF_FIELDS: [&str; 5] = ["date", "start", "end_date", "end", "reason"];

#[component]
pub(crate) fn TimeOffContent() -> impl IntoView {
    let i18n = use_i18n();
    let list = load(Api::current().time_off());
    let date = RwSignal::new(today().to_string());
    let start = RwSignal::new("08:00".to_string());
    let end_date = RwSignal::new(today().to_string());
    let end = RwSignal::new("17:00".to_string());
    let reason = RwSignal::new(String::new());
    let form = Form::new("off", &TIME_OFF_FIELDS);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let format_error = || error_message(locale, "booking_time_format").to_string();
        let starts = lotsen_api::date::parse_iso(&date.get_untracked())
            .and_then(|d| stockholm_time(d, &start.get_untracked()));
        let ends = lotsen_api::date::parse_iso(&end_date.get_untracked())
            .and_then(|d| stockholm_time(d, &end.get_untracked()));
        let mut problems = Vec::new();
        if starts.is_none() {
            problems.push(("start", format_error()));
        }
        if ends.is_none() {
            problems.push(("end", format_error()));
        }
        let (Some(starts_at), Some(ends_at)) = (starts, ends) else {
            form.check(locale, problems);
            return;
        };
        let request = NewTimeOff {
            starts_at,
            ends_at,
            reason: optional(&reason.get_untracked()),
        };
        form.submit_or(
            Api::current().add_time_off(request),
            move |_| {
                reason.set(String::new());
                reload(list, Api::current().time_off());
            },
            move |error| failed_at_times(form, error),
        );
    };
    let remove = move |id: i64| {
        form.submit(Api::current().remove_time_off(id), move |()| {
            reload(list, Api::current().time_off())
        });
    };
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff">{tr!(booking.back_to_day)}</A></p>
            <h1>{tr!(booking.time_off_heading)}</h1>
            <div id="off-alert" tabindex="-1">
                <FormAlert message=form.summary() />
            </div>
            <Card id="off-list" heading=label!(booking.time_off_coming)>
                <LoadedList data=list empty=label!(booking.time_off_empty) let:list>
                    <ul class="youth-list">
                        {list.into_iter().map(|t| {
                            let (starts, ends) = (t.starts_at.clone(), t.ends_at.clone());
                            let id = t.id;
                            view! {
                                <li class="youth-list__item">
                                    <p class="youth-list__name">
                                        {move || format!("{} – {}", crate::format::date_time(&starts, i18n.get_locale()), crate::format::date_time(&ends, i18n.get_locale()))}
                                    </p>
                                    {t.reason.clone().map(|r| view! { <p>{r}</p> })}
                                    <button type="button" class="button button--secondary" on:click=move |_| remove(id)>{tr!(booking.remove)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </LoadedList>
            </Card>
            <Card id="off-new" heading=label!(booking.time_off_new)>
                <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                    <TextField form="off" name="date" label=label!(booking.from_date) value=date input_type="date" error=form.field("date") />
                    <TextField form="off" name="start" label=label!(booking.from_time) value=start input_type="time" error=form.field("start") />
                    <TextField form="off" name="end_date" label=label!(booking.to_date) value=end_date input_type="date" error=form.field("end_date") />
                    <TextField form="off" name="end" label=label!(booking.to_time) value=end input_type="time" error=form.field("end") />
                    <TextField form="off" name="reason" label=label!(booking.reason) value=reason error=form.field("reason") />
                    <button type="submit" class="button">{tr!(booking.add_time_off)}</button>
                </form>
            </Card>
        </div>
    }
}
