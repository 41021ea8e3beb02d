//! A person's name, e-mail and phone as the staff's forms ask for them (a
//! young person being registered, a guardian being added).

use leptos::prelude::*;
use lotsen_api::contact;

use crate::components::field::TextField;
use crate::components::submit::Form;
use crate::forms::{optional, problem_message};
use crate::i18n::Locale;

/// What was typed.
#[derive(Clone, Copy, Debug)]
pub struct ContactInputs {
    pub name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
}

/// What is sent: the name, trimmed, and the e-mail and phone when given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Default for ContactInputs {
    /// Nothing typed yet.
    fn default() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
        }
    }
}

impl ContactInputs {
    /// What is to be sent, after the checks the browser makes (their
    /// problems pushed onto `problems`): the name and the phone. The e-mail
    /// address is checked by the server only: its rule lower-cases Unicode,
    /// whose tables would cost ~6 KB of wasm here.
    pub fn check(self, locale: Locale, problems: &mut Vec<(&'static str, String)>) -> Contact {
        let name = self.name.get_untracked();
        if let Err(problem) = contact::name(&name) {
            problems.push(("name", problem_message(problem, locale)));
        }
        let phone = optional(&self.phone.get_untracked());
        if let Some(Err(problem)) = phone.as_deref().map(contact::phone) {
            problems.push(("phone", problem_message(problem, locale)));
        }
        Contact {
            name: name.trim().to_string(),
            email: optional(&self.email.get_untracked()),
            phone,
        }
    }

    /// Empties the fields, for the next person.
    pub fn clear(self) {
        for field in [self.name, self.email, self.phone] {
            field.set(String::new());
        }
    }
}

/// The fields of [`ContactInputs`] in `form`: the name, then `children` (what
/// else the form asks first), then the e-mail address and the phone number.
#[component]
pub fn ContactFields(
    form: Form,
    inputs: ContactInputs,
    #[prop(into)] name_label: Signal<&'static str>,
    #[prop(into)] email_label: Signal<&'static str>,
    #[prop(into)] phone_label: Signal<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <TextField form name="name" label=name_label value=inputs.name />
        {children.map(|children| children())}
        <TextField form name="email" label=email_label value=inputs.email input_type="email" />
        <TextField form name="phone" label=phone_label value=inputs.phone input_type="tel" />
    }
}
