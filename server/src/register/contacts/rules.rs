//! The contacts' rules, without I/O: the outreach ladder, the 14-day goal,
//! what is due, and the letter's neutral sender and address block.

use lotsen_api::Date;
use lotsen_api::date::days_between;
use lotsen_api::register::contacts::{CONTACT_GOAL_DAYS, LADDER};
use lotsen_api::register::{ContactChannel, ContactOutcome};

/// The sender printed on a letter: neutral, so that the envelope and the
/// page say nothing of who writes (no municipal name or logo). A
/// municipality that wants its name there changes this line.
pub const LETTER_SENDER: [&str; 1] = ["Lotsen"];

/// The next rung of the ladder after these attempts (oldest first): none
/// after a contact that reached the young person or that they declined;
/// otherwise the rung after the highest one tried since the last such
/// contact, a phone call when none has been; none after a home visit.
pub fn suggested_next(attempts: &[(ContactChannel, ContactOutcome)]) -> Option<ContactChannel> {
    if let Some((_, outcome)) = attempts.last()
        && matches!(outcome, ContactOutcome::Reached | ContactOutcome::Declined)
    {
        return None;
    }
    let since = attempts
        .iter()
        .rposition(|(_, outcome)| {
            matches!(outcome, ContactOutcome::Reached | ContactOutcome::Declined)
        })
        .map_or(0, |i| i + 1);
    let highest = attempts[since..]
        .iter()
        .filter_map(|(channel, _)| LADDER.iter().position(|rung| rung == channel))
        .max();
    match highest {
        None => Some(LADDER[0]),
        Some(rung) => LADDER.get(rung + 1).copied(),
    }
}

/// Days from registration to `today`.
pub fn days_since(registered_on: Date, today: Date) -> i64 {
    days_between(registered_on, today)
}

/// Whether a young person not yet reached is past the goal of a contact
/// within two weeks: from day 15 after registration (a contact on day 14
/// still meets it).
pub fn past_goal(registered_on: Date, today: Date) -> bool {
    days_since(registered_on, today) > CONTACT_GOAL_DAYS
}

/// Whether a date on the worklist (a next contact, a follow-up) is due today.
pub fn is_due(on: Date, today: Date) -> bool {
    on <= today
}

/// The recipient's block of a letter: the name, the street, then postal code
/// and city on one line (Swedish style, `123 45 Ort`); `None` without a
/// street or a postal code and city to send it to.
pub fn address_block(
    name: &str,
    street: Option<&str>,
    postal_code: Option<&str>,
    city: Option<&str>,
) -> Option<Vec<String>> {
    let (street, postal_code, city) = (street?, postal_code?, city?);
    let digits: String = postal_code.chars().filter(char::is_ascii_digit).collect();
    let postal_code = if digits.len() == 5 {
        format!("{} {}", &digits[..3], &digits[3..])
    } else {
        postal_code.to_owned()
    };
    Some(vec![
        name.to_owned(),
        street.to_owned(),
        format!("{postal_code} {}", city.to_uppercase()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContactChannel::{HomeVisit, Letter, Meeting, Phone, Sms};
    use ContactOutcome::{Declined, MessageLeft, NoAnswer, Reached, WrongNumber};
    use lotsen_api::date::ymd;

    #[test]
    fn the_ladder_climbs_a_rung_after_each_failure() {
        assert_eq!(suggested_next(&[]), Some(Phone));
        assert_eq!(suggested_next(&[(Phone, NoAnswer)]), Some(Sms));
        assert_eq!(
            suggested_next(&[(Phone, NoAnswer), (Sms, NoAnswer)]),
            Some(Letter)
        );
        assert_eq!(
            suggested_next(&[(Phone, NoAnswer), (Sms, NoAnswer), (Letter, WrongNumber)]),
            Some(HomeVisit)
        );
        assert_eq!(
            suggested_next(&[
                (Phone, NoAnswer),
                (Sms, NoAnswer),
                (Letter, NoAnswer),
                (HomeVisit, NoAnswer)
            ]),
            None,
            "after a home visit the staff decide"
        );
    }

    #[test]
    fn a_lower_rung_tried_again_does_not_step_the_ladder_back() {
        assert_eq!(
            suggested_next(&[(Phone, NoAnswer), (Sms, MessageLeft), (Phone, NoAnswer)]),
            Some(Letter)
        );
        assert_eq!(suggested_next(&[(Meeting, NoAnswer)]), Some(Phone));
        assert_eq!(
            suggested_next(&[(Sms, NoAnswer), (Meeting, NoAnswer)]),
            Some(Letter)
        );
    }

    #[test]
    fn reached_or_declined_ends_the_ladder_until_a_new_failure() {
        assert_eq!(suggested_next(&[(Phone, NoAnswer), (Sms, Reached)]), None);
        assert_eq!(suggested_next(&[(Phone, Declined)]), None);
        assert_eq!(
            suggested_next(&[
                (Phone, NoAnswer),
                (Sms, NoAnswer),
                (Letter, Reached),
                (Phone, NoAnswer)
            ]),
            Some(Sms),
            "a new round starts after the last reached contact"
        );
    }

    #[test]
    fn the_goal_is_met_on_day_14_and_missed_from_day_15() {
        let registered = ymd(2026, 3, 1).unwrap();
        assert_eq!(days_since(registered, ymd(2026, 3, 15).unwrap()), 14);
        assert!(!past_goal(registered, registered));
        assert!(!past_goal(registered, ymd(2026, 3, 15).unwrap()));
        assert!(past_goal(registered, ymd(2026, 3, 16).unwrap()));
    }

    #[test]
    fn a_date_is_due_on_the_day_and_after() {
        let today = ymd(2026, 3, 2).unwrap();
        assert!(is_due(today, today));
        assert!(is_due(ymd(2026, 3, 1).unwrap(), today));
        assert!(!is_due(ymd(2026, 3, 3).unwrap(), today));
    }

    #[test]
    fn an_address_needs_street_postal_code_and_city() {
        assert_eq!(
            address_block(
                "Ada Ek",
                Some("Storgatan 1"),
                Some("44130"),
                Some("Alingsås")
            ),
            Some(vec![
                "Ada Ek".into(),
                "Storgatan 1".into(),
                "441 30 ALINGSÅS".into()
            ])
        );
        assert_eq!(
            address_block("Ada Ek", None, Some("44130"), Some("Alingsås")),
            None
        );
        assert_eq!(
            address_block("Ada Ek", Some("Storgatan 1"), None, Some("Alingsås")),
            None
        );
    }
}
