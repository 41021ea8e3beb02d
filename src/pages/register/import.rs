//! Importing a file from the school register: choose the file, see the preview
//! (every refused row with its reasons, how many are created and updated),
//! then import. Nothing is written before the second step; the same bytes
//! are sent both times (the server finds the encoding and the separator).

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::register::people::{ImportReport, RefusedRow, RowProblem};
use wasm_bindgen::JsCast;

use crate::api::{Api, ApiError};
use crate::components::field::FormAlert;
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::components::table::Table;
use crate::forms::focus_later;
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::Access;

const FILE_INPUT: &str = "import-file";

/// Choose, preview, import.
#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <PageShell
            title=label!(register.people.import_title)
            access=Access::Staff
            heading=label!(register.people.import_heading)
            class="page page--wide"
        >
            <Import />
        </PageShell>
    }
}

/// The file chosen in the file input, if any.
fn chosen_file() -> Option<web_sys::File> {
    document()
        .get_element_by_id(FILE_INPUT)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()?
        .get(0)
}

/// The bytes of `file`.
async fn read(file: web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component]
fn Import() -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("import", &["file"]);
    let bytes = StoredValue::new(Vec::<u8>::new());
    let preview = RwSignal::new(None::<ImportReport>);
    let result = RwSignal::new(None::<ImportReport>);
    let file_error = form.field("file");

    let show_preview = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        preview.set(None);
        result.set(None);
        let locale = i18n.get_locale_untracked();
        let file = chosen_file();
        let missing = file.is_none().then(|| {
            (
                "file",
                td_string!(locale, register.people.import_no_file).to_string(),
            )
        });
        if !form.check(locale, missing.into_iter().collect()) {
            return;
        }
        let Some(file) = file else {
            return;
        };
        let request = async move {
            let unreadable = ApiError::Unknown {
                status: None,
                message: error_message(locale, "unknown"),
            };
            let file = read(file).await.ok_or(unreadable)?;
            bytes.set_value(file.clone());
            Api::current().register_import(file, false).await
        };
        form.submit(request, move |report| {
            preview.set(Some(report));
            focus_later("import-preview".into());
        });
    };
    let import = move |_| {
        let file = bytes.get_value();
        form.submit(Api::current().register_import(file, true), move |report| {
            preview.set(None);
            result.set(Some(report));
            focus_later("import-result".into());
        });
    };

    view! {
        <p>{tr!(register.people.import_intro)}</p>
        <form class="form" novalidate on:submit=show_preview aria-busy=form.aria_busy()>
            <div id="import-alert" tabindex="-1"><FormAlert message=form.summary() /></div>
            <div class="field">
                <label class="field__label" for=FILE_INPUT>{tr!(register.people.import_file)}</label>
                <p class="field__hint" id="import-file-hint">{tr!(register.people.import_file_hint)}</p>
                {move || file_error.get().map(|m| view! { <p class="field__error" id="import-file-error">{m}</p> })}
                <input
                    class="field__input"
                    id=FILE_INPUT
                    name="file"
                    type="file"
                    accept=".csv,text/csv"
                    aria-describedby=move || if file_error.with(Option::is_some) { "import-file-hint import-file-error" } else { "import-file-hint" }
                    aria-invalid=move || file_error.with(Option::is_some).then_some("true")
                    on:change=move |_| {
                        preview.set(None);
                        result.set(None);
                    }
                />
            </div>
            <button type="submit" class="button button--secondary">{tr!(register.people.import_preview_button)}</button>
        </form>
        {move || preview.get().map(|report| {
            let refused = report.refused.clone();
            view! {
                <section class="card" aria-labelledby="import-preview">
                    <h2 id="import-preview" tabindex="-1">{tr!(register.people.import_preview_heading)}</h2>
                    <p>{tr!(register.people.import_nothing_written)}</p>
                    <Counts report=report.clone() />
                    <Refused rows=report.refused />
                    <p class="register-people__import-note">{move || will_import(&refused, i18n.get_locale())}</p>
                    <button type="button" class="button" on:click=import>{tr!(register.people.import_button)}</button>
                </section>
            }
        })}
        {move || result.get().map(|report| view! {
            <section class="card card--success" aria-labelledby="import-result">
                <h2 id="import-result" tabindex="-1">{tr!(register.people.import_done)}</h2>
                <Counts report=report.clone() />
                <Refused rows=report.refused />
                <ul class="link-list">
                    <li><A href="/register/people">{tr!(register.people.back)}</A></li>
                </ul>
            </section>
        })}
    }
}

/// What the import will leave out, said again before it is done.
pub fn will_import(refused: &[RefusedRow], locale: Locale) -> String {
    if refused.is_empty() {
        return td_string!(locale, register.people.import_all_rows).to_string();
    }
    let lines = refused
        .iter()
        .map(|row| row.line.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{} {lines}.",
        td_string!(locale, register.people.import_left_out)
    )
}

/// Rows read, created, updated and registered.
#[component]
fn Counts(report: ImportReport) -> impl IntoView {
    let i18n = use_i18n();
    let count = move |term: &'static str, value: u32| {
        view! {
            <div class="details__row">
                <dt>{term}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    move || {
        let locale = i18n.get_locale();
        view! {
            <dl class="details">
                {count(td_string!(locale, register.people.import_rows), report.rows)}
                {count(td_string!(locale, register.people.import_created), report.created)}
                {count(td_string!(locale, register.people.import_updated), report.updated)}
                {count(td_string!(locale, register.people.import_registered), report.registered)}
                {count(td_string!(locale, register.people.import_refused), report.refused.len() as u32)}
            </dl>
        }
    }
}

/// The column of an import row in words.
fn column_label(column: &str, locale: Locale) -> &'static str {
    match column {
        "personnummer" => td_string!(locale, register.people.personnummer),
        "name" => td_string!(locale, register.people.name),
        "street" => td_string!(locale, register.people.street),
        "postal_code" => td_string!(locale, register.people.postal_code),
        "city" => td_string!(locale, register.people.city),
        "phone" => td_string!(locale, register.people.phone),
        "email" => td_string!(locale, register.people.email),
        "last_school" => td_string!(locale, register.people.last_school),
        "last_programme" => td_string!(locale, register.people.last_programme),
        "left_on" => td_string!(locale, register.people.left_on),
        "left_reason" => td_string!(locale, register.people.left_reason),
        _ => td_string!(locale, register.people.import_row),
    }
}

/// A row's problems in words: "Personnummer: … Namn: …".
pub fn problems_text(problems: &[RowProblem], locale: Locale) -> String {
    problems
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                column_label(&p.column, locale),
                error_message(locale, &p.code)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every refused row: its line, the name on it, and why.
#[component]
fn Refused(rows: Vec<RefusedRow>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p>{tr!(register.people.import_none_refused)}</p> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <td>{row.line}</td>
                    <td>{row.name}</td>
                    <td>{move || problems_text(&row.problems, i18n.get_locale())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table
            id="refused-caption"
            caption=label!(register.people.import_refused_caption)
            heads=vec![
                label!(register.people.import_line),
                label!(register.people.name),
                label!(register.people.import_reasons),
            ]
        >
            {rows}
        </Table>
    }
    .into_any()
}
