//! A new phone number, verified by a code (`/api/me/phone…`): the code goes
//! by SMS to the new number, and the number is used (for signing in and for
//! SMS) only once the code is entered; until then the old one stays.
//!
//! A code is six random digits, valid for [`CODE_TTL_SECONDS`]; only its hash
//! is kept (`phone_verifications`, one per account). Each code takes at most
//! [`MAX_WRONG_CODES`] guesses (a guess is counted before it is checked, so
//! that concurrent guesses cannot slip through), and an account gets at most
//! [`CODES_PER_HOUR`] codes an hour, so that nobody can flood a number.

use crate::auth::token;
use crate::db::Db;
use crate::db::sql::{begin_write, query, query_as, query_scalar};
use crate::outbox::{self, OutgoingMessage};

/// How long a code works.
pub const CODE_TTL_SECONDS: i64 = 15 * 60;
/// Wrong guesses per code; then only a new code helps.
pub const MAX_WRONG_CODES: i64 = 5;
/// Codes an account can ask for in [`CODE_WINDOW_SECONDS`].
pub const CODES_PER_HOUR: i64 = 3;
/// The window codes are counted in.
pub const CODE_WINDOW_SECONDS: i64 = 3600;

/// A new number waiting for its code.
#[derive(Clone, Debug)]
pub struct Pending {
    pub phone: String,
    code_hash: String,
    pub attempts: i64,
    sent_count: i64,
    window_start: i64,
    pub expires_at: i64,
    outbox_id: Option<i64>,
}

impl Pending {
    /// Whether its code still works at `now`.
    pub fn is_live(&self, now: i64) -> bool {
        now < self.expires_at
    }
}

/// Six random digits.
pub fn new_code() -> String {
    loop {
        let mut bytes = [0u8; 4];
        getrandom::getrandom(&mut bytes).expect("the operating system provides randomness");
        let n = u32::from_le_bytes(bytes);
        // Below the largest multiple of a million: every code equally likely.
        if n < 4_294_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// What the table keeps of `code`: bound to the account and the number.
pub fn code_hash(account_id: i64, phone: &str, code: &str) -> String {
    token::hash(&format!("{account_id}:{phone}:{code}"))
}

/// The codes sent in the current window after one more at `now`, and when
/// the window began; or the seconds to wait when the limit is reached.
pub fn next_send(pending: Option<&Pending>, now: i64) -> Result<(i64, i64), i64> {
    match pending {
        Some(p) if now < p.window_start + CODE_WINDOW_SECONDS => {
            if p.sent_count >= CODES_PER_HOUR {
                Err(p.window_start + CODE_WINDOW_SECONDS - now)
            } else {
                Ok((p.sent_count + 1, p.window_start))
            }
        }
        _ => Ok((1, now)),
    }
}

/// A `phone_verifications` row as [`pending`] reads it.
type PendingRow = (String, String, i64, i64, i64, i64, Option<i64>);

/// The account's new number waiting for its code, if any (expired or not).
pub async fn pending(db: &Db, account_id: i64) -> Result<Option<Pending>, sqlx::Error> {
    let row: Option<PendingRow> = query_as(
        "SELECT phone, code_hash, attempts, sent_count, window_start, expires_at, outbox_id \
         FROM phone_verifications WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(
        |(phone, code_hash, attempts, sent_count, window_start, expires_at, outbox_id)| Pending {
            phone,
            code_hash,
            attempts,
            sent_count,
            window_start,
            expires_at,
            outbox_id,
        },
    ))
}

/// A code on its way to a new number.
pub struct NewCode<'a> {
    pub account_id: i64,
    pub phone: &'a str,
    pub code: &'a str,
    /// Codes sent in the window, this one included, and when it began ([`next_send`]).
    pub sent: (i64, i64),
    pub message: &'a OutgoingMessage,
}

/// Stores the code (replacing an earlier one) and its SMS, in one transaction.
pub async fn start(db: &Db, new: &NewCode<'_>, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let outbox_id = outbox::write(&mut tx, new.account_id, new.message, now).await?;
    query(
        "INSERT INTO phone_verifications \
         (account_id, phone, code_hash, attempts, sent_count, window_start, expires_at, outbox_id) \
         VALUES ($1, $2, $3, 0, $4, $5, $6, $7) \
         ON CONFLICT (account_id) DO UPDATE SET phone = excluded.phone, \
         code_hash = excluded.code_hash, attempts = 0, sent_count = excluded.sent_count, \
         window_start = excluded.window_start, expires_at = excluded.expires_at, \
         outbox_id = excluded.outbox_id",
    )
    .bind(new.account_id)
    .bind(new.phone)
    .bind(code_hash(new.account_id, new.phone, new.code))
    .bind(new.sent.0)
    .bind(new.sent.1)
    .bind(now + CODE_TTL_SECONDS)
    .bind(outbox_id)
    .execute(&mut tx)
    .await?;
    tx.commit().await
}

/// How a guess went.
#[derive(Debug, PartialEq, Eq)]
pub enum Guess {
    /// No live code (none asked for, or it expired).
    NoCode,
    /// Too many wrong guesses for this code.
    TooMany,
    /// Not the code.
    Wrong,
    /// The code: the number is the account's now.
    Confirmed,
    /// The code, but another account has the number by now.
    Taken,
}

/// Counts a guess of `code` and, when it is right, makes the new number the
/// account's, forgets the code and blanks it in the SMS's text.
pub async fn confirm(db: &Db, account_id: i64, code: &str, now: i64) -> Result<Guess, sqlx::Error> {
    let Some(pending) = pending(db, account_id).await? else {
        return Ok(Guess::NoCode);
    };
    if !pending.is_live(now) {
        return Ok(Guess::NoCode);
    }
    let counted = query(
        "UPDATE phone_verifications SET attempts = attempts + 1 \
         WHERE account_id = $1 AND attempts < $2 AND code_hash = $3",
    )
    .bind(account_id)
    .bind(MAX_WRONG_CODES)
    .bind(&pending.code_hash)
    .execute(db)
    .await?
    .rows_affected();
    if counted == 0 {
        return Ok(Guess::TooMany);
    }
    if code_hash(account_id, &pending.phone, code) != pending.code_hash {
        return Ok(Guess::Wrong);
    }
    let mut tx = begin_write(db).await?;
    let taken: i64 = query_scalar("SELECT COUNT(*) FROM accounts WHERE phone = $1 AND id <> $2")
        .bind(&pending.phone)
        .bind(account_id)
        .fetch_one(&mut tx)
        .await?;
    if taken > 0 {
        return Ok(Guess::Taken);
    }
    query("UPDATE accounts SET phone = $2 WHERE id = $1")
        .bind(account_id)
        .bind(&pending.phone)
        .execute(&mut tx)
        .await?;
    query("DELETE FROM phone_verifications WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut tx)
        .await?;
    if let Some(id) = pending.outbox_id {
        query("UPDATE outbox SET body = REPLACE(body, $2, '…') WHERE id = $1")
            .bind(id)
            .bind(code)
            .execute(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Guess::Confirmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(sent_count: i64, window_start: i64) -> Pending {
        Pending {
            phone: "+46701234567".into(),
            code_hash: String::new(),
            attempts: 0,
            sent_count,
            window_start,
            expires_at: 0,
            outbox_id: None,
        }
    }

    #[test]
    fn three_codes_an_hour() {
        assert_eq!(next_send(None, 1000), Ok((1, 1000)));
        assert_eq!(next_send(Some(&pending(1, 1000)), 1100), Ok((2, 1000)));
        assert_eq!(next_send(Some(&pending(2, 1000)), 1100), Ok((3, 1000)));
        assert_eq!(next_send(Some(&pending(3, 1000)), 1100), Err(3500));
        // A new hour, a new count.
        assert_eq!(next_send(Some(&pending(3, 1000)), 4600), Ok((1, 4600)));
    }

    #[test]
    fn codes_are_six_digits_and_bound_to_account_and_number() {
        let code = new_code();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        let hash = code_hash(1, "+46701234567", "123456");
        assert_ne!(hash, code_hash(2, "+46701234567", "123456"));
        assert_ne!(hash, code_hash(1, "+46701234568", "123456"));
        assert_ne!(hash, code_hash(1, "+46701234567", "123457"));
    }
}

#[cfg(test)]
mod messages {
    #[test]
    fn every_code_these_routes_send_has_a_message() {
        for code in ["phone_same", "code_wrong", "code_expired", "phone_taken"] {
            assert!(crate::i18n::has_message(code), "missing message for {code}");
        }
        // The texts name the code's lifetime.
        let minutes = format!("{} min", super::CODE_TTL_SECONDS / 60);
        for lang in [lotsen_api::Lang::Sv, lotsen_api::Lang::En] {
            let text = crate::i18n::message(lang, "accounts.phone_code.sms", &[("code", "1")]);
            assert!(text.contains(&minutes), "{text}");
        }
    }
}
