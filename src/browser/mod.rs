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

// ---- Issue 15: links ----------------------------------------------------------------------

const JOINED_KEY: &str = "teamshape:joined";

/// The response this tab started from an invitation (on the person's own device): its survey
/// ends at "Share my answers" rather than at the hand-over of a shared device. In sessionStorage,
/// like `filling`; nothing when site data is blocked (the hand-over then ends the survey).
pub fn joined() -> Option<String> {
    session_storage()?.get_item(JOINED_KEY).ok()?
}

pub fn set_joined(response: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(JOINED_KEY, response);
    }
}

/// The page's address without its fragment: what a link the app makes starts with.
pub fn app_address() -> String {
    // Through Reflect, whose import the first load has anyway, rather than a new import.
    let href = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.location(), &"href".into()).ok())
        .and_then(|href| href.as_string())
        .unwrap_or_default();
    match href.find('#') {
        Some(at) => href[..at].to_string(),
        None => href,
    }
}

/// Calls `object[name]()` if it is a function: `select()` on a text field, without one more
/// import in the first load.
pub fn call_method(object: &wasm_bindgen::JsValue, name: &str) {
    if let Some(function) = js_sys::Reflect::get(object, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = function.call1(object, &wasm_bindgen::JsValue::UNDEFINED);
    }
}

/// `navigator[name]`, when the browser has it: the clipboard and the share sheet are missing
/// on plain HTTP and in some browsers, so both are looked up, never assumed.
fn navigator_function(
    owner: &str,
    name: &str,
) -> Option<(wasm_bindgen::JsValue, js_sys::Function)> {
    let window: wasm_bindgen::JsValue = web_sys::window()?.into();
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
    let this = if owner.is_empty() {
        navigator
    } else {
        js_sys::Reflect::get(&navigator, &owner.into()).ok()?
    };
    let function = js_sys::Reflect::get(&this, &name.into()).ok()?;
    function.dyn_into().ok().map(|f| (this, f))
}

/// Waits for what `writeText` and `share` return: always a promise, so not checked (that
/// check would be one more import in the first load).
async fn settle(promise: wasm_bindgen::JsValue) -> bool {
    wasm_bindgen_futures::JsFuture::from(promise.unchecked_into::<js_sys::Promise>())
        .await
        .is_ok()
}

/// Copies `text` to the clipboard; `false` when the browser has no clipboard or refused.
pub async fn copy_text(text: &str) -> bool {
    let Some((clipboard, write)) = navigator_function("clipboard", "writeText") else {
        return false;
    };
    match write.call1(&clipboard, &text.into()) {
        Ok(promise) => settle(promise).await,
        Err(_) => false,
    }
}

/// Whether the system share sheet (Web Share API) is there.
pub fn can_share() -> bool {
    navigator_function("", "share").is_some()
}

/// Opens the system share sheet with a title and a link; `false` when cancelled or missing.
pub async fn share(title: &str, url: &str) -> bool {
    let Some((navigator, share)) = navigator_function("", "share") else {
        return false;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    match share.call1(&navigator, &data) {
        Ok(promise) => settle(promise).await,
        Err(_) => false,
    }
}
