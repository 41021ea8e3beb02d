//! Names, e-mail addresses, phone numbers and passwords: validation both the
//! app (instant feedback) and the server (the rule) use.

/// Why a field is not valid. `code()` is the key under `errors` in the locale files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    /// The field is required but empty.
    Required,
    /// Longer than allowed.
    TooLong,
    /// Not an e-mail address.
    Email,
    /// Not a Swedish or international phone number.
    Phone,
    /// A password shorter than 8 characters.
    PasswordTooShort,
    /// A password longer than 256 characters.
    PasswordTooLong,
    /// One of the most common passwords (checked on the server).
    PasswordCommon,
    /// A control character other than a line break or tab (see [`crate::text`]).
    TextControl,
    /// A bidirectional embedding, override or isolate (see [`crate::text`]).
    TextBidi,
    /// Only invisible characters (see [`crate::text`]).
    TextInvisible,
}

impl FieldProblem {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong => "too_long",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::PasswordTooShort => "password_too_short",
            Self::PasswordTooLong => "password_too_long",
            Self::PasswordCommon => "password_common",
            Self::TextControl => "text_control",
            Self::TextBidi => "text_bidi",
            Self::TextInvisible => "text_invisible",
        }
    }
}

/// The shortest password allowed.
pub const PASSWORD_MIN_CHARS: usize = 8;
/// The longest password allowed (hashing cost stays bounded).
pub const PASSWORD_MAX_CHARS: usize = 256;

/// The longest name of a person, in characters.
pub const NAME_MAX_CHARS: usize = 100;

/// A person's name: one line, white space collapsed, 1–100 characters
/// ([`crate::text`]).
pub fn name(input: &str) -> Result<String, FieldProblem> {
    crate::text::check(input, crate::text::TextRule::line(NAME_MAX_CHARS))
}

/// An e-mail address, trimmed and lower-cased.
pub fn email(input: &str) -> Result<String, FieldProblem> {
    let e = input.trim().to_lowercase();
    if e.is_empty() {
        return Err(FieldProblem::Required);
    }
    if e.len() > 254 {
        return Err(FieldProblem::TooLong);
    }
    let Some((local, domain)) = e.split_once('@') else {
        return Err(FieldProblem::Email);
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok { Ok(e) } else { Err(FieldProblem::Email) }
}

/// A phone number in international form: `+46701234567`. Accepts Swedish
/// national numbers (`070-123 45 67`) and `+`/`00` international ones.
pub fn phone(input: &str) -> Result<String, FieldProblem> {
    let t = input.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    if !t.chars().all(|c| c.is_ascii_digit() || " -()+".contains(c)) || t[1..].contains('+') {
        return Err(FieldProblem::Phone);
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let international = if t.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("46{rest}")
    } else {
        return Err(FieldProblem::Phone);
    };
    if (8..=15).contains(&international.len()) && !international.starts_with('0') {
        Ok(format!("+{international}"))
    } else {
        Err(FieldProblem::Phone)
    }
}

/// The length rule for a new password (the server also refuses common ones).
pub fn password(input: &str) -> Result<(), FieldProblem> {
    match input.chars().count() {
        0 => Err(FieldProblem::Required),
        n if n < PASSWORD_MIN_CHARS => Err(FieldProblem::PasswordTooShort),
        n if n > PASSWORD_MAX_CHARS => Err(FieldProblem::PasswordTooLong),
        _ => Ok(()),
    }
}

/// What a sign-in identifier is: an e-mail address or a phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Login {
    Email(String),
    Phone(String),
}

/// Reads a sign-in identifier: with `@` an e-mail address, otherwise a phone number.
pub fn login(input: &str) -> Result<Login, FieldProblem> {
    if input.contains('@') {
        email(input).map(Login::Email)
    } else {
        phone(input).map(Login::Phone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(name("  Sara   Lind "), Ok("Sara Lind".into()));
        assert_eq!(name("   "), Err(FieldProblem::Required));
        assert_eq!(name(&"å".repeat(101)), Err(FieldProblem::TooLong));
        assert_eq!(name(&"å".repeat(100)).map(|n| n.chars().count()), Ok(100));
    }

    #[test]
    fn emails() {
        assert_eq!(
            email(" Sara.Lind@Example.SE "),
            Ok("sara.lind@example.se".into())
        );
        for bad in [
            "sara",
            "sara@",
            "@example.se",
            "sara@example",
            "sa ra@example.se",
            "a@b@c.se",
            "a@.se",
            "a@se.",
        ] {
            assert_eq!(email(bad), Err(FieldProblem::Email), "{bad}");
        }
        assert_eq!(email(""), Err(FieldProblem::Required));
    }

    #[test]
    fn phones_become_international() {
        assert_eq!(phone("070-123 45 67"), Ok("+46701234567".into()));
        assert_eq!(phone("+46 70 123 45 67"), Ok("+46701234567".into()));
        assert_eq!(phone("0046701234567"), Ok("+46701234567".into()));
        assert_eq!(phone("031-12 34 56"), Ok("+4631123456".into()));
        for bad in ["abc", "70123", "+46 70+1", "12345678", "0", "+0123456789"] {
            assert_eq!(phone(bad), Err(FieldProblem::Phone), "{bad}");
        }
    }

    #[test]
    fn password_lengths_count_characters_not_bytes() {
        assert_eq!(password(""), Err(FieldProblem::Required));
        assert_eq!(password("åäöåäöå"), Err(FieldProblem::PasswordTooShort));
        assert_eq!(password("åäöåäöåä"), Ok(()));
        assert_eq!(
            password(&"x".repeat(257)),
            Err(FieldProblem::PasswordTooLong)
        );
    }

    #[test]
    fn login_is_email_or_phone() {
        assert_eq!(
            login("Sara@Example.se"),
            Ok(Login::Email("sara@example.se".into()))
        );
        assert_eq!(login("0701234567"), Ok(Login::Phone("+46701234567".into())));
        assert!(login("sara").is_err());
    }
}
