//! The words for the application's choices, statuses and events, from the locale files.

use lotsen_api::account::Role;
use lotsen_api::application::{
    Agency, ApplicationStatus, ContactChannel, EventKind, HelpWith, SchoolStatus, Situation,
};

use crate::i18n::*;

/// A text in the locale files, looked up per language.
pub type Text = fn(Locale) -> &'static str;

pub fn situation(s: Situation) -> Text {
    match s {
        Situation::Studying => |l| td_string!(l, application.situation_studying),
        Situation::Working => |l| td_string!(l, application.situation_working),
        Situation::Nothing => |l| td_string!(l, application.situation_nothing),
    }
}

pub fn school_status(s: SchoolStatus) -> Text {
    match s {
        SchoolStatus::HasGrades => |l| td_string!(l, application.school_has_grades),
        SchoolStatus::DroppedOut => |l| td_string!(l, application.school_dropped_out),
    }
}

pub fn help(h: HelpWith) -> Text {
    match h {
        HelpWith::Studies => |l| td_string!(l, application.help_studies),
        HelpWith::Work => |l| td_string!(l, application.help_work),
        HelpWith::Internship => |l| td_string!(l, application.help_internship),
        HelpWith::Health => |l| td_string!(l, application.help_health),
        HelpWith::EverydayLife => |l| td_string!(l, application.help_everyday_life),
        HelpWith::Other => |l| td_string!(l, application.help_other),
    }
}

pub fn channel(c: ContactChannel) -> Text {
    match c {
        ContactChannel::Phone => |l| td_string!(l, application.contact_phone),
        ContactChannel::Email => |l| td_string!(l, application.contact_email),
        ContactChannel::Sms => |l| td_string!(l, application.contact_sms),
    }
}

pub fn agency(a: Agency) -> Text {
    match a {
        Agency::School => |l| td_string!(l, application.agency_school),
        Agency::SocialServices => |l| td_string!(l, application.agency_social_services),
        Agency::EmploymentService => |l| td_string!(l, application.agency_employment_service),
        Agency::YouthClinic => |l| td_string!(l, application.agency_youth_clinic),
    }
}

pub fn status(s: ApplicationStatus) -> Text {
    match s {
        ApplicationStatus::Draft => |l| td_string!(l, application.status_draft),
        ApplicationStatus::WaitingForGuardians => {
            |l| td_string!(l, application.status_waiting_for_guardians)
        }
        ApplicationStatus::Submitted => |l| td_string!(l, application.status_submitted),
        ApplicationStatus::Accepted => |l| td_string!(l, application.status_accepted),
        ApplicationStatus::Declined => |l| td_string!(l, application.status_declined),
        ApplicationStatus::Withdrawn => |l| td_string!(l, application.status_withdrawn),
    }
}

pub fn event(k: EventKind) -> Text {
    match k {
        EventKind::Drafted => |l| td_string!(l, application.event_drafted),
        EventKind::Edited => |l| td_string!(l, application.event_edited),
        EventKind::Signed => |l| td_string!(l, application.event_signed),
        EventKind::SignaturesVoided => |l| td_string!(l, application.event_signatures_voided),
        EventKind::Cosigned => |l| td_string!(l, application.event_cosigned),
        EventKind::DeclinedByGuardian => |l| td_string!(l, application.event_declined_by_guardian),
        EventKind::Submitted => |l| td_string!(l, application.event_submitted),
        EventKind::Accepted => |l| td_string!(l, application.event_accepted),
        EventKind::Declined => |l| td_string!(l, application.event_declined),
        EventKind::ConsentWithdrawn => |l| td_string!(l, application.event_consent_withdrawn),
        EventKind::Withdrawn => |l| td_string!(l, application.event_withdrawn),
    }
}

pub fn role(r: Role) -> Text {
    match r {
        Role::Youth => |l| td_string!(l, application.role_youth),
        Role::Guardian => |l| td_string!(l, application.role_guardian),
        Role::Staff => |l| td_string!(l, application.role_staff),
    }
}
