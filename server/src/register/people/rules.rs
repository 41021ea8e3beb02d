//! The register's rules without I/O: who may be registered (age), the
//! details as stored, the 20th birthday, and reading an import file (its
//! encoding, delimiter, columns and every row's problems). The file format is
//! described in `lotsen_api::register::people`.

use std::collections::HashMap;

use lotsen_api::contact::{self, FieldProblem};
use lotsen_api::date::{Datelike, parse_iso, ymd};
use lotsen_api::register::RegistrationReason;
use lotsen_api::register::people::{
    AGE_LIMIT, Details, RefusedRow, RowProblem, YOUNGEST_AGE, limits, reason_of,
};
use lotsen_api::text::{TextRule, check};
use lotsen_api::{Date, Personnummer};

/// A column of the file and a field error code.
pub type Problem = (&'static str, String);

/// Why a personnummer cannot be in the register today, by age.
pub fn age_problem(personnummer: &Personnummer, today: Date) -> Option<&'static str> {
    let age = personnummer.age_on(today);
    if age >= AGE_LIMIT {
        Some("register_age_20")
    } else if age < YOUNGEST_AGE {
        Some("register_too_young")
    } else {
        None
    }
}

/// The day someone born on `birth` turns 20 (born on 29 February: 1 March
/// in a common year, as Swedish law counts ages).
pub fn twentieth_birthday(birth: Date) -> Date {
    let year = birth.year() + AGE_LIMIT;
    ymd(year, birth.month(), birth.day())
        .or_else(|| ymd(year, 3, 1))
        .unwrap_or(birth)
}

/// An optional one-line text of at most `max` characters: `None` when blank.
fn optional(
    problems: &mut Vec<Problem>,
    column: &'static str,
    value: Option<&str>,
    max: usize,
) -> Option<String> {
    let value = value?;
    match check(value, TextRule::optional_line(max)) {
        Ok(text) if text.is_empty() => None,
        Ok(text) => Some(text),
        Err(problem) => {
            problems.push((column, problem.code().to_owned()));
            None
        }
    }
}

/// An optional value checked by `rule` when not blank.
fn optional_with(
    problems: &mut Vec<Problem>,
    column: &'static str,
    value: Option<&str>,
    rule: fn(&str) -> Result<String, FieldProblem>,
) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    rule(value)
        .map_err(|problem| problems.push((column, problem.code().to_owned())))
        .ok()
}

/// The details as stored (trimmed, white space collapsed, blanks as none,
/// phone as `+46…`, e-mail lower-cased), or every problem.
pub fn clean_details(raw: &Details, today: Date) -> Result<Details, Vec<Problem>> {
    let mut problems = Vec::new();
    let p = &mut problems;
    let details = Details {
        street: optional(p, "street", raw.street.as_deref(), limits::STREET),
        postal_code: optional(
            p,
            "postal_code",
            raw.postal_code.as_deref(),
            limits::POSTAL_CODE,
        ),
        city: optional(p, "city", raw.city.as_deref(), limits::CITY),
        phone: optional_with(p, "phone", raw.phone.as_deref(), contact::phone),
        email: optional_with(p, "email", raw.email.as_deref(), contact::email),
        last_school: optional(p, "last_school", raw.last_school.as_deref(), limits::SCHOOL),
        last_programme: optional(
            p,
            "last_programme",
            raw.last_programme.as_deref(),
            limits::SCHOOL,
        ),
        left_on: raw.left_on,
        left_reason: optional(
            p,
            "left_reason",
            raw.left_reason.as_deref(),
            limits::LEFT_REASON,
        ),
    };
    if details.left_on.is_some_and(|d| d > today) {
        problems.push(("left_on", "register_date_future".to_owned()));
    }
    if problems.is_empty() {
        Ok(details)
    } else {
        Err(problems)
    }
}

/// A note: none when blank, else at most 1000 characters, line breaks kept.
pub fn note(value: Option<&str>) -> Result<Option<String>, FieldProblem> {
    let Some(value) = value else {
        return Ok(None);
    };
    check(value, TextRule::optional_lines(limits::NOTE)).map(|t| (!t.is_empty()).then_some(t))
}

/// Why an import file cannot be read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Nothing in it.
    Empty,
    /// The first row names no personnummer column, or no name.
    Header,
}

impl FileProblem {
    /// The field error code (field `file`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "register_import_empty",
            Self::Header => "register_import_header",
        }
    }
}

/// A good row of an import file.
#[derive(Clone, Debug)]
pub struct ImportRow {
    /// Its line in the file.
    pub line: u32,
    /// Whose.
    pub personnummer: Personnummer,
    /// Full name.
    pub name: String,
    /// Details as stored.
    pub details: Details,
    /// The registration reason the file's reason names, else `other`.
    pub reason: RegistrationReason,
}

/// An import file read: its good rows, and the refused ones.
#[derive(Clone, Debug, Default)]
pub struct ImportFile {
    /// Data rows read (empty ones not counted).
    pub rows: u32,
    /// The good rows, in file order.
    pub good: Vec<ImportRow>,
    /// The refused rows, in file order.
    pub refused: Vec<RefusedRow>,
}

/// The file's text: UTF-8 (a byte-order mark dropped), else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// `;` or `,`: whichever the header line (the first line with text) has
/// more of outside quotes; `;` on a tie (what Swedish Excel writes).
pub fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if commas > semicolons { b',' } else { b';' }
}

/// The columns the import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Personnummer,
    Name,
    FirstName,
    LastName,
    Street,
    PostalCode,
    City,
    Phone,
    Email,
    LastSchool,
    LastProgramme,
    LeftOn,
    LeftReason,
}

/// The headers each column is known by, normalised ([`normalise`]).
const HEADERS: [(Column, &[&str]); 13] = [
    (
        Column::Personnummer,
        &[
            "personnummer",
            "personnr",
            "pnr",
            "personid",
            "personidentitet",
        ],
    ),
    (
        Column::Name,
        &[
            "namn",
            "fulltnamn",
            "fullstandigtnamn",
            "name",
            "fullname",
            "elevnamn",
        ],
    ),
    (
        Column::FirstName,
        &["fornamn", "tilltalsnamn", "firstname", "givenname"],
    ),
    (
        Column::LastName,
        &["efternamn", "lastname", "surname", "familyname"],
    ),
    (
        Column::Street,
        &[
            "adress",
            "gatuadress",
            "utdelningsadress",
            "street",
            "address",
            "streetaddress",
        ],
    ),
    (
        Column::PostalCode,
        &["postnummer", "postnr", "postalcode", "zipcode", "zip"],
    ),
    (Column::City, &["postort", "ort", "stad", "city"]),
    (
        Column::Phone,
        &[
            "telefon",
            "telefonnummer",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "tel",
            "telnr",
            "phone",
            "phonenumber",
            "mobile",
        ],
    ),
    (
        Column::Email,
        &[
            "epost",
            "epostadress",
            "mejl",
            "mejladress",
            "mail",
            "email",
            "emailaddress",
        ],
    ),
    (
        Column::LastSchool,
        &["senasteskola", "skola", "skolenhet", "lastschool", "school"],
    ),
    (
        Column::LastProgramme,
        &[
            "program",
            "senasteprogram",
            "studievag",
            "programme",
            "programname",
        ],
    ),
    (
        Column::LeftOn,
        &[
            "avgangsdatum",
            "datumforavbrott",
            "avbrottsdatum",
            "slutdatum",
            "datumlamnat",
            "dateleft",
            "leftdate",
            "leftat",
        ],
    ),
    (
        Column::LeftReason,
        &[
            "orsak",
            "avgangsorsak",
            "avbrottsorsak",
            "anledning",
            "reason",
        ],
    ),
];

/// A header as compared: lower case, å/ä/ö/é as a/a/o/e, letters and digits only.
fn normalise(header: &str) -> String {
    header
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            other => other,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The column a header names, if any (`Personnummer (ÅÅÅÅMMDDNNNN)` too).
pub fn column_of(header: &str) -> Option<Column> {
    let h = normalise(header);
    if h.starts_with("personnummer") {
        return Some(Column::Personnummer);
    }
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(column, _)| *column)
}

/// A date as school registers write it: `YYYY-MM-DD` or `YYYYMMDD`, a time
/// after a space ignored.
pub fn file_date(value: &str) -> Option<Date> {
    let value = value.trim();
    let day = value.split_whitespace().next().unwrap_or("");
    if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        return parse_iso(&format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]));
    }
    parse_iso(day)
}

/// The column → field index of a header row; `Header` when personnummer or
/// the name is missing.
fn header_of(record: &csv::StringRecord) -> Result<HashMap<Column, usize>, FileProblem> {
    let mut columns = HashMap::new();
    for (i, header) in record.iter().enumerate() {
        if let Some(column) = column_of(header) {
            columns.entry(column).or_insert(i);
        }
    }
    let named = columns.contains_key(&Column::Name)
        || (columns.contains_key(&Column::FirstName) && columns.contains_key(&Column::LastName));
    if columns.contains_key(&Column::Personnummer) && named {
        Ok(columns)
    } else {
        Err(FileProblem::Header)
    }
}

/// One data row read: the good row or its problems, and its personnummer
/// when valid (to find duplicates).
fn read_row(
    columns: &HashMap<Column, usize>,
    record: &csv::StringRecord,
    line: u32,
    today: Date,
) -> (Result<ImportRow, RefusedRow>, Option<String>) {
    let field = |c: Column| columns.get(&c).and_then(|&i| record.get(i)).unwrap_or("");
    let mut problems: Vec<Problem> = Vec::new();
    let personnummer = match Personnummer::parse(field(Column::Personnummer), today) {
        Ok(p) => {
            if let Some(code) = age_problem(&p, today) {
                problems.push(("personnummer", code.to_owned()));
            }
            Some(p)
        }
        Err(e) => {
            problems.push(("personnummer", e.code().to_owned()));
            None
        }
    };
    let written_name = if columns.contains_key(&Column::Name) {
        field(Column::Name).to_owned()
    } else {
        format!("{} {}", field(Column::FirstName), field(Column::LastName))
    };
    let name = contact::name(&written_name)
        .map_err(|e| problems.push(("name", e.code().to_owned())))
        .ok();
    let left = field(Column::LeftOn);
    let left_on = if left.trim().is_empty() {
        None
    } else {
        let date = file_date(left);
        if date.is_none() {
            problems.push(("left_on", "register_date_format".to_owned()));
        }
        date
    };
    let given = |c: Column| Some(field(c).to_owned());
    let raw = Details {
        street: given(Column::Street),
        postal_code: given(Column::PostalCode),
        city: given(Column::City),
        phone: given(Column::Phone),
        email: given(Column::Email),
        last_school: given(Column::LastSchool),
        last_programme: given(Column::LastProgramme),
        left_on,
        left_reason: given(Column::LeftReason),
    };
    let details = clean_details(&raw, today)
        .map_err(|more| problems.extend(more))
        .ok();
    let digits = personnummer.as_ref().map(|p| p.as_digits().to_owned());
    let row = match (personnummer, name, details) {
        (Some(personnummer), Some(name), Some(details)) if problems.is_empty() => {
            let reason = details
                .left_reason
                .as_deref()
                .and_then(reason_of)
                .unwrap_or(RegistrationReason::Other);
            Ok(ImportRow {
                line,
                personnummer,
                name,
                details,
                reason,
            })
        }
        _ => Err(refused(line, &written_name, problems)),
    };
    (row, digits)
}

fn refused(line: u32, written_name: &str, problems: Vec<Problem>) -> RefusedRow {
    let name: String = written_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    RefusedRow {
        line,
        name: (!name.is_empty()).then(|| name.chars().take(100).collect()),
        problems: problems
            .into_iter()
            .map(|(column, code)| RowProblem {
                column: column.to_owned(),
                code,
            })
            .collect(),
    }
}

/// Line numbers of byte offsets, counted forwards from the last one asked.
#[derive(Default)]
struct Lines {
    byte: usize,
    line: u32,
}

impl Lines {
    /// The line (from 1) of the first text at or after `byte`, past any
    /// empty lines (the reader reports a record after an empty line from
    /// the empty line).
    fn at(&mut self, text: &str, byte: usize) -> u32 {
        let bytes = text.as_bytes();
        let mut byte = byte.clamp(self.byte, bytes.len());
        let newlines = bytes[self.byte..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u32;
        while let Some(rest) = bytes.get(byte..) {
            let skip = if rest.starts_with(b"\r\n") {
                2
            } else if rest.starts_with(b"\n") {
                1
            } else {
                break;
            };
            byte += skip;
            self.line += 1;
        }
        self.byte = byte;
        self.line + 1
    }
}

/// Reads an import file (the request body's bytes) as of `today`.
pub fn read_file(bytes: &[u8], today: Date) -> Result<ImportFile, FileProblem> {
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(FileProblem::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut columns = None;
    let mut rows: Vec<(Result<ImportRow, RefusedRow>, Option<String>)> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = Lines::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => {
                let line = lines.at(&text, reader.position().byte() as usize);
                let problem = ("row", "register_import_row".to_owned());
                rows.push((Err(refused(line, "", vec![problem])), None));
                break;
            }
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let line = lines.at(&text, start);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match &columns {
            None => columns = Some(header_of(&record)?),
            Some(columns) => rows.push(read_row(columns, &record, line, today)),
        }
    }
    if columns.is_none() {
        return Err(FileProblem::Empty);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for digits in rows.iter().filter_map(|(_, d)| d.clone()) {
        *seen.entry(digits).or_default() += 1;
    }
    let mut file = ImportFile {
        rows: rows.len() as u32,
        ..ImportFile::default()
    };
    for (row, digits) in rows {
        let duplicate = digits.is_some_and(|d| seen.get(&d).is_some_and(|&n| n > 1));
        let problem = || RowProblem {
            column: "personnummer".to_owned(),
            code: "register_duplicate_in_file".to_owned(),
        };
        match row {
            Ok(good) if !duplicate => file.good.push(good),
            Ok(good) => file.refused.push(refused(
                good.line,
                &good.name,
                vec![("personnummer", problem().code)],
            )),
            Err(mut bad) => {
                if duplicate {
                    bad.problems.push(problem());
                }
                file.refused.push(bad);
            }
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        ymd(2026, 11, 23).unwrap()
    }

    /// A valid personnummer for a birth date and serial.
    fn pnr(year: i32, month: u32, day: u32, serial: u32) -> String {
        let nine = format!("{:02}{month:02}{day:02}{serial:03}", year % 100);
        let digits: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
        let check = lotsen_api::personnummer::luhn_check_digit(&digits);
        format!("{year:04}{month:02}{day:02}-{serial:03}{check}")
    }

    fn codes(file: &ImportFile) -> Vec<(u32, Vec<String>)> {
        file.refused
            .iter()
            .map(|r| (r.line, r.problems.iter().map(|p| p.code.clone()).collect()))
            .collect()
    }

    #[test]
    fn text_is_utf8_or_windows_1252() {
        assert_eq!(decode("Åsa Öberg".as_bytes()), "Åsa Öberg");
        assert_eq!(decode(b"\xEF\xBB\xBFNamn"), "Namn");
        assert_eq!(decode(b"\xC5sa \xD6berg, G\xE4vle"), "Åsa Öberg, Gävle");
    }

    #[test]
    fn the_delimiter_is_what_the_header_has_more_of() {
        assert_eq!(delimiter("Personnummer;Namn;Ort\n"), b';');
        assert_eq!(delimiter("Personnummer,Namn,Ort\n"), b',');
        assert_eq!(delimiter("\n\"Namn, fullt\";Personnummer\n"), b';');
        assert_eq!(delimiter("Namn"), b';');
    }

    #[test]
    fn headers_are_known_in_their_common_forms() {
        let cases = [
            ("Personnummer (ÅÅÅÅMMDDNNNN)", Some(Column::Personnummer)),
            ("  PNR ", Some(Column::Personnummer)),
            ("Förnamn", Some(Column::FirstName)),
            ("E-post", Some(Column::Email)),
            ("e_mail", Some(Column::Email)),
            ("Avgångsdatum", Some(Column::LeftOn)),
            ("Senaste skola", Some(Column::LastSchool)),
            ("Postnr.", Some(Column::PostalCode)),
            ("Skostorlek", None),
        ];
        for (header, expected) in cases {
            assert_eq!(column_of(header), expected, "{header}");
        }
    }

    #[test]
    fn dates_are_read_in_the_forms_excel_writes() {
        assert_eq!(file_date("2026-06-12"), ymd(2026, 6, 12));
        assert_eq!(file_date("20260612"), ymd(2026, 6, 12));
        assert_eq!(file_date("2026-06-12 00:00"), ymd(2026, 6, 12));
        assert_eq!(file_date("12/6/2026"), None);
        assert_eq!(file_date("2026-02-30"), None);
    }

    #[test]
    fn a_leap_day_child_turns_20_on_the_first_of_march_in_a_common_year() {
        let on = |y, m, d| ymd(y, m, d).unwrap();
        assert_eq!(twentieth_birthday(on(2006, 12, 1)), on(2026, 12, 1));
        assert_eq!(twentieth_birthday(on(2008, 2, 29)), on(2028, 2, 29));
        // 2100 is a common year.
        assert_eq!(twentieth_birthday(on(2080, 2, 29)), on(2100, 3, 1));
    }

    #[test]
    fn every_bad_row_is_named_with_its_line_and_reasons() {
        let ok = pnr(2008, 3, 1, 123);
        let twin = pnr(2009, 4, 2, 234);
        let csv = format!(
            "Personnummer;Förnamn;Efternamn;E-post;Avgångsdatum;Orsak\n\
             {ok};Åsa;Öberg;asa@example.se;2026-06-12;Studiebevis\n\
             \n\
             {twin};Bo;Ek;;;\n\
             {twin};Bo;Eklund;;;\n\
             19000101-0000;Cia;Lund;;;\n\
             {old};Dan;Berg;;;\n\
             {young};Eva;Berg;;;\n\
             {ok2};;;;;\n\
             {ok3};Fia;Holm;inte-en-adress;2026-13-01;\n\
             {ok4};Gun;Holm;;2027-01-01;\n",
            old = pnr(2006, 11, 23, 345),
            young = pnr(2012, 1, 1, 456),
            ok2 = pnr(2009, 5, 5, 567),
            ok3 = pnr(2009, 6, 6, 678),
            ok4 = pnr(2009, 7, 7, 789),
        );
        let file = read_file(csv.as_bytes(), today()).unwrap();
        assert_eq!(file.rows, 9);
        assert_eq!(file.good.len(), 1);
        let good = &file.good[0];
        assert_eq!((good.line, good.name.as_str()), (2, "Åsa Öberg"));
        assert_eq!(good.reason, RegistrationReason::LeavingCertificate);
        assert_eq!(good.details.left_on, ymd(2026, 6, 12));
        let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            codes(&file),
            vec![
                (4, s(&["register_duplicate_in_file"])),
                (5, s(&["register_duplicate_in_file"])),
                (6, s(&["personnummer_checksum"])),
                (7, s(&["register_age_20"])),
                (8, s(&["register_too_young"])),
                (9, s(&["required"])),
                (10, s(&["register_date_format", "email"])),
                (11, s(&["register_date_future"])),
            ]
        );
        assert_eq!(file.refused[0].name.as_deref(), Some("Bo Ek"));
    }

    #[test]
    fn a_file_without_the_needed_columns_or_rows_is_refused_whole() {
        assert_eq!(read_file(b"", today()).unwrap_err(), FileProblem::Empty);
        assert_eq!(
            read_file(b"\xEF\xBB\xBF \r\n\r\n", today()).unwrap_err(),
            FileProblem::Empty
        );
        assert_eq!(
            read_file(b"Namn;Ort\nBo;Lund\n", today()).unwrap_err(),
            FileProblem::Header
        );
        assert_eq!(
            read_file(b"Personnummer;Fornamn\n", today()).unwrap_err(),
            FileProblem::Header
        );
        let header_only = read_file(b"Personnummer;Namn\n", today()).unwrap();
        assert_eq!((header_only.rows, header_only.good.len()), (0, 0));
        // Garbage is a file of refused rows (or no header), never a panic.
        let garbage: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        assert!(read_file(&garbage, today()).is_err_and(|e| e == FileProblem::Header));
    }

    #[test]
    fn quoted_fields_may_hold_the_delimiter_and_line_breaks() {
        let ok = pnr(2008, 3, 1, 123);
        let csv =
            format!("Namn,Personnummer,Adress\n\"Berg, Bo\",{ok},\"Storgatan 1\nlgh 1102\"\n");
        let file = read_file(csv.as_bytes(), today()).unwrap();
        assert_eq!(file.good[0].name, "Berg, Bo");
        assert_eq!(
            file.good[0].details.street.as_deref(),
            Some("Storgatan 1 lgh 1102")
        );
    }
}
