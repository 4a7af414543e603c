//! Downloads for spreadsheets and slides (issue 13): text of any type, and a PNG drawn from an
//! SVG in the browser (an image of the SVG painted on a canvas). Used only by the history
//! screens, so this lands in their wasm module.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

fn fail(what: &str) -> String {
    format!("The download could not start ({what}).")
}

fn blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))
}

/// Offers `blob` as a file named `file_name`.
pub fn save(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| fail("url"))?;
    let anchor: web_sys::HtmlAnchorElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into().ok())
        .ok_or_else(|| fail("link"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoke later: some browsers start reading the blob only after click() returns.
    super::after(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// Offers `text` as a file of type `mime` (a CSV, an SVG).
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    save(file_name, &blob(text, mime)?)
}

/// A method of a browser object, looked up by name: the canvas and image are driven through
/// `Reflect` and `Function`, which the main module imports anyway, because wasm-split keeps
/// every import (and wasm-bindgen its glue) in the first load.
fn method(target: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(target, &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Draws `svg` (`width` × `height` pixels, scaled by `scale`) on a canvas and offers it as a PNG
/// named `file_name`; `done` gets the outcome once the image has loaded and been encoded.
pub fn download_png(
    file_name: String,
    svg: &str,
    (width, height): (u32, u32),
    scale: u32,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    let (w, h) = (width * scale, height * scale);
    // The SVG has a viewBox: drawn at a larger width and height, it is scaled, not cropped.
    let svg = svg.replacen(
        &format!("width=\"{width}\" height=\"{height}\""),
        &format!("width=\"{w}\" height=\"{h}\""),
        1,
    );
    let started = (|| {
        let url = web_sys::Url::create_object_url_with_blob(&blob(&svg, "image/svg+xml")?)
            .map_err(|_| fail("url"))?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| fail("no document"))?;
        let image = document.create_element("img").map_err(|_| fail("image"))?;
        let canvas = document
            .create_element("canvas")
            .map_err(|_| fail("canvas"))?;
        canvas
            .set_attribute("width", &w.to_string())
            .and_then(|()| canvas.set_attribute("height", &h.to_string()))
            .map_err(|_| fail("canvas"))?;
        Ok::<_, String>((url, image, canvas))
    })();
    let (url, image, canvas) = match started {
        Ok(parts) => parts,
        Err(problem) => return done(Err(problem)),
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = move |outcome: Result<(), String>| {
        if let Some(done) = done.borrow_mut().take() {
            done(outcome);
        }
    };
    let on_error = {
        let finish = finish.clone();
        let url = url.clone();
        Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
            finish(Err(fail("the chart did not load as an image")));
        })
    };
    let loaded: JsValue = image.clone().into();
    let source = url.clone();
    let on_load = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let canvas: JsValue = canvas.into();
        let context =
            method(&canvas, "getContext").and_then(|f| f.call1(&canvas, &"2d".into()).ok());
        let drawn = context.as_ref().and_then(|context| {
            method(context, "drawImage")?
                .call3(context, &loaded, &0.into(), &0.into())
                .ok()
        });
        if drawn.is_none() {
            return finish(Err(fail("drawing")));
        }
        let on_blob = {
            let finish = finish.clone();
            Closure::once_into_js(move |png: JsValue| {
                finish(match png.dyn_into::<web_sys::Blob>() {
                    Ok(png) => save(&file_name, &png),
                    Err(_) => Err(fail("PNG")),
                });
            })
        };
        let asked = method(&canvas, "toBlob").and_then(|f| f.call1(&canvas, &on_blob).ok());
        if asked.is_none() {
            finish(Err(fail("PNG")));
        }
    });
    let _ = js_sys::Reflect::set(&image, &"onload".into(), &on_load);
    let _ = js_sys::Reflect::set(&image, &"onerror".into(), &on_error);
    if image.set_attribute("src", &url).is_err() {
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}
