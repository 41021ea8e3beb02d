//! Puts young people into the register for the tests of the parts that need
//! them there, until the people part's route (adding a person by hand)
//! exists: then this one place calls that route instead of writing rows.

use lotsen_api::Date;

use crate::helpers::TestApp;

/// The register's details of a young person (all optional).
#[derive(Clone, Copy, Debug, Default)]
pub struct Entry {
    /// The register's phone for reaching them.
    pub phone: Option<&'static str>,
    /// Street, postal code, city.
    pub address: Option<(&'static str, &'static str, &'static str)>,
}

/// Registers the young person `youth_id` (an existing `youth` row: a demo
/// young person, or one made through `POST /api/youth`) on `registered_on`
/// (reason: dropped out), with `entry`'s contact details; does nothing to
/// someone already in the register (an entry, an open period). The one place
/// tests write the register's rows directly: the people part's route takes a
/// personnummer and an officer, which most stories here have no use for.
pub async fn put_in_register(app: &TestApp, youth_id: i64, registered_on: Date, entry: Entry) {
    let text = |value: Option<&str>| value.map_or("NULL".to_owned(), |v| format!("'{v}'"));
    let (street, postal_code, city) = match entry.address {
        Some((street, postal_code, city)) => (Some(street), Some(postal_code), Some(city)),
        None => (None, None, None),
    };
    app.execute(&format!(
        "INSERT INTO register_people (youth_id, street, postal_code, city, phone, updated_at) \
         VALUES ({youth_id}, {}, {}, {}, {}, 0) ON CONFLICT (youth_id) DO NOTHING",
        text(street),
        text(postal_code),
        text(city),
        text(entry.phone),
    ))
    .await
    .unwrap();
    app.execute(&format!(
        "INSERT INTO register_periods (youth_id, registered_on, registration_reason, recorded_at) \
         SELECT {youth_id}, '{registered_on}', 'dropped_out', 0 WHERE NOT EXISTS \
         (SELECT 1 FROM register_periods WHERE youth_id = {youth_id} AND deregistered_on IS NULL)"
    ))
    .await
    .unwrap();
}
