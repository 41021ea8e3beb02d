//! Passwords: the policy (length, not a common one) and argon2id hashing with
//! OWASP's parameters (m = 19 MiB, t = 2, p = 1), stored as PHC strings.
//!
//! Hashing and verifying take tens of milliseconds of CPU, so they run on
//! tokio's blocking threads.

use std::collections::HashSet;
use std::sync::LazyLock;

use argon2::password_hash::SaltString;
use argon2::password_hash::rand_core::OsRng;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use lotsen_api::contact::{self, FieldProblem};

use crate::error::AppError;

/// The most common passwords (8+ characters), lower-cased.
static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

/// A hash of a random password, verified against when there is no account or
/// no password, so that a failed sign-in takes as long either way.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_now(&super::token::generate()));

/// The hasher: argon2id, 19456 KiB, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Loads the common-password list and computes the dummy hash now, not at the first sign-in.
pub fn warm_up() {
    LazyLock::force(&COMMON);
    LazyLock::force(&DUMMY_HASH);
}

/// Whether `password` is on the common-password list (case-insensitively).
pub fn is_common(password: &str) -> bool {
    COMMON.contains(&password.to_lowercase())
}

/// The rule for a new password: 8–256 characters and not a common one.
pub fn check_policy(password: &str) -> Result<(), FieldProblem> {
    contact::password(password)?;
    if is_common(password) {
        return Err(FieldProblem::PasswordCommon);
    }
    Ok(())
}

/// Hashes on the current thread (for seeding and tests; handlers use [`hash`]).
pub fn hash_now(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashes any password of allowed length")
        .to_string()
}

/// Hashes a new password on a blocking thread.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

/// A new password, hashed once it keeps [`check_policy`]; else a 422 naming `field`.
pub async fn hash_new(field: &'static str, password: String) -> Result<String, AppError> {
    check_policy(&password).map_err(|problem| AppError::invalid_field(field, problem.code()))?;
    hash(password).await
}

/// Whether `password` matches `stored` (a PHC string); with no stored hash it
/// checks against a dummy one and says no, taking the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let matches = PasswordHash::new(&phc).is_ok_and(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        });
        real && matches
    })
    .await
    .map_err(|e| AppError::Internal(format!("password verification failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_phc_strings_with_owasp_parameters() {
        let phc = hash_now("a long enough password");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert_ne!(phc, hash_now("a long enough password"), "salted");
    }

    #[tokio::test]
    async fn verify_accepts_only_the_right_password() {
        let phc = hash("rätt lösenord 1".to_owned()).await.unwrap();
        assert!(
            verify("rätt lösenord 1".into(), Some(phc.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("fel lösenord 1".into(), Some(phc)).await.unwrap());
        assert!(!verify("rätt lösenord 1".into(), None).await.unwrap());
        assert!(!verify("x".into(), Some("not a phc".into())).await.unwrap());
    }

    #[test]
    fn the_policy_refuses_short_long_and_common_passwords() {
        let cases = [
            ("kort", Err(FieldProblem::PasswordTooShort), "too short"),
            (
                "password",
                Err(FieldProblem::PasswordCommon),
                "the most common one",
            ),
            (
                "PassWord1",
                Err(FieldProblem::PasswordCommon),
                "common, in other case",
            ),
            (
                "lotsen2026",
                Err(FieldProblem::PasswordCommon),
                "a Swedish one on the list",
            ),
            ("lotsen-demo", Ok(()), "the demo password passes"),
            ("sommarlov-i-alingsas", Ok(()), "a passphrase"),
        ];
        for (password, expected, why) in cases {
            assert_eq!(check_policy(password), expected, "{why}");
        }
        assert_eq!(
            check_policy(&"x".repeat(257)),
            Err(FieldProblem::PasswordTooLong)
        );
    }

    #[test]
    fn the_list_skips_comments() {
        assert!(!is_common(
            "# common passwords of 8 or more characters, refused when a password is set."
        ));
        assert!(COMMON.len() > 10_000);
    }
}
