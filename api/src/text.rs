//! The one check every free text of a request goes through: names, titles,
//! reasons, comments, notes, messages, schools, programmes, help texts.
//!
//! [`check`] (and [`check_optional`]) take what was typed and a [`TextRule`]
//! (the field's length limit, whether it is required, whether it may hold
//! line breaks) and give back the text as it is stored, or the one
//! [`FieldProblem`] to show next to the field:
//!
//! - **Control characters** (Unicode category Cc: NUL, ESC, DEL, C1 …) are
//!   refused (`text_control`), except line breaks and tab. Line breaks (CR LF,
//!   lone CR, NEL, U+2028, U+2029) become LF in multi-line texts; in a
//!   single-line text every run of white space, line breaks and tabs included,
//!   becomes one space.
//! - **Bidirectional embeddings, overrides and isolates** (U+202A–U+202E,
//!   U+2066–U+2069), which make text read differently from how it is stored,
//!   are refused (`text_bidi`). The marks U+200E, U+200F and U+061C are
//!   allowed: Arabic and Hebrew text needs them to place punctuation, and they
//!   cannot reorder what follows them.
//! - **Text that shows nothing**: after trimming white space, a text made only
//!   of invisible characters (zero-width space and joiners, word joiner, BOM,
//!   soft hyphen, the direction marks, fillers) is refused (`text_invisible`),
//!   in optional fields too — it is not empty, yet nobody can see it. Invisible
//!   characters inside visible text stay (a ZWJ joins an emoji; a ZWNJ is
//!   needed in Persian).
//! - **Length**: empty after trimming is `required` when the field is; longer
//!   than the rule's maximum (in characters, after trimming) is `too_long`.
//!
//! The server runs it on every request (a violation is a 422 `validation`
//! naming the field); the app runs the same validators before sending. The
//! limits are also written on the request types' schemas (`maxLength`,
//! `minLength`) in the OpenAPI document.

use crate::contact::FieldProblem;

/// What a text field allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextRule {
    /// The most characters, after trimming.
    pub max: usize,
    /// Empty (after trimming) is `required`.
    pub required: bool,
    /// Line breaks are kept (as LF); otherwise white space is collapsed.
    pub multiline: bool,
}

impl TextRule {
    /// A required one-line text of at most `max` characters (a name, a title).
    pub const fn line(max: usize) -> Self {
        Self {
            max,
            required: true,
            multiline: false,
        }
    }

    /// An optional one-line text of at most `max` characters (a place).
    pub const fn optional_line(max: usize) -> Self {
        Self {
            max,
            required: false,
            multiline: false,
        }
    }

    /// A required text of at most `max` characters that may hold line breaks.
    pub const fn lines(max: usize) -> Self {
        Self {
            max,
            required: true,
            multiline: true,
        }
    }

    /// An optional text of at most `max` characters that may hold line breaks.
    pub const fn optional_lines(max: usize) -> Self {
        Self {
            max,
            required: false,
            multiline: true,
        }
    }
}

/// Whether `c` turns text direction on until a terminator: embeddings,
/// overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` shows nothing on its own (and is not white space).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{034F}' // combining grapheme joiner
            | '\u{061C}' // Arabic letter mark
            | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
            | '\u{17B4}' | '\u{17B5}' // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}' // Mongolian selectors and vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner, LRM, RLM
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{FE00}'..='\u{FE0F}' // variation selectors
            | '\u{FEFF}' // byte order mark, zero-width no-break space
            | '\u{1D173}'..='\u{1D17A}' // musical formatting
            | '\u{E0000}'..='\u{E0FFF}' // tags and variation selectors supplement
    )
}

/// Whether `c` is a line break other than LF.
fn is_line_break(c: char) -> bool {
    matches!(c, '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}')
}

/// Checks `input` against `rule`: the text as stored, or what is wrong.
pub fn check(input: &str, rule: TextRule) -> Result<String, FieldProblem> {
    if input.chars().any(is_bidi_control) {
        return Err(FieldProblem::TextBidi);
    }
    if input
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t') && !is_line_break(c))
    {
        return Err(FieldProblem::TextControl);
    }
    let normalised = if rule.multiline {
        let unified = input.replace("\r\n", "\n");
        unified
            .chars()
            .map(|c| if is_line_break(c) { '\n' } else { c })
            .collect::<String>()
            .trim()
            .to_owned()
    } else {
        input.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    if normalised.is_empty() {
        return if rule.required {
            Err(FieldProblem::Required)
        } else {
            Ok(normalised)
        };
    }
    if normalised
        .chars()
        .all(|c| c.is_whitespace() || is_invisible(c))
    {
        return Err(FieldProblem::TextInvisible);
    }
    if normalised.chars().count() > rule.max {
        return Err(FieldProblem::TooLong);
    }
    Ok(normalised)
}

/// [`check`] for a field that may be left out: left out or empty is `None`
/// (or `required`, when the rule says so).
pub fn check_optional(input: Option<&str>, rule: TextRule) -> Result<Option<String>, FieldProblem> {
    let text = check(input.unwrap_or(""), rule)?;
    Ok((!text.is_empty()).then_some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: TextRule = TextRule::line(10);
    const LINES: TextRule = TextRule::optional_lines(12);

    #[test]
    fn plain_text_is_trimmed_and_kept() {
        assert_eq!(check("  Hej  då ", LINE), Ok("Hej då".into()));
        assert_eq!(check(" rad 1\nrad 2 ", LINES), Ok("rad 1\nrad 2".into()));
        assert_eq!(check("å\tä", LINES), Ok("å\tä".into()));
        assert_eq!(check("åäöÅÄÖéü", LINE), Ok("åäöÅÄÖéü".into()));
    }

    #[test]
    fn control_characters_are_refused() {
        for bad in [
            "a\u{0}b",
            "a\u{1b}[31mb",
            "a\u{7f}",
            "a\u{8}b",
            "\u{9b}x",
            "a\u{1}",
        ] {
            assert_eq!(check(bad, LINE), Err(FieldProblem::TextControl), "{bad:?}");
            assert_eq!(check(bad, LINES), Err(FieldProblem::TextControl), "{bad:?}");
        }
    }

    #[test]
    fn line_breaks_become_lf_or_a_space() {
        for (input, lines, line) in [
            ("a\r\nb", "a\nb", "a b"),
            ("a\rb", "a\nb", "a b"),
            ("a\u{85}b", "a\nb", "a b"),
            ("a\u{2028}b\u{2029}c", "a\nb\nc", "a b c"),
            ("a\r\n\r\nb", "a\n\nb", "a b"),
            ("a\tb", "a\tb", "a b"),
        ] {
            assert_eq!(check(input, LINES), Ok(lines.into()), "{input:?}");
            assert_eq!(check(input, LINE), Ok(line.into()), "{input:?}");
        }
        assert!(!check("a\r\rb\r", LINES).unwrap().contains('\r'));
    }

    #[test]
    fn bidi_controls_are_refused_but_marks_are_not() {
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            let text = format!("abc{c}def");
            assert_eq!(check(&text, LINE), Err(FieldProblem::TextBidi), "{c:?}");
        }
        assert_eq!(check("ab\u{200F}c", LINE), Ok("ab\u{200F}c".into()));
        assert_eq!(check("مرحبا\u{200E}!", LINE), Ok("مرحبا\u{200E}!".into()));
    }

    #[test]
    fn invisible_only_text_is_refused_even_when_optional() {
        for bad in [
            "\u{200B}\u{200B}",
            " \u{200D} ",
            "\u{FEFF}",
            "\u{00AD}",
            "\u{2060}\u{200C}",
            "\u{200E}",
            "\u{3164}",
        ] {
            assert_eq!(
                check(bad, LINE),
                Err(FieldProblem::TextInvisible),
                "{bad:?}"
            );
            assert_eq!(
                check(bad, LINES),
                Err(FieldProblem::TextInvisible),
                "{bad:?}"
            );
            assert_eq!(
                check_optional(Some(bad), LINES),
                Err(FieldProblem::TextInvisible)
            );
        }
        // Inside visible text they stay: an emoji family, a Persian word.
        assert_eq!(check("👨\u{200D}👩", LINE), Ok("👨\u{200D}👩".into()));
        assert_eq!(check("می\u{200C}خواهم", LINE), Ok("می\u{200C}خواهم".into()));
    }

    #[test]
    fn required_and_length() {
        assert_eq!(check("   ", LINE), Err(FieldProblem::Required));
        assert_eq!(check("", LINE), Err(FieldProblem::Required));
        assert_eq!(check(" \n ", LINES), Ok(String::new()));
        assert_eq!(check_optional(None, LINES), Ok(None));
        assert_eq!(check_optional(Some(" "), LINES), Ok(None));
        assert_eq!(check(&"å".repeat(10), LINE), Ok("å".repeat(10)));
        assert_eq!(check(&"å".repeat(11), LINE), Err(FieldProblem::TooLong));
        assert_eq!(
            check(&format!("  {}  ", "å".repeat(10)), LINE),
            Ok("å".repeat(10))
        );
    }

    proptest::proptest! {
        #[test]
        fn what_is_stored_passes_again_unchanged(input in "\\PC{0,12}|[\\x00-\\x20a\u{200B}\u{202E}\r\n]{0,12}") {
            for rule in [LINE, LINES, TextRule::optional_line(10), TextRule::lines(10)] {
                if let Ok(stored) = check(&input, rule) {
                    proptest::prop_assert_eq!(check(&stored, rule), Ok(stored.clone()));
                    proptest::prop_assert!(!stored.contains('\r'));
                    proptest::prop_assert!(!stored.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
                    proptest::prop_assert!(!stored.chars().any(is_bidi_control));
                }
            }
        }
    }
}
