//! A young person's timeline and their personnummer in full, for staff.

use lotsen_api::timeline::{RevealedPersonnummer, TimelineKind, TimelinePage};

use super::{Api, ApiError};

/// How many events one page of the timeline holds.
pub const TIMELINE_PAGE_SIZE: i64 = 20;

/// The address of a page of `youth`'s timeline of `kinds` (every kind when
/// all are asked for): the newest, or those older than `before`.
pub fn timeline_path(youth: i64, kinds: &[TimelineKind], before: Option<&str>) -> String {
    let mut path = format!("/youth/{youth}/timeline?limit={TIMELINE_PAGE_SIZE}");
    if kinds.len() < TimelineKind::ALL.len() {
        path.push_str("&kind=");
        path.push_str(&TimelineKind::query(kinds));
    }
    if let Some(before) = before {
        path.push_str("&before=");
        path.push_str(before);
    }
    path
}

impl Api {
    /// `GET /youth/{id}/timeline`: a page of what happened (audited).
    pub async fn timeline(self, path: String) -> Result<TimelinePage, ApiError> {
        self.read(path).await
    }

    /// `POST /youth/{id}/personnummer`: the number in full (audited).
    pub async fn reveal_personnummer(self, id: i64) -> Result<RevealedPersonnummer, ApiError> {
        self.post_empty(&format!("/youth/{id}/personnummer")).await
    }
}
