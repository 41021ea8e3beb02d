//! The session cookie: `__Host-lotsen_session=<token>; Path=/; HttpOnly; Secure;
//! SameSite=Lax`, or `lotsen_session` without `Secure` with `--insecure-cookies`.

use axum::http::HeaderMap;
use axum::http::header::{COOKIE, HeaderValue};

/// The cookie's name by default (the `__Host-` prefix needs `Secure`, `Path=/` and no `Domain`).
pub const SECURE_NAME: &str = "__Host-lotsen_session";

/// The cookie's name with `--insecure-cookies`.
pub const INSECURE_NAME: &str = "lotsen_session";

/// The cookie's name.
pub fn name(insecure: bool) -> &'static str {
    if insecure { INSECURE_NAME } else { SECURE_NAME }
}

fn attributes(insecure: bool) -> &'static str {
    if insecure {
        "Path=/; HttpOnly; SameSite=Lax"
    } else {
        "Path=/; HttpOnly; Secure; SameSite=Lax"
    }
}

/// `Set-Cookie` for a new session. No `Max-Age`: the browser forgets it when
/// closed, and the server ends it after 30 idle minutes or 12 hours anyway.
pub fn set(token: &str, insecure: bool) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{}={token}; {}",
        name(insecure),
        attributes(insecure)
    ))
    .expect("a token is URL-safe base64")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear(insecure: bool) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{}=; Max-Age=0; {}",
        name(insecure),
        attributes(insecure)
    ))
    .expect("a plain header value")
}

/// The session token from the request's `Cookie` headers, if any.
pub fn read(headers: &HeaderMap, insecure: bool) -> Option<String> {
    read_named(headers, name(insecure))
}

/// The device cookie's name by default.
pub const DEVICE_SECURE_NAME: &str = "__Host-lotsen_device";

/// The device cookie's name with `--insecure-cookies`.
pub const DEVICE_INSECURE_NAME: &str = "lotsen_device";

/// How long a browser keeps the device cookie (and the server its hash).
pub const DEVICE_SECONDS: i64 = 365 * 24 * 60 * 60;

fn device_name(insecure: bool) -> &'static str {
    if insecure {
        DEVICE_INSECURE_NAME
    } else {
        DEVICE_SECURE_NAME
    }
}

/// `Set-Cookie` for the device cookie (OWASP's "device cookie"): a random
/// token whose hash the server keeps with the account it signed in to; kept
/// for a year, so that failed attempts from elsewhere do not slow this
/// browser down.
pub fn set_device(token: &str, insecure: bool) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{}={token}; Max-Age={DEVICE_SECONDS}; {}",
        device_name(insecure),
        attributes(insecure)
    ))
    .expect("a token is URL-safe base64")
}

/// The device cookie's token from the request, if any.
pub fn read_device(headers: &HeaderMap, insecure: bool) -> Option<String> {
    read_named(headers, device_name(insecure))
}

fn read_named(headers: &HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| super::token::plausible(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_host_only_secure_http_only_and_lax() {
        assert_eq!(
            set("abc", false),
            "__Host-lotsen_session=abc; Path=/; HttpOnly; Secure; SameSite=Lax"
        );
        assert_eq!(
            set("abc", true),
            "lotsen_session=abc; Path=/; HttpOnly; SameSite=Lax"
        );
        assert!(clear(false).to_str().unwrap().contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.append(
            COOKIE,
            HeaderValue::from_static("lang=sv; __Host-lotsen_session=tok"),
        );
        assert_eq!(read(&headers, false).as_deref(), Some("tok"));
        assert_eq!(read(&headers, true), None);
        headers.append(COOKIE, HeaderValue::from_static("lotsen_session=other"));
        assert_eq!(read(&headers, true).as_deref(), Some("other"));
    }
}
