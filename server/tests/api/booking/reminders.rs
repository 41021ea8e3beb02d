//! Reminders go out the day before a booking, at a civil hour, exactly once.

use jiff::SignedDuration;

use super::{Counselling, TUESDAY_9, WEDNESDAY_9, booked, individual};
use crate::helpers::internals::send_reminders;
use crate::helpers::{ELSA, OMAR};

#[tokio::test]
async fn reminders_go_out_the_day_before_exactly_once() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let [elsa, omar] = app.demos([ELSA, OMAR]).await;
    for (youth, at) in [(&elsa, TUESDAY_9), (&omar, WEDNESDAY_9)] {
        booked(&app, youth, individual(&t, sven_id, at)).await;
    }
    let now = app.state.clock.timestamp();
    let remind = || send_reminders(&app.state, now);
    assert_eq!(remind().await.unwrap(), 1, "only Tuesday's is tomorrow");
    assert_eq!(remind().await.unwrap(), 0, "exactly once");
    let elsa_id = app.account_id(ELSA).await;
    assert_eq!(app.outbox_count(elsa_id, "Påminnelse").await, 1);
    let night = now + SignedDuration::from_hours(19);
    assert_eq!(
        send_reminders(&app.state, night).await.unwrap(),
        0,
        "not at 07:00"
    );
    let tomorrow = now + SignedDuration::from_hours(24);
    assert_eq!(
        send_reminders(&app.state, tomorrow).await.unwrap(),
        1,
        "Wednesday's on Tuesday"
    );
}
