//! The register's pages: pure logic (labels, words for import problems).

mod people {
    use lotsen::api::register::people::status_name;
    use lotsen::i18n::Locale;
    use lotsen::pages::register::entry::{deregistration_reason_label, registration_reason_label};
    use lotsen::pages::register::import::{problems_text, will_import};
    use lotsen::pages::staff::audit::action_label;
    use lotsen_api::register::codes::{DeregistrationReason, RegistrationReason};
    use lotsen_api::register::people::{RefusedRow, RowProblem, StatusFilter};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn every_reason_has_its_own_words_in_both_languages() {
        for locale in [Locale::sv, Locale::en] {
            let mut seen: Vec<&str> = RegistrationReason::ALL
                .into_iter()
                .map(|r| registration_reason_label(r, locale))
                .collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), RegistrationReason::ALL.len());
            let mut seen: Vec<&str> = DeregistrationReason::ALL
                .into_iter()
                .map(|r| deregistration_reason_label(r, locale))
                .collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), DeregistrationReason::ALL.len());
        }
        assert_eq!(
            registration_reason_label(RegistrationReason::SchoolNotice, Locale::sv),
            "Anmälan från skolan"
        );
    }

    #[wasm_bindgen_test]
    fn import_problems_are_said_in_words() {
        let problems = [
            RowProblem {
                column: "personnummer".into(),
                code: "personnummer_checksum".into(),
            },
            RowProblem {
                column: "name".into(),
                code: "required".into(),
            },
        ];
        let text = problems_text(&problems, Locale::sv);
        assert!(text.starts_with("Personnummer: "), "{text}");
        assert!(text.contains("Namn: "), "{text}");
        assert!(!text.contains("personnummer_checksum"), "{text}");
        let refused = [3, 7].map(|line| RefusedRow {
            line,
            name: None,
            problems: Vec::new(),
        });
        assert_eq!(
            will_import(&refused, Locale::sv),
            "Dessa rader importeras inte: 3, 7."
        );
        assert_eq!(will_import(&[], Locale::en), "Every row will be imported.");
    }

    #[wasm_bindgen_test]
    fn the_filter_and_the_audit_actions_have_names() {
        assert_eq!(status_name(StatusFilter::Closed), "closed");
        assert_eq!(
            action_label("read_register_entry", Locale::sv),
            "Läste uppgifter i registret"
        );
        assert_eq!(
            action_label("register_deregister", Locale::en),
            "Deregistered"
        );
        assert_eq!(
            action_label("read_scb_report", Locale::en),
            "Read the report to SCB"
        );
    }
}
