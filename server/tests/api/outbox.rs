//! The outbox: invitations e-mailed through SMTP (a fake server here), the link
//! blanked out once sent, failures counted and kept for a retry.

use std::sync::{Arc, Mutex};

use crate::helpers::internals::{Mailer, send_pending};
use lotsen_server::Settings;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::{KARIM, TestApp, valid_personnummer};

/// A minimal SMTP server on a free port that accepts mail for everyone but
/// `*@rejected.example`; returns its port and the messages (DATA) it took.
async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let messages = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let messages = messages.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write
                    .write_all(b"220 fake.example ESMTP\r\n")
                    .await
                    .unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO")
                    {
                        b"250 fake.example\r\n"
                    } else if command.starts_with("RCPT") && command.contains("@REJECTED.EXAMPLE") {
                        b"550 no such mailbox\r\n"
                    } else if command.starts_with("DATA") {
                        write.write_all(b"354 go ahead\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(line)) = lines.next_line().await {
                            if line == "." {
                                break;
                            }
                            data.push_str(&line);
                            data.push('\n');
                        }
                        messages.lock().unwrap().push(data);
                        b"250 queued\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

/// The text of a received message, quoted-printable soft line breaks undone.
fn unfolded(data: &str) -> String {
    data.replace("=\n", "")
}

#[tokio::test]
async fn invitations_are_emailed_and_the_sent_copy_keeps_no_link() {
    let app = TestApp::with_demo().await;
    let mut settings = Settings::new("https://lotsen.kommun.example");
    settings.email_delivery = true;
    let app = app.with_settings(settings);
    let karim = app.demo(KARIM).await;
    for (name, email, serial) in [
        ("Sara Lind", "sara.lind@example.se", 123),
        ("Rut Nej", "rut@rejected.example", 124),
    ] {
        let body = json!({ "name": name, "personnummer": valid_personnummer(2007, 5, 14, serial), "email": email });
        app.register(&karim, body).await;
    }
    let links: Vec<String> = app.texts("SELECT body FROM outbox ORDER BY id").await;
    let link = links[0]
        .split_whitespace()
        .find(|w| w.contains("/invitation#"))
        .unwrap()
        .to_owned();

    let (port, received) = fake_smtp().await;
    let mailer = Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Lotsen <lotsen@kommun.example>",
    )
    .unwrap();
    let sent = send_pending(&app.state.db, &app.state.clock, &mailer)
        .await
        .unwrap();
    assert_eq!(sent, 1, "one accepted, one refused");

    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    let message = unfolded(&received[0]);
    assert!(message.contains("To: sara.lind@example.se"), "{message}");
    assert!(
        message.contains("From: Lotsen <lotsen@kommun.example>"),
        "{message}"
    );
    assert!(
        message.contains("Subject: Inbjudan till Lotsen / Invitation to Lotsen"),
        "{message}"
    );
    assert!(message.contains(&link), "{message}");

    let sent_rows = app
        .count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL AND attempts = 1 AND last_error IS NULL")
        .await;
    assert_eq!(sent_rows, 1);
    let token = link.rsplit_once('#').unwrap().1;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE body LIKE '%{token}%'"
        ))
        .await,
        0,
        "the sent copy has no working link"
    );
    let failed = app
        .count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts = 1 AND last_error LIKE 'SMTP%'")
        .await;
    assert_eq!(failed, 1, "the refused one waits for a retry");

    // A retry tries only what is unsent.
    assert_eq!(
        send_pending(&app.state.db, &app.state.clock, &mailer)
            .await
            .unwrap(),
        0
    );
    assert_eq!(app.count("SELECT MAX(attempts) FROM outbox").await, 2);
}

#[test]
fn bad_smtp_settings_are_refused_without_echoing_the_password() {
    let error = Mailer::new("smtps://user:hunter2@", "Lotsen <lotsen@kommun.example>").unwrap_err();
    assert!(!error.contains("hunter2"), "{error}");
    assert!(Mailer::new("smtp://localhost:25", "not an address").is_err());
    assert!(Mailer::new("smtp://localhost:25", "Lotsen <lotsen@kommun.example>").is_ok());
}
