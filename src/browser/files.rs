//! Reading files the user picked or dropped.

use crate::domain::format::{MAX_FILE_BYTES, too_large};
use wasm_bindgen_futures::JsFuture;

/// A file's name and bytes, or why it could not be read.
pub struct PickedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Reads every file in the list. Files over the size limit are not read at all.
pub async fn read_all(files: web_sys::FileList) -> Vec<PickedFile> {
    let mut picked = Vec::with_capacity(files.length() as usize);
    for index in 0..files.length() {
        let Some(file) = files.item(index) else {
            continue;
        };
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
