//! The thin shell over browser APIs: storage, clock and ids, downloads, reading files.
//! Depends on `domain`; never on `ui`.

pub mod export;
pub mod files;
pub mod storage;

use std::cell::RefCell;
use teamshape_core::limits::uuid_v4;
use teamshape_core::time::Timestamp;
use wasm_bindgen::JsCast;

/// Now, from the browser's clock.
pub fn now() -> Timestamp {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // toISOString always gives the canonical form; the fallback only guards against a broken
    // clock (years past 9999), where an old time is better than a crash.
    Timestamp::parse(&iso).unwrap_or_else(|_| Timestamp::epoch())
}

/// A day from now: later times in an imported file mean a wrong clock (they would win every
/// later merge), so such files are refused.
pub fn tomorrow() -> Timestamp {
    let date = js_sys::Date::new(&(js_sys::Date::now() + 86_400_000.0).into());
    Timestamp::parse(&String::from(date.to_iso_string())).unwrap_or_else(|_| Timestamp::epoch())
}

/// A random id (UUID v4) for responses and team checks; random so that files from different
/// devices never collide and importing the same file twice is recognised.
///
/// Built from `crypto.getRandomValues`, which works everywhere; `crypto.randomUUID` exists only
/// in secure contexts, so not on a plain-HTTP LAN address.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let random = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !random {
        // No Web Crypto at all: Math.random is enough to tell one respondent from another.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, text: &str) -> Result<(), String> {
    let fail = |what: &str| format!("The download could not start ({what}).");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("link"))?
        .dyn_into()
        .map_err(|_| fail("link"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoke later: some browsers start reading the blob only after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

const FILLING_KEY: &str = "teamshape:filling";

thread_local! {
    /// The hand-over state when sessionStorage is blocked: kept for this page only.
    static FILLING: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The team-check response being filled in this tab, if any. Kept in sessionStorage: it
/// survives a reload of this tab, but not the hand-over, and no other tab sees it. With site
/// data blocked (sessionStorage throws) it is kept in memory, for this page.
pub fn filling() -> Option<String> {
    match session_storage() {
        Some(storage) => storage.get_item(FILLING_KEY).ok()?,
        None => FILLING.with(|f| f.borrow().clone()),
    }
}

pub fn set_filling(response: Option<&str>) {
    FILLING.with(|f| *f.borrow_mut() = response.map(str::to_string));
    if let Some(storage) = session_storage() {
        let _ = match response {
            Some(id) => storage.set_item(FILLING_KEY, id),
            None => storage.remove_item(FILLING_KEY),
        };
    }
}

/// Runs `callback` once after `millis`.
pub fn after(millis: i32, callback: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(callback);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            millis,
        );
    }
}
