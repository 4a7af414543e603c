//! localStorage, used so that nothing a user entered is ever silently lost.
//!
//! - One document per key (`teamshape:response:<id>`, `teamshape:team-check:<id>`), each a full
//!   teamshape file, so one damaged value never takes the others with it.
//! - A value that cannot be read is moved aside to a `teamshape-damaged:` key, never
//!   overwritten, and reported so the user can download it as it was.
//! - A good document this app cannot read (another questionnaire version, a newer format) stays
//!   where it is, untouched; so does a damaged one that could not be moved aside. Such keys are
//!   protected: this tab never writes or removes them.
//! - Usage is measured in UTF-16 code units, what the quota counts, to warn before it is full.
//! - Every write is read back. A full quota or disabled storage switches the app to memory only,
//!   and the UI keeps a warning up with "Download everything now".
//!
//! We call `web_sys::Storage` directly rather than gloo-storage: gloo's `LocalStorage::raw()`
//! panics (`expect_throw`) when storage is disabled, which is exactly the case we must survive.

use js_sys::Reflect;
use std::cell::RefCell;
use teamshape_core::catalog::Catalog;
use teamshape_core::format::{self, Document};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

/// What browsers allow one origin in localStorage, in UTF-16 code units (Chrome, Firefox and
/// Safari: 5 MiB of them, keys included). An estimate: the browser does not tell.
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;
/// Warn from this share of `QUOTA_UNITS` on, while there is still room to act.
pub const WARN_AT_PERCENT: usize = 80;

thread_local! {
    /// Keys this tab must never write or remove: values it could not read and left in place.
    /// A few at most: a `Vec` costs less wasm than a set.
    static PROTECTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Leaves `key` alone for the rest of the visit.
pub fn protect(key: &str) {
    if !is_protected(key) {
        PROTECTED.with(|p| p.borrow_mut().push(key.to_string()));
    }
}

fn is_protected(key: &str) -> bool {
    PROTECTED.with(|p| p.borrow().iter().any(|k| k == key))
}

pub const PREFIX: &str = "teamshape:";
const DAMAGED_PREFIX: &str = "teamshape-damaged:";
pub const SETTINGS_KEY: &str = "teamshape:settings";
/// The questionnaire being edited (`editor::Draft`), saved as it is typed. Not a document: it
/// may be unfinished, so it is read by the editor only, never at start-up.
pub const DRAFT_KEY: &str = "teamshape:editor-draft";

pub fn response_key(id: &str) -> String {
    format!("{PREFIX}response:{id}")
}

pub fn team_check_key(id: &str) -> String {
    format!("{PREFIX}team-check:{id}")
}

const QUESTIONNAIRE_KEYS: &str = "teamshape:questionnaire:";

/// A questionnaire someone made or imported: one key per id and version (the catalog refuses a
/// second questionnaire with the same id and version, so one key never holds two).
pub fn questionnaire_key(id: &str, version: u32) -> String {
    format!("{QUESTIONNAIRE_KEYS}{id}:{version}")
}

/// Why storage cannot be used; shown in the persistent warning.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageProblem {
    /// The browser refuses storage (disabled, private mode, sandboxed frame).
    Unavailable(String),
    /// The quota is full.
    Full,
    /// A write did not read back the same.
    NotKept(String),
    /// The key holds data this app could not read and left in place.
    Protected(String),
}

impl StorageProblem {
    pub fn message(&self) -> String {
        match self {
            StorageProblem::Unavailable(why) => format!(
                "This browser does not let teamshape save ({why}). Your answers are kept only \
                 while this tab is open."
            ),
            StorageProblem::Full => "This browser's storage for teamshape is full. Your answers \
                                     are kept only while this tab is open."
                .to_string(),
            StorageProblem::NotKept(key) => format!(
                "Saving to this browser failed ({key} did not read back). Your answers are \
                 kept only while this tab is open."
            ),
            StorageProblem::Protected(key) => format!(
                "{key} holds saved data this teamshape could not read, kept as it was. So as not \
                 to overwrite it, your changes to it are kept only while this tab is open."
            ),
        }
    }
}

/// A stored value that could not be read, now kept under `backup_key`.
#[derive(Debug, Clone, PartialEq)]
pub struct Damaged {
    pub key: String,
    pub backup_key: String,
    pub reason: String,
    /// The value exactly as it was, for "Download the damaged data".
    pub raw: String,
}

/// A stored value left where it is, untouched: a good document of another version, or a
/// damaged one that could not be moved aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub key: String,
    /// What it is, in the user's words.
    pub reason: String,
}

/// Everything read at start-up.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Each with the key it was read from.
    pub documents: Vec<(String, Document)>,
    pub settings: Option<String>,
    pub damaged: Vec<Damaged>,
    pub kept: Vec<Kept>,
}

/// The key a document belongs under; none for a backup, which is never stored.
pub fn key_of(document: &Document) -> Option<String> {
    match document {
        Document::Response(r) => Some(response_key(&r.id)),
        Document::TeamCheck(c) => Some(team_check_key(&c.id)),
        Document::Questionnaire(q) => Some(questionnaire_key(&q.id, q.version)),
        Document::Backup(_) => None,
    }
}

/// The app's handle on localStorage: `persistent: false` means memory only. It holds no browser
/// object (looked up on each use, which is cheap) so it can be copied into any closure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Store {
    persistent: bool,
}

fn local_storage() -> Result<Storage, StorageProblem> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(storage))) => Ok(storage),
        Some(Err(error)) => Err(StorageProblem::Unavailable(js_error_text(&error))),
        _ => Err(StorageProblem::Unavailable("no localStorage".to_string())),
    }
}

fn js_error_text(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Quota errors differ by browser: Chrome and Safari say `QuotaExceededError` (code 22),
/// Firefox `NS_ERROR_DOM_QUOTA_REACHED` (code 1014). Check the name and the code.
fn is_quota_error(error: &wasm_bindgen::JsValue) -> bool {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        let name = exception.name();
        return name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || exception.code() == 22
            || exception.code() == 1014;
    }
    false
}

impl Store {
    /// Opens localStorage and reads every teamshape document in it. Nothing is written here
    /// except moving damaged values aside, which only ever adds a key.
    /// A team check carrying a questionnaire `catalog` lacks adds it to `catalog`.
    pub fn open(catalog: &mut Catalog) -> (Store, Loaded, Option<StorageProblem>) {
        let storage = match local_storage() {
            Ok(storage) => storage,
            Err(problem) => return (Store::memory(), Loaded::default(), Some(problem)),
        };
        let store = Store { persistent: true };
        let mut loaded = Loaded::default();
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(PREFIX))
            .collect();
        // Questionnaires first: the responses made with them are read against the catalog.
        let questionnaire = |key: &&String| key.starts_with(QUESTIONNAIRE_KEYS);
        let (first, rest): (Vec<&String>, Vec<&String>) = keys.iter().partition(questionnaire);
        for key in first.into_iter().chain(rest) {
            let key = key.clone();
            let Ok(Some(raw)) = storage.get_item(&key) else {
                continue;
            };
            if key == SETTINGS_KEY {
                loaded.settings = Some(raw);
                continue;
            }
            if key == DRAFT_KEY {
                continue;
            }
            match format::read(&key, raw.as_bytes(), catalog) {
                Ok(read) => {
                    for questionnaire in read.questionnaires {
                        let _ = catalog.add(questionnaire);
                    }
                    loaded.documents.push((key, read.document));
                }
                Err(error) if error.is_damage() => {
                    let damaged = store.move_aside(&key, raw, error.reason());
                    if is_protected(&key) {
                        loaded.kept.push(Kept {
                            key,
                            reason: format!("{} (it could not be moved aside)", damaged.reason),
                        });
                    } else {
                        loaded.damaged.push(damaged);
                    }
                }
                Err(error) => loaded.kept.push(Store::keep(key, &error)),
            }
        }
        (store, loaded, None)
    }

    /// Leaves a value this app cannot read where it is, and says what it is.
    pub fn keep(key: String, error: &format::ReadError) -> Kept {
        protect(&key);
        Kept {
            reason: error.reason(),
            key,
        }
    }

    /// The text stored under `key`, if any.
    pub fn read(&self, key: &str) -> Option<String> {
        self.storage().ok()?.get_item(key).ok()?
    }

    /// UTF-16 code units held by this origin's localStorage, keys included: what the quota
    /// counts. Lengths are taken from the browser's strings, without copying the values.
    pub fn usage(&self) -> Option<usize> {
        let storage = self.storage().ok()?;
        let mut units = 0;
        for i in 0..storage.length().ok()? {
            let key = storage.key(i).ok()??;
            let value = Reflect::get(&storage, &JsValue::from_str(&key)).ok()?;
            units += key.encode_utf16().count()
                + value
                    .dyn_ref::<js_sys::JsString>()
                    .map_or(0, |v| v.length() as usize);
        }
        Some(units)
    }

    /// A store that never persists, for when the browser gives us none.
    pub fn memory() -> Store {
        Store { persistent: false }
    }

    pub fn is_persistent(&self) -> bool {
        self.persistent
    }

    fn storage(&self) -> Result<Storage, StorageProblem> {
        if self.persistent {
            local_storage()
        } else {
            Err(StorageProblem::Unavailable("storage is off".to_string()))
        }
    }

    /// Moves an unreadable value to a `teamshape-damaged:` key. `raw` is for the banner's
    /// download; the copy is made from the browser's own string, never from `raw`.
    pub fn move_aside(&self, key: &str, raw: String, reason: String) -> Damaged {
        let stamp = js_sys::Date::now() as u64;
        let backup_key = format!("{DAMAGED_PREFIX}{stamp}:{key}");
        if let Ok(storage) = self.storage() {
            // Copy first, remove only once the copy is known to be there. Copied and compared
            // as JS strings (storage[key]): text that is not valid UTF-16, such as a lone
            // surrogate, reaches Rust with U+FFFD in its place, and that is not "untouched".
            let (from, to) = (JsValue::from_str(key), JsValue::from_str(&backup_key));
            let copied = Reflect::get(&storage, &from).is_ok_and(|value| {
                value.is_string()
                    && Reflect::set(&storage, &to, &value).is_ok()
                    && Reflect::get(&storage, &to).is_ok_and(|back| back == value)
            });
            if copied && storage.remove_item(key).is_ok() {
                return Damaged {
                    key: key.to_string(),
                    backup_key,
                    reason,
                    raw,
                };
            }
        }
        // Not moved (full quota, or storage off): it stays where it is, and nothing may
        // overwrite it, not even an import of a document with the same id.
        protect(key);
        Damaged {
            key: key.to_string(),
            backup_key,
            reason,
            raw,
        }
    }

    /// Writes one document and reads it back.
    pub fn write(&self, key: &str, value: &str) -> Result<(), StorageProblem> {
        // Never replace a document with nothing (the writer's stand-in if it ever failed).
        if value.is_empty() {
            return Err(StorageProblem::NotKept(key.to_string()));
        }
        if is_protected(key) {
            return Err(StorageProblem::Protected(key.to_string()));
        }
        let storage = self.storage()?;
        if let Err(error) = storage.set_item(key, value) {
            return Err(if is_quota_error(&error) {
                StorageProblem::Full
            } else {
                StorageProblem::Unavailable(js_error_text(&error))
            });
        }
        match storage.get_item(key) {
            Ok(Some(back)) if back == value => Ok(()),
            _ => Err(StorageProblem::NotKept(key.to_string())),
        }
    }

    pub fn remove(&self, key: &str) -> Result<(), StorageProblem> {
        if !self.persistent {
            return Ok(());
        }
        if is_protected(key) {
            return Err(StorageProblem::Protected(key.to_string()));
        }
        self.storage()?
            .remove_item(key)
            .map_err(|e| StorageProblem::Unavailable(js_error_text(&e)))
    }

    pub fn write_settings(&self, value: &str) -> Result<(), StorageProblem> {
        self.write(SETTINGS_KEY, value)
    }
}
