//! Plans without I/O: stored rows turned into what staff and the young
//! person see (labels in the request's language, who is responsible in plain
//! words, a version's snapshot read back).

use lotsen_api::Lang;
use lotsen_api::date::parse_iso;
use lotsen_api::outcomes::Recorder;
use lotsen_api::register::plans::{
    Measure, MeasureCode, MeasureDates, MyMeasure, MyPlanVersion, PlanResponse, PlanText,
    PlanVersion, PlanVersionSummary,
};
use lotsen_api::register::{MeasureEndReason, ResponsibleKind};

use super::store::{MeasureRecord, VersionRecord};
use crate::clock::rfc3339;
use crate::i18n::message;

/// A code's label in `lang` (the code itself if the list lacks it, which its
/// foreign key prevents).
pub fn label(codes: &[MeasureCode], code: &str, lang: Lang) -> String {
    codes
        .iter()
        .find(|c| c.code == code)
        .map_or(code, |c| match lang {
            Lang::Sv => &c.label_sv,
            Lang::En => &c.label_en,
        })
        .to_owned()
}

/// Who is responsible, in plain words: "You", "The municipality: {unit}", "{actor}".
pub fn who(kind: ResponsibleKind, name: Option<&str>, lang: Lang) -> String {
    let name = name.unwrap_or_default();
    let key = match kind {
        ResponsibleKind::Youth => "register.plan.responsible.youth",
        ResponsibleKind::Municipality => "register.plan.responsible.municipality",
        ResponsibleKind::Other => "register.plan.responsible.other",
    };
    message(lang, key, &[("name", name)])
}

fn date(text: Option<&str>) -> Option<Option<lotsen_api::Date>> {
    match text {
        None => Some(None),
        Some(text) => parse_iso(text).map(Some),
    }
}

/// A stored measure as staff see it; `None` if a stored value does not read.
pub fn measure_of(record: &MeasureRecord, codes: &[MeasureCode], lang: Lang) -> Option<Measure> {
    let end_reason = match record.end_reason.as_deref() {
        None => None,
        Some(reason) => Some(MeasureEndReason::parse(reason)?),
    };
    Some(Measure {
        id: record.id,
        code: record.code.clone(),
        label: label(codes, &record.code, lang),
        responsible_kind: ResponsibleKind::parse(&record.responsible_kind)?,
        responsible_name: record.responsible_name.clone(),
        dates: MeasureDates {
            planned_start: parse_iso(&record.planned_start)?,
            planned_end: date(record.planned_end.as_deref())?,
            actual_end: date(record.actual_end.as_deref())?,
            end_reason,
            next_follow_up: date(record.next_follow_up.as_deref())?,
        },
    })
}

/// Every measure, or `None` if one does not read.
pub fn measures_of(
    records: &[MeasureRecord],
    codes: &[MeasureCode],
    lang: Lang,
) -> Option<Vec<Measure>> {
    records.iter().map(|r| measure_of(r, codes, lang)).collect()
}

/// The measures a version was made with (its snapshot).
pub fn snapshot_of(version: &VersionRecord) -> Option<Vec<MeasureRecord>> {
    serde_json::from_str(&version.snapshot).ok()
}

/// The young person's answer to the version, if any.
pub fn response_of(version: &VersionRecord) -> Option<PlanResponse> {
    Some(PlanResponse {
        agreed_at: version.agreed_at.map(rfc3339),
        comment: version.comment.clone(),
        responded_at: rfc3339(version.responded_at?),
    })
}

/// A version's texts; `None` if its date does not read.
fn text_of(version: &VersionRecord) -> Option<PlanText> {
    Some(PlanText {
        conversation_on: date(version.conversation_on.as_deref())?,
        own_words: version.own_words.clone(),
        goal: version.goal.clone(),
    })
}

/// A version as staff see it, with `measures`; `None` if its date does not read.
pub fn version_of(version: &VersionRecord, measures: Vec<Measure>) -> Option<PlanVersion> {
    Some(PlanVersion {
        version: version.version,
        text: text_of(version)?,
        measures,
        created_at: rfc3339(version.created_at),
        created_by: Recorder {
            id: version.created_by,
            name: version.created_by_name.clone(),
        },
        response: response_of(version),
    })
}

/// A version in the list of versions.
pub fn summary_of(version: &VersionRecord) -> PlanVersionSummary {
    PlanVersionSummary {
        version: version.version,
        created_at: rfc3339(version.created_at),
        created_by: Recorder {
            id: version.created_by,
            name: version.created_by_name.clone(),
        },
        agreed: version.agreed_at.is_some(),
        commented: version.comment.is_some(),
    }
}

/// The current version as the young person sees it, with the measures now,
/// in plain words in `lang`.
pub fn my_version(
    version: &VersionRecord,
    measures: &[Measure],
    lang: Lang,
) -> Option<MyPlanVersion> {
    Some(MyPlanVersion {
        version: version.version,
        text: text_of(version)?,
        measures: measures
            .iter()
            .map(|m| MyMeasure {
                label: m.label.clone(),
                who: who(m.responsible_kind, m.responsible_name.as_deref(), lang),
                responsible_kind: m.responsible_kind,
                dates: m.dates.clone(),
            })
            .collect(),
        response: response_of(version),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> MeasureRecord {
        MeasureRecord {
            id: 7,
            code: "guidance".into(),
            responsible_kind: "municipality".into(),
            responsible_name: Some("Ungdomsteamet".into()),
            planned_start: "2026-09-01".into(),
            planned_end: Some("2026-12-01".into()),
            actual_end: None,
            end_reason: None,
            next_follow_up: Some("2026-10-01".into()),
        }
    }

    fn codes() -> Vec<MeasureCode> {
        vec![MeasureCode {
            code: "guidance".into(),
            label_sv: "Studie- och yrkesvägledning".into(),
            label_en: "Study and career guidance".into(),
            active: true,
        }]
    }

    #[test]
    fn labels_follow_the_language() {
        let sv = measure_of(&record(), &codes(), Lang::Sv).unwrap();
        assert_eq!(sv.label, "Studie- och yrkesvägledning");
        let en = measure_of(&record(), &codes(), Lang::En).unwrap();
        assert_eq!(en.label, "Study and career guidance");
        assert_eq!(label(&codes(), "gone", Lang::Sv), "gone");
    }

    #[test]
    fn who_is_responsible_in_plain_words() {
        assert_eq!(who(ResponsibleKind::Youth, None, Lang::Sv), "Du själv");
        assert_eq!(who(ResponsibleKind::Youth, None, Lang::En), "You");
        assert_eq!(
            who(
                ResponsibleKind::Municipality,
                Some("Ungdomsteamet"),
                Lang::Sv
            ),
            "Kommunen (Ungdomsteamet)"
        );
        assert_eq!(
            who(ResponsibleKind::Other, Some("Arbetsförmedlingen"), Lang::En),
            "Arbetsförmedlingen"
        );
    }

    #[test]
    fn a_snapshot_reads_back_and_a_bad_row_reads_as_none() {
        let json = serde_json::to_string(&vec![record()]).unwrap();
        let version = VersionRecord {
            version: 1,
            conversation_on: None,
            own_words: "x".into(),
            goal: "y".into(),
            snapshot: json,
            created_at: 0,
            created_by: 1,
            created_by_name: "Karim".into(),
            agreed_at: None,
            comment: None,
            responded_at: None,
        };
        assert_eq!(snapshot_of(&version), Some(vec![record()]));
        assert_eq!(response_of(&version), None);
        let broken = MeasureRecord {
            end_reason: Some("bored".into()),
            ..record()
        };
        assert_eq!(measure_of(&broken, &codes(), Lang::Sv), None);
    }
}
