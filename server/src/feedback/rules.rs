//! The feedback view's arithmetic without I/O: ratings grouped per activity
//! (a booked session: per session type and staff member) and per leader,
//! small groups withheld, the weekly trend merged so that no point has fewer
//! than [`MIN_GROUP`] ratings, the CSV export, and the key that makes one
//! rating per person and occurrence without naming the person.
//!
//! What keeps an anonymous rating anonymous here: the rows this module gets
//! carry no person at all (the SQL selects none); a group shows nothing below
//! [`MIN_GROUP`] ratings; trend points are runs of whole weeks with at least
//! [`MIN_GROUP`] ratings each, so subtracting one point from the total never
//! isolates fewer; a leader's figures are the sum of the activity groups
//! shown, and their trend points unions of those groups' whole points, so
//! subtracting a shown group from a leader gives only figures already shown;
//! comments carry the weeks of their point only and are sorted by text, never
//! by when they were written.

use std::collections::BTreeMap;

use super::rating_key::RatingKey;
use chrono::Datelike;
use lotsen_api::Date;
use lotsen_api::feedback::{
    FeedbackComment, FeedbackGroup, GroupKind, LeaderFeedback, MIN_GROUP, Summary, TrendPoint,
};
use lotsen_api::schedule::PersonRef;

/// What a rating is of, as the feedback view groups it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupKey {
    /// An activity.
    Activity(i64),
    /// A session type with one staff member.
    Session(i64, i64),
}

/// One rating as the report reads it: never who gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingRow {
    pub group: GroupKey,
    pub title: String,
    /// The activity's leader, or the session's staff member.
    pub leader: Option<PersonRef>,
    pub date: Date,
    pub score: u8,
    pub comment: Option<String>,
}

/// An ISO week, ordered.
pub type Week = (i16, i8);

/// The ISO week a date falls in.
pub fn week_of(date: Date) -> Week {
    let w = date.iso_week();
    (w.year() as i16, w.week() as i8)
}

/// `"2026-W47"`.
pub fn week_label(w: Week) -> String {
    format!("{}-W{:02}", w.0, w.1)
}

/// The unlinkable key of one person's rating of one thing: the unique index
/// on it allows one rating per person and occurrence, and without the key
/// file's secret nobody can tell from it whose it is ([`super::rating_key`]).
pub fn rater_key(key: &RatingKey, youth_id: i64, subject: &str) -> String {
    key.rater_key(youth_id, subject)
}

/// The subject of an activity's occurrence, by its planned date.
pub fn activity_subject(activity_id: i64, planned: Date) -> String {
    format!("activity:{activity_id}:{planned}")
}

/// The subject of a booked session.
pub fn session_subject(booking_id: i64) -> String {
    format!("booking:{booking_id}")
}

/// Rounded to one decimal.
fn average(sum: u32, count: u32) -> f64 {
    if count == 0 {
        return 0.0;
    }
    (f64::from(sum) * 10.0 / f64::from(count)).round() / 10.0
}

/// A run of weeks and the ratings in it.
#[derive(Clone, Debug)]
struct Point {
    first: Week,
    last: Week,
    ratings: Vec<(u8, Option<String>)>,
}

/// Weeks merged, oldest first, until each run has at least `MIN_GROUP`
/// ratings; a short last run joins the one before. `cut_allowed(prev, next)`
/// says whether a new run may begin at week `next` after week `prev`.
fn points(
    by_week: &BTreeMap<Week, Vec<(u8, Option<String>)>>,
    cut_allowed: impl Fn(Week, Week) -> bool,
) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    let mut current: Option<Point> = None;
    let mut prev: Option<Week> = None;
    for (week, ratings) in by_week {
        let start_new = match (&current, prev) {
            (None, _) => true,
            (Some(p), Some(prev)) => {
                p.ratings.len() as u32 >= MIN_GROUP && cut_allowed(prev, *week)
            }
            (Some(_), None) => false,
        };
        if start_new {
            if let Some(done) = current.take() {
                out.push(done);
            }
            current = Some(Point {
                first: *week,
                last: *week,
                ratings: Vec::new(),
            });
        }
        let p = current.as_mut().expect("a current point");
        p.last = *week;
        p.ratings.extend(ratings.iter().cloned());
        prev = Some(*week);
    }
    if let Some(last) = current {
        match out.last_mut() {
            Some(before) if (last.ratings.len() as u32) < MIN_GROUP => {
                before.last = last.last;
                before.ratings.extend(last.ratings);
            }
            _ => out.push(last),
        }
    }
    out
}

fn summary_of(points: &[Point]) -> Option<Summary> {
    let count: u32 = points.iter().map(|p| p.ratings.len() as u32).sum();
    if count < MIN_GROUP {
        return None;
    }
    let mut distribution = vec![0u32; 5];
    let mut sum = 0;
    let mut trend = Vec::new();
    let mut comments = Vec::new();
    for p in points {
        let mut point_sum = 0;
        for (score, comment) in &p.ratings {
            distribution[usize::from(score.clamp(&1, &5) - 1)] += 1;
            point_sum += u32::from(*score);
            if let Some(text) = comment {
                comments.push(FeedbackComment {
                    first_week: week_label(p.first),
                    last_week: week_label(p.last),
                    text: text.clone(),
                });
            }
        }
        sum += point_sum;
        trend.push(TrendPoint {
            first_week: week_label(p.first),
            last_week: week_label(p.last),
            count: p.ratings.len() as u32,
            average: average(point_sum, p.ratings.len() as u32),
        });
    }
    comments.sort_by(|a, b| (&a.first_week, &a.text).cmp(&(&b.first_week, &b.text)));
    Some(Summary {
        count,
        average: average(sum, count),
        distribution,
        trend,
        comments,
    })
}

/// An activity listed even without ratings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedActivity {
    pub id: i64,
    pub title: String,
    pub leader: Option<PersonRef>,
}

/// The groups and leaders of one term's ratings. Every activity in
/// `activities` is listed (without a summary when it has too few ratings);
/// a session group only when it has enough.
pub fn report(
    rows: Vec<RatingRow>,
    activities: &[ListedActivity],
) -> (Vec<FeedbackGroup>, Vec<LeaderFeedback>) {
    type ByWeek = BTreeMap<Week, Vec<(u8, Option<String>)>>;
    /// A group's title, leader and ratings by week.
    type GroupRatings = (String, Option<PersonRef>, ByWeek);
    /// A leader's name, the spans of their shown groups' points, and those groups' ratings.
    type LeaderRatings = (String, Vec<(Week, Week)>, ByWeek);
    let mut groups: BTreeMap<GroupKey, GroupRatings> = BTreeMap::new();
    for a in activities {
        groups
            .entry(GroupKey::Activity(a.id))
            .or_insert_with(|| (a.title.clone(), a.leader.clone(), BTreeMap::new()));
    }
    for r in rows {
        let entry = groups
            .entry(r.group)
            .or_insert_with(|| (r.title.clone(), r.leader.clone(), BTreeMap::new()));
        entry
            .2
            .entry(week_of(r.date))
            .or_default()
            .push((r.score, r.comment));
    }
    let mut out = Vec::new();
    // Per leader: the weeks of the shown groups' points, and their ratings.
    let mut leaders: BTreeMap<i64, LeaderRatings> = BTreeMap::new();
    let mut all_leaders: BTreeMap<i64, String> = BTreeMap::new();
    for (key, (title, leader, by_week)) in groups {
        let pts = points(&by_week, |_, _| true);
        let summary = summary_of(&pts);
        let (kind, id) = match key {
            GroupKey::Activity(id) => (GroupKind::Activity, id),
            GroupKey::Session(type_id, _) => (GroupKind::Session, type_id),
        };
        if kind == GroupKind::Session && summary.is_none() {
            continue;
        }
        if let Some(PersonRef {
            id: leader_id,
            name,
        }) = &leader
        {
            all_leaders.insert(*leader_id, name.clone());
            if summary.is_some() {
                let l = leaders
                    .entry(*leader_id)
                    .or_insert_with(|| (name.clone(), Vec::new(), BTreeMap::new()));
                l.1.extend(pts.iter().map(|p| (p.first, p.last)));
                for (week, ratings) in &by_week {
                    l.2.entry(*week)
                        .or_default()
                        .extend(ratings.iter().cloned());
                }
            }
        }
        out.push(FeedbackGroup {
            kind,
            id,
            title,
            leader,
            summary,
            answers: Vec::new(),
        });
    }
    out.sort_by(|a, b| {
        (a.kind == GroupKind::Session, &a.title, a.id).cmp(&(
            b.kind == GroupKind::Session,
            &b.title,
            b.id,
        ))
    });
    let leader_list = all_leaders
        .into_iter()
        .map(|(id, name)| {
            let summary = leaders.remove(&id).and_then(|(_, spans, by_week)| {
                // A new point may begin only where no shown group's point spans the cut.
                let pts = points(&by_week, |prev, next| {
                    !spans
                        .iter()
                        .any(|(first, last)| *first <= prev && *last >= next)
                });
                summary_of(&pts)
            });
            LeaderFeedback {
                leader: PersonRef { id, name },
                summary,
            }
        })
        .collect();
    (out, leader_list)
}

/// The report's aggregates as CSV (one line per group and leader; comments are not exported).
pub fn csv(
    term: &str,
    groups: &[FeedbackGroup],
    leaders: &[LeaderFeedback],
    too_few: &str,
) -> String {
    let header = [
        "term", "kind", "title", "leader", "ratings", "average", "score_1", "score_2", "score_3",
        "score_4", "score_5", "note",
    ];
    let mut rows = vec![header.map(str::to_owned).to_vec()];
    let mut line = |kind: &str, title: &str, leader: &str, summary: Option<&Summary>| {
        let mut cells = vec![
            term.to_owned(),
            kind.to_owned(),
            title.to_owned(),
            leader.to_owned(),
        ];
        match summary {
            Some(s) => {
                cells.push(s.count.to_string());
                cells.push(format!("{:.1}", s.average));
                cells.extend(s.distribution.iter().map(u32::to_string));
                cells.push(String::new());
            }
            None => {
                cells.extend(std::iter::repeat_n(String::new(), 7));
                cells.push(too_few.to_owned());
            }
        }
        rows.push(cells);
    };
    for g in groups {
        let kind = match g.kind {
            GroupKind::Activity => "activity",
            GroupKind::Session => "session",
        };
        let leader = g.leader.as_ref().map(|l| l.name.as_str()).unwrap_or("");
        line(kind, &g.title, leader, g.summary.as_ref());
    }
    for l in leaders {
        line("leader", "", &l.leader.name, l.summary.as_ref());
    }
    crate::csv_export::write(rows)
}

/// The terms that can be chosen: this one and the three before, newest first.
pub fn terms(today: Date) -> Vec<String> {
    let mut t = lotsen_api::feedback::Term::of(today);
    let mut out = Vec::new();
    for _ in 0..4 {
        out.push(t.to_string());
        t = t.previous();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        lotsen_api::date::parse_iso(s).unwrap()
    }

    fn row(
        group: GroupKey,
        leader: Option<i64>,
        date: &str,
        score: u8,
        comment: Option<&str>,
    ) -> RatingRow {
        RatingRow {
            group,
            title: format!("{group:?}"),
            leader: leader.map(|id| PersonRef {
                id,
                name: format!("Leader {id}"),
            }),
            date: d(date),
            score,
            comment: comment.map(str::to_owned),
        }
    }

    #[test]
    fn weeks_are_iso_weeks() {
        assert_eq!(week_label(week_of(d("2026-11-23"))), "2026-W48");
        assert_eq!(week_label(week_of(d("2027-01-01"))), "2026-W53");
        assert_eq!(week_label(week_of(d("2026-01-01"))), "2026-W01");
    }

    #[test]
    fn small_groups_show_nothing_and_sessions_are_not_listed() {
        let a = GroupKey::Activity(1);
        let s = GroupKey::Session(2, 9);
        let mut rows: Vec<RatingRow> = (0..4)
            .map(|_| row(a, Some(7), "2026-11-23", 5, Some("bra")))
            .collect();
        rows.push(row(s, Some(9), "2026-11-23", 1, None));
        let (groups, leaders) = report(
            rows.clone(),
            &[ListedActivity {
                id: 1,
                title: "A".into(),
                leader: Some(PersonRef {
                    id: 7,
                    name: "Leader 7".into(),
                }),
            }],
        );
        assert_eq!(groups.len(), 1);
        assert!(groups[0].summary.is_none());
        assert!(leaders.iter().all(|l| l.summary.is_none()));
        rows.push(row(a, Some(7), "2026-11-24", 3, None));
        let (groups, _) = report(rows, &[]);
        let s = groups[0].summary.as_ref().unwrap();
        assert_eq!(
            (s.count, s.average, s.distribution.clone()),
            (5, 4.6, vec![0, 0, 1, 0, 4])
        );
        assert_eq!(s.comments.len(), 4);
    }

    #[test]
    fn trend_points_have_at_least_five_ratings_and_a_short_tail_joins_the_last() {
        let a = GroupKey::Activity(1);
        let mut rows = Vec::new();
        for (date, n) in [
            ("2026-11-02", 3),
            ("2026-11-09", 3),
            ("2026-11-16", 5),
            ("2026-11-23", 1),
        ] {
            for _ in 0..n {
                rows.push(row(a, None, date, 4, None));
            }
        }
        let (groups, _) = report(rows, &[]);
        let trend = &groups[0].summary.as_ref().unwrap().trend;
        let spans: Vec<_> = trend
            .iter()
            .map(|p| (p.first_week.as_str(), p.last_week.as_str(), p.count))
            .collect();
        assert_eq!(
            spans,
            vec![("2026-W45", "2026-W46", 6), ("2026-W47", "2026-W48", 6)]
        );
    }

    #[test]
    fn a_leader_is_only_the_shown_groups_in_whole_points() {
        // Activity 1: weeks 45 (5) and 46 (5); activity 2: weeks 45 (2), 46 (1), 47 (1):
        // too few, so the leader is activity 1 alone; activity 3 (same leader) spans 45–46.
        let mut rows = Vec::new();
        for (g, date, n) in [
            (1, "2026-11-02", 5),
            (1, "2026-11-09", 5),
            (2, "2026-11-02", 2),
            (2, "2026-11-09", 1),
            (2, "2026-11-16", 1),
            (3, "2026-11-02", 3),
            (3, "2026-11-09", 3),
        ] {
            for _ in 0..n {
                rows.push(row(GroupKey::Activity(g), Some(7), date, 3, None));
            }
        }
        let (groups, leaders) = report(rows, &[]);
        assert!(groups.iter().find(|g| g.id == 2).unwrap().summary.is_none());
        let leader = leaders[0].summary.as_ref().unwrap();
        assert_eq!(leader.count, 16);
        // Activity 3's one point spans weeks 45–46, so the leader's cannot cut between them.
        let spans: Vec<_> = leader
            .trend
            .iter()
            .map(|p| (p.first_week.as_str(), p.last_week.as_str(), p.count))
            .collect();
        assert_eq!(spans, vec![("2026-W45", "2026-W46", 16)]);
    }

    #[test]
    fn keys_differ_per_person_and_subject() {
        let (s, t) = (RatingKey::random(), RatingKey::random());
        let k = rater_key(&s, 1, &activity_subject(2, d("2026-11-22")));
        assert_eq!(k.len(), 64);
        assert_ne!(k, rater_key(&s, 2, &activity_subject(2, d("2026-11-22"))));
        assert_ne!(k, rater_key(&t, 1, &activity_subject(2, d("2026-11-22"))));
        assert_ne!(k, rater_key(&s, 1, &session_subject(2)));
    }
}
