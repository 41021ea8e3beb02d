//! The guardian's home (`/home`, where they land after signing in): the
//! applications waiting for their signature and where each stands; nothing
//! else of the young person's. One read, `GET /api/guardian/home`.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::home::GuardianApplication;

use crate::api::Api;
use crate::components::card::ListCard;
use crate::components::data::{Loaded, load};
use crate::pages::application::texts::status;

/// The applications: those waiting for the guardian first, then the rest.
#[component]
pub fn GuardianHomeContent() -> impl IntoView {
    let home = load(Api::current().guardian_home());
    view! {
        <Loaded data=home let:home>
            {
                let (waiting, other): (Vec<_>, Vec<_>) =
                    home.applications.into_iter().partition(GuardianApplication::waits_for_me);
                view! {
                    <ListCard
                        id="home-to-sign"
                        heading=label!(home.guardian.to_sign_heading)
                        empty=label!(home.guardian.to_sign_empty)
                        items=applications(waiting)
                    />
                    <ListCard id="home-other" heading=label!(home.guardian.other_heading) items=applications(other) />
                }
            }
        </Loaded>
    }
}

/// Each application: whose, where it stands, the guardians' signatures, and a link.
fn applications(list: Vec<GuardianApplication>) -> Vec<AnyView> {
    list.into_iter().map(|a| {
                let waits = a.waits_for_me();
                view! {
                    <li class="youth-list__item">
                        <p class="youth-list__name">{a.youth_name}</p>
                        <p class="youth-list__meta">
                            <span>{crate::text::text(status(a.status))}</span>
                            <span>{tr!(home.guardian.signed)} " " {format!("{}/{}", a.guardians_signed, a.guardians)}</span>
                        </p>
                        <p>
                            <A href=format!("/applications/{}", a.id)>
                                {tr_if!(waits, home.guardian.read_and_sign, home.guardian.see_application)}
                            </A>
                        </p>
                    </li>
                }
                .into_any()
            }).collect()
}
