//! How many SMS segments a text takes: GSM-7 (the default alphabet, with
//! Swedish å, ä, ö) when every character is in it, 160 characters in one
//! segment and 153 per segment when split; otherwise UCS-2, 70 and 67. The
//! extension table's characters (`€`, `[`, …) take two places.

/// The GSM 03.38 default alphabet (the escape code left out).
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                     ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The extension table: each is sent as the escape code and itself.
const EXTENSION: &str = "^{}\\[~]|€\u{c}";

/// The places `text` takes in GSM-7, or `None` if it needs UCS-2.
pub fn gsm7_len(text: &str) -> Option<usize> {
    text.chars().try_fold(0, |n, c| {
        if BASIC.contains(c) {
            Some(n + 1)
        } else if EXTENSION.contains(c) {
            Some(n + 2)
        } else {
            None
        }
    })
}

/// The segments `text` is sent in.
pub fn segments(text: &str) -> usize {
    let (len, single, part) = match gsm7_len(text) {
        Some(len) => (len, 160, 153),
        // UTF-16 code units.
        None => (text.encode_utf16().count(), 70, 67),
    };
    if len <= single { 1 } else { len.div_ceil(part) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_gsm7_and_ucs2_segments() {
        assert_eq!(gsm7_len("Hej Åsa, välkommen!"), Some(19));
        assert_eq!(gsm7_len("50 €"), Some(5));
        assert_eq!(gsm7_len("Hej 👋"), None);
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
        assert_eq!(segments(&"a".repeat(306)), 2);
        assert_eq!(segments(&"a".repeat(307)), 3);
        assert_eq!(segments(&"€".repeat(80)), 1);
        assert_eq!(segments(&"ł".repeat(70)), 1);
        assert_eq!(segments(&"ł".repeat(71)), 2);
    }
}
