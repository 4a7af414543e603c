//! Reading files the user picked or dropped.

use crate::domain::format::{MAX_FILE_BYTES, too_large};
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

/// Reads every file. Files over the size limit are not read at all.
pub async fn read_all(files: Vec<web_sys::File>) -> Vec<PickedFile> {
    let mut picked = Vec::with_capacity(files.len());
    for file in files {
        let name = file.name();
        let bytes = if file.size() > MAX_FILE_BYTES as f64 {
            Err(too_large(file.size()))
        } else {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
                Err(_) => Err("the browser could not read the file".to_string()),
            }
        };
        picked.push(PickedFile { name, bytes });
    }
    picked
}
