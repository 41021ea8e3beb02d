//! The team section of a young person's record: the contact person and the
//! staff who may open the record, why each was added, and — for the contact
//! person or an administrator — adding and removing members with a reason.

use leptos::prelude::*;
use lotsen_api::people::StaffMember;
use lotsen_api::team::{self, NewTeamMember, RemoveTeamMember, Team, TeamMember};

use crate::api::Api;
use crate::components::data::{Data, Loaded, load, reload};
use crate::components::field::{FormAlert, TextField};
use crate::components::submit::Form;
use crate::format::profession_label;
use crate::forms::{FormErrors, focus_soon};
use crate::i18n::*;
use crate::messages::error_message;

/// "Sven Berg, studie- och yrkesvägledare".
fn who(staff: &StaffMember, locale: Locale) -> String {
    format!(
        "{}, {}",
        staff.name,
        profession_label(staff.profession, locale)
    )
}

/// The team of the young person `youth_id`.
#[component]
pub fn TeamSection(youth_id: i64) -> impl IntoView {
    let api = Api::current();
    let team = load(api.team(youth_id));
    let done = RwSignal::new(None::<String>);
    // The staff to choose among, read once (for those who may change the
    // team), so that the form stays as it is when the list changes.
    let staff = RwSignal::new(None);
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) {
            return true;
        }
        let can_manage = team.with(|t| matches!(t, Some(Ok(t)) if t.can_manage));
        if can_manage {
            reload(staff, api.staff_members());
        }
        can_manage
    });
    view! {
        <section class="card" aria-labelledby="youth-team">
            <h2 id="youth-team">{tr!(team.heading)}</h2>
            <p class="field__hint">{tr!(team.intro)}</p>
            <p class="status" role="status" id="team-status" tabindex="-1">
                {move || done.get()}
            </p>
            <Loaded data=team let:loaded>
                <TeamView youth_id loaded team staff done />
            </Loaded>
        </section>
    }
}

/// A loaded team: the list, and the form when the caller may change it.
#[component]
fn TeamView(
    youth_id: i64,
    loaded: Team,
    team: Data<Team>,
    staff: Data<Vec<StaffMember>>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let can_manage = loaded.can_manage;
    let contact_person = loaded.contact_person.clone();
    let members = loaded.members.clone();
    let removing = RwSignal::new(None::<i64>);
    let exclude: Vec<i64> = members
        .iter()
        .map(|m| m.staff.id)
        .chain(contact_person.iter().map(|c| c.id))
        .collect();
    view! {
        <dl class="details">
            <div class="details__row">
                <dt>{tr!(team.contact_person)}</dt>
                <dd>
                    {move || match &contact_person {
                        Some(c) => who(c, i18n.get_locale()),
                        None => t_string!(i18n, team.no_contact_person).to_string(),
                    }}
                </dd>
            </div>
        </dl>
        {if members.is_empty() {
            view! { <p class="empty">{tr!(team.empty)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list team-list">
                    {members
                        .into_iter()
                        .map(|member| view! { <MemberItem youth_id member can_manage removing team done /> })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {if can_manage {
            view! { <AddMember youth_id exclude team staff done /> }.into_any()
        } else {
            view! { <p>{tr!(team.manage_note)}</p> }.into_any()
        }}
    }
}

const REMOVE_FORM: &str = "team-remove";

/// One member: who, when and why added, and "remove" (with a reason) for
/// managers; one removal form is open at a time (`removing`).
#[component]
fn MemberItem(
    youth_id: i64,
    member: TeamMember,
    can_manage: bool,
    removing: RwSignal<Option<i64>>,
    team: Data<Team>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let form = Form::new(REMOVE_FORM, &["reason"]);
    let errors = form.errors;
    let staff = member.staff.clone();
    let staff_id = staff.id;
    let name = staff.name.clone();
    let date = member.added_at.get(..10).unwrap_or_default().to_string();
    let added_by = member.added_by.clone();
    let added_reason = member.reason.clone();
    let shown = staff.clone();

    let submit = {
        let name = name.clone();
        move |ev: leptos::ev::SubmitEvent| {
            if !form.begin(&ev) {
                return;
            }
            let locale = i18n.get_locale_untracked();
            let checked = match team::reason(&reason.get_untracked()) {
                Ok(checked) => checked,
                Err((field, code)) => {
                    form.check(
                        locale,
                        vec![(field, error_message(locale, code).to_string())],
                    );
                    return;
                }
            };
            let name = name.clone();
            let request = RemoveTeamMember { reason: checked };
            form.submit(
                Api::current().remove_team_member(youth_id, staff_id, request),
                move |updated| {
                    removing.set(None);
                    done.set(Some(
                        td_string!(locale, team.removed_done).replace("{name}", &name),
                    ));
                    team.set(Some(Ok(updated)));
                    focus_soon("team-status");
                },
            );
        }
    };

    let remove_label = {
        let name = name.clone();
        move || format!("{} {}", t_string!(i18n, team.remove), name)
    };
    let confirm_label = {
        let name = name.clone();
        move || td_string!(i18n.get_locale(), team.remove_confirm).replace("{name}", &name)
    };
    view! {
        <li class="team-list__item">
            <span class="plain-list__name">{move || who(&shown, i18n.get_locale())}</span>
            " "
            <span class="plain-list__meta">
                {move || {
                    td_string!(i18n.get_locale(), team.added)
                        .replace("{date}", &date)
                        .replace("{by}", &added_by)
                        .replace("{reason}", &added_reason)
                }}
            </span>
            {can_manage
                .then(|| {
                    view! {
                        <Show
                            when=move || removing.get() == Some(staff_id)
                            fallback=move || {
                                view! {
                                    " "
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        aria-label=remove_label.clone()
                                        on:click=move |_| {
                                            reason.set(String::new());
                                            errors.set(FormErrors::none());
                                            removing.set(Some(staff_id));
                                            focus_soon("team-remove-reason");
                                        }
                                    >
                                        {tr!(team.remove)}
                                    </button>
                                }
                            }
                        >
                            <form class="form" novalidate on:submit=submit.clone() aria-label=confirm_label.clone() aria-busy=form.aria_busy()>
                                <FormAlert message=form.summary() />
                                <TextField
                                    form
                                    name="reason"
                                    label=label!(team.remove_reason)
                                    value=reason
                                />
                                <div class="button-row">
                                    <button type="submit" class="button">{confirm_label.clone()}</button>
                                    <button type="button" class="button button--secondary" on:click=move |_| removing.set(None)>
                                        {tr!(team.cancel)}
                                    </button>
                                </div>
                            </form>
                        </Show>
                    }
                })}
        </li>
    }
}

const ADD_FORM: &str = "team-add";

/// Adds a member of staff, with a reason.
#[component]
fn AddMember(
    youth_id: i64,
    exclude: Vec<i64>,
    team: Data<Team>,
    staff: Data<Vec<StaffMember>>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let form = Form::new(ADD_FORM, &["staff_id", "reason"]);
    let errors = form.errors;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let staff_id = chosen.get_untracked().parse::<i64>().ok();
        if staff_id.is_none() {
            problems.push(("staff_id", error_message(locale, "not_staff").to_string()));
        }
        let checked = team::reason(&reason.get_untracked());
        if let Err((field, code)) = checked {
            problems.push((field, error_message(locale, code).to_string()));
        }
        let (Some(staff_id), Ok(checked)) = (staff_id, checked) else {
            form.check(locale, problems);
            return;
        };
        let name = staff.with_untracked(|s| {
            s.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|list| list.iter().find(|m| m.id == staff_id))
                .map(|m| m.name.clone())
                .unwrap_or_default()
        });
        let request = NewTeamMember {
            staff_id,
            reason: checked,
        };
        form.submit(
            Api::current().add_team_member(youth_id, request),
            move |updated| {
                done.set(Some(
                    td_string!(locale, team.added_done).replace("{name}", &name),
                ));
                team.set(Some(Ok(updated)));
                focus_soon("team-status");
            },
        );
    };

    let staff_error = move || errors.with(|e| e.field("staff_id"));
    view! {
        <h3 id="team-add-heading">{tr!(team.add_heading)}</h3>
        <Loaded data=staff let:list>
            {
                let exclude = exclude.clone();
                let options = list
                    .into_iter()
                    .filter(|m| !exclude.contains(&m.id))
                    .map(|m| {
                        let label = m.clone();
                        view! { <option value=m.id.to_string()>{move || who(&label, i18n.get_locale())}</option> }
                    })
                    .collect_view();
                view! {
                    <form class="form" novalidate on:submit=submit aria-labelledby="team-add-heading" aria-busy=form.aria_busy()>
                        <FormAlert message=form.summary() />
                        <div class="field" class:field--invalid=move || staff_error().is_some()>
                            <label class="field__label" for="team-add-staff_id">{tr!(team.staff)}</label>
                            <select
                                class="field__input"
                                id="team-add-staff_id"
                                name="staff_id"
                                aria-invalid=move || staff_error().is_some().then_some("true")
                                aria-describedby=move || staff_error().is_some().then_some("team-add-staff_id-error")
                                on:change:target=move |ev| chosen.set(ev.target().value())
                            >
                                <option value="">{tr!(team.choose_staff)}</option>
                                {options}
                            </select>
                            {move || staff_error().map(|message| view! { <p class="field__error" id="team-add-staff_id-error">{message}</p> })}
                        </div>
                        <TextField
                            form
                            name="reason"
                            label=label!(team.reason)
                            value=reason
                        />
                        <button type="submit" class="button">{tr!(team.add_submit)}</button>
                    </form>
                }
            }
        </Loaded>
    }
}
