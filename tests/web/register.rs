//! The register's pages: their pure logic (one `mod` per part).

mod report {
    use lotsen::i18n::Locale;
    use lotsen::pages::register::report::{
        Figure, HALF_YEARS_SHOWN, bar_width, figure_label, figure_rows, half_year_label, half_years,
    };
    use lotsen_api::register::DeregistrationReason;
    use lotsen_api::register::scb::{DeregisteredCount, HalfYear, RegisterFigures};
    use wasm_bindgen_test::*;

    fn on(text: &str) -> lotsen_api::Date {
        lotsen_api::date::parse_iso(text).unwrap()
    }

    #[wasm_bindgen_test]
    fn the_choice_is_the_current_half_year_and_those_before() {
        let names: Vec<String> = half_years(on("2026-02-10"))
            .into_iter()
            .map(|h| h.to_string())
            .collect();
        assert_eq!(names, ["2026-H1", "2025-H2", "2025-H1", "2024-H2"]);
        assert_eq!(half_years(on("2026-07-01"))[0].to_string(), "2026-H2");
        assert_eq!(half_years(on("2026-07-01")).len(), HALF_YEARS_SHOWN);
        let h2 = HalfYear::parse("2026-H2").unwrap();
        assert_eq!(
            half_year_label(h2, Locale::sv),
            "2026: Andra halvåret (1 juli–31 december)"
        );
    }

    #[wasm_bindgen_test]
    fn the_figures_come_in_order_with_every_reason_and_bars_scale_to_the_largest() {
        let figures = RegisterFigures {
            period: "2026-H2".into(),
            in_register: 40,
            registered: 10,
            reached: 20,
            reached_within_2_weeks: 5,
            with_measure: 8,
            deregistered: vec![
                DeregisteredCount {
                    reason: DeregistrationReason::Turned20,
                    count: 2,
                },
                DeregisteredCount {
                    reason: DeregistrationReason::MovedAway,
                    count: 0,
                },
            ],
        };
        let rows = figure_rows(&figures);
        assert_eq!(
            rows,
            [
                (Figure::InRegister, 40),
                (Figure::Registered, 10),
                (Figure::Reached, 20),
                (Figure::ReachedWithin2Weeks, 5),
                (Figure::WithMeasure, 8),
                (Figure::Deregistered(DeregistrationReason::Turned20), 2),
                (Figure::Deregistered(DeregistrationReason::MovedAway), 0),
            ]
        );
        assert_eq!(
            figure_label(
                Figure::Deregistered(DeregistrationReason::Turned20),
                Locale::sv
            ),
            "Avregistrerade: fyllt 20 år"
        );
        assert_eq!(bar_width(40, 40), 300);
        assert_eq!(bar_width(10, 40), 75);
        assert_eq!(bar_width(0, 40), 0);
        assert_eq!(bar_width(0, 0), 0);
    }
}

mod contacts {
    use lotsen::i18n::Locale;
    use lotsen::pages::register::contacts::{channel_label, suggestion_text};
    use lotsen::pages::register::letter::window_mm;
    use lotsen_api::date::ymd;
    use lotsen_api::register::codes::ContactChannel;
    use lotsen_api::register::contacts::{ADDRESS_WINDOW, ContactLetterPrint};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_suggested_rung_is_said_in_words() {
        assert_eq!(
            suggestion_text(Some(ContactChannel::Sms), Locale::sv),
            "Föreslaget nästa steg: Sms."
        );
        assert_eq!(
            suggestion_text(Some(ContactChannel::HomeVisit), Locale::en),
            "Suggested next step: Home visit."
        );
        assert_eq!(
            suggestion_text(None, Locale::sv),
            "Inget nästa steg föreslås."
        );
    }

    #[wasm_bindgen_test]
    fn every_channel_has_a_name_of_its_own_in_both_languages() {
        for locale in [Locale::sv, Locale::en] {
            let mut names: Vec<&str> = ContactChannel::ALL
                .iter()
                .map(|c| channel_label(*c, locale))
                .collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), ContactChannel::ALL.len(), "{locale:?}");
        }
    }

    #[wasm_bindgen_test]
    fn the_address_block_is_placed_at_the_window_in_millimetres() {
        let letter = ContactLetterPrint {
            sender: vec!["Box 1".into()],
            address: vec!["Linnea Ek".into()],
            window: ADDRESS_WINDOW,
            date: ymd(2026, 12, 6).unwrap(),
            subject: "Hej".into(),
            body: "Text".into(),
            lang: None,
        };
        assert_eq!(window_mm(&letter), ["20mm", "50mm", "80mm", "35mm"]);
    }
}

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
