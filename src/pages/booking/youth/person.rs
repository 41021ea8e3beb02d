//! Choosing whom to book.

use super::*;

/// With whom: a person of the profession, or anyone.
#[component]
pub fn PersonPage(id: i64) -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.person_title) />
        <YouthOnly>
            <PersonContent id />
        </YouthOnly>
    }
}

#[component]
pub(crate) fn PersonContent(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session_type = load_type(id);
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking">{tr!(booking.back_to_start)}</A></p>
            <h1>{tr!(booking.person_heading)}</h1>
            {move || match session_type.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(t)) => {
                    let profession = t.profession;
                    let staff = load(Api::current().bookable_staff(profession));
                    view! {
                        <p class="lead">{t.name.clone()} " – " {move || need_label(profession, i18n.get_locale())}</p>
                        <ul class="link-list">
                            <li>
                                <A href=times_path(id, None)>{tr!(booking.anyone)}</A>
                                <p class="note">{tr!(booking.anyone_hint)}</p>
                            </li>
                            {move || match staff.get() {
                                None => view! { <li><Loading /></li> }.into_any(),
                                Some(Err(error)) => view! { <li><ErrorMessage message=error.message().to_string() /></li> }.into_any(),
                                Some(Ok(list)) => list
                                    .into_iter()
                                    .map(|s| view! { <li><A href=times_path(id, Some(s.id))>{s.name}</A></li> })
                                    .collect_view()
                                    .into_any(),
                            }}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
