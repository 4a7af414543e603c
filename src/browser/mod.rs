//! The thin shell over browser APIs: storage, clock and ids, downloads, reading files.
//! Depends on `domain`; never on `ui`.

pub mod files;
pub mod storage;

use crate::domain::time::Timestamp;
use wasm_bindgen::JsCast;

/// Now, from the browser's clock.
pub fn now() -> Timestamp {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // toISOString always gives the canonical form; the fallback only guards against a broken
    // clock (years past 9999), where an old time is better than a crash.
    Timestamp::parse(&iso).unwrap_or_else(|_| Timestamp::epoch())
}

/// A random id (UUID v4) for responses and team checks; random so that files from different
/// devices never collide and importing the same file twice is recognised.
pub fn new_id() -> String {
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        return crypto.random_uuid();
    }
    // Very old browsers: Math.random is enough to tell one respondent from another.
    format!(
        "{:016x}{:016x}",
        (js_sys::Math::random() * 2f64.powi(53)) as u64,
        (js_sys::Math::random() * 2f64.powi(53)) as u64
    )
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

/// The team-check response being filled in this tab, if any. Kept in sessionStorage: it
/// survives a reload of this tab, but not the hand-over, and no other tab sees it.
pub fn filling() -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()??
        .get_item(FILLING_KEY)
        .ok()?
}

pub fn set_filling(response: Option<&str>) {
    let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return;
    };
    let _ = match response {
        Some(id) => storage.set_item(FILLING_KEY, id),
        None => storage.remove_item(FILLING_KEY),
    };
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
