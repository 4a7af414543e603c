//! Reading files the user picked or dropped, one at a time, so one import holds one file in
//! memory at once.

use teamshape_core::format::{MAX_FILE_BYTES, MAX_IMPORT_BYTES, import_too_large, too_large};
use wasm_bindgen_futures::JsFuture;

/// A file's name and bytes, or why it could not be read.
pub struct PickedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Takes the files out of a picker's or a drop's list. Do this before clearing the picker:
/// a `FileList` is live, and clearing the input empties it.
pub fn take(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The files a file input's change event picked, taken out of it; the input is then cleared,
/// so picking the same file again fires another change.
pub fn picked(ev: &web_sys::Event) -> Vec<web_sys::File> {
    use wasm_bindgen::JsCast;
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input.files().map(|list| take(&list)).unwrap_or_default();
    input.set_value("");
    files
}

/// Reads one file of an import. Files over the size limit are not read at all, nor those that
/// would take the import's running `total` of bytes over `MAX_IMPORT_BYTES`.
pub async fn read(file: web_sys::File, total: &mut f64) -> PickedFile {
    let name = file.name();
    let size = file.size();
    let bytes = if size > MAX_FILE_BYTES as f64 {
        Err(too_large(size))
    } else if *total + size > MAX_IMPORT_BYTES as f64 {
        Err(import_too_large())
    } else {
        *total += size;
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
            Err(_) => Err("the browser could not read the file".to_string()),
        }
    };
    PickedFile { name, bytes }
}
