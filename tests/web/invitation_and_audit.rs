//! Invitations and the audit log.

use lotsen::i18n::Locale;
use lotsen::pages::invitation::token_from_hash;
use lotsen::pages::staff::audit::{action_label, audit_path};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn the_invitation_token_comes_from_the_fragment() {
    assert_eq!(
        token_from_hash("#abc_DEF-123").as_deref(),
        Some("abc_DEF-123")
    );
    assert_eq!(token_from_hash("abc"), Some("abc".into()));
    assert_eq!(token_from_hash("#"), None);
    assert_eq!(token_from_hash(""), None);
}

#[wasm_bindgen_test]
fn audit_pages_and_actions() {
    assert_eq!(audit_path(None), "/audit?limit=50");
    assert_eq!(audit_path(Some(120)), "/audit?before=120&limit=50");
    assert_eq!(action_label("read_youth", Locale::sv), "Läste uppgifter");
    assert_eq!(action_label("read_youth", Locale::en), "Read the details");
    assert_eq!(action_label("register_youth", Locale::sv), "Registrerade");
    assert_eq!(action_label("list_youth", Locale::sv), "Såg i listan");
    assert_eq!(action_label("something_new", Locale::sv), "something_new");
}
