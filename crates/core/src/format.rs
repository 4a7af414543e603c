//! The teamshape file format: what is downloaded, imported, and kept in localStorage.
//!
//! Every document is a JSON object with `format: "teamshape"`, a `format_version` and a `kind`.
//! Reading is strict and all-or-nothing: a document either passes every check and becomes domain
//! values, or it is refused with one message that says why. Computed numbers in a document
//! (`scores`, `team_statistics`, `answer_label`) are written for people and ignored on reading;
//! the app always recomputes them. See `docs/FORMAT.md`.

use super::limits::{MAX_TEXT_CHARS, check_id};
use super::questionnaire::{Questionnaire, QuestionnaireRef};
use super::response::{Answer, AnswerRecord, Response};
use super::scoring::{DimensionScore, score};
use super::team::{Anonymity, TeamCheck, TeamFigures, figures};
use super::time::Timestamp;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub const FORMAT_NAME: &str = "teamshape";
/// The version this app writes. Older versions are migrated on reading; newer ones are refused.
pub const FORMAT_VERSION: u64 = 1;
/// Larger files are refused before parsing. Generous on purpose: it admits the largest file the
/// app writes (a 5,000-person named team check with long non-ASCII names and comments, about 45 MB; `crates/core/tests/format.rs` checks it) and any
/// backup of a full localStorage (5 million UTF-16 units, at most 3 UTF-8 bytes each, plus
/// indentation), so the app never refuses its own files.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// All files of one import together: they are read one at a time, and the rest refused by name.
pub const MAX_IMPORT_BYTES: usize = 4 * MAX_FILE_BYTES;

/// Why a document cannot be used. Only `Damaged` means the text itself is wrong; the others are
/// good documents this app cannot read, which must be kept exactly as they are.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Not a teamshape document, or one that breaks the format: the sentence says how.
    Damaged(String),
    /// A teamshape document made with another questionnaire, or another version of ours.
    OtherQuestionnaire(QuestionnaireRef),
    /// A teamshape document in a format version newer than this app's.
    NewerFormat(u64),
}

/// Why a document was refused. `Display` gives the sentence shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    /// The file name, or the storage key, the document came from.
    pub source: String,
    /// Inside a backup: which of its documents (1-based) was refused.
    pub document: Option<usize>,
    pub problem: Problem,
}

impl ReadError {
    /// Whether the text itself is broken, rather than a good document of another version.
    pub fn is_damage(&self) -> bool {
        matches!(self.problem, Problem::Damaged(_))
    }

    /// The reason alone, without the source: "the file ends too early; …".
    pub fn reason(&self) -> String {
        let reason = self.problem.to_string();
        match self.document {
            Some(n) => format!("document {n} in the backup: {reason}"),
            None => reason,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Damaged(reason) => f.write_str(reason),
            Problem::OtherQuestionnaire(theirs) => write!(
                f,
                "it was made with questionnaire {theirs}, which this teamshape does not use. \
                 Answers to different questions cannot be combined"
            ),
            Problem::NewerFormat(version) => write!(
                f,
                "made by a newer teamshape (format version {version}); nothing was changed. \
                 Open it with the latest teamshape"
            ),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.reason())
    }
}

/// What a document held, checked and ready to use.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    Response(Response),
    TeamCheck(TeamCheck),
    /// Everything from one browser: "Download all my data".
    Backup(Vec<Document>),
}

// ---- File shapes (serde) -------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerEntry {
    item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<Answer>,
    /// For people reading the file; ignored on reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer_label: Option<IgnoredOr<&'static str>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    comment: String,
    answered_at: Timestamp,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseBody {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    respondent: Option<String>,
    started_at: Timestamp,
    answers: Vec<AnswerEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionnaireInfo {
    id: String,
    version: u32,
    /// For people reading the file; ignored on reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<IgnoredOr<String>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamCheckBody {
    id: String,
    name: String,
    anonymity: Anonymity,
    anonymity_threshold: usize,
    created_at: Timestamp,
}

/// The envelope every document shares. Written with `flatten`; read by hand in `read_value`
/// (serde's derived reading of `flatten` and internally tagged enums buffers every value and
/// costs a lot of wasm, and cannot refuse unknown fields).
#[derive(Serialize)]
struct Envelope {
    format: &'static str,
    format_version: u64,
    #[serde(flatten)]
    body: Body,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Body {
    Response(ResponseDoc),
    TeamCheck(TeamCheckDoc),
    Backup(BackupOut),
    TeamSummary(TeamSummaryDoc),
}

/// A backup as written: its documents are written straight into the file.
#[derive(Serialize)]
struct BackupOut {
    exported_at: Timestamp,
    documents: Vec<Envelope>,
}

// The three document bodies. Their own unknown fields are refused by `read_document`, which
// knows the envelope fields they sit beside; nested structs refuse unknown fields themselves.
#[derive(Serialize, Deserialize)]
struct ResponseDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exported_at: Option<Timestamp>,
    questionnaire: QuestionnaireInfo,
    response: ResponseBody,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scores: Option<IgnoredOr<Vec<DimensionScore>>>,
}

#[derive(Serialize, Deserialize)]
struct TeamCheckDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exported_at: Option<Timestamp>,
    questionnaire: QuestionnaireInfo,
    team_check: TeamCheckBody,
    responses: Vec<ResponseBody>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team_statistics: Option<IgnoredOr<TeamFigures>>,
}

/// What a team may share outside the team: the figures its page shows, and nothing else.
#[derive(Serialize)]
struct TeamSummaryDoc {
    exported_at: Timestamp,
    questionnaire: QuestionnaireInfo,
    team_check: SummaryCheck,
    team_figures: TeamFigures,
}

#[derive(Serialize)]
struct SummaryCheck {
    name: String,
    anonymity: Anonymity,
    anonymity_threshold: usize,
}

#[derive(Deserialize)]
struct BackupDoc {
    /// Each document is kept as its JSON text and read on its own, with its own messages.
    documents: Vec<Box<RawValue>>,
}

/// Written as `T`, read as anything and dropped: for computed fields we never trust.
enum IgnoredOr<T> {
    Written(T),
    Ignored,
}

impl<T: Serialize> Serialize for IgnoredOr<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IgnoredOr::Written(value) => value.serialize(serializer),
            IgnoredOr::Ignored => serializer.serialize_unit(),
        }
    }
}

impl<'de, T> Deserialize<'de> for IgnoredOr<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| IgnoredOr::Ignored)
    }
}

// ---- Writing -------------------------------------------------------------------------------

fn response_body(questionnaire: &Questionnaire, response: &Response) -> ResponseBody {
    // Answers in questionnaire order, so the file reads like the survey; unknown ones after.
    let mut answers: Vec<AnswerEntry> = Vec::with_capacity(response.answers.len());
    let mut seen = BTreeSet::new();
    let known = questionnaire.items().map(|(_, item)| item.id.as_str());
    let rest = response.answers.keys().map(String::as_str);
    for item_id in known.chain(rest) {
        if let Some(record) = response.answers.get(item_id)
            && seen.insert(item_id)
        {
            answers.push(AnswerEntry {
                item: item_id.to_string(),
                answer: record.answer,
                answer_label: record.answer.map(|a| IgnoredOr::Written(a.label())),
                comment: record.comment.clone(),
                answered_at: record.answered_at.clone(),
            });
        }
    }
    ResponseBody {
        id: response.id.clone(),
        respondent: response.respondent.clone(),
        started_at: response.started_at.clone(),
        answers,
    }
}

fn questionnaire_info(questionnaire: &Questionnaire) -> QuestionnaireInfo {
    QuestionnaireInfo {
        id: questionnaire.id.clone(),
        version: questionnaire.version,
        title: Some(IgnoredOr::Written(questionnaire.title.clone())),
    }
}

fn to_pretty_json(body: Body) -> String {
    let envelope = Envelope {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        body,
    };
    // Serialising plain structs with string keys cannot fail. Should it ever, the empty string
    // is refused by `Store::write`, so no stored document is replaced by nothing.
    serde_json::to_string_pretty(&envelope).unwrap_or_default()
}

/// One respondent's answers with their per-dimension scores, as downloaded and stored.
pub fn write_response(
    questionnaire: &Questionnaire,
    response: &Response,
    exported_at: Option<&Timestamp>,
) -> String {
    to_pretty_json(response_value(questionnaire, response, exported_at))
}

fn response_value(
    questionnaire: &Questionnaire,
    response: &Response,
    exported_at: Option<&Timestamp>,
) -> Body {
    Body::Response(ResponseDoc {
        exported_at: exported_at.cloned(),
        questionnaire: questionnaire_info(questionnaire),
        response: response_body(questionnaire, response),
        scores: Some(IgnoredOr::Written(score(questionnaire, response))),
    })
}

/// A team check with every response and the team's statistics.
pub fn write_team_check(
    questionnaire: &Questionnaire,
    check: &TeamCheck,
    exported_at: Option<&Timestamp>,
) -> String {
    to_pretty_json(team_check_value(questionnaire, check, exported_at))
}

fn team_check_value(
    questionnaire: &Questionnaire,
    check: &TeamCheck,
    exported_at: Option<&Timestamp>,
) -> Body {
    Body::TeamCheck(TeamCheckDoc {
        exported_at: exported_at.cloned(),
        questionnaire: questionnaire_info(questionnaire),
        team_check: TeamCheckBody {
            id: check.id.clone(),
            name: check.name.clone(),
            anonymity: check.anonymity,
            anonymity_threshold: check.anonymity_threshold,
            created_at: check.created_at.clone(),
        },
        responses: check
            .responses
            .iter()
            .map(|r| {
                let mut body = response_body(questionnaire, r);
                // `merge` drops names in anonymous checks; this holds even if one slipped in.
                if check.anonymity == Anonymity::Anonymous {
                    body.respondent = None;
                }
                body
            })
            .collect(),
        team_statistics: Some(IgnoredOr::Written(figures(
            questionnaire,
            &check.included(None),
            check.rules(),
        ))),
    })
}

/// The team summary: `shown` is what the team's page shows (its anonymity rules applied), with
/// no answers, ids, names or times finer than the day. Safe to share outside the team.
pub fn write_team_summary(
    questionnaire: &Questionnaire,
    check: &TeamCheck,
    shown: TeamFigures,
    exported_at: &Timestamp,
) -> String {
    to_pretty_json(Body::TeamSummary(TeamSummaryDoc {
        exported_at: exported_at.day(),
        questionnaire: questionnaire_info(questionnaire),
        team_check: SummaryCheck {
            name: check.name.clone(),
            anonymity: check.anonymity,
            anonymity_threshold: check.rules().threshold,
        },
        team_figures: shown,
    }))
}

/// Everything in one file: every response and every team check.
pub fn write_backup(
    questionnaire: &Questionnaire,
    responses: &[Response],
    checks: &[TeamCheck],
    exported_at: &Timestamp,
) -> String {
    let envelope = |body: Body| Envelope {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        body,
    };
    let documents = responses
        .iter()
        .map(|r| envelope(response_value(questionnaire, r, None)))
        .chain(
            checks
                .iter()
                .map(|c| envelope(team_check_value(questionnaire, c, None))),
        )
        .collect();
    to_pretty_json(Body::Backup(BackupOut {
        exported_at: exported_at.clone(),
        documents,
    }))
}

/// Writes any document as the app writes it; a backup lists its responses before its team
/// checks (a backup inside a backup, which `read` refuses, is flattened).
pub fn write_document(
    questionnaire: &Questionnaire,
    document: &Document,
    exported_at: &Timestamp,
) -> String {
    fn collect(documents: &[Document], responses: &mut Vec<Response>, checks: &mut Vec<TeamCheck>) {
        for document in documents {
            match document {
                Document::Response(r) => responses.push(r.clone()),
                Document::TeamCheck(c) => checks.push(c.clone()),
                Document::Backup(inner) => collect(inner, responses, checks),
            }
        }
    }
    match document {
        Document::Response(r) => write_response(questionnaire, r, Some(exported_at)),
        Document::TeamCheck(c) => write_team_check(questionnaire, c, Some(exported_at)),
        Document::Backup(documents) => {
            let (mut responses, mut checks) = (Vec::new(), Vec::new());
            collect(documents, &mut responses, &mut checks);
            write_backup(questionnaire, &responses, &checks, exported_at)
        }
    }
}

// ---- Reading -------------------------------------------------------------------------------

/// Reads one document from a file or a storage value, checking everything. `source` names it in
/// messages. Only documents made with `questionnaire` (same id and version) are accepted.
pub fn read(
    source: &str,
    bytes: &[u8],
    questionnaire: &Questionnaire,
) -> Result<Document, ReadError> {
    let fail = |refusal: Refusal| ReadError {
        source: source.to_string(),
        document: refusal.document,
        problem: refusal.problem,
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(too_large(bytes.len() as f64).into()));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("the file is empty".into()));
    }
    // Editors such as Windows Notepad may save a byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    read_document(bytes, questionnaire, 0).map_err(fail)
}

/// A refusal inside the reader: which backup document, and why.
struct Refusal {
    document: Option<usize>,
    problem: Problem,
}

impl From<Problem> for Refusal {
    fn from(problem: Problem) -> Refusal {
        Refusal {
            document: None,
            problem,
        }
    }
}

impl From<String> for Refusal {
    fn from(reason: String) -> Refusal {
        Problem::Damaged(reason).into()
    }
}

impl From<&str> for Refusal {
    fn from(reason: &str) -> Refusal {
        reason.to_string().into()
    }
}

/// The message for a file over `MAX_FILE_BYTES`; also used before reading a picked file.
pub fn too_large(bytes: f64) -> String {
    format!(
        "the file is {:.1} MB; teamshape reads files up to {} MB",
        bytes / 1_048_576.0,
        MAX_FILE_BYTES / 1_048_576
    )
}

/// The message for the files of one import beyond `MAX_IMPORT_BYTES` in all.
pub fn import_too_large() -> String {
    format!(
        "the files picked together are over {} MB in all; import this one on its own",
        MAX_IMPORT_BYTES / 1_048_576
    )
}

/// Deeper than this is no teamshape file (they nest 6 levels); checked before any parsing.
const MAX_DEPTH: usize = 32;

/// How deeply arrays and objects nest, ignoring brackets inside strings.
fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for &byte in bytes {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn json_problem(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => "the file ends too early; it may have been cut off while copying \
                          or downloading"
            .to_string(),
        Category::Io | Category::Syntax | Category::Data => {
            format!("this is not a JSON file ({error})")
        }
    }
}

/// The top level of a document, read before anything else: the envelope, and the names of all
/// fields so that unknown ones can be refused. Values of other fields are skipped unread.
#[derive(Default)]
struct Header {
    format: Option<String>,
    /// Kept as text: "1.0" or "one" must read as "no format_version", not as "not ours".
    format_version: Option<Box<RawValue>>,
    kind: Option<String>,
    fields: Vec<String>,
}

impl<'de> Deserialize<'de> for Header {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct HeaderVisitor;
        impl<'de> serde::de::Visitor<'de> for HeaderVisitor {
            type Value = Header;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Header, A::Error> {
                let mut header = Header::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "format" => header.format = map.next_value()?,
                        "format_version" => header.format_version = map.next_value()?,
                        "kind" => header.kind = map.next_value()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    header.fields.push(key);
                }
                Ok(header)
            }
        }
        deserializer.deserialize_map(HeaderVisitor)
    }
}

const ENVELOPE_FIELDS: [&str; 4] = ["format", "format_version", "kind", "exported_at"];

/// Refuses a top-level field that neither the envelope nor this kind of document has.
fn only_fields(header: &Header, body: &[&str]) -> Result<(), String> {
    match header
        .fields
        .iter()
        .find(|f| !ENVELOPE_FIELDS.contains(&f.as_str()) && !body.contains(&f.as_str()))
    {
        Some(field) => Err(format!(
            "the file does not have the fields teamshape expects: unknown field `{field}`"
        )),
        None => Ok(()),
    }
}

fn body<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    serde_json::from_slice(bytes)
        .map_err(|e| format!("the file does not have the fields teamshape expects: {e}"))
}

/// Reads one document's bytes: shape first, then the envelope, then the typed body.
/// Parsing straight from bytes (no `serde_json::Value`) keeps one JSON reader in the wasm.
fn read_document(
    bytes: &[u8],
    questionnaire: &Questionnaire,
    depth: u8,
) -> Result<Document, Refusal> {
    if nesting_depth(bytes) > MAX_DEPTH {
        return Err("the file is nested too deeply to be a teamshape file".into());
    }
    serde_json::from_slice::<IgnoredAny>(bytes).map_err(|e| json_problem(&e))?;
    let not_ours = || "this is JSON, but not a teamshape file".to_string();
    let header: Header = serde_json::from_slice(bytes).map_err(|_| Refusal::from(not_ours()))?;
    if header.format.as_deref() != Some(FORMAT_NAME) {
        return Err(not_ours().into());
    }
    let version = header
        .format_version
        .as_ref()
        .and_then(|raw| raw.get().parse::<u64>().ok())
        .ok_or("the file has no format_version")?;
    if version > FORMAT_VERSION {
        return Err(Problem::NewerFormat(version).into());
    }
    let bytes = migrate(bytes, version)?;
    match header.kind.as_deref() {
        Some("response") => {
            only_fields(&header, &["questionnaire", "response", "scores"])?;
            let ResponseDoc {
                questionnaire: info,
                response,
                ..
            } = body(&bytes)?;
            check_questionnaire(&info, questionnaire)?;
            Ok(Document::Response(check_response(response, questionnaire)?))
        }
        Some("team_check") => {
            only_fields(
                &header,
                &[
                    "questionnaire",
                    "team_check",
                    "responses",
                    "team_statistics",
                ],
            )?;
            let TeamCheckDoc {
                questionnaire: info,
                team_check,
                responses,
                ..
            } = body(&bytes)?;
            check_questionnaire(&info, questionnaire)?;
            check_id("team check", &team_check.id)?;
            check_text("team check name", &team_check.name)?;
            if team_check.anonymity_threshold == 0 || team_check.anonymity_threshold > 1000 {
                return Err(format!(
                    "anonymity threshold {} is not between 1 and 1000",
                    team_check.anonymity_threshold
                )
                .into());
            }
            let mut ids = BTreeSet::new();
            let mut checked = Vec::with_capacity(responses.len());
            for response in responses {
                if !ids.insert(response.id.clone()) {
                    return Err(format!("response \"{}\" appears twice", response.id).into());
                }
                checked.push(check_response(response, questionnaire)?);
            }
            let mut check = TeamCheck {
                id: team_check.id,
                name: team_check.name,
                questionnaire: questionnaire.reference(),
                anonymity: team_check.anonymity,
                anonymity_threshold: team_check.anonymity_threshold,
                created_at: team_check.created_at,
                responses: Vec::new(),
            };
            check.merge(checked);
            Ok(Document::TeamCheck(check))
        }
        Some("backup") => {
            only_fields(&header, &["documents"])?;
            let BackupDoc { documents } = body(&bytes)?;
            if depth > 0 {
                return Err("a backup inside a backup is not allowed".into());
            }
            documents
                .iter()
                .enumerate()
                .map(|(index, document)| {
                    read_document(document.get().as_bytes(), questionnaire, depth + 1).map_err(
                        |refusal| Refusal {
                            document: Some(index + 1),
                            problem: refusal.problem,
                        },
                    )
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Document::Backup)
        }
        Some("team_summary") => Err("this is a team summary: it holds the team's figures but \
                                     no answers, so there is nothing in it to import"
            .into()),
        Some(other) => Err(format!(
            "the file is a teamshape \"{other}\" document, which this teamshape does not know"
        )
        .into()),
        None => Err("the file does not say what kind of document it is".into()),
    }
}

/// Upgrades an older document to the current version, one step at a time. Version 1 is the
/// first; each later version adds a step here (it may parse into `serde_json::Value`, rewrite,
/// and serialise again) and golden files under `crates/core/tests/golden/`.
fn migrate(bytes: &[u8], from: u64) -> Result<Cow<'_, [u8]>, String> {
    match from {
        FORMAT_VERSION => Ok(Cow::Borrowed(bytes)),
        other => Err(format!("format version {other} is unknown")),
    }
}

fn check_questionnaire(info: &QuestionnaireInfo, ours: &Questionnaire) -> Result<(), Problem> {
    let theirs = QuestionnaireRef {
        id: info.id.clone(),
        version: info.version,
    };
    if theirs == ours.reference() {
        Ok(())
    } else {
        Err(Problem::OtherQuestionnaire(theirs))
    }
}

fn check_text(what: &str, text: &str) -> Result<(), String> {
    if text.chars().count() > MAX_TEXT_CHARS {
        Err(format!(
            "the {what} is longer than {MAX_TEXT_CHARS} characters"
        ))
    } else {
        Ok(())
    }
}

fn check_response(body: ResponseBody, questionnaire: &Questionnaire) -> Result<Response, String> {
    check_id("response", &body.id)?;
    if let Some(name) = &body.respondent {
        check_text("respondent name", name)?;
    }
    let mut answers = BTreeMap::new();
    let mut unknown = Vec::new();
    for entry in body.answers {
        if questionnaire.item(&entry.item).is_none() {
            unknown.push(entry.item);
            continue;
        }
        if let Some(answer) = entry.answer
            && !answer.is_valid()
        {
            return Err(format!(
                "item \"{}\" has answer {}; answers are 1 to 5 or \"dont_know\"",
                entry.item,
                // Out-of-range numbers arrive saturated (negatives as 0, 255 and more as 255),
                // so those two name a range rather than a number the file may not hold.
                match answer {
                    Answer::Scale(0) => "below 1".to_string(),
                    Answer::Scale(u8::MAX) => "above 254".to_string(),
                    Answer::Scale(v) => v.to_string(),
                    Answer::DontKnow => "dont_know".to_string(),
                }
            ));
        }
        check_text("comment", &entry.comment)?;
        let record = AnswerRecord {
            answer: entry.answer,
            comment: entry.comment,
            answered_at: entry.answered_at,
        };
        if answers.insert(entry.item.clone(), record).is_some() {
            return Err(format!("item \"{}\" is answered twice", entry.item));
        }
    }
    if !unknown.is_empty() {
        return Err(format!(
            "it answers items this questionnaire does not have: {}",
            unknown
                .iter()
                .map(|id| format!("\"{id}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(Response {
        id: body.id,
        questionnaire: questionnaire.reference(),
        respondent: body.respondent,
        started_at: body.started_at,
        answers,
    })
}

/// A file name for a download: `teamshape-<what>-<date>.json`, safe on every system.
pub fn file_name(what: &str, date: &str) -> String {
    let slug: String = what
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        format!("teamshape-{date}.json")
    } else {
        format!("teamshape-{slug}-{date}.json")
    }
}

/// Refuses a document with a time after `limit` (a day from now, from the device's clock): the
/// later answer wins every merge, so a clock far ahead would override answers given since.
pub fn check_not_after(document: &Document, limit: &Timestamp) -> Result<(), String> {
    let late = |r: &Response| {
        std::iter::once(&r.started_at)
            .chain(r.answers.values().map(|a| &a.answered_at))
            .find(|t| *t > limit)
            .cloned()
    };
    let found = match document {
        Document::Response(r) => late(r),
        Document::TeamCheck(c) => c.responses.iter().find_map(late),
        Document::Backup(documents) => {
            return documents.iter().try_for_each(|d| check_not_after(d, limit));
        }
    };
    match found {
        Some(time) => Err(format!(
            "it holds the time {time}, which has not come yet; the clock of the device it \
             was made on may be wrong"
        )),
        None => Ok(()),
    }
}
