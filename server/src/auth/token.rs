//! Secret tokens (sessions, invitations): 128 random bits from the operating
//! system, written in URL-safe base64; only their SHA-256 is stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// The longest token text worth hashing; anything longer is not one of ours.
pub const MAX_TOKEN_LEN: usize = 64;

/// A new token: 16 bytes of OS randomness as 22 URL-safe characters.
pub fn generate() -> String {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("the operating system provides randomness");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether `text` could be one of our tokens (not empty, at most
/// [`MAX_TOKEN_LEN`] long): anything else is refused without hashing it.
pub fn plausible(text: &str) -> bool {
    !text.is_empty() && text.len() <= MAX_TOKEN_LEN
}

/// The hash of a token someone presents (in a link, a path or a body), or
/// `None` when the text could not be one of ours (it is not hashed then).
pub fn presented(text: &str) -> Option<String> {
    plausible(text).then(|| hash(text))
}

/// The SHA-256 of a token, as 64 lower-case hex digits: what the database keeps.
pub fn hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_url_safe_and_128_bits() {
        let a = generate();
        let b = generate();
        assert_ne!(a, b);
        assert_eq!(a.len(), 22);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 16);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
    }

    #[test]
    fn only_texts_of_a_token_length_are_plausible() {
        assert!(plausible(&generate()));
        assert!(plausible(&"a".repeat(MAX_TOKEN_LEN)));
        assert!(!plausible(""));
        assert!(!plausible(&"a".repeat(MAX_TOKEN_LEN + 1)));
        assert_eq!(presented("abc"), Some(hash("abc")));
        assert_eq!(presented(""), None);
        assert_eq!(presented(&"a".repeat(MAX_TOKEN_LEN + 1)), None);
    }

    #[test]
    fn hashes_are_sha256_hex() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
