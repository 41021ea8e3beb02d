//! The register's pages: pure logic (one `mod` per part).

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
