//! What the database holds about contacts: `register_contacts` (with the SMS
//! each `sms` attempt wrote to the outbox), and the reads behind the "to
//! contact" list and the worklist. Reads and writes of one young person's
//! contact log are audited in the same transaction.

use crate::audit::store::record;
use crate::auth::extract::Staff;
use crate::db::Db;
use crate::db::sql::{Record, begin_write, query_as, query_scalar};
use crate::outbox::{self, OutgoingMessage};
use crate::register::access::staff_can_see_in_register;

/// The audit action for a read of a young person's contact log.
pub const AUDIT_READ_CONTACTS: &str = "register_read_contacts";
/// The audit action for logging a contact attempt.
pub const AUDIT_LOG_CONTACT: &str = "register_log_contact";
/// The audit action for reading what a letter needs (the address).
pub const AUDIT_READ_LETTER: &str = "register_read_letter";
/// The audit action for each young person on a page of the "to contact" list.
pub const AUDIT_TO_CONTACT: &str = "register_to_contact";
/// The audit action for each young person on a worklist.
pub const AUDIT_WORKLIST: &str = "register_worklist";

/// What the contact routes need to know of a young person.
#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    /// 12 digits.
    pub personnummer: String,
    pub protected_identity: bool,
    /// The language they last signed in with (`sv`, `en`).
    pub language: Option<String>,
    /// The register's phone for reaching them.
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
}

/// Someone an SMS can go to: their account, phone and language.
#[derive(Clone, Debug)]
pub struct Phone {
    pub account_id: i64,
    pub phone: String,
    pub language: Option<String>,
}

/// A contact attempt, validated, as stored.
#[derive(Clone, Debug)]
pub struct NewContactRecord<'a> {
    pub contacted_on: String,
    pub channel: &'a str,
    pub recipient: &'a str,
    pub second_staff_id: Option<i64>,
    pub outcome: &'a str,
    pub occupation: Option<&'a str>,
    pub note: Option<&'a str>,
    /// JSON array of item keys, for a home visit.
    pub checklist: Option<String>,
    pub next_contact_on: Option<String>,
}

/// An attempt as stored: id, date, channel, recipient, staff id and name,
/// second staff id and name, outcome, occupation, note, checklist (JSON),
/// SMS state (`waiting`/`sent`), next contact date, when recorded.
pub type ContactRow = (
    i64,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

/// A young person on the "to contact" list: id, name, registration day,
/// and their attempts since then (channel, outcome), oldest first.
pub type ToContactRow = (i64, String, String, Vec<(String, String)>);

/// The young person's name, personnummer, language, register phone and address.
pub async fn person(db: &Db, youth_id: i64) -> Result<Option<Person>, sqlx::Error> {
    type Row = (
        String,
        String,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = query_as(
        "SELECT a.name, y.personnummer, CAST(CASE WHEN y.protected_identity THEN 1 ELSE 0 END AS BIGINT), a.language, \
         p.phone, p.street, p.postal_code, p.city \
         FROM youth y JOIN accounts a ON a.id = y.account_id \
         LEFT JOIN register_people p ON p.youth_id = y.account_id WHERE y.account_id = $1",
    )
    .bind(youth_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Person {
        name: r.0,
        personnummer: r.1,
        protected_identity: r.2 != 0,
        language: r.3,
        phone: r.4,
        street: r.5,
        postal_code: r.6,
        city: r.7,
    }))
}

/// A guardian of the young person with a phone (the first added).
pub async fn guardian_phone(db: &Db, youth_id: i64) -> Result<Option<Phone>, sqlx::Error> {
    let row: Option<(i64, String, Option<String>)> = query_as(
        "SELECT a.id, a.phone, a.language FROM guardian_of g JOIN accounts a ON a.id = g.guardian_id \
         WHERE g.youth_id = $1 AND a.phone IS NOT NULL ORDER BY a.id LIMIT 1",
    )
    .bind(youth_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(account_id, phone, language)| Phone {
        account_id,
        phone,
        language,
    }))
}

/// How to reach a member of staff: their phone and e-mail, where known.
pub async fn staff_reach(db: &Db, id: i64) -> Result<Vec<String>, sqlx::Error> {
    let row: Option<(Option<String>, Option<String>)> =
        query_as("SELECT phone, email FROM accounts WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map_or_else(Vec::new, |(phone, email)| {
        phone.into_iter().chain(email).collect()
    }))
}

/// Whether `id` is a member of staff.
pub async fn is_staff(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = query_scalar("SELECT COUNT(*) FROM staff WHERE account_id = $1")
        .bind(id)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

/// Logs an attempt by `actor` (audited), writing `sms` (for its account) to
/// the outbox in the same transaction; the attempt's id.
pub async fn log_contact(
    db: &Db,
    actor: i64,
    youth_id: i64,
    contact: &NewContactRecord<'_>,
    sms: Option<(i64, &OutgoingMessage)>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let outbox_id = match sms {
        Some((account_id, message)) => {
            Some(outbox::write(&mut tx, account_id, message, now).await?)
        }
        None => None,
    };
    let id: i64 = query_scalar(
        "INSERT INTO register_contacts (youth_id, contacted_on, channel, recipient, staff_id, second_staff_id, \
         outcome, occupation, note, checklist, outbox_id, next_contact_on, recorded_at, recorded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $5) RETURNING id",
    )
    .bind(youth_id)
    .bind(&contact.contacted_on)
    .bind(contact.channel)
    .bind(contact.recipient)
    .bind(actor)
    .bind(contact.second_staff_id)
    .bind(contact.outcome)
    .bind(contact.occupation)
    .bind(contact.note)
    .bind(&contact.checklist)
    .bind(outbox_id)
    .bind(&contact.next_contact_on)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    record(&mut tx, actor, youth_id, AUDIT_LOG_CONTACT, now).await?;
    tx.commit().await?;
    Ok(id)
}

const CONTACT_COLUMNS: &str = "c.id, c.contacted_on, c.channel, c.recipient, c.staff_id, s.name, \
     c.second_staff_id, t.name, c.outcome, c.occupation, c.note, c.checklist, \
     CASE WHEN c.outbox_id IS NULL THEN NULL ELSE o.status END, \
     c.next_contact_on, c.recorded_at \
     FROM register_contacts c JOIN accounts s ON s.id = c.staff_id \
     LEFT JOIN accounts t ON t.id = c.second_staff_id LEFT JOIN outbox o ON o.id = c.outbox_id";

/// One attempt (no audit: the caller has just written it).
pub async fn contact(db: &Db, id: i64) -> Result<ContactRow, sqlx::Error> {
    query_as(&format!("SELECT {CONTACT_COLUMNS} WHERE c.id = $1"))
        .bind(id)
        .fetch_one(db)
        .await
}

/// A young person's contact log, newest first; the read is audited (by `actor`).
pub async fn contact_log(
    db: &Db,
    actor: i64,
    youth_id: i64,
    now: i64,
) -> Result<Vec<ContactRow>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    record(&mut tx, actor, youth_id, AUDIT_READ_CONTACTS, now).await?;
    let rows = query_as(&format!(
        "SELECT {CONTACT_COLUMNS} WHERE c.youth_id = $1 ORDER BY c.contacted_on DESC, c.id DESC"
    ))
    .bind(youth_id)
    .fetch_all(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(rows)
}

/// Audits a read of what a letter needs.
pub async fn audit_letter(db: &Db, actor: i64, youth_id: i64, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    record(&mut tx, actor, youth_id, AUDIT_READ_LETTER, now).await?;
    tx.commit().await
}

/// Those with an open period and no `reached` contact since it began.
const NOT_REACHED: &str = "FROM register_periods p JOIN accounts a ON a.id = p.youth_id \
     WHERE p.deregistered_on IS NULL AND NOT EXISTS (SELECT 1 FROM register_contacts r \
     WHERE r.youth_id = p.youth_id AND r.outcome = 'reached' AND r.contacted_on >= p.registered_on)";

/// How many are on the "to contact" list, and a page of it, oldest
/// registration first, each with their attempts since registration.
pub async fn to_contact(
    db: &Db,
    limit: i64,
    offset: i64,
) -> Result<(i64, Vec<ToContactRow>), sqlx::Error> {
    let total: i64 = query_scalar(&format!("SELECT COUNT(*) {NOT_REACHED}"))
        .fetch_one(db)
        .await?;
    let page: Vec<(i64, String, String)> = query_as(&format!(
        "SELECT p.youth_id, a.name, p.registered_on {NOT_REACHED} \
         ORDER BY p.registered_on, p.youth_id LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let mut rows = Vec::with_capacity(page.len());
    if page.is_empty() {
        return Ok((total, rows));
    }
    let placeholders: Vec<String> = (1..=page.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT c.youth_id, c.channel, c.outcome FROM register_contacts c \
         JOIN register_periods p ON p.youth_id = c.youth_id AND p.deregistered_on IS NULL \
         WHERE c.youth_id IN ({}) AND c.contacted_on >= p.registered_on \
         ORDER BY c.contacted_on, c.id",
        placeholders.join(", ")
    );
    let mut statement = query_as::<(i64, String, String)>(&sql);
    for (id, _, _) in &page {
        statement = statement.bind(*id);
    }
    let attempts = statement.fetch_all(db).await?;
    for (id, name, registered_on) in page {
        let mine = attempts
            .iter()
            .filter(|(youth, _, _)| *youth == id)
            .map(|(_, channel, outcome)| (channel.clone(), outcome.clone()))
            .collect();
        rows.push((id, name, registered_on, mine));
    }
    Ok((total, rows))
}

/// Contacts due (for [`due`]): each young person's latest attempt (with an
/// open period) whose next contact date has come: id, name, date, channel,
/// outcome.
pub const CONTACTS_DUE: &str = "SELECT c.youth_id, a.name, c.next_contact_on, c.channel, c.outcome \
     FROM register_contacts c JOIN youth y ON y.account_id = c.youth_id JOIN accounts a ON a.id = y.account_id \
     WHERE c.next_contact_on IS NOT NULL AND c.next_contact_on <= $3 \
     AND NOT EXISTS (SELECT 1 FROM register_contacts l WHERE l.youth_id = c.youth_id \
       AND (l.contacted_on > c.contacted_on OR (l.contacted_on = c.contacted_on AND l.id > c.id))) \
     AND EXISTS (SELECT 1 FROM register_periods p WHERE p.youth_id = c.youth_id AND p.deregistered_on IS NULL) \
     AND {visible} ORDER BY c.next_contact_on, a.name, c.youth_id";

/// Follow-ups due (for [`due`]): measures not yet ended whose next follow-up
/// has come: measure id, young person's id and name, code, date.
pub const FOLLOW_UPS_DUE: &str = "SELECT m.id, m.youth_id, a.name, m.code, m.next_follow_up \
     FROM register_measures m JOIN youth y ON y.account_id = m.youth_id JOIN accounts a ON a.id = y.account_id \
     WHERE m.next_follow_up IS NOT NULL AND m.next_follow_up <= $3 AND m.actual_end IS NULL \
     AND {visible} ORDER BY m.next_follow_up, a.name, m.id";

/// The rows of a worklist read ([`CONTACTS_DUE`], [`FOLLOW_UPS_DUE`]) due by
/// `today` for the young people `staff` may see: `sql` with `{visible}` for
/// the register's access condition ($1 the staff member, $2 administrator)
/// and $3 today.
pub async fn due<T: Record>(
    db: &Db,
    staff: &Staff,
    today: &str,
    sql: &str,
) -> Result<Vec<T>, sqlx::Error> {
    let sql = sql.replace("{visible}", &staff_can_see_in_register());
    let viewer = staff.viewer();
    query_as(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(today)
        .fetch_all(db)
        .await
}
