//! The register's background work: on their 20th birthday a young person is
//! deregistered (reason `turned_20`, dated the birthday, by nobody). [`run`]
//! does it every hour; [`deregister_turned_20`] is the step, which tests call
//! with the fixed clock.

use std::time::Duration;

use lotsen_api::Personnummer;
use lotsen_api::date::parse_iso;

use super::rules::twentieth_birthday;
use super::store;
use crate::AppState;

/// How often the task looks for 20th birthdays.
pub const TICK: Duration = Duration::from_secs(60 * 60);

/// Deregisters everyone registered whose 20th birthday is today (Swedish
/// date) or has passed, dated the birthday (the registration date if that is
/// later); how many. Running it again changes nothing.
pub async fn deregister_turned_20(state: &AppState) -> Result<usize, sqlx::Error> {
    let today = state.clock.today();
    let due: Vec<_> = store::open_periods(&state.db)
        .await?
        .into_iter()
        .filter_map(|(id, personnummer, registered_on)| {
            let birthday =
                twentieth_birthday(Personnummer::parse_stored(&personnummer).ok()?.birth_date());
            let registered_on = parse_iso(&registered_on)?;
            (birthday <= today).then_some((id, birthday.max(registered_on)))
        })
        .collect();
    store::deregister_turned_20(&state.db, &due, state.clock.unix_seconds()).await
}

/// Every [`TICK`]: the 20th-birthday deregistrations.
pub async fn run(state: AppState) {
    loop {
        match deregister_turned_20(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                deregistered = n,
                "register: deregistered on the 20th birthday"
            ),
            Err(error) => tracing::warn!(%error, "register: cannot deregister those who turned 20"),
        }
        tokio::time::sleep(TICK).await;
    }
}
