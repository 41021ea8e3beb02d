//! The register's outreach SMS (the SMS rung of the ladder) now really goes,
//! and the contact log shows staff where it is.

use std::time::{Duration, Instant};

use lotsen_api::register::contacts::{ContactEntry, ContactLog, SmsState};
use serde_json::json;

use super::{send, served_with_sms, unique_number};
use crate::helpers::{KARIM, today};
use crate::register::builder::{Entry, put_in_register};

#[tokio::test]
async fn an_outreach_sms_goes_and_the_contact_log_shows_it_delivered() {
    let Some((gateway, app, server)) = served_with_sms("outreach SMS").await else {
        return;
    };
    let karim = app.demo(KARIM).await;
    let omar = app.youth_named("Omar Ali").await;
    let number = unique_number();
    let phone: &'static str = Box::leak(number.clone().into_boxed_str());
    let entry = Entry {
        phone: Some(phone),
        address: None,
    };
    put_in_register(&app, omar, today(), entry).await;
    let path = format!("/api/register/people/{omar}/contacts");
    let body = json!({
        "contacted_on": today().to_string(),
        "channel": "sms",
        "recipient": "youth",
        "outcome": "message_left",
    });
    let logged: ContactEntry = app
        .post_as(&path, &body, Some(&karim))
        .await
        .assert_status(201)
        .json();
    assert_eq!(logged.sms, Some(SmsState::Waiting));

    let sender = gateway.sender(&server.url(""));
    assert_eq!(send(&app, &sender).await, 1);
    let received = gateway.wait_for(&number, 1).await;
    assert!(
        received[0].starts_with("Hej Omar! Det är Karim Haddad från Lotsen."),
        "{received:?}"
    );
    // Kannel reports the delivery; the log shows it.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let log: ContactLog = app.get_as(&path, &karim).await.json();
        if log.entries[0].sms == Some(SmsState::Delivered) {
            break;
        }
        assert!(Instant::now() < deadline, "{:?}", log.entries[0].sms);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
