//! Tables: a caption, column heads and rows in a scrollable region named by
//! the caption; optionally sortable, each head a button that sorts by its
//! column (`aria-sort` on the sorted one). The sort itself ([`sort_rows`])
//! is plain code, tested in the browser tests.

use std::cmp::Ordering;

use leptos::prelude::*;
use lotsen_api::people::swedish_order;

/// Which column a table is sorted by, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

impl Sort {
    /// Ascending by `column`.
    pub const fn by(column: usize) -> Self {
        Self {
            column,
            descending: false,
        }
    }

    /// After a click on `column`'s head: the other way if it is the sorted
    /// column, else ascending by it.
    pub fn clicked(self, column: usize) -> Self {
        if self.column == column {
            Self {
                column,
                descending: !self.descending,
            }
        } else {
            Self::by(column)
        }
    }

    /// `aria-sort` for `column`'s head.
    pub fn aria(self, column: usize) -> &'static str {
        match (self.column == column, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// What a cell sorts by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Nothing to sort by (no contact yet, …): always last.
    Missing,
    Number(i64),
    /// Compared in Swedish order, letter case aside (… z, å, ä, ö).
    Text(String),
}

impl SortKey {
    /// A text key (kept in its Swedish sort form).
    pub fn text(s: &str) -> Self {
        Self::Text(swedish_order(s))
    }

    /// A key from an optional value, [`SortKey::Missing`] when there is none.
    pub fn or_missing<T>(value: Option<T>, key: impl FnOnce(T) -> SortKey) -> Self {
        value.map_or(Self::Missing, key)
    }
}

fn compare(a: &SortKey, b: &SortKey) -> Ordering {
    match (a, b) {
        (SortKey::Number(a), SortKey::Number(b)) => a.cmp(b),
        (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
        (SortKey::Number(_), SortKey::Text(_)) => Ordering::Less,
        (SortKey::Text(_), SortKey::Number(_)) => Ordering::Greater,
        (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
        (SortKey::Missing, _) => Ordering::Greater,
        (_, SortKey::Missing) => Ordering::Less,
    }
}

/// Sorts `rows` by `sort` with `key(row, column)`; stable (equal rows keep
/// their order), and rows with nothing to sort by last either way.
pub fn sort_rows<T>(rows: &mut [T], sort: Sort, key: impl Fn(&T, usize) -> SortKey) {
    rows.sort_by_cached_key(|row| SortedBy(key(row, sort.column), sort.descending));
}

/// A key with its direction, ordered so that missing values stay last.
#[derive(PartialEq, Eq)]
struct SortedBy(SortKey, bool);

impl PartialOrd for SortedBy {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SortedBy {
    fn cmp(&self, other: &Self) -> Ordering {
        let order = compare(&self.0, &other.0);
        let missing = matches!(self.0, SortKey::Missing) || matches!(other.0, SortKey::Missing);
        if self.1 && !missing {
            order.reverse()
        } else {
            order
        }
    }
}

/// A table in its own scrollable region, named by its caption: the column
/// heads, then `children` (the rows). With `sort`, each head is a button
/// that sorts by its column; the caller draws the rows in that order.
#[component]
pub fn Table(
    id: &'static str,
    caption: Signal<&'static str>,
    heads: Vec<Signal<&'static str>>,
    #[prop(optional)] sort: Option<RwSignal<Sort>>,
    /// Hides the table (and its region) while true.
    #[prop(optional, into)]
    hidden: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let heads = heads
        .into_iter()
        .enumerate()
        .map(|(column, head)| match sort {
            None => view! { <th scope="col">{head}</th> }.into_any(),
            Some(sort) => view! {
                <th scope="col" aria-sort=move || sort.get().aria(column)>
                    <button
                        type="button"
                        class="table__sort"
                        on:click=move |_| sort.update(|s| *s = s.clicked(column))
                    >
                        {head}
                        <span class="table__sort-mark" aria-hidden="true">
                            {move || match sort.get().aria(column) {
                                "ascending" => "▲",
                                "descending" => "▼",
                                _ => "↕",
                            }}
                        </span>
                    </button>
                </th>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby=id hidden=hidden>
            <table class="table">
                <caption id=id>{caption}</caption>
                <thead>
                    <tr>{heads}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
