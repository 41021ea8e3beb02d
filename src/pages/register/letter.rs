//! The letter to print for a windowed envelope, with a neutral sender. The
//! sheet is an A4 page; the print stylesheet (`style/main.css`, "Register:
//! contacts") prints it without margins and hides the site around it, and the
//! recipient's block is placed where the server says the window is (in mm).
//! For protected identity, or with no full address, the server answers with
//! a message instead of a letter, and that message is shown.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::register::contacts::ContactLetterPrint;

use super::entry_path;
use crate::api::Api;
use crate::components::data::{Loaded, load};
use crate::components::shell::PageShell;
use crate::session::Access;

/// Where the recipient's block goes: left, top, width and height as CSS
/// lengths in mm. Set through the CSSOM (`style:` below), which the
/// Content-Security-Policy allows, unlike a `style` attribute.
pub fn window_mm(letter: &ContactLetterPrint) -> [String; 4] {
    let w = letter.window;
    [w.left_mm, w.top_mm, w.width_mm, w.height_mm].map(|mm| format!("{mm}mm"))
}

/// The letter page.
#[component]
pub fn LetterPage(id: i64) -> impl IntoView {
    let letter = load(Api::current().register_letter(id));
    let print = move |_| {
        // Printing can only fail when the browser has no print dialog: nothing to do then.
        let _ = window().print();
    };
    view! {
        <PageShell title=label!(register.contacts.letter_title) access=Access::Staff>
            <div class="page page--wide letter-page">
                <div class="no-print">
                    <p class="breadcrumb"><A href=entry_path(id)>{tr!(register.contacts.back_to_entry)}</A></p>
                    <h1>{tr!(register.contacts.letter_heading)}</h1>
                </div>
                <Loaded data=letter let:letter>
                    <div class="no-print">
                        <p>{tr!(register.contacts.letter_intro)}</p>
                        <button type="button" class="button" on:click=print>{tr!(register.contacts.print)}</button>
                    </div>
                    <Sheet letter />
                </Loaded>
            </div>
        </PageShell>
    }
}

/// The A4 sheet: sender, recipient in the window, date, subject and text.
#[component]
fn Sheet(letter: ContactLetterPrint) -> impl IntoView {
    let [left, top, width, height] = window_mm(&letter);
    let lang = letter.lang.map(|l| l.tag());
    let line = |l: String| view! { <span class="letter__line">{l}</span> };
    let paragraphs = letter
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p class="letter__text">{p.to_string()}</p> })
        .collect_view();
    view! {
        <div class="letter-wrap">
            <article class="letter" lang=lang aria-label=label!(register.contacts.letter_label)>
                <div class="letter__sender">{letter.sender.into_iter().map(line).collect_view()}</div>
                <div class="letter__address" style:left=left style:top=top style:width=width style:height=height>
                    {letter.address.into_iter().map(line).collect_view()}
                </div>
                <div class="letter__content">
                    <p class="letter__date">{letter.date.to_string()}</p>
                    <h2 class="letter__subject">{letter.subject}</h2>
                    {paragraphs}
                </div>
            </article>
        </div>
    }
}
