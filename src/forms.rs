//! What is wrong with a form: one message per field, shown next to the field,
//! and a summary for the whole form. Filled from the client's own checks or
//! from the server's error body, which names fields as the request does.

use lotsen_api::ErrorCode;
use lotsen_api::contact::FieldProblem;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::i18n::Locale;
use crate::messages::error_message;

/// The problems of one submission of a form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormErrors {
    /// What to say about the form as a whole (`role="alert"`).
    pub summary: Option<String>,
    /// `(field, message)` in the order of the form's fields.
    pub fields: Vec<(&'static str, String)>,
}

impl FormErrors {
    /// No problems.
    pub fn none() -> Self {
        Self::default()
    }

    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.fields.is_empty()
    }

    /// The message for `field`, if it has one.
    pub fn field(&self, field: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.clone())
    }

    /// The same problems, with `field`'s replaced by `message` (or removed for
    /// `None`), keeping the order of `form_fields`.
    pub fn with_field(
        mut self,
        form_fields: &[&'static str],
        field: &'static str,
        message: Option<String>,
    ) -> Self {
        self.fields.retain(|(name, _)| *name != field);
        if let Some(message) = message {
            self.fields.push((field, message));
        }
        let position = |name: &str| form_fields.iter().position(|f| *f == name);
        self.fields.sort_by_key(|(name, _)| position(name));
        if self.fields.is_empty() {
            self.summary = None;
        }
        self
    }

    /// The first field with a problem, in the form's order.
    pub fn first_field(&self) -> Option<&'static str> {
        self.fields.first().map(|(name, _)| *name)
    }

    /// Problems found in the browser, before anything was sent: `(field, message)`
    /// for each, with the general "check the highlighted fields" as summary.
    pub fn from_checks(locale: Locale, fields: Vec<(&'static str, String)>) -> Self {
        if fields.is_empty() {
            return Self::none();
        }
        Self {
            summary: Some(error_message(locale, ErrorCode::Validation.as_str()).to_string()),
            fields,
        }
    }

    /// The problems the server reported, for a form whose fields are `form_fields`
    /// (the names the request uses, in the order the form shows them).
    ///
    /// A field error for a field the form does not show is added to the summary,
    /// so that no message is lost.
    pub fn from_api(error: &ApiError, form_fields: &[&'static str]) -> Self {
        let mut summary = error.message().to_string();
        let mut fields = Vec::new();
        if let ApiError::Server(body) = error {
            for name in form_fields {
                if let Some(problem) = body.fields.iter().find(|f| f.field == *name) {
                    fields.push((*name, problem.message.clone()));
                }
            }
            for problem in &body.fields {
                if !form_fields.contains(&problem.field.as_str()) {
                    summary.push(' ');
                    summary.push_str(&problem.message);
                }
            }
        }
        Self {
            summary: Some(summary),
            fields,
        }
    }

    /// Moves keyboard focus to the first field with a problem; the field's ids
    /// are `{prefix}-{field}`. Returns whether a field took focus.
    pub fn focus_first(&self, prefix: &str) -> bool {
        let Some(field) = self.first_field() else {
            return false;
        };
        focus_element(&field_id(prefix, field))
    }
}

/// The id of a form field: `{prefix}-{field}`.
pub fn field_id(prefix: &str, field: &str) -> String {
    format!("{prefix}-{field}")
}

/// Moves keyboard focus to the element with `id`; returns whether it exists.
pub fn focus_element(id: &str) -> bool {
    let element = leptos::prelude::document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match element {
        Some(element) => element.focus().is_ok(),
        None => false,
    }
}

/// Moves keyboard focus to the element with `id` once the page has been
/// updated (for an element that the current change is about to show).
pub fn focus_soon(id: &'static str) {
    focus_later(id.to_string());
}

/// [`focus_soon`] for an id made at run time.
pub fn focus_later(id: String) {
    leptos::prelude::request_animation_frame(move || {
        focus_element(&id);
    });
}

/// The text for a problem found by the shared validation in `lotsen_api::contact`.
pub fn problem_message(problem: FieldProblem, locale: Locale) -> String {
    error_message(locale, problem.code()).to_string()
}

/// Checks a new password and its repetition: the length rule, then that both are equal.
///
/// `Err` holds the field (`"password"` or `"repeat"`) and the message.
pub fn check_new_password(
    password: &str,
    repeat: &str,
    locale: Locale,
) -> Result<(), (&'static str, String)> {
    lotsen_api::contact::password(password)
        .map_err(|problem| ("password", problem_message(problem, locale)))?;
    if password != repeat {
        return Err((
            "repeat",
            error_message(locale, "passwords_differ").to_string(),
        ));
    }
    Ok(())
}

/// `None` for a blank input, else the input trimmed.
pub fn optional(input: &str) -> Option<String> {
    let trimmed = input.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}
