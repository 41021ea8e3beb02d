//! The sortable table's sort: which way, what `aria-sort` says, Swedish
//! order, numbers as numbers, missing values last, equal rows in place.

use lotsen::components::table::{Sort, SortKey, sort_rows};
use wasm_bindgen_test::*;

/// (name, age, last contact)
type Row = (&'static str, i64, Option<&'static str>);

const ROWS: [Row; 5] = [
    ("Östen Ek", 19, Some("2026-11-01")),
    ("adam Berg", 9, None),
    ("Åsa Lind", 17, Some("2026-10-15")),
    ("Zara Holm", 17, Some("2026-11-20")),
    ("Ärla Sund", 100, None),
];

fn key(row: &Row, column: usize) -> SortKey {
    match column {
        0 => SortKey::text(row.0),
        1 => SortKey::Number(row.1),
        _ => SortKey::or_missing(row.2, SortKey::text),
    }
}

fn sorted(sort: Sort) -> Vec<&'static str> {
    let mut rows = ROWS.to_vec();
    sort_rows(&mut rows, sort, key);
    rows.into_iter().map(|r| r.0).collect()
}

#[wasm_bindgen_test]
fn a_click_sorts_ascending_and_a_second_click_the_other_way() {
    let sort = Sort::by(0);
    assert_eq!(sort.aria(0), "ascending");
    assert_eq!(sort.aria(1), "none");
    let sort = sort.clicked(0);
    assert_eq!(
        sort,
        Sort {
            column: 0,
            descending: true
        }
    );
    assert_eq!(sort.aria(0), "descending");
    let sort = sort.clicked(2);
    assert_eq!(sort, Sort::by(2), "another column starts ascending");
}

#[wasm_bindgen_test]
fn names_sort_in_swedish_order_whatever_the_case() {
    assert_eq!(
        sorted(Sort::by(0)),
        [
            "adam Berg",
            "Zara Holm",
            "Åsa Lind",
            "Ärla Sund",
            "Östen Ek"
        ]
    );
    assert_eq!(
        sorted(Sort::by(0).clicked(0)),
        [
            "Östen Ek",
            "Ärla Sund",
            "Åsa Lind",
            "Zara Holm",
            "adam Berg"
        ]
    );
}

#[wasm_bindgen_test]
fn numbers_sort_as_numbers_and_equal_rows_keep_their_order() {
    // 9 before 17 before 100 (as text "100" < "17" < "9"); the two 17s as they were.
    assert_eq!(
        sorted(Sort::by(1)),
        [
            "adam Berg",
            "Åsa Lind",
            "Zara Holm",
            "Östen Ek",
            "Ärla Sund"
        ]
    );
}

#[wasm_bindgen_test]
fn rows_without_a_value_come_last_either_way() {
    assert_eq!(
        sorted(Sort::by(2)),
        [
            "Åsa Lind",
            "Östen Ek",
            "Zara Holm",
            "adam Berg",
            "Ärla Sund"
        ]
    );
    assert_eq!(
        sorted(Sort::by(2).clicked(2)),
        [
            "Zara Holm",
            "Östen Ek",
            "Åsa Lind",
            "adam Berg",
            "Ärla Sund"
        ]
    );
}
