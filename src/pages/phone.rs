//! My page's phone number: the number in use, a new one (a code goes to it
//! by SMS) and the code, after which the new number is used. Part of the
//! account chunk.

use leptos::prelude::*;
use lotsen_api::phone::PhoneSetting;

use crate::api::Api;
use crate::components::data::{Data, Loaded, load};
use crate::components::field::TextField;
use crate::components::form_box::FormBox;
use crate::components::submit::Form;
use crate::forms::focus_later;
use crate::i18n::*;

const NUMBER_FORM: &str = "phone";
const CODE_FORM: &str = "phone-code";

/// The card on My page; `confirmed` runs when a new number is in use.
#[component]
pub fn MyPhone(confirmed: Callback<()>) -> impl IntoView {
    let setting = load(Api::current().my_phone());
    let status = RwSignal::new(None::<&'static str>);
    view! {
        <section class="card" aria-labelledby="me-phone">
            <h2 id="me-phone">{tr!(me.phone.heading)}</h2>
            <p class="status" id="phone-status" role="status" tabindex="-1">{move || status.get()}</p>
            <Loaded data=setting let:current>
                <PhoneForms current setting status confirmed />
            </Loaded>
        </section>
    }
}

/// The number in use, the code form while a code is on its way, and the
/// form for a new number.
#[component]
fn PhoneForms(
    current: PhoneSetting,
    setting: Data<PhoneSetting>,
    status: RwSignal<Option<&'static str>>,
    confirmed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let number_form = Form::new(NUMBER_FORM, &["phone"]);
    let code_form = Form::new(CODE_FORM, &["code"]);
    let send = move |ev: leptos::ev::SubmitEvent| {
        if !number_form.begin(&ev) {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let problem = lotsen_api::contact::phone(&number.get_untracked()).err();
        if !number_form.check_field(locale, "phone", problem.map(|p| p.code())) {
            return;
        }
        status.set(None);
        number_form.submit(
            Api::current().change_phone(number.get_untracked()),
            move |answer| {
                number.set(String::new());
                setting.set(Some(Ok(answer)));
                focus_later(format!("{CODE_FORM}-code"));
            },
        );
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        if !code_form.begin(&ev) {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let wrong = lotsen_api::phone::code(&code.get_untracked()).is_none();
        if !code_form.check_field(locale, "code", wrong.then_some("code_wrong")) {
            return;
        }
        code_form.submit(
            Api::current().confirm_phone(code.get_untracked()),
            move |answer| {
                setting.set(Some(Ok(answer)));
                status.set(Some(t_string!(i18n, me.phone.confirmed)));
                focus_later("phone-status".into());
                confirmed.run(());
            },
        );
    };
    let in_use = match current.phone {
        Some(phone) => {
            view! { <p>{tr!(me.phone.current)} " " <strong>{phone}</strong></p> }.into_any()
        }
        None => view! { <p>{tr!(me.phone.none)}</p> }.into_any(),
    };
    let pending = current.pending.map(|pending| {
        view! {
            <FormBox form=code_form on_submit=confirm button=label!(me.phone.confirm)>
                <p>{tr!(me.phone.sent)} " " <strong>{pending.phone}</strong></p>
                <TextField
                    form=code_form
                    name="code"
                    label=label!(me.phone.code)
                    hint=label!(me.phone.code_hint)
                    value=code
                    autocomplete="one-time-code"
                    inputmode="numeric"
                />
            </FormBox>
        }
    });
    view! {
        {in_use}
        {pending}
        <FormBox form=number_form on_submit=send button=label!(me.phone.send)>
            <TextField
                form=number_form
                name="phone"
                label=label!(me.phone.new_number)
                hint=label!(me.phone.new_hint)
                value=number
                input_type="tel"
                autocomplete="tel"
                inputmode="tel"
            />
        </FormBox>
    }
}
