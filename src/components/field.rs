//! A labelled form field with its hint and its error, linked for screen readers.

use leptos::prelude::*;

use crate::forms::{FormErrors, field_id};

/// A text input with a visible label, an optional hint, and the error for it.
///
/// The input's id is `{form}-{name}`; the hint and the error are tied to it
/// with `aria-describedby`, and `aria-invalid` is set while there is an error.
#[component]
pub fn TextField(
    /// The form's id prefix.
    form: &'static str,
    /// The field's name, as the API's request calls it.
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// What the person types.
    value: RwSignal<String>,
    /// The problem with the field, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
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
    let id = field_id(form, name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
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
    };
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
