//! The activity-responsibility register's pages: the pure parts of each
//! part's pages, one module per part.

mod plan {
    use lotsen::i18n::Locale;
    use lotsen::pages::my_plan::{day, explanation};
    use lotsen::pages::register::plan::measures::{end_reason, responsible};
    use lotsen::pages::register::plan::optional_date;
    use lotsen_api::register::people::EXPLANATION;
    use lotsen_api::register::{MeasureEndReason, ResponsibleKind};
    use wasm_bindgen_test::*;

    use crate::support::d;

    #[wasm_bindgen_test]
    fn a_date_field_is_empty_a_date_or_a_problem() {
        assert_eq!(optional_date("  "), (None, None));
        assert_eq!(optional_date("2026-12-01"), (Some(d("2026-12-01")), None));
        assert_eq!(optional_date("1 dec"), (None, Some("outcome_date")));
    }

    #[wasm_bindgen_test]
    fn staff_read_who_is_responsible_in_words() {
        assert_eq!(
            responsible(ResponsibleKind::Youth, None, Locale::sv),
            "Den unga"
        );
        assert_eq!(
            responsible(
                ResponsibleKind::Municipality,
                Some("Ungdomsteamet"),
                Locale::sv
            ),
            "Kommunen – Ungdomsteamet"
        );
        assert_eq!(
            responsible(ResponsibleKind::Other, Some("Komvux"), Locale::en),
            "Komvux (another actor)"
        );
        for reason in MeasureEndReason::ALL {
            assert_ne!(
                end_reason(reason, Locale::sv),
                end_reason(reason, Locale::en)
            );
        }
    }

    #[wasm_bindgen_test]
    fn every_explanation_the_server_gives_has_a_text() {
        for key in EXPLANATION {
            let sv = explanation(key, Locale::sv).expect(key);
            let en = explanation(key, Locale::en).expect(key);
            assert_ne!(sv, en, "{key}");
        }
        assert_eq!(explanation("register.me.unknown", Locale::sv), None);
    }

    #[wasm_bindgen_test]
    fn the_plan_page_shows_the_reminder_the_server_names() {
        // The page shows the text under `register.plan_sensitive_reminder`.
        assert_eq!(
            lotsen_api::register::plans::SENSITIVE_REMINDER_KEY,
            "register.plan_sensitive_reminder"
        );
    }

    #[wasm_bindgen_test]
    fn the_young_person_reads_days_in_words() {
        assert_eq!(day(d("2026-12-01"), Locale::sv), "1 december 2026");
        assert_eq!(day(d("2026-12-01"), Locale::en), "1 December 2026");
    }
}
