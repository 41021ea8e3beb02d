//! A person's own page, and changing their password.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::account::{
    ChangePasswordRequest, MessageChannel, MessageChannelSetting, Profession, Role,
};

use crate::api::Api;
use crate::components::card::Card;
use crate::components::data::{Data, Loaded, LoadedList, load, reload};
use crate::components::field::{FormAlert, NewPasswordFields, TextField};
use crate::components::form_box::FormBox;
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::format::profession_label;
use crate::forms::check_new_password;
use crate::i18n::*;
use crate::pages::passkeys::MyPasskeys;
use crate::pages::phone::MyPhone;
use crate::session::{Access, use_session};

/// "My page": the person's name, for a guardian the young people they are
/// guardian of, for a young person the way to their schedule, and a way to
/// change the password.
#[component]
pub fn MyPage() -> impl IntoView {
    view! {
        <PageShell title=label!(me.title) access=Access::SignedIn heading=label!(me.heading)>
            <MyPageContent />
        </PageShell>
    }
}

#[component]
fn MyPageContent() -> impl IntoView {
    let session = use_session();
    let me = session.me_untracked();
    let name = me.as_ref().map(|me| me.name.clone()).unwrap_or_default();
    let guardian = me.as_ref().is_some_and(|me| me.role == Role::Guardian);
    let youth = me.is_some_and(|me| me.role == Role::Youth);
    // Read here: a newly confirmed phone number makes SMS a choice.
    let channel = load(Api::current().message_channel());
    view! {
            <p class="lead">{name}</p>
            {youth.then(|| view! {
                <section class="card" aria-labelledby="me-schedule">
                    <h2 id="me-schedule">{tr!(schedule.me_heading)}</h2>
                    <p>
                        <A href="/schedule">{tr!(schedule.me_link)}</A>
                    </p>
                </section>
                <MyTeam />
                <section class="card" aria-labelledby="me-plan">
                    <h2 id="me-plan">{tr!(register.plan.mine_link_heading)}</h2>
                    <p><A href="/plan">{tr!(register.plan.mine_link)}</A></p>
                </section>
                <section class="card" aria-labelledby="me-booking">
                    <h2 id="me-booking">{tr!(booking.area_heading)}</h2>
                    <ul class="link-list">
                        <li><A href="/booking">{tr!(booking.area_link)}</A></li>
                        <li><A href="/booking/mine">{tr!(booking.mine_link)}</A></li>
                    </ul>
                </section>
            })}
            {guardian.then(|| view! { <GuardedYouthList /> })}
            {(guardian || youth).then(|| view! {
                <section class="card" aria-labelledby="me-applications">
                    <h2 id="me-applications">{tr_if!(guardian, me.cosign_heading, me.application_heading)}</h2>
                    <p>
                        <A href="/applications/mine">{tr_if!(guardian, me.cosign_link, me.application_link)}</A>
                    </p>
                </section>
            })}
            <section class="card" aria-labelledby="me-account">
                <h2 id="me-account">{tr!(me.account_heading)}</h2>
                <p>
                    <A href="/me/password">{tr!(me.password_link)}</A>
                </p>
            </section>
            <MyPasskeys />
            <MyPhone confirmed=Callback::new(move |()| reload(channel, Api::current().message_channel())) />
            <MessageChannelChoice setting=channel />
    }
}

/// Whether Lotsen's messages (reminders, offers, password resets) come by
/// e-mail or by SMS; SMS only with a phone number in the account.
#[component]
fn MessageChannelChoice(setting: Data<MessageChannelSetting>) -> impl IntoView {
    view! {
        <Card id="me-messages" heading=label!(me.messages.heading)>
            <Loaded data=setting let:current>
                <MessageChannelForm current />
            </Loaded>
        </Card>
    }
}

#[component]
fn MessageChannelForm(current: MessageChannelSetting) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(current.channel);
    let form = Form::new("message", &["channel"]);
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        saved.set(false);
        form.submit(
            Api::current().set_message_channel(chosen.get_untracked()),
            move |_| saved.set(true),
        );
    };
    let radio = move |channel: MessageChannel,
                      id: &'static str,
                      text: Signal<&'static str>,
                      usable: bool| {
        view! {
            <div class="field--check">
                <input
                    type="radio"
                    class="field__check"
                    name="message-channel"
                    id=id
                    disabled=!usable
                    prop:checked=move || chosen.get() == channel
                    on:change=move |_| chosen.set(channel)
                />
                <label for=id>{text}</label>
            </div>
        }
    };
    view! {
        <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
            <FormAlert message=form.summary() />
            <fieldset id="message-channel">
                <legend>{tr!(me.messages.legend)}</legend>
                {radio(MessageChannel::Email, "message-channel-email", label!(me.messages.email), current.has_email)}
                {radio(MessageChannel::Sms, "message-channel-sms", label!(me.messages.sms), current.has_phone)}
                {(!current.has_phone).then(|| view! { <p class="field__hint">{tr!(me.messages.no_phone)}</p> })}
            </fieldset>
            <button type="submit" class="button">{tr!(me.messages.save)}</button>
            <p class="status" role="status">
                {move || saved.get().then(|| t_string!(i18n, me.messages.saved))}
            </p>
        </form>
    }
}

/// The young person's team: who in the staff may see their details.
#[component]
fn MyTeam() -> impl IntoView {
    let i18n = use_i18n();
    let team = load(Api::current().my_team());
    view! {
        <Card id="me-team" heading=label!(team.mine_heading)>
            <p class="field__hint">{tr!(team.mine_intro)}</p>
            <LoadedList data=team empty=label!(team.mine_empty) empty_class="" let:list>
                        <ul class="plain-list team-list">
                            {list
                                .into_iter()
                                .map(|m| {
                                    // "din kontaktperson" says it all for a contact person by profession.
                                    let own = m.is_contact_person;
                                    let profession = (!own || m.profession != Profession::ContactPerson)
                                        .then_some(m.profession);
                                    let comma = own && profession.is_some();
                                    view! {
                                        <li>
                                            <span class="plain-list__name">{m.name}</span>
                                            " "
                                            <span class="plain-list__meta">
                                                {move || profession.map(|p| profession_label(p, i18n.get_locale()))}
                                                {comma.then_some(", ")}
                                                {own.then(|| tr!(team.mine_contact_person))}
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
            </LoadedList>
        </Card>
    }
}

/// The young people a guardian is guardian of: names only.
#[component]
fn GuardedYouthList() -> impl IntoView {
    let youth = load(Api::current().guarded_youth());
    view! {
        <Card id="me-guarded" heading=label!(me.guardian_heading)>
            <LoadedList data=youth empty=label!(me.guardian_empty) empty_class="" let:list>
                <ul class="plain-list">
                    {list.into_iter().map(|y| view! { <li>{y.name}</li> }).collect_view()}
                </ul>
            </LoadedList>
        </Card>
    }
}

const FORM: &str = "password";

/// Changing one's password: the current one, and the new one twice.
#[component]
pub fn ChangePassword() -> impl IntoView {
    view! {
        <PageShell title=label!(password.title) access=Access::SignedIn heading=label!(password.heading) class="page page--narrow">
            <ChangePasswordForm />
        </PageShell>
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let form = Form::new(FORM, &["current_password", "new_password"]);
    let errors = form.errors;
    let done = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        done.set(false);
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        if current.with_untracked(String::is_empty) {
            problems.push((
                "current_password",
                crate::messages::error_message(locale, "required").to_string(),
            ));
        }
        if let Err((field, message)) =
            check_new_password(&new.get_untracked(), &repeat.get_untracked(), locale)
        {
            problems.push((
                if field == "password" {
                    "new_password"
                } else {
                    field
                },
                message,
            ));
        }
        if !form.check(locale, problems) {
            return;
        }
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        form.submit(Api::current().change_password(request), move |()| {
            current.set(String::new());
            new.set(String::new());
            repeat.set(String::new());
            done.set(true);
        });
    };

    view! {
            <p class="status" role="status">
                {move || done.get().then(|| t_string!(i18n, password.done))}
            </p>
            <FormBox form on_submit=submit button=label!(password.submit)>
                <TextField
                    form
                    name="current_password"
                    label=label!(password.current)
                    value=current
                    input_type="password"
                    autocomplete="current-password"
                />
                <NewPasswordFields form=FORM name="new_password" label=label!(password.new_password) repeat_label=label!(password.repeat) password=new repeat=repeat errors />
            </FormBox>
            <p>
                <A href="/me">{tr!(password.back)}</A>
            </p>
    }
}
