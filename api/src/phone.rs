//! Changing one's phone number: a code goes by SMS to the new number, and the
//! number is used only once the code is entered (`/api/me/phone…`).

use serde::{Deserialize, Serialize};

/// How many digits a code has.
pub const CODE_DIGITS: usize = 6;

/// The signed-in person's phone number, and a new one waiting for its code
/// (`GET /api/me/phone`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhoneSetting {
    /// The number in use (`+46…`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A new number a code was sent to, until the code is entered or expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<PendingPhone>,
}

/// A new number waiting for its code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingPhone {
    /// The new number (`+46…`).
    pub phone: String,
    /// When its code stops working (RFC 3339).
    pub expires_at: String,
}

/// `POST /api/me/phone`: send a code to a new number.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePhone {
    /// The new number, Swedish (`070-123 45 67`) or international (`+46…`).
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub phone: String,
}

/// `POST /api/me/phone/confirm`: the code from the SMS.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmPhone {
    /// Six digits (spaces are ignored).
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub code: String,
}

/// The digits of a code as typed (spaces and dashes ignored), or `None` when
/// it cannot be one.
pub fn code(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    (digits.len() == CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_six_digits_spaces_aside() {
        assert_eq!(code("123 456"), Some("123456".into()));
        assert_eq!(code("123-456"), Some("123456".into()));
        assert_eq!(code("12345"), None);
        assert_eq!(code("1234567"), None);
        assert_eq!(code("12345a"), None);
        assert_eq!(code("١٢٣٤٥٦"), None);
    }
}
