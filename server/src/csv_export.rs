//! CSV as the exports write it: one writer (the `csv` crate: RFC 4180, a
//! field quoted only when it holds a comma, a quote or a line break, quotes
//! doubled, CRLF line ends) and one guard against formula injection (a cell
//! that a spreadsheet would read as a formula gets a leading `'`), sent as
//! a download that is not cached.

use std::borrow::Cow;

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// `cell`, made safe to open in a spreadsheet: one beginning with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The rows as CSV text, every cell [`guard`]ed, every line ended by CRLF.
pub fn write<R, C>(rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        // Rows of different lengths are the caller's to avoid, not an error here.
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|cell| guard(cell.as_ref()).into_owned())
            .collect();
        writer
            .write_record(&cells)
            .expect("writing CSV into memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("CSV written from UTF-8 text is UTF-8")
}

/// `csv` as a `text/csv` download named `filename`, `Cache-Control: no-store`.
pub fn attachment(filename: &str, csv: String) -> Response {
    download("text/csv; charset=utf-8", filename, csv)
}

/// `body` as a download of `content_type` named `filename`, `Cache-Control:
/// no-store` (a CSV: [`attachment`]).
pub fn download(content_type: &str, filename: &str, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: &str) -> String {
        write([[value]]).trim_end_matches("\r\n").to_owned()
    }

    /// Each cell as written, against what the file holds.
    fn assert_cells(cases: &[(&str, &str)]) {
        for (value, written) in cases {
            assert_eq!(cell(value), *written, "{value:?}");
        }
    }

    #[test]
    fn cells_are_quoted_only_when_they_must_be() {
        assert_cells(&[
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("a\"b", "\"a\"\"b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("rad\nny", "\"rad\nny\""),
        ]);
    }

    #[test]
    fn cells_are_never_formulas() {
        assert_cells(&[
            ("=1+1", "'=1+1"),
            ("+46", "'+46"),
            ("-2", "'-2"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("@SUM", "'@SUM"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            (
                "=HYPERLINK(\"x\",\"y\")",
                "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"",
            ),
        ]);
    }

    #[test]
    fn rows_end_in_crlf() {
        assert_eq!(write([["a", "", "b"], ["", "", ""]]), "a,,b\r\n,,\r\n");
    }
}
