//! Each area's addresses: which page a path names, and which name none.

use wasm_bindgen_test::*;

use crate::support::d;

#[wasm_bindgen_test]
fn application_paths_name_their_page() {
    use lotsen::pages::application::{Route, route};
    assert_eq!(route(""), Route::Start);
    assert_eq!(route("/"), Route::Start);
    assert_eq!(route("mine"), Route::Mine);
    assert_eq!(route("to-decide"), Route::ToDecide);
    assert_eq!(route("youth/5"), Route::Youth(5));
    assert_eq!(route("youth/5/new"), Route::New(5));
    assert_eq!(route("7"), Route::View(7));
    assert_eq!(route("7/"), Route::View(7));
    assert_eq!(route("7/edit"), Route::Edit(7));
    assert_eq!(route("7/receipt"), Route::Receipt(7));
    for bad in [
        "x",
        "0",
        "-1",
        "7/delete",
        "youth/x",
        "youth/5/old",
        "7/edit/more",
    ] {
        assert_eq!(route(bad), Route::NotFound, "{bad}");
    }
}

#[wasm_bindgen_test]
fn schedule_paths_name_their_page() {
    use lotsen::pages::schedule::{Route, route, week_path};
    assert_eq!(route(""), Route::Today);
    assert_eq!(route("/"), Route::Today);
    assert_eq!(route("week"), Route::Week(None));
    assert_eq!(route("week/2026-11-25"), Route::Week(Some(d("2026-11-25"))));
    assert_eq!(route("calendar"), Route::Calendar);
    assert_eq!(route("activities"), Route::Activities);
    assert_eq!(route("activities/new"), Route::NewActivity);
    assert_eq!(route("activities/4"), Route::Activity(4));
    assert_eq!(route("activities/4/edit"), Route::EditActivity(4));
    assert_eq!(route("youth/9"), Route::Youth(9));
    for bad in [
        "x",
        "week/2026-02-30",
        "week/x",
        "activities/0",
        "activities/-1",
        "youth/x",
        "activities/4/x",
    ] {
        assert_eq!(route(bad), Route::NotFound, "{bad}");
    }
    assert_eq!(week_path(d("2026-11-26")), "/schedule/week/2026-11-23");
}

#[wasm_bindgen_test]
fn booking_paths_name_their_page() {
    use lotsen::pages::booking::{Route, route, times_path};
    assert_eq!(route(""), Route::Start);
    assert_eq!(route("new/3"), Route::Person(3));
    assert_eq!(route("new/3/anyone"), Route::Times(3, None));
    assert_eq!(route("new/3/7"), Route::Times(3, Some(7)));
    assert_eq!(route("mine"), Route::Mine);
    assert_eq!(route("mine/12/move"), Route::Move(12));
    assert_eq!(route("staff"), Route::StaffDay(None));
    assert_eq!(
        route("staff/day/2026-11-24"),
        Route::StaffDay(Some(d("2026-11-24")))
    );
    assert_eq!(route("staff/week"), Route::StaffWeek(None));
    assert_eq!(route("staff/book"), Route::StaffBook);
    assert_eq!(route("staff/hours"), Route::Hours);
    assert_eq!(route("staff/time-off"), Route::TimeOff);
    assert_eq!(route("staff/types"), Route::Types);
    assert_eq!(route("staff/types/2"), Route::EditType(2));
    for bad in [
        "x",
        "new/0",
        "new/x/anyone",
        "new/3/x",
        "mine/1",
        "staff/day/2026-02-30",
    ] {
        assert_eq!(route(bad), Route::NotFound, "{bad}");
    }
    assert_eq!(times_path(3, None), "/booking/new/3/anyone");
    assert_eq!(times_path(3, Some(7)), "/booking/new/3/7");
}
