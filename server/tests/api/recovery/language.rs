//! A reset link and the notice that follows it are written in the language
//! the account last signed in with; an account that never signed in gets
//! both, Swedish first.

use super::{ask_reset, messages_to};
use crate::helpers::{ELSA, OMAR, TestApp};

#[tokio::test]
async fn an_account_that_signed_in_in_english_gets_its_reset_link_in_english() {
    let app = TestApp::with_demo_and_email().await;
    app.demo_in(ELSA, "en").await;
    assert_eq!(ask_reset(&app, ELSA).await.status, 202);
    let sent = messages_to(&app, ELSA, "Reset", 1).await.remove(0);
    assert_eq!(sent.subject, "Reset your password");
    assert!(
        sent.body.starts_with("Hello Elsa! Someone asked"),
        "{}",
        sent.body
    );
    assert!(!sent.body.contains("Hej"), "{}", sent.body);
}

#[tokio::test]
async fn an_account_that_never_signed_in_gets_both_languages() {
    let app = TestApp::with_demo_and_email().await;
    assert_eq!(ask_reset(&app, OMAR).await.status, 202);
    let sent = messages_to(&app, OMAR, "Återställ", 1).await.remove(0);
    assert_eq!(
        sent.subject,
        "Återställ ditt lösenord / Reset your password"
    );
    assert!(sent.body.starts_with("Hej Omar!"), "{}", sent.body);
    assert!(sent.body.contains("\n--\nHello Omar!"), "{}", sent.body);
}
