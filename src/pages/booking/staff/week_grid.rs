//! Staff's week on a desk's screen: a table of days × hours, each booking in
//! the cell of its day and starting hour, a link to its day, with the state
//! of its reminder or offer ([`MessageBadge`]). Phones keep the
//! list of days (`style/desk.css` shows one or the other).

use super::*;

/// The hour of an RFC 3339 time the server sent (Swedish wall-clock time).
pub(crate) fn hour_of(rfc3339: &str) -> Option<u32> {
    rfc3339.get(11..13)?.parse().ok()
}

/// The hours the grid shows: 8 to 17, widened to the week's bookings.
pub(crate) fn grid_hours(bookings: &[Booking]) -> std::ops::RangeInclusive<u32> {
    let starts = bookings.iter().filter_map(|b| hour_of(&b.starts_at));
    let (low, high) = starts.fold((8, 16), |(lo, hi), h| (lo.min(h), hi.max(h)));
    low..=high.min(23)
}

/// The week as a table: a column per day, a row per hour.
#[component]
pub(crate) fn WeekGrid(first: Date, bookings: Vec<Booking>) -> impl IntoView {
    let i18n = use_i18n();
    let days = week_days(first);
    let heads = days
        .iter()
        .map(|&d| view! { <th scope="col"><A href=day_path(d)>{move || day_label(d, i18n.get_locale())}</A></th> })
        .collect_view();
    let rows = grid_hours(&bookings)
        .map(|hour| {
            let cells = days
                .iter()
                .map(|&d| {
                    let here: Vec<Booking> = bookings
                        .iter()
                        .filter(|b| {
                            crate::pages::booking::day_of(&b.starts_at) == Some(d)
                                && hour_of(&b.starts_at) == Some(hour)
                        })
                        .cloned()
                        .collect();
                    view! {
                        <td>
                            {here
                                .into_iter()
                                .map(|b| {
                                    let status = b.clone();
                                    view! {
                                        <A href=day_path(d) attr:class="week-grid__booking" attr:data-booking=b.id.to_string()>
                                            <span class="week-grid__time">{time_range(&b.starts_at, &b.ends_at)}</span>
                                            " "
                                            <span class="week-grid__name">{b.youth_name.clone()}</span>
                                            " "
                                            <span class="week-grid__type">{b.session_type_name.clone()}</span>
                                            {(b.status != BookingStatus::Booked).then(|| view! {
                                                " " <span class="week-grid__status">{move || status_text(&status, i18n.get_locale())}</span>
                                            })}
                                            {b.message.clone().map(|m| view! { " " <MessageBadge message=m /> })}
                                        </A>
                                    }
                                })
                                .collect_view()}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{format!("{hour:02}:00")}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap week-grid" tabindex="0" role="region" aria-labelledby="week-grid-caption">
            <table class="table week-grid__table">
                <caption id="week-grid-caption">{tr!(desk.grid_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(desk.grid_time)}</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
