//! Session: where people may go.

use lotsen::session::{Access, after_sign_in, home_path, needs_sign_in, safe_next, sign_in_path};
use lotsen_api::account::{Me, Profession, Role};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn next_accepts_only_paths_on_this_site() {
    for ok in [
        "/staff",
        "/staff/youth/12",
        "/me?x=1",
        "/",
        "/staff/audit#top",
    ] {
        assert_eq!(safe_next(ok), Some(ok), "{ok}");
    }
    let bad = [
        "",
        "staff",
        "//evil.example/staff",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/sign-in",
        "/sign-in/",
        "/sign-in?next=/staff",
        "/staff\n",
        "/st\taff",
    ];
    for bad in bad {
        assert_eq!(safe_next(bad), None, "{bad:?}");
    }
    assert_eq!(safe_next(&format!("/{}", "a".repeat(2000))), None);
}

#[wasm_bindgen_test]
fn each_role_has_a_home() {
    assert_eq!(home_path(Role::Staff), "/staff/today");
    assert_eq!(home_path(Role::Youth), "/home");
    assert_eq!(home_path(Role::Guardian), "/home");
}

#[wasm_bindgen_test]
fn after_signing_in_go_back_or_home() {
    assert_eq!(
        after_sign_in(Some("/staff/audit"), Role::Staff),
        "/staff/audit"
    );
    assert_eq!(after_sign_in(None, Role::Staff), "/staff/today");
    assert_eq!(after_sign_in(None, Role::Youth), "/home");
    assert_eq!(
        after_sign_in(Some("//evil.example"), Role::Guardian),
        "/home"
    );
    assert_eq!(after_sign_in(Some("/sign-in"), Role::Staff), "/staff/today");
}

#[wasm_bindgen_test]
fn the_way_to_sign_in_remembers_the_page() {
    assert_eq!(sign_in_path("/staff"), "/sign-in?next=%2Fstaff");
    assert_eq!(
        sign_in_path("/staff/youth/3?tab=1"),
        "/sign-in?next=%2Fstaff%2Fyouth%2F3%3Ftab%3D1"
    );
    assert_eq!(sign_in_path("/"), "/sign-in");
    assert_eq!(sign_in_path("//evil.example"), "/sign-in");
}

fn person(role: Role, is_admin: bool) -> Me {
    Me {
        id: 1,
        role,
        name: "Test Person".into(),
        profession: (role == Role::Staff).then_some(Profession::ContactPerson),
        is_admin,
        keeps_register: is_admin,
    }
}

#[wasm_bindgen_test]
fn pages_are_for_the_right_people() {
    let staff = person(Role::Staff, false);
    let admin = person(Role::Staff, true);
    let youth = person(Role::Youth, false);
    let guardian = person(Role::Guardian, false);
    for me in [&staff, &admin, &youth, &guardian] {
        assert!(Access::SignedIn.allows(me));
    }
    assert!(Access::Staff.allows(&staff) && Access::Staff.allows(&admin));
    assert!(!Access::Staff.allows(&youth) && !Access::Staff.allows(&guardian));
    assert!(Access::Admin.allows(&admin));
    assert!(!Access::Admin.allows(&staff) && !Access::Admin.allows(&guardian));
    // A youth or guardian flagged admin by mistake is still not staff.
    assert!(!Access::Admin.allows(&person(Role::Youth, true)));
}

#[wasm_bindgen_test]
fn the_signed_in_areas_are_told_from_the_open_pages() {
    for path in [
        "/home",
        "/me",
        "/me/password",
        "/staff",
        "/staff/youth/3",
        "/schedule",
        "/schedule/week/2026-12-07",
        "/booking",
        "/feedback/rate",
        "/applications/new",
        "/plan",
        "/register/people/1",
    ] {
        assert!(needs_sign_in(path), "{path}");
    }
    for path in [
        "/",
        "/sign-in",
        "/invitation",
        "/password-reset",
        "/mex",
        "/schedulex",
        "/planet",
        "/nowhere",
    ] {
        assert!(!needs_sign_in(path), "{path}");
    }
}

/// Every route of the app's table (src/lib.rs) but the open pages is in a
/// signed-in area: a new area cannot be left out of the list `needs_sign_in`
/// reads, as `/plan` and `/register` once were.
#[wasm_bindgen_test]
fn every_route_but_the_open_pages_is_a_signed_in_area() {
    const OPEN: [&str; 4] = ["/", "/sign-in", "/invitation", "/password-reset"];
    let mut routes = 0;
    for line in include_str!("../../src/lib.rs").lines() {
        let Some((_, rest)) = line.split_once("path=path!(\"") else {
            continue;
        };
        let path = rest.split('"').next().unwrap_or_default();
        let path = path.trim_end_matches("/*rest").replace(":id", "1");
        let open = OPEN.contains(&path.as_str());
        assert_eq!(needs_sign_in(&path), !open, "{path}");
        routes += 1;
    }
    assert!(routes > 20, "{routes} routes read from src/lib.rs");
}
