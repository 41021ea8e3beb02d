//! Forms: errors next to their fields, focus, new passwords.

use leptos::prelude::*;
use lotsen::api::ApiError;
use lotsen::forms::{FormErrors, check_new_password, optional};
use lotsen::i18n::Locale;
use lotsen_api::Lang;
use wasm_bindgen_test::*;

const YOUTH_FIELDS: [&str; 4] = ["name", "personnummer", "email", "phone"];

#[wasm_bindgen_test]
fn server_field_errors_go_next_to_their_fields_in_form_order() {
    let body = r#"{"status":422,"code":"validation","message":"Kontrollera de markerade fälten.",
        "fields":[
          {"field":"email","code":"email","message":"Skriv en e-postadress."},
          {"field":"personnummer","code":"personnummer_checksum","message":"Personnumret stämmer inte."},
          {"field":"school","code":"required","message":"Fyll i skolan."}]}"#;
    let errors = FormErrors::from_api(&ApiError::from_response(422, body, Lang::Sv), &YOUTH_FIELDS);
    assert_eq!(
        errors.field("personnummer").as_deref(),
        Some("Personnumret stämmer inte.")
    );
    assert_eq!(
        errors.field("email").as_deref(),
        Some("Skriv en e-postadress.")
    );
    assert_eq!(errors.field("name"), None);
    // The first invalid field in the form's order takes focus, whatever the server's order.
    assert_eq!(errors.first_field(), Some("personnummer"));
    // A field the form does not show is not lost: it joins the summary.
    assert_eq!(
        errors.summary.as_deref(),
        Some("Kontrollera de markerade fälten. Fyll i skolan.")
    );
}

#[wasm_bindgen_test]
fn a_conflict_names_its_field() {
    let body = r#"{"status":409,"code":"conflict","message":"Det krockar.",
        "fields":[{"field":"personnummer","code":"personnummer_taken","message":"Det finns redan en ung person med det personnumret."}]}"#;
    let errors = FormErrors::from_api(&ApiError::from_response(409, body, Lang::Sv), &YOUTH_FIELDS);
    assert_eq!(errors.first_field(), Some("personnummer"));
    assert_eq!(errors.summary.as_deref(), Some("Det krockar."));
}

#[wasm_bindgen_test]
fn errors_without_fields_are_a_summary_only() {
    let errors = FormErrors::from_api(&ApiError::network(Lang::En), &YOUTH_FIELDS);
    assert!(errors.fields.is_empty());
    assert_eq!(
        errors.summary.as_deref(),
        Some("No contact with the server. Check your connection and try again.")
    );
    assert!(!errors.focus_first("youth"));
    assert!(FormErrors::none().is_empty());
    assert!(FormErrors::from_checks(Locale::sv, vec![]).is_empty());
}

#[wasm_bindgen_test]
fn one_field_can_be_checked_on_its_own() {
    let errors = FormErrors::from_checks(Locale::sv, vec![("email", "Fel e-post.".into())]);
    assert_eq!(
        errors.summary.as_deref(),
        Some("Kontrollera de markerade fälten.")
    );
    let errors = errors.with_field(&YOUTH_FIELDS, "personnummer", Some("Fel.".into()));
    assert_eq!(errors.first_field(), Some("personnummer"));
    assert_eq!(errors.fields.len(), 2);
    let errors = errors.with_field(&YOUTH_FIELDS, "personnummer", None);
    assert_eq!(errors.first_field(), Some("email"));
    let errors = errors.with_field(&YOUTH_FIELDS, "email", None);
    assert!(errors.is_empty(), "no fields left, no summary: {errors:?}");
}

#[wasm_bindgen_test]
fn focus_moves_to_the_first_invalid_field() {
    let input = document().create_element("input").unwrap();
    input.set_id("test-form-email");
    document().body().unwrap().append_child(&input).unwrap();
    let errors = FormErrors::from_checks(Locale::sv, vec![("email", "Fel.".into())]);
    assert!(errors.focus_first("test-form"));
    assert_eq!(
        document().active_element().map(|e| e.id()),
        Some("test-form-email".into())
    );
    input.remove();
}

#[wasm_bindgen_test]
fn new_passwords_are_checked_before_sending() {
    assert_eq!(
        check_new_password("sommarlov-i-alingsas", "sommarlov-i-alingsas", Locale::sv),
        Ok(())
    );
    assert_eq!(
        check_new_password("kort", "kort", Locale::sv),
        Err(("password", "Lösenordet måste ha minst 8 tecken.".into()))
    );
    assert_eq!(
        check_new_password("", "", Locale::en),
        Err(("password", "Please fill in this field.".into()))
    );
    assert_eq!(
        check_new_password("sommarlov-i-alingsas", "sommarlov-i-alingsås", Locale::sv),
        Err(("repeat", "Lösenorden är inte lika.".into()))
    );
    assert_eq!(optional("  "), None);
    assert_eq!(optional(" a@b.se "), Some("a@b.se".into()));
}

#[wasm_bindgen_test]
fn browser_checks_show_first_the_field_the_form_shows_first() {
    let owner = Owner::new();
    owner.with(|| {
        let form = lotsen::components::submit::Form::new("youth", &YOUTH_FIELDS);
        // Checked in another order than the form shows the fields.
        let problems = vec![
            ("phone", "Fel telefon.".to_string()),
            ("name", "Skriv ett namn.".to_string()),
        ];
        assert!(!form.check(Locale::sv, problems));
        let errors = form.errors.get_untracked();
        assert_eq!(errors.first_field(), Some("name"));
        assert_eq!(errors.field("phone").as_deref(), Some("Fel telefon."));
        assert!(form.check(Locale::sv, vec![]));
    });
}

#[wasm_bindgen_test]
fn a_persons_contact_details_are_checked_and_sent_as_typed() {
    use lotsen::pages::staff::contact::{Contact, ContactInputs};
    let owner = Owner::new();
    owner.with(|| {
        let inputs = ContactInputs::default();
        inputs.name.set("  Amina Ali ".into());
        inputs.email.set(" ".into());
        inputs.phone.set("070-123 45 67".into());
        let mut problems = Vec::new();
        let contact = inputs.check(Locale::sv, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            contact,
            Contact {
                name: "Amina Ali".into(),
                email: None,
                phone: Some("070-123 45 67".into()),
            }
        );

        inputs.name.set(String::new());
        inputs.email.set("amina@example.se".into());
        inputs.phone.set("hej".into());
        let contact = inputs.check(Locale::sv, &mut problems);
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["name", "phone"]);
        assert_eq!(contact.email.as_deref(), Some("amina@example.se"));

        inputs.clear();
        assert_eq!(inputs.name.get_untracked(), "");
        assert_eq!(inputs.phone.get_untracked(), "");
    });
}
