//! A labelled form field with its hint and its error, linked for screen readers.

use leptos::prelude::*;

use lotsen_api::account::Profession;
use lotsen_api::people::StaffMember;

use crate::components::data::Data;
use crate::components::submit::Form;
use crate::forms::{FormErrors, field_id};
use crate::i18n::{Locale, use_i18n};
use crate::text::text;

/// The form a field is in: its id prefix (fields are `{prefix}-{name}`)
/// and, when it is given as a [`Form`], where the field's error comes from
/// ([`Form::field`] for the field's name), so a field needs no `error`.
#[derive(Clone, Copy, Debug)]
pub struct FieldForm {
    prefix: &'static str,
    form: Option<Form>,
}

impl From<&'static str> for FieldForm {
    fn from(prefix: &'static str) -> Self {
        Self { prefix, form: None }
    }
}

impl From<Form> for FieldForm {
    fn from(form: Form) -> Self {
        Self {
            prefix: form.prefix,
            form: Some(form),
        }
    }
}

impl FieldForm {
    /// The error of the field `name`: `given`, else the [`Form`]'s, else none.
    fn error(
        self,
        name: &'static str,
        given: Option<Signal<Option<String>>>,
    ) -> Signal<Option<String>> {
        given
            .or_else(|| self.form.map(|form| form.field(name)))
            .unwrap_or_default()
    }
}

/// A text input with a visible label, an optional hint, and the error for it.
///
/// The input's id is `{form}-{name}`; the hint and the error are tied to it
/// with `aria-describedby`, and `aria-invalid` is set while there is an error.
#[component]
pub fn TextField(
    /// The form: its id prefix, or the [`Form`] (see [`FieldForm`]).
    #[prop(into)]
    form: FieldForm,
    /// The field's name, as the API's request calls it.
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// What the person types.
    value: RwSignal<String>,
    /// The problem with the field, if any (by default the [`Form`]'s).
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// A short hint shown under the label.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
    /// The input's `type`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The input's `autocomplete` token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// The input's `inputmode`, for the right phone keyboard.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Runs when the field loses focus (instant validation).
    #[prop(optional, into)]
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let error = form.error(name, error);
    let id = field_id(form.prefix, name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = described_by(&id, hint.is_some(), error);
    let invalid = move || error.with(Option::is_some).then_some("true");
    let blur = move |_| {
        if let Some(on_blur) = on_blur {
            on_blur.run(());
        }
    };
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id.clone()>
                {label}
            </label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {move || {
                error.get().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })
            }}
            <input
                class="field__input"
                id=id.clone()
                name=name
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=described_by
                aria-invalid=invalid
                bind:value=value
                on:blur=blur
            />
        </div>
    }
}

/// The `aria-describedby` of the field `id`: its hint (`{id}-hint`, when it
/// has one) and, while there is one, its error (`{id}-error`).
pub fn described_by(
    id: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + use<> {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A text area with its label, hint and error, as [`TextField`] ties them.
#[component]
pub fn TextArea(
    #[prop(into)] form: FieldForm,
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    value: RwSignal<String>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let error = form.error(name, error);
    let id = field_id(form.prefix, name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            <textarea
                class="field__input"
                id=id.clone()
                name=name
                rows=rows
                aria-describedby=described_by(&id, hint.is_some(), error)
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                bind:value=value
            ></textarea>
        </div>
    }
}

/// A select with a visible label and the error for it: ids and props as in
/// [`TextField`]; `children` are its options ([`SelectOption`]).
#[component]
pub fn SelectField(
    #[prop(into)] form: FieldForm,
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    /// The chosen option's value.
    value: RwSignal<String>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    children: Children,
) -> impl IntoView {
    let error = form.error(name, error);
    let id = field_id(form.prefix, name);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id.clone()>{label}</label>
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            <select
                class="field__input"
                id=id.clone()
                aria-describedby=described_by(&id, false, error)
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change:target=move |ev| value.set(ev.target().value())
            >
                {children()}
            </select>
        </div>
    }
}

/// An option of a [`SelectField`], selected while `chosen` is its `value`.
#[component]
pub fn SelectOption(
    #[prop(into)] value: String,
    chosen: RwSignal<String>,
    children: Children,
) -> impl IntoView {
    let selected = {
        let value = value.clone();
        move || chosen.with(|c| *c == value)
    };
    view! { <option value=value selected=selected>{children()}</option> }
}

/// Options of a [`SelectField`], one a choice in the order given: its value
/// `value_of(choice)`, its text `text_of(choice, locale)` in the UI language.
#[component]
pub fn ChoiceOptions<T, S, L>(
    choices: Vec<T>,
    chosen: RwSignal<String>,
    value_of: fn(T) -> S,
    text_of: fn(T, Locale) -> L,
) -> impl IntoView
where
    T: Copy + Send + Sync + 'static,
    S: Into<String>,
    L: IntoView + 'static,
{
    let i18n = use_i18n();
    choices
        .into_iter()
        .map(|choice| {
            view! {
                <SelectOption value=value_of(choice) chosen>
                    {move || text_of(choice, i18n.get_locale())}
                </SelectOption>
            }
        })
        .collect_view()
}

/// The staff as options of a [`SelectField`]: those of `profession`, or all.
#[component]
pub fn StaffOptions(
    staff: Data<Vec<StaffMember>>,
    chosen: RwSignal<String>,
    #[prop(optional)] profession: Option<Profession>,
) -> impl IntoView {
    move || {
        staff
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|s| profession.is_none_or(|p| s.profession == p))
            .map(|s| view! { <SelectOption value=s.id.to_string() chosen>{s.name}</SelectOption> })
            .collect_view()
    }
}

/// Where a form's choice of contact person starts: the signed-in member of
/// staff when they are a contact person, else none.
pub fn contact_person_choice() -> RwSignal<String> {
    let me = crate::session::use_session().me_untracked();
    RwSignal::new(
        me.filter(|me| me.profession == Some(Profession::ContactPerson))
            .map(|me| me.id.to_string())
            .unwrap_or_default(),
    )
}

/// The choice of a young person's contact person (`contact_person_id`):
/// `empty` ("none yet", "choose …") first, then the staff who are contact
/// persons; `chosen` as [`contact_person_choice`] starts it.
#[component]
pub fn ContactPersonField(
    /// The form: its id prefix, or the [`Form`] (see [`FieldForm`]).
    #[prop(into)]
    form: FieldForm,
    #[prop(into)] label: Signal<&'static str>,
    /// The first option's text, for no one chosen.
    #[prop(into)]
    empty: Signal<&'static str>,
    chosen: RwSignal<String>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let staff = crate::components::data::load(crate::api::Api::current().staff_members());
    let error = form.error("contact_person_id", error);
    view! {
        <SelectField form name="contact_person_id" label value=chosen error>
            <SelectOption value="" chosen>{empty}</SelectOption>
            <StaffOptions staff chosen profession=Profession::ContactPerson />
        </SelectField>
    }
}

/// The error paragraph of a group, when there is one.
pub fn group_error(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|message| view! { <p class="field__error" id=id.clone()>{message}</p> })
    }
}

/// One choice of several: radio buttons in a fieldset. The first button's id
/// is `{form}-{name}`, where focus goes when the group has a problem.
#[component]
pub fn Radios<T>(
    /// The form: its id prefix, or the [`Form`] (see [`FieldForm`]).
    #[prop(into)]
    form: FieldForm,
    name: &'static str,
    #[prop(into)] legend: Signal<&'static str>,
    /// The choices, in the order shown.
    options: &'static [T],
    /// What a choice is called.
    text_of: fn(T) -> fn(Locale) -> &'static str,
    value: RwSignal<Option<T>>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let error = form.error(name, error);
    let error_id = format!("{}-error", field_id(form.prefix, name));
    let described = error_id.clone();
    view! {
        <fieldset
            class="field choice-group"
            class:field--invalid=move || error.with(Option::is_some)
            aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
        >
            <legend class="field__label">{legend}</legend>
            {group_error(error_id, error)}
            {options
                .iter()
                .enumerate()
                .map(|(i, &option)| {
                    let id = if i == 0 { field_id(form.prefix, name) } else { format!("{}-{i}", field_id(form.prefix, name)) };
                    // A radio button changes only when it is chosen.
                    let choose = Callback::new(move |_| value.set(Some(option)));
                    view! {
                        <CheckBox id input_type="radio" name checked=Signal::derive(move || value.get() == Some(option)) on_change=choose>
                            {text(text_of(option))}
                        </CheckBox>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A check box with its label after it, alone or one of a group's; or, with
/// `input_type="radio"` and the group's `name`, one of [`Radios`]' buttons.
#[component]
pub fn CheckBox(
    /// The box's id.
    #[prop(into)]
    id: String,
    /// The input's `type`.
    #[prop(default = "checkbox")]
    input_type: &'static str,
    /// The input's `name` (a radio button's group).
    #[prop(optional)]
    name: Option<&'static str>,
    /// Whether it is ticked.
    #[prop(into)]
    checked: Signal<bool>,
    /// Runs with the new state when the person ticks or unticks it.
    on_change: Callback<bool>,
    /// The label.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field--check">
            <input
                class="field__check"
                type=input_type
                id=id.clone()
                name=name
                prop:checked=checked
                on:change:target=move |ev| on_change.run(ev.target().checked())
            />
            <label for=id>{children()}</label>
        </div>
    }
}

/// The summary of a form's problems, announced at once; nothing while there are none.
#[component]
pub fn FormAlert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|message| view! { <p class="alert" role="alert">{message}</p> })
    }
}

/// A new password and the same again, as every page that sets a password asks
/// for them: the first field (`name`, as the request calls it) with the
/// password rule as its hint, the second named `repeat`; errors from `errors`.
#[component]
pub fn NewPasswordFields(
    /// The form's id prefix.
    form: &'static str,
    /// The first field's name, as the API's request calls it.
    #[prop(default = "password")]
    name: &'static str,
    /// The first field's label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The second field's label.
    #[prop(into)]
    repeat_label: Signal<&'static str>,
    password: RwSignal<String>,
    repeat: RwSignal<String>,
    errors: RwSignal<FormErrors>,
) -> impl IntoView {
    view! {
        <TextField
            form=form
            name=name
            label=label
            hint=label!(common.password_rule)
            value=password
            error=Signal::derive(move || errors.with(|e| e.field(name)))
            input_type="password"
            autocomplete="new-password"
        />
        <TextField
            form=form
            name="repeat"
            label=repeat_label
            value=repeat
            error=Signal::derive(move || errors.with(|e| e.field("repeat")))
            input_type="password"
            autocomplete="new-password"
        />
    }
}
