//! The code list of measures (`/register/codes`): every member of staff reads
//! it; administrators add a code, rename its labels, and deactivate or
//! reactivate it. A code is never deleted (plans and the reports to SCB refer
//! to it): an inactive one can no longer be chosen for a new measure.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::outcomes::Problem;
use lotsen_api::register::plans::{MeasureCode, MeasureCodeUpdate, NewMeasureCode};

use crate::api::Api;
use crate::components::data::{Data, load, not_yet, reload};
use crate::components::field::{FormAlert, TextField};
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::components::table::Table;
use crate::forms::focus_later;
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::{Access, use_session};

/// The fields of the forms, in the order shown.
const NEW_FIELDS: [&str; 3] = ["code", "label_sv", "label_en"];
const EDIT_FIELDS: [&str; 2] = ["label_sv", "label_en"];

/// The request `validate` let through, or `None` after showing what it
/// found next to the fields.
fn checked<T>(form: Form, locale: Locale, validated: Result<T, Vec<Problem>>) -> Option<T> {
    let found = match validated {
        Ok(request) => return Some(request),
        Err(found) => found,
    };
    let fields = form.fields;
    let mut problems: Vec<(&'static str, String)> = found
        .into_iter()
        .filter_map(|(field, code)| {
            let field = fields.iter().find(|f| **f == field)?;
            Some((*field, error_message(locale, code).to_string()))
        })
        .collect();
    problems.sort_by_key(|(f, _)| fields.iter().position(|x| x == f));
    problems.dedup_by_key(|(f, _)| *f);
    form.check(locale, problems);
    None
}

/// The code list page.
#[component]
pub fn CodesPage() -> impl IntoView {
    view! {
        <PageShell title=label!(register.codes.title) access=Access::Staff>
            <CodesContent />
        </PageShell>
    }
}

#[component]
fn CodesContent() -> impl IntoView {
    let admin = use_session().me().is_some_and(|me| me.is_admin);
    let codes = load(Api::current().measure_codes());
    // What was last done ("Saved", …), announced.
    let done = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<MeasureCode>);
    let changed = Callback::new(move |message: String| {
        done.set(Some(message));
        reload(codes, Api::current().measure_codes());
        focus_later("codes-status".into());
    });
    view! {
        <div class="page page--wide">
            <p class="breadcrumb">
                <A href="/register">{tr!(nav.register)}</A>
            </p>
            <h1>{tr!(register.codes.heading)}</h1>
            <p>{tr!(register.codes.never_deleted)}</p>
            {(!admin).then(|| view! { <p>{tr!(register.codes.read_only)}</p> })}
            <div id="codes-status" tabindex="-1" role="status" class="status">
                {move || done.get()}
            </div>
            <CodeTable codes admin editing changed />
            {move || {
                editing
                    .get()
                    .map(|code| view! { <EditForm code editing changed /> })
            }}
            {admin.then(|| view! { <NewForm changed /> })}
        </div>
    }
}

/// The list as a table; administrators' rows have their buttons.
#[component]
fn CodeTable(
    codes: Data<Vec<MeasureCode>>,
    admin: bool,
    editing: RwSignal<Option<MeasureCode>>,
    changed: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toggle = Form::new("codes-toggle", &[]);
    let flip = move |code: MeasureCode| {
        let request = MeasureCodeUpdate {
            label_sv: code.label_sv.clone(),
            label_en: code.label_en.clone(),
            active: !code.active,
        };
        toggle.submit(
            Api::current().update_measure_code(code.code.clone(), request),
            move |c: MeasureCode| {
                let locale = i18n.get_locale_untracked();
                let what = if c.active {
                    td_string!(locale, register.codes.reactivated)
                } else {
                    td_string!(locale, register.codes.deactivated)
                };
                changed.run(format!("{}: {what}", c.code));
            },
        );
    };
    let row = move |c: MeasureCode| {
        let actions = admin.then(|| {
            let (edit_name, flip_name) = {
                let code = c.code.clone();
                let active = c.active;
                (
                    move || format!("{} {code}", t_string!(i18n, register.codes.edit)),
                    {
                        let code = c.code.clone();
                        move || {
                            let verb = if active {
                                t_string!(i18n, register.codes.deactivate)
                            } else {
                                t_string!(i18n, register.codes.reactivate)
                            };
                            format!("{verb} {code}")
                        }
                    },
                )
            };
            let (for_edit, for_flip) = (c.clone(), c.clone());
            view! {
                <td class="codes__actions">
                    <button type="button" class="button button--secondary" aria-label=edit_name
                        on:click=move |_| {
                            editing.set(Some(for_edit.clone()));
                            focus_later("code-edit-label_sv".into());
                        }>
                        {tr!(register.codes.edit)}
                    </button>
                    <button type="button" class="button button--secondary" aria-label=flip_name
                        on:click=move |_| flip(for_flip.clone())>
                        {tr_if!(c.active, register.codes.deactivate, register.codes.reactivate)}
                    </button>
                </td>
            }
        });
        view! {
            <tr class:codes__inactive=!c.active>
                <th scope="row"><code>{c.code.clone()}</code></th>
                <td>{c.label_sv.clone()}</td>
                <td>{c.label_en.clone()}</td>
                <td>{tr_if!(c.active, register.codes.active, register.codes.inactive)}</td>
                {actions}
            </tr>
        }
    };
    view! {
        <div id="codes-toggle-alert" tabindex="-1">
            <FormAlert message=toggle.summary() />
        </div>
        {move || match codes.get() {
            state @ (None | Some(Err(_))) => not_yet(state),
            Some(Ok(list)) => {
                let mut heads = vec![
                    label!(register.codes.code),
                    label!(register.codes.label_sv),
                    label!(register.codes.label_en),
                    label!(register.codes.status),
                ];
                heads.extend(admin.then(|| label!(register.codes.actions)));
                view! {
                    <Table id="codes-caption" caption=label!(register.codes.caption) heads>
                        {list.into_iter().map(row).collect_view()}
                    </Table>
                }
                .into_any()
            }
        }}
    }
}

/// Renaming a code's labels (administrators).
#[component]
fn EditForm(
    code: MeasureCode,
    editing: RwSignal<Option<MeasureCode>>,
    changed: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("code-edit", &EDIT_FIELDS);
    let label_sv = RwSignal::new(code.label_sv.clone());
    let label_en = RwSignal::new(code.label_en.clone());
    let (name, active) = (code.code.clone(), code.active);
    let heading = {
        let name = name.clone();
        move || format!("{} {name}", t_string!(i18n, register.codes.edit))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let request = MeasureCodeUpdate {
            label_sv: label_sv.get_untracked(),
            label_en: label_en.get_untracked(),
            active,
        };
        let Some(request) = checked(form, locale, request.validate()) else {
            return;
        };
        form.submit(
            Api::current().update_measure_code(name.clone(), request),
            move |c: MeasureCode| {
                editing.set(None);
                let saved = td_string!(i18n.get_locale_untracked(), register.codes.saved);
                changed.run(format!("{}: {saved}", c.code));
            },
        );
    };
    view! {
        <section class="card" aria-labelledby="code-edit-heading">
            <h2 id="code-edit-heading">{heading}</h2>
            <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                <div id="code-edit-alert" tabindex="-1"><FormAlert message=form.summary() /></div>
                <TextField form name="label_sv" label=label!(register.codes.label_sv) value=label_sv />
                <TextField form name="label_en" label=label!(register.codes.label_en) value=label_en />
                <div class="codes__buttons">
                    <button type="submit" class="button">{tr!(register.codes.save)}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| editing.set(None)>
                        {tr!(register.codes.cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// Adding a code (administrators).
#[component]
fn NewForm(changed: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("code-new", &NEW_FIELDS);
    let code = RwSignal::new(String::new());
    let label_sv = RwSignal::new(String::new());
    let label_en = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let request = NewMeasureCode {
            code: code.get_untracked().trim().to_string(),
            label_sv: label_sv.get_untracked(),
            label_en: label_en.get_untracked(),
        };
        let Some(request) = checked(form, locale, request.validate()) else {
            return;
        };
        form.submit(
            Api::current().create_measure_code(request),
            move |c: MeasureCode| {
                for field in [code, label_sv, label_en] {
                    field.set(String::new());
                }
                let added = td_string!(i18n.get_locale_untracked(), register.codes.added);
                changed.run(format!("{}: {added}", c.code));
            },
        );
    };
    view! {
        <section class="card" aria-labelledby="code-new-heading">
            <h2 id="code-new-heading">{tr!(register.codes.new_heading)}</h2>
            <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                <div id="code-new-alert" tabindex="-1"><FormAlert message=form.summary() /></div>
                <TextField form name="code" label=label!(register.codes.code) hint=label!(register.codes.code_hint) value=code />
                <TextField form name="label_sv" label=label!(register.codes.label_sv) value=label_sv />
                <TextField form name="label_en" label=label!(register.codes.label_en) value=label_en />
                <button type="submit" class="button">{tr!(register.codes.add)}</button>
            </form>
        </section>
    }
}
