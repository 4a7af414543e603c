//! Downloads for spreadsheets and slides (issue 13): text of any type, and a PNG drawn from an
//! SVG in the browser (an image of the SVG painted on a canvas). Used only by the history
//! screens, so this lands in their wasm module.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

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

/// Draws `svg` (`width` × `height` pixels, scaled by `scale`) on a canvas and offers it as a PNG
/// named `file_name`; `done` gets the outcome once the image has loaded and been encoded.
pub fn download_png(
    file_name: String,
    svg: &str,
    (width, height): (u32, u32),
    scale: u32,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    let started = (|| {
        let url = web_sys::Url::create_object_url_with_blob(&blob(svg, "image/svg+xml")?)
            .map_err(|_| fail("url"))?;
        let image = web_sys::HtmlImageElement::new().map_err(|_| fail("image"))?;
        let canvas: web_sys::HtmlCanvasElement = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| fail("canvas"))?;
        canvas.set_width(width * scale);
        canvas.set_height(height * scale);
        Ok::<_, String>((url, image, canvas))
    })();
    let (url, image, canvas) = match started {
        Ok(parts) => parts,
        Err(problem) => return done(Err(problem)),
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |outcome: Result<(), String>| {
            if let Some(done) = done.borrow_mut().take() {
                done(outcome);
            }
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
    let loaded = image.clone();
    let source = url.clone();
    let on_load = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        let Some(context) = context else {
            return finish(Err(fail("canvas")));
        };
        let (w, h) = (f64::from(width * scale), f64::from(height * scale));
        if context
            .draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, w, h)
            .is_err()
        {
            return finish(Err(fail("drawing")));
        }
        let on_blob = {
            let finish = finish.clone();
            Closure::once_into_js(move |png: Option<web_sys::Blob>| {
                finish(match png {
                    Some(png) => save(&file_name, &png),
                    None => Err(fail("PNG")),
                });
            })
        };
        if canvas.to_blob(on_blob.unchecked_ref()).is_err() {
            finish(Err(fail("PNG")));
        }
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_onerror(Some(on_error.unchecked_ref()));
    image.set_src(&url);
}
