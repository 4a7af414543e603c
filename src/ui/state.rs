//! The app's state: a few signals in one context, and the only place that writes to storage.
//!
//! Every change goes through a method here that updates the signal and writes that one document
//! straight away, so an answer is saved the moment it is given.
//!
//! The writer (documents to JSON) is a wasm module of its own, fetched right after the first
//! screen (`ToWrite`, `persist`): the first load only reads. Until it is here, the latest
//! document per key waits in memory and is written the moment it arrives; from then on every
//! write happens at once, as before.

use super::count;
use crate::browser::files::read as read_file;
use crate::browser::storage::{self, Damaged, Kept, StorageProblem, Store};
use crate::browser::{download, new_id, now};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::BTreeSet;
use teamshape_core::catalog::{Added, Catalog};
use teamshape_core::editor::{self, Draft, Revision};
use teamshape_core::format::{self, Document, ReadError};
use teamshape_core::limits::derived_id;
use teamshape_core::link;
use teamshape_core::questionnaire::{Questionnaire, QuestionnaireRef};
use teamshape_core::response::Response;
use teamshape_core::team::{
    Anonymity, Import, Merged, Shown, TeamCheck, TeamFigures, next_shown, same_person,
};
use teamshape_core::time::Timestamp;

/// A document to write as text, owned: the writer may run a moment later (see the module's
/// comment).
pub enum ToWrite {
    Response(Questionnaire, Response),
    Check(Questionnaire, TeamCheck),
    Questionnaire(Questionnaire),
    Backup(Catalog, Vec<Response>, Vec<TeamCheck>, Timestamp),
    /// Stored by another tab, as it was stored: read and merged, not written (`Job::Absorb`).
    Stored(String),
}

/// The writer, in a wasm module of its own (`write`): the format's writing code is about a
/// twentieth of the first load, and nothing on the first screen writes (docs/PERFORMANCE.md).
/// Does one queued job (`AppState::flush`): saving, moving or downloading a document written
/// as text, or merging in what another tab stored. One function, so one entry in the loader.
#[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(write, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_writer)))]
fn run_job(
    state: AppState,
    job: Job,
    document: ToWrite,
) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    match (job, document) {
        (Job::Absorb(key), ToWrite::Stored(text)) => state.absorb_stored(&key, &text),
        (Job::Download(name), document) => state.download(&name, &text_of(document), ""),
        (Job::Save(key), document) => state.report(state.store.write(&key, &text_of(document))),
        (Job::Move { from, to }, document) => {
            if state.store.write(&to, &text_of(document)).is_ok() {
                let _ = state.store.remove(&from);
            }
        }
        (Job::Absorb(_), _) => {}
    }
    Ok(())
}

fn text_of(document: ToWrite) -> String {
    match document {
        ToWrite::Stored(text) => text,
        ToWrite::Response(q, response) => format::write_response(&q, &response, None),
        ToWrite::Check(q, check) => format::write_team_check(&q, &check, None),
        ToWrite::Questionnaire(q) => format::write_questionnaire(&q, None),
        ToWrite::Backup(catalog, responses, checks, at) => {
            format::write_backup(&catalog, &responses, &checks, &at)
        }
    }
}

/// What to do with a document once it is text.
pub enum Job {
    /// Write it under this storage key.
    Save(String),
    /// A stored value found under the wrong key: write it under `to`, then remove `from`.
    Move { from: String, to: String },
    /// Download it as a file of this name.
    Download(String),
    /// Another tab stored it under this key: merge it in (`on_storage_event`).
    Absorb(String),
}

/// Whether the writer's module is here: nothing asked for it yet, on its way, or here.
#[derive(Clone, Copy, PartialEq)]
enum Writer {
    Absent,
    Loading,
    Here,
}

thread_local! {
    static WRITER: Cell<Writer> = const {
        Cell::new(if cfg!(feature = "split") { Writer::Absent } else { Writer::Here })
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// Small preferences, kept under one key.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    /// The home screen says once that browsers may evict stored data.
    pub eviction_notice_dismissed: bool,
    /// Per team check, the respondents its shown figures include, as "check-id id id …" (ids
    /// never hold spaces); a check is absent until its results are revealed on this device.
    /// Kept here, on this device only, so that a reload cannot show figures that changed by one
    /// person (see `team::next_shown`). A list of strings, because its reader is already in the
    /// wasm for the questionnaire; a map of sets would add its own.
    pub shown: Vec<String>,
    /// Questionnaires sent to others ("id version"): editing one makes a new version even if
    /// nobody answered on this device, since people elsewhere may have.
    pub shared_questionnaires: Vec<String>,
    /// A turn on a shared device: every statement on one page (`Some(true)`), one dimension
    /// per page (`Some(false)`), or as fits the screen (`None`: one page on a laptop).
    pub one_page: Option<bool>,
}

impl Settings {
    fn shown_for(&self, check: &str) -> Option<BTreeSet<String>> {
        self.shown.iter().find_map(|entry| {
            let mut words = entry.split(' ');
            (words.next() == Some(check)).then(|| words.map(String::from).collect())
        })
    }

    fn set_shown(&mut self, check: &str, ids: &BTreeSet<String>) {
        self.shown
            .retain(|entry| entry.split(' ').next() != Some(check));
        let mut entry = check.to_string();
        for id in ids {
            entry.push(' ');
            entry.push_str(id);
        }
        self.shown.push(entry);
    }
}

/// A signal of the app state that components read but cannot write: the state's commands are
/// the only writers. Its methods are the signal's own (a plain wrapper, no code of its own;
/// `read_only()` would add a second signal type's code to the first load).
#[derive(Clone, Copy)]
pub struct Read<T: Send + Sync + 'static>(RwSignal<T>);

impl<T: Send + Sync + 'static> Read<T> {
    /// Tracked.
    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.0.get()
    }

    /// Tracked.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with_untracked(f)
    }

    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.0.get_untracked()
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The questionnaire new checks use (the catalog's default).
    questionnaire: StoredValue<Questionnaire>,
    /// Every questionnaire this device knows: documents are read and shown with their own.
    catalog: StoredValue<Catalog>,
    /// Solo responses made on this device, oldest first.
    responses: RwSignal<Vec<Response>>,
    checks: RwSignal<Vec<TeamCheck>>,
    settings: RwSignal<Settings>,
    /// Bumped when a questionnaire joins the catalog (a `StoredValue`), so lists of them update.
    catalog_changed: RwSignal<u32>,
    /// Set once saving has failed; the warning stays up for the rest of the visit.
    storage_problem: RwSignal<Option<StorageProblem>>,
    damaged: RwSignal<Vec<Damaged>>,
    /// Stored values left in place: documents of another version, or not movable aside.
    kept: RwSignal<Vec<Kept>>,
    /// localStorage in use, in UTF-16 units, once it passes the warning level.
    usage: RwSignal<Option<usize>>,
    /// A short message about the last action (import results, errors), read out politely.
    notice: RwSignal<Option<String>>,
    /// A team check deleted moments ago, which "Undo" can put back.
    undo: RwSignal<Option<TeamCheck>>,
    /// The imports into team checks made during this visit, newest last.
    imports: RwSignal<Vec<ImportRecord>>,
    /// What waits for the writer's module, in order; the latest save per key (`persist`).
    pending: StoredValue<Vec<(Job, ToWrite)>>,
    store: Store,
}

impl AppState {
    /// Reads everything from storage. Writes nothing but moving damaged values aside.
    pub fn load(mut catalog: Catalog) -> AppState {
        let (store, loaded, problem) = Store::open(&mut catalog);
        let questionnaire = catalog.default_questionnaire().clone();
        let mut responses: Vec<Response> = Vec::new();
        let mut checks: Vec<TeamCheck> = Vec::new();
        // Values stored under a key that is not their id's: rewritten under their own key.
        let mut misplaced = Vec::new();
        let mut add = |document: Document| match document {
            // One id, one entry: a second copy (under a wrong key) is merged in, not listed twice.
            Document::Response(r) => match responses.iter_mut().find(|x| x.id == r.id) {
                Some(x) => x.merge(&r),
                None => responses.push(r),
            },
            Document::TeamCheck(c) => match checks.iter_mut().find(|x| x.id == c.id) {
                Some(x) => x.sync(c.responses),
                None => checks.push(c),
            },
            // Backups are never stored; a stray one is still kept readable in memory. Stored
            // questionnaires joined the catalog as they were read (`Store::open`).
            Document::Backup(_) | Document::Questionnaire(_) => {}
        };
        for (key, document) in loaded.documents {
            match (storage::key_of(&document), document) {
                (_, Document::Backup(inner)) => inner.into_iter().for_each(&mut add),
                (Some(own), document) => {
                    if own != key {
                        misplaced.push((key, own));
                    }
                    add(document);
                }
                (None, _) => {}
            }
        }
        // Unstable sorts with a full key: same order every time, and less wasm than stable ones.
        responses.sort_unstable_by(|a, b| (&a.started_at, &a.id).cmp(&(&b.started_at, &b.id)));
        checks.sort_unstable_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
        let mut damaged = loaded.damaged;
        let settings = match loaded
            .settings
            .map(|raw| (serde_json::from_slice(raw.as_bytes()), raw))
        {
            None => Settings::default(),
            Some((Ok(settings), _)) => settings,
            Some((Err(e), raw)) => {
                // Moved aside like any other value, so changing the theme cannot overwrite it.
                damaged.push(store.move_aside(storage::SETTINGS_KEY, raw, e.to_string()));
                Settings::default()
            }
        };
        let state = AppState {
            questionnaire: StoredValue::new(questionnaire),
            catalog: StoredValue::new(catalog),
            responses: RwSignal::new(responses),
            checks: RwSignal::new(checks),
            settings: RwSignal::new(settings),
            catalog_changed: RwSignal::new(0),
            storage_problem: RwSignal::new(problem),
            damaged: RwSignal::new(damaged),
            kept: RwSignal::new(loaded.kept),
            usage: RwSignal::new(None),
            notice: RwSignal::new(None),
            imports: RwSignal::new(Vec::new()),
            undo: RwSignal::new(None),
            pending: StoredValue::new(Vec::new()),
            store,
        };
        // Move misplaced values to their own key; the old key goes only once that is saved.
        for (key, own) in misplaced {
            let document = if let Some(id) = own.strip_prefix(&storage::response_key("")) {
                state.response(id).map(|r| state.response_document(r))
            } else {
                own.strip_prefix(&storage::team_check_key(""))
                    .and_then(|id| state.check(id))
                    .map(|c| state.check_document(c))
            };
            if let Some(document) = document {
                let job = Job::Move { from: key, to: own };
                state.pending.update_value(|p| p.push((job, document)));
                state.flush();
            }
        }
        state.measure();
        state
    }

    /// The questionnaire new checks use (the catalog's default).
    pub fn questionnaire(&self) -> Questionnaire {
        self.questionnaire.get_value()
    }

    /// The questionnaires a new team check can use: newest versions only, the default first.
    pub fn choices(&self) -> Vec<Questionnaire> {
        self.catalog
            .with_value(|c| c.choices().into_iter().cloned().collect())
    }

    pub fn responses(&self) -> Read<Vec<Response>> {
        Read(self.responses)
    }

    pub fn checks(&self) -> Read<Vec<TeamCheck>> {
        Read(self.checks)
    }

    pub fn settings(&self) -> Read<Settings> {
        Read(self.settings)
    }

    pub fn storage_problem(&self) -> Read<Option<StorageProblem>> {
        Read(self.storage_problem)
    }

    pub fn damaged(&self) -> Read<Vec<Damaged>> {
        Read(self.damaged)
    }

    pub fn kept(&self) -> Read<Vec<Kept>> {
        Read(self.kept)
    }

    pub fn usage(&self) -> Read<Option<usize>> {
        Read(self.usage)
    }

    pub fn notice(&self) -> Read<Option<String>> {
        Read(self.notice)
    }

    pub fn undo(&self) -> Read<Option<TeamCheck>> {
        Read(self.undo)
    }

    pub fn imports(&self) -> Read<Vec<ImportRecord>> {
        Read(self.imports)
    }

    /// Shows a short message about the last action, read out politely.
    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(text.into()));
    }

    pub fn dismiss_notice(&self) {
        self.notice.set(None);
    }

    /// Hides the list of damaged values for this visit (they stay moved aside in storage).
    pub fn hide_damaged(&self) {
        self.damaged.set(Vec::new());
    }

    /// "Undo" was used or dismissed: nothing left to undo.
    pub fn forget_undo(&self) {
        self.undo.set(None);
    }

    fn report(&self, result: Result<(), StorageProblem>) {
        match result {
            Err(problem) => self.storage_problem.set(Some(problem)),
            Ok(()) => self.measure(),
        }
    }

    /// Warns once storage passes `WARN_AT_PERCENT` of the quota, with the numbers.
    fn measure(&self) {
        let used = self.store.usage().unwrap_or(0);
        let warn = used * 100 >= storage::QUOTA_UNITS * storage::WARN_AT_PERCENT;
        self.usage.set(warn.then_some(used));
    }

    fn save_response(&self, response: &Response) {
        self.persist(
            storage::response_key(&response.id),
            self.response_document(response.clone()),
        );
    }

    fn save_check(&self, check: &TeamCheck) {
        self.persist(
            storage::team_check_key(&check.id),
            self.check_document(check.clone()),
        );
    }

    fn response_document(&self, response: Response) -> ToWrite {
        ToWrite::Response(self.questionnaire_of(&response.questionnaire), response)
    }

    fn check_document(&self, check: TeamCheck) -> ToWrite {
        ToWrite::Check(self.questionnaire_of(&check.questionnaire), check)
    }

    /// Saves `document` under `key`: at once when the writer is here, else as soon as it
    /// arrives, and then only the latest document given for each key.
    fn persist(&self, key: String, document: ToWrite) {
        if !self.store.is_persistent() {
            return;
        }
        self.pending.update_value(|pending| {
            pending.retain(|(job, _)| !matches!(job, Job::Save(k) if *k == key));
            pending.push((Job::Save(key), document));
        });
        self.flush();
    }

    /// Whether changes wait to be saved (the writer's module is not here yet, or could not
    /// be fetched): closing the tab now would lose them.
    pub fn unsaved(&self) -> bool {
        self.pending.with_value(|pending| {
            pending
                .iter()
                .any(|(job, _)| matches!(job, Job::Save(_) | Job::Move { .. }))
        })
    }

    /// Runs what waits for the writer, fetching its module first if need be. Also called
    /// after the first screen, so that the module is here before the first answer.
    pub fn flush(&self) {
        let state = *self;
        match WRITER.get() {
            Writer::Here => {}
            Writer::Loading => return,
            Writer::Absent => {
                WRITER.set(Writer::Loading);
                #[cfg(feature = "split")]
                leptos::task::spawn_local(async move {
                    let here = preload_writer().await.is_ok();
                    WRITER.set(if here { Writer::Here } else { Writer::Absent });
                    if here {
                        state.flush();
                    } else if state.pending.with_value(|p| !p.is_empty()) {
                        state.writer_missing();
                    }
                });
                return;
            }
        }
        // One job at a time, taken from the queue as it runs: a job may queue a newer save of
        // the same key (merging another tab's change writes it back), and `persist` then drops
        // the older one still waiting, which must not be written after it.
        while let Some((job, document)) = self
            .pending
            .try_update_value(|p| (!p.is_empty()).then(|| p.remove(0)))
            .flatten()
        {
            if !state.run_now(job, document) {
                // Not expected once the module is here; the rest waits for the next change,
                // which saves the whole document again.
                state.writer_missing();
                break;
            }
        }
    }

    /// Runs `run_job` now, the writer's module being here: its call is done at its first
    /// poll, so it is polled by hand and a save is written before the handler that asked for
    /// it returns. `false` if it was not done (not expected once the module is here).
    fn run_now(&self, job: Job, document: ToWrite) -> bool {
        #[cfg(feature = "split")]
        {
            use std::task::{Context, Poll, Waker};
            matches!(
                std::pin::pin!(run_job(*self, job, document))
                    .poll(&mut Context::from_waker(Waker::noop())),
                Poll::Ready(Ok(()))
            )
        }
        #[cfg(not(feature = "split"))]
        run_job(*self, job, document).is_ok()
    }

    /// The writer's module could not be fetched (offline before it ever arrived): nothing is
    /// lost, the changes stay in this tab and are saved with the next one that finds it.
    #[cfg_attr(not(feature = "split"), allow(dead_code))]
    fn writer_missing(&self) {
        self.say(
            "Your latest changes are not saved yet: teamshape could not load the part that \
             saves them. They stay in this tab; they are saved with your next change once you \
             are online. Keep this tab open until then.",
        );
    }

    /// The questionnaire a response or team check was made with. Every document held was read
    /// against the catalog, so it is there; the default stands in should it ever not be.
    pub fn questionnaire_of(&self, reference: &QuestionnaireRef) -> Questionnaire {
        self.catalog
            .with_value(|c| c.get(reference).cloned())
            .unwrap_or_else(|| self.questionnaire.get_value())
    }

    /// Reads a document from this device's storage against the catalog; questionnaires it
    /// carries that the catalog lacks (a team check's) join the catalog. They are stored
    /// already, so nothing is written: this is the start-up and other-tab path.
    pub fn read(&self, source: &str, bytes: &[u8]) -> Result<Document, ReadError> {
        let read = self
            .catalog
            .with_value(|c| format::read(source, bytes, c))?;
        if !read.questionnaires.is_empty() {
            self.catalog.update_value(|c| {
                for questionnaire in read.questionnaires {
                    let _ = c.add(questionnaire);
                }
            });
            self.catalog_changed.update(|n| *n += 1);
        }
        Ok(read.document)
    }

    /// Reads a file (or a link) against the catalog, like `read`, and saves the questionnaires
    /// it brings: what this device has read once, it can read again after a reload.
    pub fn read_import(&self, source: &str, bytes: &[u8]) -> Result<Document, ReadError> {
        let read = self
            .catalog
            .with_value(|c| format::read(source, bytes, c))?;
        for questionnaire in read.questionnaires {
            let _ = self.add_questionnaire(questionnaire);
        }
        Ok(read.document)
    }

    /// Adds a questionnaire to the catalog and saves it. Refused (with the reason) when this
    /// device has another questionnaire with the same id and version.
    pub fn add_questionnaire(&self, questionnaire: Questionnaire) -> Result<(), String> {
        let document = ToWrite::Questionnaire(questionnaire.clone());
        let key = storage::questionnaire_key(&questionnaire.id, questionnaire.version);
        let added = self.catalog.try_update_value(|c| c.add(questionnaire));
        if let Some(Ok(Added::New)) = added {
            self.catalog_changed.update(|n| *n += 1);
            self.persist(key, document);
        }
        added.unwrap_or(Ok(Added::AlreadyThere)).map(|_| ())
    }

    /// Every questionnaire this device knows, newest versions only: built-ins, and the ones made
    /// here or imported. Tracked: lists update when one is added.
    pub fn questionnaires(&self) -> Vec<(Questionnaire, bool)> {
        self.catalog_changed.track();
        self.catalog.with_value(|c| {
            c.choices()
                .into_iter()
                .map(|q| {
                    let builtin = c.entry(&q.reference()).is_some_and(|e| e.builtin);
                    (q.clone(), builtin)
                })
                .collect()
        })
    }

    /// Whether any response or team check on this device was made with `reference`. Tracked.
    pub fn has_answers(&self, reference: &QuestionnaireRef) -> bool {
        self.responses
            .with(|all| all.iter().any(|r| r.questionnaire == *reference))
            || self
                .checks
                .with(|all| all.iter().any(|c| c.questionnaire == *reference))
    }

    pub fn save_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
        if self.store.is_persistent() {
            // Pretty, like the questionnaire's hash: one JSON writer in the first load, not two.
            let text = self
                .settings
                .with_untracked(|s| serde_json::to_string_pretty(s).unwrap_or_default());
            self.report(self.store.write_settings(&text));
        }
    }

    pub fn response(&self, id: &str) -> Option<Response> {
        self.responses
            .with(|all| all.iter().find(|r| r.id == id).cloned())
    }

    /// Starts a new solo response and returns its id.
    pub fn start_response(&self) -> String {
        self.start_response_with(&self.questionnaire.get_value())
    }

    /// Changes one solo response and saves it, if anything changed.
    pub fn edit_response(&self, id: &str, change: impl FnOnce(&mut Response)) {
        if let Some(response) = edit_one(self.responses, |r| r.id == id, change) {
            self.save_response(&response);
        }
    }

    pub fn delete_response(&self, id: &str) {
        self.report(self.store.remove(&storage::response_key(id)));
        self.responses.update(|all| all.retain(|r| r.id != id));
    }

    pub fn check(&self, id: &str) -> Option<TeamCheck> {
        self.checks
            .with(|all| all.iter().find(|c| c.id == id).cloned())
    }

    pub fn create_check(
        &self,
        name: String,
        questionnaire: &Questionnaire,
        anonymity: Anonymity,
        threshold: usize,
    ) -> String {
        let mut check = TeamCheck::new(new_id(), name, questionnaire, anonymity, now());
        check.anonymity_threshold = threshold;
        let id = check.id.clone();
        self.save_check(&check);
        self.checks.update(|all| all.push(check));
        id
    }

    /// Changes one team check and saves it, if anything changed.
    pub fn edit_check(&self, id: &str, change: impl FnOnce(&mut TeamCheck)) {
        if let Some(check) = edit_one(self.checks, |c| c.id == id, change) {
            self.save_check(&check);
        }
    }

    pub fn delete_check(&self, id: &str) {
        self.report(self.store.remove(&storage::team_check_key(id)));
        self.checks.update(|all| all.retain(|c| c.id != id));
    }

    /// Who the shown figures of a check include now, or `None` while the results of an
    /// anonymous check are hidden on this device. `reveal` shows them; afterwards they follow
    /// `team::next_shown`, and any change is saved at once, so a reload shows the same figures.
    /// The entry outlives a deleted check on purpose: after "Undo" the same rule still holds.
    pub fn shown(&self, check: &TeamCheck, reveal: bool) -> Option<Shown> {
        let before = self.settings.with_untracked(|s| s.shown_for(&check.id));
        let named = check.anonymity == Anonymity::Named;
        let before = match before {
            Some(ids) => ids,
            // Named checks show each person by name: there is nothing to hide or reveal.
            None if reveal || named => BTreeSet::new(),
            None => return None,
        };
        let next = next_shown(&self.questionnaire_of(&check.questionnaire), check, &before);
        if !named && (next.ids != before || reveal) {
            self.save_settings(|s| s.set_shown(&check.id, &next.ids));
        }
        Some(next)
    }

    /// Offers "Undo" for a deleted check for a few seconds.
    pub fn offer_undo(&self, check: TeamCheck) {
        let id = check.id.clone();
        self.undo.set(Some(check));
        let undo = self.undo;
        crate::browser::after(8_000, move || {
            if undo.with_untracked(|u| u.as_ref().is_some_and(|c| c.id == id)) {
                undo.set(None);
            }
        });
    }

    /// Puts back a check removed moments ago ("Undo"), merged with whatever another tab saved
    /// under its key meanwhile, so their answers are kept and it is listed once.
    pub fn restore_check(&self, check: TeamCheck) {
        let stored = self.store.read(&storage::team_check_key(&check.id));
        if let Some(Ok(document)) = stored.map(|text| self.read("", text.as_bytes())) {
            self.absorb(document, false);
        }
        self.absorb(Document::TeamCheck(check), false);
    }

    /// Adds what a file (`from_file`) or this device (another tab, "Undo") holds; returns how
    /// many responses and team checks it held, and the ids of respondents kept apart.
    ///
    /// Copies from this device merge answer by answer. From files, a response whose id is taken
    /// by another person's answers is kept apart under a derived id (`TeamCheck::merge`).
    pub fn absorb(&self, document: Document, from_file: bool) -> (usize, usize, Vec<String>) {
        match document {
            Document::Response(mut incoming) => {
                if let Some(existing) = self.response(&incoming.id) {
                    if from_file && !same_person(&existing, &incoming, false) {
                        // The first free derived id, or the one already holding this person.
                        let base = incoming.id.clone();
                        for n in 2.. {
                            incoming.id = derived_id(&base, n);
                            match self.response(&incoming.id) {
                                Some(r) if !same_person(&r, &incoming, false) => continue,
                                _ => break,
                            }
                        }
                        let id = incoming.id.clone();
                        let (r, c, _) = self.absorb(Document::Response(incoming), from_file);
                        return (r, c, vec![id]);
                    }
                    self.edit_response(&incoming.id.clone(), |r| r.merge(&incoming));
                } else {
                    self.save_response(&incoming);
                    self.responses.update(|all| all.push(incoming));
                }
                (1, 0, Vec::new())
            }
            Document::TeamCheck(mut incoming) => {
                let mut apart = Vec::new();
                if self.check(&incoming.id).is_some() {
                    let responses = std::mem::take(&mut incoming.responses);
                    self.edit_check(&incoming.id, |c| {
                        // Issue 13: experiments and reviews travel with the check.
                        c.merge_plans(&incoming);
                        if from_file {
                            apart = kept_apart(c.merge(responses));
                        } else {
                            c.sync(responses);
                        }
                    });
                } else {
                    self.save_check(&incoming);
                    self.checks.update(|all| {
                        all.push(incoming);
                        all.sort_unstable_by(|a, b| {
                            (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id))
                        });
                    });
                }
                (0, 1, apart)
            }
            Document::Questionnaire(questionnaire) => {
                // Read with `read_file` (saved already) or from storage: the catalog has it.
                self.catalog.update_value(|c| {
                    let _ = c.add(questionnaire);
                });
                (0, 0, Vec::new())
            }
            Document::Backup(documents) => {
                documents
                    .into_iter()
                    .fold((0, 0, Vec::new()), |(r, c, mut apart), d| {
                        let (dr, dc, more) = self.absorb(d, from_file);
                        apart.extend(more);
                        (r + dr, c + dc, apart)
                    })
            }
        }
    }

    /// Another tab saved a document: merge it in, and write back if we knew more. Merging is
    /// in the writer's module (`absorb_stored`): until it is here, the changes wait in order
    /// (and nothing is written before them, since writing needs the same module).
    pub fn on_storage_event(&self, key: &str, new_value: Option<String>) {
        if !key.starts_with(storage::PREFIX)
            || key == storage::SETTINGS_KEY
            || key == storage::DRAFT_KEY
        {
            return;
        }
        let Some(text) = new_value else { return };
        self.pending
            .update_value(|p| p.push((Job::Absorb(key.to_string()), ToWrite::Stored(text))));
        self.flush();
    }

    fn absorb_stored(&self, key: &str, text: &str) {
        match self.read(key, text.as_bytes()) {
            Ok(document) => {
                self.absorb(document, false);
            }
            // One we cannot read (another version's, or damaged) must never be replaced by
            // ours: it is left alone and listed, like one found at start-up.
            Err(error) => {
                let kept = Store::keep(key.to_string(), &error);
                self.kept.update(|all| {
                    all.retain(|k| k.key != kept.key);
                    all.push(kept);
                });
            }
        }
    }

    /// Everything on this device in one file.
    fn backup(&self) -> ToWrite {
        ToWrite::Backup(
            self.catalog.get_value(),
            self.responses.get_untracked(),
            self.checks.get_untracked(),
            now(),
        )
    }

    /// Downloads `text` as `name`, then says so, followed by `then` (what the file is for).
    /// Every download goes through here, so every one reports how it went.
    pub fn download(&self, name: &str, text: &str, then: &str) {
        match download(name, text) {
            Ok(()) if then.is_empty() => self.say(format!("Downloaded {name}.")),
            Ok(()) => self.say(format!("Downloaded {name}. {then}")),
            Err(message) => self.say(message),
        }
    }

    /// "Download all my data": every response, team check and questionnaire of this device.
    pub fn download_backup(&self) {
        let name = format::file_name("all-my-data", now().date());
        self.pending
            .update_value(|p| p.push((Job::Download(name), self.backup())));
        self.flush();
    }

    /// One person's answers, to send to whoever runs the team check.
    pub fn download_response(&self, response: &Response) {
        let at = now();
        let q = self.questionnaire_of(&response.questionnaire);
        let text = format::write_response(&q, response, Some(&at));
        // A few characters of the response's random id: every teammate's file gets its own name.
        let tag: String = response
            .id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(4)
            .collect();
        let name = format::file_name(&format!("my answers {tag}"), at.date());
        self.download(
            &name,
            &text,
            "In a team check, send this file to the person who runs it: it holds your answers.",
        );
    }

    /// Everyone's answers to a team check, as shared: no names in anonymous checks, no time
    /// finer than the day (`TeamCheck::for_sharing`).
    pub fn export_check(&self, check: &TeamCheck) {
        let at = now();
        let q = self.questionnaire_of(&check.questionnaire);
        let text = format::write_team_check(&q, &check.for_sharing(), Some(&at.day()));
        let name = format::file_name(&format!("team {} all answers", check.name), at.date());
        self.download(
            &name,
            &text,
            "It holds everyone's answers: keep it for merging, and share the summary instead.",
        );
    }

    /// What a team may share outside the team: the figures its page shows.
    pub fn export_summary(&self, check: &TeamCheck, figures: TeamFigures) {
        let at = now();
        let q = self.questionnaire_of(&check.questionnaire);
        let text = format::write_team_summary(&q, check, figures, &at);
        let name = format::file_name(&format!("team {} summary", check.name), at.date());
        self.download(&name, &text, "");
    }

    /// A questionnaire as a file, to send to the people who will answer it.
    pub fn export_questionnaire(&self, questionnaire: &Questionnaire) {
        let at = now();
        let text = format::write_questionnaire(questionnaire, Some(&at));
        let name = format::file_name(
            &format!(
                "questionnaire {} v{}",
                questionnaire.title, questionnaire.version
            ),
            at.date(),
        );
        self.download(
            &name,
            &text,
            "Anyone who imports it on the start page can answer it.",
        );
    }

    /// Starts the next respondent of a team check on this device, with the check's own
    /// questionnaire (a respondent to a version 1 check answers version 1); returns the new
    /// response's id. This tab remembers it is filling it in (`browser::set_filling`).
    pub fn start_respondent(&self, check_id: &str, name: Option<String>) -> Option<String> {
        let check = self.check(check_id)?;
        let q = self.questionnaire_of(&check.questionnaire);
        let mut response = Response::new(new_id(), &q, now());
        response.respondent = name;
        let response_id = response.id.clone();
        self.edit_check(check_id, |c| {
            c.merge([response]);
        });
        crate::browser::set_filling(Some(&response_id));
        Some(response_id)
    }

    /// "Restore from file": reads each file on its own (all or nothing) and adds what it holds,
    /// then says, file by file, what happened.
    pub async fn restore(self, files: Vec<web_sys::File>) {
        let mut messages = Vec::new();
        let (limit, mut bytes) = (crate::browser::tomorrow(), 0.0);
        for file in files {
            let file = read_file(file, &mut bytes).await;
            let result = file.bytes.and_then(|bytes| {
                let document = self
                    .read_import(&file.name, &bytes)
                    .map_err(|e| e.reason())?;
                format::check_not_after(&document, &limit).map(|()| document)
            });
            match result {
                Ok(document) => {
                    let questionnaire = matches!(document, Document::Questionnaire(_));
                    let (responses, checks, apart) = self.absorb(document, true);
                    messages.push(if questionnaire {
                        format!("{}: the questionnaire is on this device now.", file.name)
                    } else {
                        format!(
                            "{}: restored {} and {}.",
                            file.name,
                            count(responses, "check", "checks"),
                            count(checks, "team check", "team checks")
                        )
                    });
                    if !apart.is_empty() {
                        messages.push(format!(
                            "Kept apart, as another person's answers under an id already used: {}.",
                            apart.join(", ")
                        ));
                    }
                }
                Err(reason) => messages.push(format!("{}: not restored: {reason}.", file.name)),
            }
        }
        self.say(messages.join(" "));
    }
}

/// The ids `TeamCheck::merge` gave to respondents it kept apart.
pub fn kept_apart(outcomes: Vec<Merged>) -> Vec<String> {
    outcomes
        .into_iter()
        .filter_map(|m| match m {
            Merged::KeptApart(id) => Some(id),
            _ => None,
        })
        .collect()
}

/// Lets the event loop run (and the page repaint) between chunks of a large import.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What happened to one imported file.
#[derive(Clone, PartialEq)]
pub struct FileOutcome {
    pub name: String,
    pub ok: bool,
    pub text: String,
}

/// One import into a team check during this visit, which can be taken back.
#[derive(Clone, PartialEq)]
pub struct ImportRecord {
    pub check: String,
    /// When, and how many files: "14:05 · 3 files".
    pub label: String,
    pub changes: Import,
}

impl AppState {
    /// Reads files or pasted links into a team check, by one path: each all-or-nothing, one file
    /// in memory at a time, merged in batches (one sort per batch), the check saved once at the
    /// end. A file of another team check (or a link naming another check) is added only if `ask`
    /// says yes. What the import changed is remembered for this visit (`imports`), so that it can
    /// be taken back.
    pub async fn import_into_check(
        self,
        check_id: String,
        files: Vec<Incoming>,
        progress: RwSignal<Option<(usize, usize)>>,
        ask: impl Fn(&str) -> bool,
    ) -> Vec<FileOutcome> {
        let app = self;
        let Some(mut working) = app.check(&check_id) else {
            return Vec::new();
        };
        let before = working.clone();
        let total = files.len();
        progress.set(Some((0, total)));
        let limit = crate::browser::tomorrow();
        let mut results = Vec::with_capacity(total);
        // Files read since the last merge: their index in `results` and their responses.
        let mut batch: Vec<(usize, Vec<Response>)> = Vec::new();
        let mut bytes = 0.0;
        let noun = match files.first() {
            Some(Incoming::Link { .. }) => ("link", "links"),
            _ => ("file", "files"),
        };
        for (index, incoming) in files.into_iter().enumerate() {
            // Files and links differ only in how they are read; the rest is one path.
            let (name, read) = match incoming {
                Incoming::File(file) => {
                    let file = read_file(file, &mut bytes).await;
                    let read = file.bytes.and_then(|bytes| {
                        app.read_import(&file.name, &bytes).map_err(|e| e.reason())
                    });
                    (file.name, read)
                }
                // A link names the team check it was answered for: another one's is asked about.
                Incoming::Link { name, payload } => {
                    let read = match app.read_link(&name, &payload) {
                        Err(e) => Err(e.reason()),
                        Ok((Some(theirs), _))
                            if theirs != working.id
                                && !ask(&format!(
                                    "{name} holds answers for another team check, not \"{}\". \
                                     Add them to \"{}\" anyway?",
                                    working.name, working.name
                                )) =>
                        {
                            Err("its answers are for another team check; left out".to_string())
                        }
                        Ok((_, document)) => Ok(document),
                    };
                    (name, read)
                }
            };
            let read = read
                .and_then(|document| format::check_not_after(&document, &limit).map(|()| document));
            // Answers join a check only when given to the check's own questionnaire.
            let other = |theirs: &teamshape_core::questionnaire::QuestionnaireRef| {
                format!(
                    "it was made with questionnaire {theirs}, and this team check uses {}; answers \
                 to different questions cannot be combined",
                    working.questionnaire
                )
            };
            let responses = match read {
            Ok(Document::Response(r)) if r.questionnaire != working.questionnaire => {
                Err(other(&r.questionnaire))
            }
            Ok(Document::TeamCheck(c)) if c.questionnaire != working.questionnaire => {
                Err(other(&c.questionnaire))
            }
            // Last quarter's file into this quarter's check is a mistake more often than not.
            Ok(Document::TeamCheck(c)) if c.id != working.id && !ask(&another_check(&name, &c, &working)) => {
                Err(format!(
                    "it belongs to another team check, \"{}\" from {}; left out",
                    c.name,
                    c.created_at.date()
                ))
            }
            Ok(Document::Response(r)) => Ok(vec![r]),
            Ok(Document::TeamCheck(c)) => Ok(c.responses),
            Ok(Document::Questionnaire(_)) => {
                Err("this is a questionnaire, not answers; import it on the start page".to_string())
            }
            Ok(Document::Backup(_)) => Err(
                "this is a backup of a whole browser; use \"Restore from file\" on the start page"
                    .to_string(),
            ),
            Err(reason) => Err(reason),
        };
            let (ok, text) = match responses {
                // The text is filled in when the batch is merged.
                Ok(responses) => {
                    batch.push((results.len(), responses));
                    (true, String::new())
                }
                Err(text) => (false, format!("not imported: {text}")),
            };
            results.push(FileOutcome { name, ok, text });
            if index % 25 == 24 || index + 1 == total {
                merge_outcome(&mut working, std::mem::take(&mut batch), &mut results);
                progress.set(Some((index + 1, total)));
                yield_to_browser().await;
            }
        }
        // Deleted meanwhile (in this tab, from the start page): put it back rather than drop the
        // answers just imported, and say so. Otherwise the working copy joins whatever changed
        // meanwhile as another copy of the same check (conflicts were settled per file above).
        let deleted = app.check(&check_id).is_none();
        let changes = working.changes_since(&before);
        app.absorb(Document::TeamCheck(working), false);
        if !changes.is_empty() {
            let label = format!("{} UTC · {}", now().short(), count(total, noun.0, noun.1));
            app.imports.update(|all| {
                all.push(ImportRecord {
                    check: check_id.clone(),
                    label,
                    changes,
                })
            });
        }
        progress.set(None);
        let imported = results.iter().filter(|r| r.ok).count();
        app.notice.set(Some(format!(
            "Imported {imported} of {}; {} refused.{}",
            count(total, noun.0, noun.1),
            total - imported,
            if deleted {
                " The team check had been deleted meanwhile: it is back, with these answers."
            } else {
                ""
            }
        )));
        results
    }

    /// Takes back one import of this visit: what it added is removed, what it changed is as it
    /// was, except responses changed again since, which stay.
    pub fn take_back_import(&self, index: usize) {
        let Some(record) = self.imports.with_untracked(|all| all.get(index).cloned()) else {
            return;
        };
        let mut left = 0;
        self.edit_check(&record.check, |c| left = c.take_back(&record.changes));
        self.imports.update(|all| {
            all.remove(index);
        });
        let mut text = format!(
            "Removed what the import of {} added or changed.",
            record.label
        );
        if left > 0 {
            text.push_str(&format!(
                " {} changed again since the import stayed as they are.",
                count(left, "response", "responses")
            ));
        }
        self.notice.set(Some(text));
    }
}

/// The question asked before a file of another team check joins this one.
fn another_check(file: &str, theirs: &TeamCheck, ours: &TeamCheck) -> String {
    format!(
        "{file} belongs to the team check \"{}\" from {}, not to \"{}\". Add its {} to \"{}\" anyway?",
        theirs.name,
        theirs.created_at.date(),
        ours.name,
        responses(theirs.responses.len()),
        ours.name
    )
}

/// Merges a batch of files' responses into the working copy and says, per file, what changed.
fn merge_outcome(
    working: &mut TeamCheck,
    batch: Vec<(usize, Vec<Response>)>,
    results: &mut [FileOutcome],
) {
    let counts: Vec<(usize, usize)> = batch.iter().map(|(at, r)| (*at, r.len())).collect();
    let mut merged = working
        .merge(batch.into_iter().flat_map(|(_, r)| r))
        .into_iter();
    for (at, count) in counts {
        let outcomes: Vec<Merged> = merged.by_ref().take(count).collect();
        let of = |kind: fn(&Merged) -> bool| outcomes.iter().filter(|m| kind(m)).count();
        let added = of(|m| *m == Merged::Added);
        let updated = of(|m| *m == Merged::Updated);
        let apart = kept_apart(outcomes);
        let mut text = if added + updated + apart.len() == 0 {
            format!("already imported; nothing changed ({})", responses(count))
        } else if added > 0 {
            format!("added {}", of_responses(added, count))
        } else {
            format!("updated answers of {}", of_responses(updated, count))
        };
        if !apart.is_empty() {
            text.push_str(&format!(
                "; {} with an id already used by another person's answers, kept as separate \
                 respondents: {}",
                apart.len(),
                apart.join(", ")
            ));
        }
        if let Some(result) = results.get_mut(at) {
            result.text = text;
        }
    }
}

/// "1 response", "3 responses".
fn responses(n: usize) -> String {
    count(n, "response", "responses")
}

/// "1 response", "2 of 3 responses".
fn of_responses(part: usize, all: usize) -> String {
    if part == all {
        responses(all)
    } else {
        format!("{part} of {}", responses(all))
    }
}

/// Changes the first element that matches and returns it if it changed. Not writing unchanged
/// documents is what stops two tabs from echoing the same save back and forth.
fn edit_one<T: Clone + PartialEq + Send + Sync + 'static>(
    list: RwSignal<Vec<T>>,
    matches: impl Fn(&T) -> bool,
    change: impl FnOnce(&mut T),
) -> Option<T> {
    let mut changed = None;
    list.update(|all| {
        if let Some(item) = all.iter_mut().find(|item| matches(item)) {
            let before = item.clone();
            change(item);
            if *item != before {
                changed = Some(item.clone());
            }
        }
    });
    changed
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

// ---- The questionnaire editor ---------------------------------------------------------------

thread_local! {
    /// The draft as last read or typed: the editor's screens come and go (editing, preview), and
    /// without storage this is the only copy. In the editor's module, not the first load's.
    static DRAFT: std::cell::RefCell<Option<Draft>> = const { std::cell::RefCell::new(None) };
}

impl AppState {
    /// The questionnaire being edited, if any: this visit's, or the one saved on this device.
    /// A stored draft that cannot be read is moved aside (and listed), never overwritten.
    pub fn draft(&self) -> Option<Draft> {
        if let Some(draft) = DRAFT.with(|d| d.borrow().clone()) {
            return Some(draft);
        }
        let raw = self.store.read(storage::DRAFT_KEY)?;
        match serde_json::from_str::<Draft>(&raw) {
            Ok(draft) => {
                DRAFT.with(|d| *d.borrow_mut() = Some(draft.clone()));
                Some(draft)
            }
            Err(e) => {
                let damaged = self
                    .store
                    .move_aside(storage::DRAFT_KEY, raw, e.to_string());
                self.damaged.update(|all| all.push(damaged));
                None
            }
        }
    }

    /// Whether the draft holds changes not saved as a questionnaire.
    pub fn draft_unsaved(&self) -> bool {
        self.draft().is_some_and(|d| {
            let saved = d
                .base
                .as_ref()
                .and_then(|b| self.catalog.with_value(|c| c.get(b).cloned()));
            saved.as_ref() != Some(&d.questionnaire)
        })
    }

    /// Keeps the draft as typed: in memory, and on the device when storage works.
    pub fn save_draft(&self, draft: &Draft) {
        DRAFT.with(|d| *d.borrow_mut() = Some(draft.clone()));
        if self.store.is_persistent() {
            let text = serde_json::to_string(draft).unwrap_or_default();
            self.report(self.store.write(storage::DRAFT_KEY, &text));
        }
    }

    pub fn discard_draft(&self) {
        DRAFT.with(|d| *d.borrow_mut() = None);
        if self.store.is_persistent() {
            self.report(self.store.remove(storage::DRAFT_KEY));
        }
    }

    /// Questionnaire ids this device has, so a new one gets an id of its own.
    pub fn questionnaire_ids(&self) -> BTreeSet<String> {
        self.catalog.with_value(|c| {
            c.list()
                .iter()
                .map(|e| e.questionnaire.id.clone())
                .collect()
        })
    }

    pub fn find_questionnaire(&self, id: &str, version: u32) -> Option<Questionnaire> {
        self.catalog.with_value(|c| c.find(id, version).cloned())
    }

    /// Whether editing `reference` must make a new version: someone answered it on this device,
    /// or it was sent to others. Tracked, so the editor says so as soon as it is exported.
    pub fn is_in_use(&self, reference: &QuestionnaireRef) -> bool {
        let shared = format!("{} {}", reference.id, reference.version);
        self.has_answers(reference)
            || self
                .settings
                .with(|s| s.shared_questionnaires.contains(&shared))
    }

    /// Saves the draft as a questionnaire (`Draft::finish`): in place while nobody has it, as a
    /// new version once someone may have answered. Returns what happened, for the editor to
    /// say; the draft then edits what was saved.
    pub fn save_questionnaire(&self, draft: &Draft) -> Result<Revision, String> {
        let base = draft
            .base
            .as_ref()
            .and_then(|b| self.catalog.with_value(|c| c.get(b).cloned()));
        let in_use = draft.base.as_ref().is_some_and(|b| self.is_in_use(b));
        let revision = draft.finish(base.as_ref(), in_use);
        if !editor::can_save(&revision.questionnaire) {
            return Err("Fix what the list above says first.".to_string());
        }
        let questionnaire = revision.questionnaire.clone();
        let key = storage::questionnaire_key(&questionnaire.id, questionnaire.version);
        self.catalog
            .try_update_value(|c| c.replace(questionnaire.clone()))
            .unwrap_or_else(|| Err("the catalog could not be changed".to_string()))?;
        self.catalog_changed.update(|n| *n += 1);
        self.persist(key, ToWrite::Questionnaire(questionnaire.clone()));
        self.save_draft(&Draft::edit(&questionnaire));
        Ok(revision)
    }

    /// Exports a questionnaire and remembers it was sent: from now on, editing it makes a new
    /// version, so the answers people give to this one stay readable.
    pub fn share_questionnaire(&self, questionnaire: &Questionnaire) {
        let entry = format!("{} {}", questionnaire.id, questionnaire.version);
        if self
            .settings
            .with_untracked(|s| !s.shared_questionnaires.contains(&entry))
        {
            self.save_settings(|s| s.shared_questionnaires.push(entry));
        }
        self.export_questionnaire(questionnaire);
    }

    /// Starts a solo response to any questionnaire this device has; returns its id.
    pub fn start_response_with(&self, questionnaire: &Questionnaire) -> String {
        let response = Response::new(new_id(), questionnaire, now());
        let id = response.id.clone();
        self.save_response(&response);
        self.responses.update(|all| all.push(response));
        id
    }
}

// ---- Issue 15: links ----------------------------------------------------------------------

/// One thing to import into a team check: a picked file, or a link pasted (its payload, and
/// "link 1", "link 2" to name it in outcomes). Both go through `import_into_check`.
pub enum Incoming {
    File(web_sys::File),
    Link { name: String, payload: String },
}

impl AppState {
    /// Reads a response link with the strict reader of files (`link::to_file`, then `read`):
    /// the team check it names, and the document. Questionnaires it brings join the catalog.
    pub fn read_link(
        &self,
        source: &str,
        payload: &str,
    ) -> Result<(Option<String>, Document), ReadError> {
        self.read_any_link(link::Kind::Answers, source, payload)
    }

    /// `read_link` for either kind of link.
    pub fn read_any_link(
        &self,
        kind: link::Kind,
        source: &str,
        payload: &str,
    ) -> Result<(Option<String>, Document), ReadError> {
        let linked = self
            .catalog
            .with_value(|c| link::to_file(kind, source, payload, c))?;
        let document = self.read_import(source, linked.file.as_bytes())?;
        Ok((linked.check, document))
    }

    /// What a link holds, read strictly but without changing anything (not even the
    /// catalog): for showing it before the person says yes.
    pub fn peek_link(
        &self,
        kind: link::Kind,
        source: &str,
        payload: &str,
    ) -> Result<(Option<String>, format::Read), ReadError> {
        self.catalog
            .with_value(|c| link::read(kind, source, payload, c))
    }

    /// Whether a questionnaire is built in (an invitation names it) or the team's own (an
    /// invitation carries it).
    pub fn is_builtin(&self, reference: &QuestionnaireRef) -> bool {
        self.catalog
            .with_value(|c| c.entry(reference).is_some_and(|e| e.builtin))
    }
}
