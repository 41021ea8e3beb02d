//! The secret behind the rating keys, kept outside the database.
//!
//! A rating row is found by its `rater_key`, which ties it to its author
//! without naming them (see [`super::rules::rater_key`]). Whoever can
//! compute the key from a young person's id can tell whose an anonymous rating
//! is, so the secret must not be in the database: someone with a dump of it
//! (a backup, a copy for testing) must not be able to re-link the ratings.
//!
//! The secret lives in a key file (`--rating-key-file`, env
//! `LOTSEN_RATING_KEY_FILE`; by default beside the SQLite file, for
//! PostgreSQL `data/rating.key`), created at first start with owner-only
//! permissions (0600). The file holds two lines: the key (64 hex digits) and,
//! for databases that had ratings before the key file existed, the salt those
//! ratings were keyed with (the old `rating_secret` row, moved out of the
//! database when the rows were re-keyed).
//!
//! **Backups**: lose the key file and young people can no longer find and
//! change their earlier ratings (the ratings themselves and the reports stay);
//! keep it in the same backup as the database and a dump is no longer enough
//! to be safe — keep the two apart.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::store;
use crate::Db;

/// The rating key: a random 256-bit key and the legacy salt (may be empty).
#[derive(Clone, PartialEq, Eq)]
pub struct RatingKey {
    key: [u8; 32],
    salt: String,
}

/// Never prints the key.
impl fmt::Debug for RatingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RatingKey(<secret>)")
    }
}

/// Why the key file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RatingKeyError {
    /// Reading or writing the file failed.
    #[error("rating key file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file is not a key file.
    #[error("rating key file {0}: not a Lotsen rating key (64 hex digits on the first line)")]
    Malformed(PathBuf),
    /// The file was made for another database.
    #[error(
        "rating key file {0}: it was made for another database (its salt differs from this database's rating secret)"
    )]
    OtherDatabase(PathBuf),
    /// The database failed.
    #[error("re-keying the ratings: {0}")]
    Db(#[from] sqlx::Error),
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex32(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// HMAC-SHA-256 (RFC 2104) of `message` under a key of at most 64 bytes.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    debug_assert!(key.len() <= 64);
    let mut block = [0u8; 64];
    block[..key.len()].copy_from_slice(key);
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

impl RatingKey {
    /// A fresh random key without a salt (tests, and a key file's first start).
    pub fn random() -> Self {
        let mut key = [0u8; 32];
        getrandom::getrandom(&mut key).expect("the operating system provides randomness");
        Self {
            key,
            salt: String::new(),
        }
    }

    /// The key of one person's rating of one subject: HMAC-SHA-256 under the
    /// key of SHA-256 over the salt, the person and the subject (the inner
    /// hash is what rows were keyed with before the key file existed).
    pub fn rater_key(&self, youth_id: i64, subject: &str) -> String {
        let inner = Sha256::digest(format!("{}\n{youth_id}\n{subject}", self.salt).as_bytes());
        self.rekey(&hex(&inner))
    }

    /// A key made before the key file existed (SHA-256 alone), as it is now.
    pub fn rekey(&self, old_key: &str) -> String {
        hex(&hmac_sha256(&self.key, old_key.as_bytes()))
    }

    fn to_file_text(&self) -> String {
        if self.salt.is_empty() {
            format!("{}\n", hex(&self.key))
        } else {
            format!("{}\n{}\n", hex(&self.key), self.salt)
        }
    }

    fn from_file_text(text: &str, path: &Path) -> Result<Self, RatingKeyError> {
        let mut lines = text.lines().map(str::trim);
        let key = lines
            .next()
            .and_then(unhex32)
            .ok_or_else(|| RatingKeyError::Malformed(path.to_owned()))?;
        let salt = lines.next().unwrap_or_default().to_owned();
        if !(salt.is_empty() || unhex32(&salt).is_some()) {
            return Err(RatingKeyError::Malformed(path.to_owned()));
        }
        Ok(Self { key, salt })
    }
}

/// The default key file for a database URL: beside a SQLite file
/// (`data/lotsen.db` → `data/lotsen.db.rating-key`), else `data/rating.key`.
pub fn default_path(database_url: &str) -> PathBuf {
    let file = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or_default())
        .filter(|f| !f.is_empty() && !f.contains(":memory:"));
    match file {
        Some(file) => PathBuf::from(format!("{file}.rating-key")),
        None => PathBuf::from("data/rating.key"),
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RatingKeyError + '_ {
    move |source| RatingKeyError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `key` to `path` readable and writable by the owner alone, replacing
/// any file there only once the new one is complete.
fn write_key_file(path: &Path, key: &RatingKey) -> Result<(), RatingKeyError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io(path))?;
    }
    let temporary = path.with_extension("new");
    let _ = std::fs::remove_file(&temporary);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&temporary).map_err(io(path))?;
    file.write_all(key.to_file_text().as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(io(path))?;
    std::fs::rename(&temporary, path).map_err(io(path))
}

/// Reads the key file at `path`, creating it (0600) if it does not exist;
/// then moves a database's old rating secret out of it: the file takes it as
/// its salt, and in one transaction every rating is re-keyed
/// ([`RatingKey::rekey`]) and the secret deleted, so that a young person
/// still finds their own ratings and the database alone no longer tells
/// whose they are.
pub async fn load(db: &Db, path: &Path) -> Result<RatingKey, RatingKeyError> {
    let mut key = match std::fs::read_to_string(path) {
        Ok(text) => RatingKey::from_file_text(&text, path)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = RatingKey::random();
            write_key_file(path, &key)?;
            tracing::info!(path = %path.display(), "created the rating key file (keep it out of the database's backups)");
            key
        }
        Err(e) => return Err(io(path)(e)),
    };
    if let Some(secret) = store::rating_secret(db).await? {
        if key.salt.is_empty() {
            key.salt = secret;
            write_key_file(path, &key)?;
        } else if key.salt != secret {
            return Err(RatingKeyError::OtherDatabase(path.to_owned()));
        }
        let rekeyed = store::rekey_ratings(db, |old| key.rekey(old)).await?;
        tracing::info!(
            ratings = rekeyed,
            "moved the rating secret out of the database into the key file"
        );
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn keys_differ_by_person_subject_and_key() {
        let a = RatingKey::random();
        let b = RatingKey::random();
        let k = a.rater_key(1, "activity:2:2026-11-22");
        assert_eq!(k.len(), 64);
        assert_eq!(k, a.rater_key(1, "activity:2:2026-11-22"));
        assert_ne!(k, a.rater_key(2, "activity:2:2026-11-22"));
        assert_ne!(k, a.rater_key(1, "activity:2:2026-11-23"));
        assert_ne!(k, b.rater_key(1, "activity:2:2026-11-22"));
        assert!(!format!("{a:?}").contains(&hex(&a.key)));
    }

    #[test]
    fn the_file_text_round_trips() {
        let mut key = RatingKey::random();
        let path = Path::new("k");
        assert_eq!(
            RatingKey::from_file_text(&key.to_file_text(), path).unwrap(),
            key
        );
        key.salt = "ab".repeat(32);
        assert_eq!(
            RatingKey::from_file_text(&key.to_file_text(), path).unwrap(),
            key
        );
        assert!(RatingKey::from_file_text("nope\n", path).is_err());
    }

    #[test]
    fn default_paths() {
        assert_eq!(
            default_path("sqlite://data/lotsen.db"),
            PathBuf::from("data/lotsen.db.rating-key")
        );
        assert_eq!(
            default_path("sqlite:///var/lib/lotsen/l.db?mode=rwc"),
            PathBuf::from("/var/lib/lotsen/l.db.rating-key")
        );
        assert_eq!(
            default_path("postgres://u@h/db"),
            PathBuf::from("data/rating.key")
        );
    }
}
