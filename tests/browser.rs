//! Browser tests: run in headless chromium by wasm-bindgen-test (see scripts/test.sh).
//! They cover what only a real browser has: localStorage, its quota, the clock, ids, and the
//! mounted app.
#![cfg(target_arch = "wasm32")]

use teamshape::browser::storage::{StorageProblem, Store, response_key};
use teamshape::browser::{new_id, now};
use teamshape_core::catalog::Catalog;
use teamshape_core::format;
use teamshape_core::questionnaire::Questionnaire;
use teamshape_core::response::{Answer, Response};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

fn questionnaire() -> Questionnaire {
    Questionnaire::builtin().unwrap()
}

#[wasm_bindgen_test]
fn unreadable_value_is_moved_aside_never_overwritten() {
    let storage = local();
    storage.clear().unwrap();
    let raw = "{\"format\":\"teamshape\",\"format_version\":1,\"kind\":\"response\",";
    storage.set_item("teamshape:response:broken", raw).unwrap();

    let (_, loaded, problem) = Store::open(&mut catalog());
    assert_eq!(problem, None);
    assert_eq!(loaded.documents.len(), 0);
    assert_eq!(loaded.damaged.len(), 1);
    let damaged = &loaded.damaged[0];
    assert_eq!(damaged.raw, raw);
    assert!(
        damaged.reason.contains("ends too early"),
        "{}",
        damaged.reason
    );
    assert_eq!(
        storage.get_item(&damaged.backup_key).unwrap().as_deref(),
        Some(raw)
    );
    assert_eq!(storage.get_item("teamshape:response:broken").unwrap(), None);
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_value_that_is_not_valid_utf16_is_moved_aside_code_unit_for_code_unit() {
    use wasm_bindgen::JsValue;
    let storage = local();
    storage.clear().unwrap();
    // `{"a":"<lone surrogate>"`: a Rust string cannot hold it, so it is set from JS.
    let units: Vec<u16> = "{\"a\":\"".encode_utf16().chain([0xD800, 0x22]).collect();
    let raw = JsValue::from(js_sys::JsString::from_char_code(&units));
    js_sys::Reflect::set(&storage, &"teamshape:response:odd".into(), &raw).unwrap();

    let (_, loaded, _) = Store::open(&mut catalog());
    assert_eq!(loaded.damaged.len(), 1);
    let copy = js_sys::Reflect::get(&storage, &loaded.damaged[0].backup_key.as_str().into());
    assert!(copy.unwrap() == raw, "the copy aside is not the original");
    assert_eq!(storage.get_item("teamshape:response:odd").unwrap(), None);
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_written_response_reads_back_and_loads_again() {
    let storage = local();
    storage.clear().unwrap();
    let q = questionnaire();
    let mut response = Response::new(new_id(), &q, now());
    response.set_answer(&q.dimensions[0].items[0].id, Some(Answer::Scale(4)), now());
    response.set_comment(
        &q.dimensions[0].items[0].id,
        "<script>x</script>".into(),
        now(),
    );
    let (store, _, _) = Store::open(&mut catalog());
    let text = format::write_response(&q, &response, None);
    store.write(&response_key(&response.id), &text).unwrap();

    let (_, loaded, _) = Store::open(&mut catalog());
    assert_eq!(loaded.damaged, vec![]);
    assert_eq!(
        loaded.documents,
        vec![(
            response_key(&response.id),
            format::Document::Response(response)
        )]
    );
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_as_full_not_lost_silently() {
    let storage = local();
    storage.clear().unwrap();
    let (store, _, _) = Store::open(&mut catalog());
    // Fill localStorage until the browser refuses.
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    while storage
        .set_item(&format!("filler-{filled}"), &chunk)
        .is_ok()
    {
        filled += 1;
        assert!(filled < 200, "storage never filled up");
    }
    let result = store.write("teamshape:response:big", &"y".repeat(600 * 1024));
    storage.clear().unwrap();
    assert_eq!(result, Err(StorageProblem::Full));
}

#[wasm_bindgen_test]
fn a_document_is_never_replaced_by_an_empty_value() {
    let storage = local();
    storage.clear().unwrap();
    let (store, _, _) = Store::open(&mut catalog());
    store.write("teamshape:response:kept", "{\"a\":1}").unwrap();
    assert_eq!(
        store.write("teamshape:response:kept", ""),
        Err(StorageProblem::NotKept("teamshape:response:kept".into()))
    );
    assert_eq!(
        storage
            .get_item("teamshape:response:kept")
            .unwrap()
            .as_deref(),
        Some("{\"a\":1}")
    );
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
fn clock_and_ids_are_well_formed() {
    let a = now();
    assert_eq!(a.as_str().len(), 24, "{a}");
    let ids: std::collections::HashSet<String> = (0..100).map(|_| new_id()).collect();
    assert_eq!(ids.len(), 100);
    assert!(ids.iter().all(|id| id.len() == 36));
    // Every id the app makes passes the reader's check (v4 UUIDs from getRandomValues).
    assert!(
        ids.iter()
            .all(|id| teamshape_core::limits::is_valid_id(id) && id.as_bytes()[14] == b'4')
    );
}

#[wasm_bindgen_test]
fn the_app_mounts_and_shows_the_home_screen() {
    local().clear().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let host: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(host);
    let handle = leptos::mount::mount_to(host.clone(), teamshape::ui::App);
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("How does your team work?"), "{text}");
    assert!(text.contains("Start a check"));
    assert!(
        host.query_selector("[data-testid=start]")
            .unwrap()
            .is_some()
    );
    drop(handle);
}
