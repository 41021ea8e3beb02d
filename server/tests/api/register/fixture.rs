//! [`RegisterFixture`]: fills the register's tables (migration 0013) directly,
//! until the register's own routes (people and import, contacts, plans and
//! measures) exist; then it can be rewritten on those routes, and the tests
//! that use it stay as they are.

use crate::helpers::{KARIM, TestApp};

/// Writes register rows for tests, as a member of staff (Karim).
pub struct RegisterFixture<'a> {
    app: &'a TestApp,
    staff: i64,
}

/// A quoted SQL literal, or NULL.
fn text(value: Option<&str>) -> String {
    value.map_or_else(
        || "NULL".to_owned(),
        |v| format!("'{}'", v.replace('\'', "''")),
    )
}

impl<'a> RegisterFixture<'a> {
    /// On a demo app (Karim, the demo contact person, records everything).
    pub async fn new(app: &'a TestApp) -> Self {
        let staff = app.account_id(KARIM).await;
        Self { app, staff }
    }

    async fn insert(&self, sql: &str) -> i64 {
        self.app.count(&format!("{sql} RETURNING id")).await
    }

    /// A young person in the register: an account without a password, a
    /// `youth` row and a `register_people` row.
    pub async fn youth(&self, name: &str, personnummer: &str) -> i64 {
        let id = self
            .insert(&format!(
                "INSERT INTO accounts (role, name, created_at) VALUES ('youth', {}, 0)",
                text(Some(name))
            ))
            .await;
        self.app
            .execute(&format!(
                "INSERT INTO youth (account_id, personnummer) VALUES ({id}, '{personnummer}')"
            ))
            .await
            .unwrap();
        self.app
            .execute(&format!(
                "INSERT INTO register_people (youth_id, last_school, updated_at) VALUES ({id}, 'Gymnasiet', 0)"
            ))
            .await
            .unwrap();
        id
    }

    /// A registration period, deregistered when `off` is (date, reason).
    pub async fn period(
        &self,
        youth: i64,
        on: &str,
        reason: &str,
        off: Option<(&str, &str)>,
    ) -> i64 {
        self.insert(&format!(
            "INSERT INTO register_periods (youth_id, registered_on, registration_reason, registered_by, recorded_at, \
             deregistered_on, deregistration_reason, deregistered_by, deregistered_at) \
             VALUES ({youth}, '{on}', '{reason}', {staff}, 0, {}, {}, {}, {})",
            text(off.map(|o| o.0)),
            text(off.map(|o| o.1)),
            if off.is_some() { self.staff.to_string() } else { "NULL".into() },
            if off.is_some() { "0" } else { "NULL" },
            staff = self.staff,
        ))
        .await
    }

    /// A phone call to `recipient` (`youth`, or `guardian`), with its
    /// outcome; `occupation` when reached.
    pub async fn contact(
        &self,
        youth: i64,
        on: &str,
        recipient: &str,
        outcome: &str,
        occupation: Option<&str>,
    ) -> i64 {
        self.insert(&format!(
            "INSERT INTO register_contacts (youth_id, contacted_on, channel, recipient, staff_id, outcome, occupation, \
             recorded_at, recorded_by) VALUES ({youth}, '{on}', 'phone', '{recipient}', {staff}, '{outcome}', {}, 0, {staff})",
            text(occupation),
            staff = self.staff,
        ))
        .await
    }

    /// A measure the municipality is responsible for, from `start`, ended when
    /// `end` is (date, reason).
    pub async fn measure(
        &self,
        youth: i64,
        code: &str,
        start: &str,
        end: Option<(&str, &str)>,
    ) -> i64 {
        self.insert(&format!(
            "INSERT INTO register_measures (youth_id, code, responsible_kind, responsible_name, planned_start, \
             actual_end, end_reason, created_at, created_by, updated_at) \
             VALUES ({youth}, '{code}', 'municipality', 'Lotsen', '{start}', {}, {}, 0, {}, 0)",
            text(end.map(|e| e.0)),
            text(end.map(|e| e.1)),
            self.staff,
        ))
        .await
    }
}
