//! What the database holds about the individual schedule, and its SQL.
//!
//! Activities and their weekdays, changes of single occurrences (keyed by the
//! activity and the planned date), assignments, absences and calendar feed
//! tokens (hashed). Dates are stored as ISO text, times as minutes after
//! midnight. The young person's own schedule is one plain read and writes
//! nothing; staff reads of one young person's schedule are audited.
//!
//! [`activities`]: activities, their occurrences' changes and participants;
//! [`youth`]: one young person's assignments, schedule and "can't come";
//! [`feed`]: their calendar feed's token;
//! [`reminders`]: the changes not yet reminded, and what was (`change_reminders`).

pub mod activities;
pub mod feed;
pub mod reminders;
pub mod youth;

pub use activities::{
    activity, activity_changes, activity_participants, change_occurrence, list_activities,
    restore_occurrence, save_activity,
};
pub use feed::{create_feed, feed_active, feed_owner, revoke_feed};
pub use reminders::{ChangeOutcome, UnremindedChange, record_change_reminder, unreminded_changes};
pub use youth::{
    assign, assignments, audit_youth, end_assignment, report_absence, schedule_rows,
    withdraw_absence,
};

use lotsen_api::Date;

/// The audit action for a staff read of a young person's schedule or assignments.
pub const AUDIT_READ_SCHEDULE: &str = "read_schedule";
/// The audit action for assigning an activity.
pub const AUDIT_ASSIGN: &str = "assign_activity";
/// The audit action for ending an assignment.
pub const AUDIT_END_ASSIGNMENT: &str = "end_assignment";
/// The audit action for a young person named in an occurrence list.
pub const AUDIT_OCCURRENCES: &str = "list_occurrences";

/// An activity as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityRecord {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub place: String,
    pub kind: String,
    pub leader: Option<(i64, String)>,
    pub capacity: Option<i64>,
    pub start_minute: i64,
    pub end_minute: i64,
    pub first_date: String,
    pub last_date: String,
    /// ISO weekdays, ascending.
    pub weekdays: Vec<u8>,
}

/// A change of one occurrence (a row of `occurrence_changes`, read by its column names).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ChangeRecord {
    pub activity_id: i64,
    /// The planned date.
    pub date: String,
    /// `cancelled` or `moved`.
    pub status: String,
    pub moved_date: Option<String>,
    pub moved_start: Option<i64>,
    pub moved_end: Option<i64>,
    pub note: Option<String>,
}

/// Where and when a moved occurrence takes place instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MovedTo {
    pub date: Date,
    /// Minutes after midnight.
    pub start: i64,
    pub end: i64,
}

/// An assignment as stored (read by its column names: `ASSIGNMENT_COLUMNS`).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AssignmentRecord {
    pub id: i64,
    pub youth_id: i64,
    pub youth_name: String,
    pub activity_id: i64,
    pub activity_title: String,
    /// Bit n-1 for ISO weekday n; 0 = all.
    pub weekdays: i64,
    pub from_date: String,
    pub ended_on: Option<String>,
}

/// A new assignment: who, what, on which weekdays from when, by whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewAssignment {
    pub youth_id: i64,
    pub activity_id: i64,
    /// Bit n-1 for ISO weekday n; 0 = all.
    pub weekdays: i64,
    pub from_date: Date,
    pub actor: i64,
    /// Audited, unless it is demo data being seeded.
    pub audited: bool,
}

/// A "can't come": young person, activity, planned date, reason (read by its column names).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AbsenceRecord {
    pub youth_id: i64,
    pub activity_id: i64,
    /// The planned date.
    pub date: String,
    pub reason: Option<String>,
}

/// The young people assigned to an activity, and their absences.
#[derive(Clone, Debug, Default)]
pub struct Participants {
    pub assigned: Vec<AssignmentRecord>,
    pub absences: Vec<AbsenceRecord>,
}

/// Everything one young person's schedule is made of, for a range of dates.
#[derive(Clone, Debug, Default)]
pub struct ScheduleRows {
    /// Their assignments that may have occurrences in the range, with their activities.
    pub assigned: Vec<(AssignmentRecord, ActivityRecord)>,
    /// Changes of those activities' occurrences planned or moved into the range.
    pub changes: Vec<ChangeRecord>,
    /// Their absences in the range.
    pub absences: Vec<AbsenceRecord>,
}

/// Why a schedule write failed.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// The leader is not on the staff.
    #[error("the leader is not on the staff")]
    LeaderInvalid,
    /// The activity does not exist.
    #[error("no such activity")]
    NoActivity,
    /// The young person already has this activity running.
    #[error("already assigned")]
    AlreadyAssigned,
    /// A database error.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}
