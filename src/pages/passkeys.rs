//! My page's passkeys: the list, adding one on this device (named by the
//! person) and removing one after a confirmation. Part of the account chunk.

use leptos::prelude::*;
use lotsen_api::passkey::{self, Passkey};

use crate::api::Api;
use crate::components::confirm::ConfirmButton;
use crate::components::data::{LoadedList, load, reload};
use crate::components::field::TextField;
use crate::components::form_box::FormBox;
use crate::components::submit::Form;
use crate::forms::focus_later;
use crate::i18n::*;

const FORM: &str = "passkey";

/// The card on My page.
#[component]
pub fn MyPasskeys() -> impl IntoView {
    let i18n = use_i18n();
    let list = load(Api::current().my_passkeys());
    let name = RwSignal::new(String::new());
    let form = Form::new(FORM, &["name"]);
    let status = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let problem = passkey::name(&name.get_untracked()).err();
        if !form.check_field(locale, "name", problem.map(|p| p.code())) {
            return;
        }
        status.set(None);
        form.submit(
            Api::current().add_passkey(name.get_untracked()),
            move |_| {
                name.set(String::new());
                status.set(Some(t_string!(i18n, passkeys.added)));
                reload(list, Api::current().my_passkeys());
                focus_later("passkey-status".into());
            },
        );
    };
    let removed = Callback::new(move |()| {
        status.set(Some(t_string!(i18n, passkeys.removed)));
        reload(list, Api::current().my_passkeys());
        focus_later("passkey-status".into());
    });
    view! {
        <section class="card" aria-labelledby="me-passkeys">
            <h2 id="me-passkeys">{tr!(passkeys.heading)}</h2>
            <p>{tr!(passkeys.intro)}</p>
            <p class="status" id="passkey-status" role="status" tabindex="-1">{move || status.get()}</p>
            <LoadedList data=list empty=label!(passkeys.empty) let:list>
                <ul class="plain-list">
                    {list.into_iter().map(|p| view! { <PasskeyItem passkey=p removed /> }).collect_view()}
                </ul>
            </LoadedList>
            <FormBox form on_submit=submit button=label!(passkeys.add)>
                <TextField
                    form
                    name="name"
                    label=label!(passkeys.name)
                    hint=label!(passkeys.name_hint)
                    value=name
                />
            </FormBox>
        </section>
    }
}

/// One passkey: its name, when it was added and last used, and "Remove".
#[component]
fn PasskeyItem(passkey: Passkey, removed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let id = passkey.id;
    let remove = Callback::new(move |()| {
        leptos::task::spawn_local(async move {
            match Api::current().remove_passkey(id).await {
                Ok(()) => removed.run(()),
                Err(e) => error.set(Some(e.message().to_string())),
            }
        });
    });
    let created = passkey.created_at.clone();
    let used = passkey.last_used_at.clone();
    view! {
        <li class="passkey">
            <span class="plain-list__name">{passkey.name.clone()}</span>
            " "
            <span class="plain-list__meta">
                {move || {
                    let locale = i18n.get_locale();
                    let added = crate::format::date(&created, locale);
                    match &used {
                        Some(used) => format!(
                            "{} {added}, {} {}",
                            t_string!(i18n, passkeys.added_on),
                            t_string!(i18n, passkeys.used_on),
                            crate::format::date(used, locale),
                        ),
                        None => format!("{} {added}", t_string!(i18n, passkeys.added_on)),
                    }
                }}
            </span>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <ConfirmButton
                id=format!("passkey-remove-{id}")
                question=label!(passkeys.remove_question)
                yes=label!(passkeys.remove_yes)
                on_yes=remove
            >
                {tr!(passkeys.remove)}
                " "
                {passkey.name.clone()}
            </ConfirmButton>
        </li>
    }
}
