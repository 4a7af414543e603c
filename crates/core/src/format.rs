//! The teamshape file format: what is downloaded, imported, and kept in localStorage.
//!
//! Every document is a JSON object with `format: "teamshape"`, a `format_version` and a `kind`.
//! Reading is strict and all-or-nothing, in two steps: `parse` checks that the bytes are a
//! well-formed document (shape, limits, answers on the scale), then `Parsed::check` checks it
//! against the catalog of questionnaires this device has. A document either passes every check
//! and becomes domain values, or it is refused with one message that says why. Computed numbers
//! in a document (`scores`, `team_statistics`, `answer_label`) are written for people and ignored
//! on reading; the app always recomputes them. See `docs/FORMAT.md`.

use super::catalog::Catalog;
use super::intuitions::{TOTAL_POINTS, check_guess, points_sum};
use super::limits::{MAX_TEXT_CHARS, check_id};
use super::questionnaire::{Dimension, Intuitions, Questionnaire, QuestionnaireRef};
use super::response::{Answer, AnswerRecord, Guess, GuessRecord, Keyed, Response};
use super::scoring::{DimensionScore, score};
use super::team::{
    Anonymity, Experiment, MAX_EXPERIMENTS, Review, Team, TeamCheck, TeamFigures, figures,
};
use super::time::Timestamp;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub const FORMAT_NAME: &str = "teamshape";
/// The version this app writes. Older versions are migrated on reading; newer ones are refused.
/// Version 2 added "Doesn't apply", the questionnaire's content hash in every document, the
/// questionnaire inside every team check, and questionnaire documents. Version 3 added teams,
/// experiments and reviews. Version 4 added the intuitions part: questionnaires may ask it and
/// responses may answer it (`migrate_v3`).
pub const FORMAT_VERSION: u64 = 4;
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
    /// Made with a questionnaire this device does not have; importing it makes it readable.
    UnknownQuestionnaire(QuestionnaireRef),
    /// Made with a questionnaire whose id and version this device has, but with other content.
    DifferentQuestionnaire(QuestionnaireRef),
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
    /// Whether the text itself is broken, rather than a good document this app cannot use.
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
            Problem::UnknownQuestionnaire(theirs) => write!(
                f,
                "made with a questionnaire this device does not have ({theirs}): import that \
                 questionnaire to see it"
            ),
            Problem::DifferentQuestionnaire(theirs) => write!(
                f,
                "made with a questionnaire {theirs} whose statements differ from the one of that \
                 name and version on this device; nothing was changed. Answers to different \
                 questions cannot be combined"
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
    /// A questionnaire file: someone's own questionnaire, to import into the catalog.
    Questionnaire(Questionnaire),
    /// Everything from one browser: "Download all my data".
    Backup(Vec<Document>),
}

/// A document read and checked, and the questionnaires it brought that the catalog lacks (from
/// a team check or a questionnaire file): the app adds them to its catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub document: Document,
    pub questionnaires: Vec<Questionnaire>,
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

/// One answer of the intuitions part (format version 4 on); no `value` when it was cleared.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GuessEntry {
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<Guess>,
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
    /// Format version 4 on; written only when there is something in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    intuitions: Option<Vec<GuessEntry>>,
}

/// How a response or a team summary names its questionnaire, as written.
#[derive(Serialize)]
struct QuestionnaireRefOut<'a> {
    id: &'a str,
    version: u32,
    hash: String,
    /// For people reading the file; ignored on reading.
    title: &'a str,
}

/// A questionnaire in full, as written in team checks and questionnaire files: its own fields
/// and its hash.
#[derive(Serialize)]
struct QuestionnaireOut<'a> {
    id: &'a str,
    version: u32,
    hash: String,
    title: &'a str,
    description: &'a str,
    dimensions: &'a [Dimension],
    #[serde(skip_serializing_if = "Option::is_none")]
    intuitions: Option<&'a Intuitions>,
}

/// The `questionnaire` field of any document, as read: a reference (id, version, hash; in
/// format version 1 id and version only), or in team checks and questionnaire files the whole
/// questionnaire. Which fields a document must have is checked by `named`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionnaireIn {
    id: String,
    version: u32,
    #[serde(default)]
    hash: Option<String>,
    /// In a reference, for people and ignored (any value); in a whole questionnaire, its title.
    #[serde(default)]
    title: Option<Box<RawValue>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    dimensions: Option<Vec<Dimension>>,
    /// Format version 4 on, in a whole questionnaire only.
    #[serde(default)]
    intuitions: Option<Intuitions>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamCheckBody {
    id: String,
    name: String,
    anonymity: Anonymity,
    anonymity_threshold: usize,
    created_at: Timestamp,
    /// Format version 3 on; a version 2 check is a team of its own (`migrate_v2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team: Option<Team>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    experiments: Vec<Experiment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reviews: Vec<Review>,
}

/// The envelope every document shares. Written with `flatten`; read by hand in `read_value`
/// (serde's derived reading of `flatten` and internally tagged enums buffers every value and
/// costs a lot of wasm, and cannot refuse unknown fields).
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    format_version: u64,
    #[serde(flatten)]
    body: Body<'a>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Body<'a> {
    Response(ResponseDoc<QuestionnaireRefOut<'a>>),
    TeamCheck(TeamCheckDoc<QuestionnaireOut<'a>>),
    Questionnaire(QuestionnaireDoc<QuestionnaireOut<'a>>),
    Backup(BackupOut<'a>),
    TeamSummary(TeamSummaryDoc<'a>),
}

/// A backup as written: its documents are written straight into the file.
#[derive(Serialize)]
struct BackupOut<'a> {
    exported_at: Timestamp,
    documents: Vec<Envelope<'a>>,
}

// The document bodies, generic in how the questionnaire is written and read. Their own unknown
// fields are refused by `parse_document`, which knows the envelope fields they sit beside;
// nested structs refuse unknown fields themselves.
#[derive(Serialize, Deserialize)]
struct ResponseDoc<Q> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exported_at: Option<Timestamp>,
    questionnaire: Q,
    response: ResponseBody,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scores: Option<IgnoredOr<Vec<DimensionScore>>>,
}

#[derive(Serialize, Deserialize)]
struct TeamCheckDoc<Q> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exported_at: Option<Timestamp>,
    questionnaire: Q,
    team_check: TeamCheckBody,
    responses: Vec<ResponseBody>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team_statistics: Option<IgnoredOr<TeamFigures>>,
}

#[derive(Serialize, Deserialize)]
struct QuestionnaireDoc<Q> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exported_at: Option<Timestamp>,
    questionnaire: Q,
}

/// What a team may share outside the team: the figures its page shows, and nothing else.
#[derive(Serialize)]
struct TeamSummaryDoc<'a> {
    exported_at: Timestamp,
    questionnaire: QuestionnaireRefOut<'a>,
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
        intuitions: (!response.intuitions.is_empty()).then(|| {
            response
                .intuitions
                .iter()
                .map(|(key, record)| GuessEntry {
                    key: key.clone(),
                    value: record.value.clone(),
                    answered_at: record.answered_at.clone(),
                })
                .collect()
        }),
    }
}

fn questionnaire_ref(questionnaire: &Questionnaire) -> QuestionnaireRefOut<'_> {
    QuestionnaireRefOut {
        id: &questionnaire.id,
        version: questionnaire.version,
        hash: questionnaire.content_hash(),
        title: &questionnaire.title,
    }
}

fn questionnaire_whole(questionnaire: &Questionnaire) -> QuestionnaireOut<'_> {
    QuestionnaireOut {
        id: &questionnaire.id,
        version: questionnaire.version,
        hash: questionnaire.content_hash(),
        title: &questionnaire.title,
        description: &questionnaire.description,
        dimensions: &questionnaire.dimensions,
        intuitions: questionnaire.intuitions.as_ref(),
    }
}

fn envelope(body: Body<'_>) -> Envelope<'_> {
    Envelope {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        body,
    }
}

fn to_pretty_json(body: Body) -> String {
    // Serialising plain structs with string keys cannot fail. Should it ever, the empty string
    // is refused by `Store::write`, so no stored document is replaced by nothing.
    serde_json::to_string_pretty(&envelope(body)).unwrap_or_default()
}

/// One respondent's answers with their per-dimension scores, as downloaded and stored.
/// `questionnaire` is the one the response was made with (`Catalog::get`).
pub fn write_response(
    questionnaire: &Questionnaire,
    response: &Response,
    exported_at: Option<&Timestamp>,
) -> String {
    to_pretty_json(response_value(questionnaire, response, exported_at))
}

fn response_value<'a>(
    questionnaire: &'a Questionnaire,
    response: &Response,
    exported_at: Option<&Timestamp>,
) -> Body<'a> {
    Body::Response(ResponseDoc {
        exported_at: exported_at.cloned(),
        questionnaire: questionnaire_ref(questionnaire),
        response: response_body(questionnaire, response),
        scores: Some(IgnoredOr::Written(score(questionnaire, response))),
    })
}

/// A team check with its questionnaire, every response and the team's statistics.
pub fn write_team_check(
    questionnaire: &Questionnaire,
    check: &TeamCheck,
    exported_at: Option<&Timestamp>,
) -> String {
    to_pretty_json(team_check_value(questionnaire, check, exported_at))
}

fn team_check_value<'a>(
    questionnaire: &'a Questionnaire,
    check: &TeamCheck,
    exported_at: Option<&Timestamp>,
) -> Body<'a> {
    Body::TeamCheck(TeamCheckDoc {
        exported_at: exported_at.cloned(),
        questionnaire: questionnaire_whole(questionnaire),
        team_check: TeamCheckBody {
            id: check.id.clone(),
            name: check.name.clone(),
            anonymity: check.anonymity,
            anonymity_threshold: check.anonymity_threshold,
            created_at: check.created_at.clone(),
            team: Some(check.team.clone()),
            experiments: check.experiments.clone(),
            reviews: check.reviews.clone(),
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

/// A questionnaire file: to share one's own questionnaire (import and export).
pub fn write_questionnaire(
    questionnaire: &Questionnaire,
    exported_at: Option<&Timestamp>,
) -> String {
    to_pretty_json(questionnaire_value(questionnaire, exported_at))
}

fn questionnaire_value<'a>(
    questionnaire: &'a Questionnaire,
    exported_at: Option<&Timestamp>,
) -> Body<'a> {
    Body::Questionnaire(QuestionnaireDoc {
        exported_at: exported_at.cloned(),
        questionnaire: questionnaire_whole(questionnaire),
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
        questionnaire: questionnaire_ref(questionnaire),
        team_check: SummaryCheck {
            name: check.name.clone(),
            anonymity: check.anonymity,
            anonymity_threshold: check.rules().threshold,
        },
        team_figures: shown,
    }))
}

/// Everything in one file: the questionnaires made or imported on this device, then every
/// response and every team check, each written with the questionnaire it was made with.
///
/// Every response and check the app holds was read against `catalog`, so each finds its
/// questionnaire there; one that did not (which cannot happen) is written against an empty
/// stand-in of the same id and version, which keeps its answers in the file.
pub fn write_backup(
    catalog: &Catalog,
    responses: &[Response],
    checks: &[TeamCheck],
    exported_at: &Timestamp,
) -> String {
    let stand_ins: Vec<Questionnaire> = responses
        .iter()
        .map(|r| &r.questionnaire)
        .chain(checks.iter().map(|c| &c.questionnaire))
        .filter(|r| catalog.get(r).is_none())
        .map(|r| Questionnaire {
            id: r.id.clone(),
            version: r.version,
            title: String::new(),
            description: String::new(),
            dimensions: Vec::new(),
            intuitions: None,
        })
        .collect();
    let find = |reference: &QuestionnaireRef| {
        catalog
            .get(reference)
            .or_else(|| stand_ins.iter().find(|q| q.reference() == *reference))
    };
    let mut documents: Vec<Envelope> = catalog
        .list()
        .iter()
        .filter(|e| !e.builtin)
        .map(|e| envelope(questionnaire_value(&e.questionnaire, None)))
        .collect();
    for r in responses {
        if let Some(q) = find(&r.questionnaire) {
            documents.push(envelope(response_value(q, r, None)));
        }
    }
    for c in checks {
        if let Some(q) = find(&c.questionnaire) {
            documents.push(envelope(team_check_value(q, c, None)));
        }
    }
    to_pretty_json(Body::Backup(BackupOut {
        exported_at: exported_at.clone(),
        documents,
    }))
}

/// Writes any document as the app writes it, each with its questionnaire from `catalog`. A
/// backup is written by `write_backup` (a backup inside a backup, which `read` refuses, is
/// flattened): its questionnaires are those of `catalog` that are not built in.
pub fn write_document(catalog: &Catalog, document: &Document, exported_at: &Timestamp) -> String {
    fn collect(documents: &[Document], responses: &mut Vec<Response>, checks: &mut Vec<TeamCheck>) {
        for document in documents {
            match document {
                Document::Response(r) => responses.push(r.clone()),
                Document::TeamCheck(c) => checks.push(c.clone()),
                Document::Questionnaire(_) => {}
                Document::Backup(inner) => collect(inner, responses, checks),
            }
        }
    }
    let stand_in = |reference: &QuestionnaireRef| Questionnaire {
        id: reference.id.clone(),
        version: reference.version,
        title: String::new(),
        description: String::new(),
        dimensions: Vec::new(),
        intuitions: None,
    };
    match document {
        Document::Response(r) => match catalog.get(&r.questionnaire) {
            Some(q) => write_response(q, r, Some(exported_at)),
            None => write_response(&stand_in(&r.questionnaire), r, Some(exported_at)),
        },
        Document::TeamCheck(c) => match catalog.get(&c.questionnaire) {
            Some(q) => write_team_check(q, c, Some(exported_at)),
            None => write_team_check(&stand_in(&c.questionnaire), c, Some(exported_at)),
        },
        Document::Questionnaire(q) => write_questionnaire(q, Some(exported_at)),
        Document::Backup(documents) => {
            let (mut responses, mut checks) = (Vec::new(), Vec::new());
            collect(documents, &mut responses, &mut checks);
            write_backup(catalog, &responses, &checks, exported_at)
        }
    }
}

// ---- Reading -------------------------------------------------------------------------------

/// Reads one document from a file or a storage value, checking everything: `parse`, then
/// `Parsed::check` against `catalog`. `source` names it in messages.
pub fn read(source: &str, bytes: &[u8], catalog: &Catalog) -> Result<Read, ReadError> {
    parse(source, bytes)?.check(catalog)
}

/// A well-formed document, not yet checked against a catalog.
pub struct Parsed {
    source: String,
    document: ParsedDocument,
}

/// Step one: whether `bytes` are a well-formed teamshape document. Everything that does not
/// depend on which questionnaires this device has is checked here: size, JSON, envelope, fields,
/// ids, texts, limits, answers on the scale, a questionnaire inside matching its hash.
pub fn parse(source: &str, bytes: &[u8]) -> Result<Parsed, ReadError> {
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
    let document = parse_document(bytes, 0).map_err(fail)?;
    Ok(Parsed {
        source: source.to_string(),
        document,
    })
}

impl Parsed {
    /// Step two: checks the document against `catalog`. A questionnaire the document carries
    /// (a team check's, a questionnaire file's) that `catalog` lacks is used, and returned in
    /// `Read::questionnaires` for the app to add.
    pub fn check(self, catalog: &Catalog) -> Result<Read, ReadError> {
        let source = self.source;
        let fail = |refusal: Refusal| ReadError {
            source: source.clone(),
            document: refusal.document,
            problem: refusal.problem,
        };
        let mut extra = Vec::new();
        // Questionnaires first, so that a backup's responses find one its team check carries.
        let documents = match &self.document {
            ParsedDocument::Backup(documents) => documents.iter().collect(),
            other => vec![other],
        };
        for (index, document) in documents.into_iter().enumerate() {
            let within = |problem: Problem| Refusal {
                document: matches!(self.document, ParsedDocument::Backup(_)).then_some(index + 1),
                problem,
            };
            if let Some(questionnaire) = document.carried() {
                take_in(questionnaire, catalog, &mut extra).map_err(|p| fail(within(p)))?;
            }
        }
        let document = check_document(self.document, catalog, &extra).map_err(fail)?;
        Ok(Read {
            document,
            questionnaires: extra,
        })
    }
}

/// Adds a carried questionnaire to `extra` unless the catalog has it; refuses one whose id and
/// version the catalog (or this document) has with other content.
fn take_in(
    questionnaire: &Questionnaire,
    catalog: &Catalog,
    extra: &mut Vec<Questionnaire>,
) -> Result<(), Problem> {
    let reference = questionnaire.reference();
    let hash = questionnaire.content_hash();
    if let Some(entry) = catalog.entry(&reference) {
        return if entry.hash == hash {
            Ok(())
        } else {
            Err(Problem::DifferentQuestionnaire(reference))
        };
    }
    match extra.iter().find(|q| q.reference() == reference) {
        Some(q) if q.content_hash() == hash => Ok(()),
        Some(_) => Err(Problem::DifferentQuestionnaire(reference)),
        None => {
            extra.push(questionnaire.clone());
            Ok(())
        }
    }
}

/// A parsed document: checked in itself, not yet against a catalog.
enum ParsedDocument {
    Response {
        named: Named,
        response: ResponseBody,
    },
    TeamCheck {
        named: Named,
        team_check: TeamCheckBody,
        responses: Vec<ResponseBody>,
    },
    Questionnaire(Questionnaire),
    Backup(Vec<ParsedDocument>),
}

impl ParsedDocument {
    /// The questionnaire this document carries inside it, if any.
    fn carried(&self) -> Option<&Questionnaire> {
        match self {
            ParsedDocument::TeamCheck {
                named: Named {
                    carried: Some(q), ..
                },
                ..
            }
            | ParsedDocument::Questionnaire(q) => Some(q),
            _ => None,
        }
    }
}

/// Which questionnaire a document names, as read.
struct Named {
    reference: QuestionnaireRef,
    /// `None` in format version 1, which named id and version only (see `migrate_v1`).
    hash: Option<String>,
    /// The whole questionnaire, in a team check of format version 2.
    carried: Option<Questionnaire>,
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

// The fields each kind of document has beside the envelope's: one list per kind, which the
// reader uses to refuse any other, and which `crates/core/tests/format.rs` checks against what
// the writer writes, so the list and the struct cannot drift apart.
pub const RESPONSE_FIELDS: &[&str] = &["questionnaire", "response", "scores"];
pub const TEAM_CHECK_FIELDS: &[&str] = &[
    "questionnaire",
    "team_check",
    "responses",
    "team_statistics",
];
pub const QUESTIONNAIRE_FIELDS: &[&str] = &["questionnaire"];
pub const BACKUP_FIELDS: &[&str] = &["documents"];

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
fn parse_document(bytes: &[u8], depth: u8) -> Result<ParsedDocument, Refusal> {
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
    if version == 0 {
        return Err("format version 0 is unknown".into());
    }
    match header.kind.as_deref() {
        Some("response") => {
            only_fields(&header, RESPONSE_FIELDS)?;
            let ResponseDoc::<QuestionnaireIn> {
                questionnaire,
                response,
                ..
            } = body(bytes)?;
            let named = named(questionnaire, version, false)?;
            check_response_body(&response, version)?;
            Ok(ParsedDocument::Response { named, response })
        }
        Some("team_check") => {
            only_fields(&header, TEAM_CHECK_FIELDS)?;
            let TeamCheckDoc::<QuestionnaireIn> {
                questionnaire,
                team_check,
                responses,
                ..
            } = body(bytes)?;
            let named = named(questionnaire, version, true)?;
            check_id("team check", &team_check.id)?;
            check_text("team check name", &team_check.name)?;
            let team_check = check_team(team_check, version)?;
            if team_check.anonymity_threshold == 0 || team_check.anonymity_threshold > 1000 {
                return Err(format!(
                    "anonymity threshold {} is not between 1 and 1000",
                    team_check.anonymity_threshold
                )
                .into());
            }
            let mut ids = BTreeSet::new();
            for response in &responses {
                if !ids.insert(response.id.as_str()) {
                    return Err(format!("response \"{}\" appears twice", response.id).into());
                }
                check_response_body(response, version)?;
            }
            Ok(ParsedDocument::TeamCheck {
                named,
                team_check,
                responses,
            })
        }
        Some("questionnaire") if version >= 2 => {
            only_fields(&header, QUESTIONNAIRE_FIELDS)?;
            let QuestionnaireDoc::<QuestionnaireIn> { questionnaire, .. } = body(bytes)?;
            match named(questionnaire, version, true)?.carried {
                Some(questionnaire) => Ok(ParsedDocument::Questionnaire(questionnaire)),
                None => Err("the questionnaire file holds no questionnaire".into()),
            }
        }
        Some("backup") => {
            only_fields(&header, BACKUP_FIELDS)?;
            let BackupDoc { documents } = body(bytes)?;
            if depth > 0 {
                return Err("a backup inside a backup is not allowed".into());
            }
            documents
                .iter()
                .enumerate()
                .map(|(index, document)| {
                    parse_document(document.get().as_bytes(), depth + 1).map_err(|refusal| {
                        Refusal {
                            document: Some(index + 1),
                            problem: refusal.problem,
                        }
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(ParsedDocument::Backup)
        }
        Some("team_summary") => Err("this is a team summary: it holds the team's figures but \
                                     no answers, so there is nothing in it to import"
            .into()),
        Some(other) => Err(format!(
            "the file is a teamshape \"{other}\" document, which this teamshape does not know \
             in format version {version}"
        )
        .into()),
        None => Err("the file does not say what kind of document it is".into()),
    }
}

/// The `questionnaire` field, checked for its format version: version 1 names id and version
/// only; version 2 adds the content hash, and a team check or questionnaire file (`whole`)
/// carries the whole questionnaire, which must be sound and match its hash.
fn named(info: QuestionnaireIn, version: u64, whole: bool) -> Result<Named, String> {
    let unexpected = |field: &str| {
        format!("the file does not have the fields teamshape expects: unknown field `{field}`")
    };
    let reference = QuestionnaireRef {
        id: info.id,
        version: info.version,
    };
    if info.intuitions.is_some() && (version < 4 || !whole) {
        return Err(unexpected("intuitions"));
    }
    if version == 1 {
        return match (&info.hash, &info.description, &info.dimensions) {
            (Some(_), _, _) => Err(unexpected("hash")),
            (_, Some(_), _) => Err(unexpected("description")),
            (_, _, Some(_)) => Err(unexpected("dimensions")),
            _ => Ok(Named {
                reference,
                hash: None,
                carried: None,
            }),
        };
    }
    let hash = info.hash.ok_or("the questionnaire has no hash")?;
    if hash.len() != 16 || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(format!(
            "the questionnaire hash {hash:?} is not 16 lower-case hex digits"
        ));
    }
    let carried = match (whole, info.description, info.dimensions) {
        (false, None, None) => None,
        (false, Some(_), _) => return Err(unexpected("description")),
        (false, _, Some(_)) => return Err(unexpected("dimensions")),
        (true, Some(description), Some(dimensions)) => {
            let title = info
                .title
                // From bytes, like every document: `from_str` would add a second JSON reader.
                .and_then(|raw| serde_json::from_slice::<String>(raw.get().as_bytes()).ok())
                .ok_or("the questionnaire has no title")?;
            let questionnaire = Questionnaire {
                id: reference.id.clone(),
                version: reference.version,
                title,
                description,
                dimensions,
                intuitions: info.intuitions,
            };
            let problems = questionnaire.problems();
            if !problems.is_empty() {
                return Err(format!(
                    "the questionnaire in it is not valid: {}",
                    problems.join("; ")
                ));
            }
            if questionnaire.content_hash() != hash {
                return Err(format!(
                    "the questionnaire in it does not match its hash {hash}: its text was changed \
                     after it was written"
                ));
            }
            Some(questionnaire)
        }
        (true, _, _) => {
            return Err("the questionnaire in it lacks its description or dimensions".into());
        }
    };
    Ok(Named {
        reference,
        hash: Some(hash),
        carried,
    })
}

/// The migration from format version 1 to 2. Version 1 named a questionnaire by id and version
/// only and carried none inside team checks, because teamshape then had one questionnaire,
/// built in. So a version 1 document is read as naming the built-in of that id and version,
/// with that one's hash, and a version 1 team check as carrying it. A version 1 document naming
/// anything else was never made by teamshape's version 1 writer; it is kept, as a questionnaire
/// this device does not have. (Version 1 has no "Doesn't apply": `check_response_body`.)
fn migrate_v1(reference: &QuestionnaireRef, catalog: &Catalog) -> Result<Named, Problem> {
    match catalog.entry(reference) {
        Some(entry) if entry.builtin => Ok(Named {
            reference: reference.clone(),
            hash: Some(entry.hash.clone()),
            carried: None,
        }),
        _ => Err(Problem::UnknownQuestionnaire(reference.clone())),
    }
}

/// The questionnaire a document was made with, from the catalog or carried in this read.
fn questionnaire_for<'a>(
    named: &Named,
    catalog: &'a Catalog,
    extra: &'a [Questionnaire],
) -> Result<&'a Questionnaire, Problem> {
    let migrated;
    let named = match named.hash {
        Some(_) => named,
        None => {
            migrated = migrate_v1(&named.reference, catalog)?;
            &migrated
        }
    };
    if let Some(entry) = catalog.entry(&named.reference) {
        return if Some(&entry.hash) == named.hash.as_ref() {
            Ok(&entry.questionnaire)
        } else {
            Err(Problem::DifferentQuestionnaire(named.reference.clone()))
        };
    }
    match extra.iter().find(|q| q.reference() == named.reference) {
        Some(q) if Some(q.content_hash()) == named.hash => Ok(q),
        Some(_) => Err(Problem::DifferentQuestionnaire(named.reference.clone())),
        None => Err(Problem::UnknownQuestionnaire(named.reference.clone())),
    }
}

fn check_document(
    document: ParsedDocument,
    catalog: &Catalog,
    extra: &[Questionnaire],
) -> Result<Document, Refusal> {
    match document {
        ParsedDocument::Response { named, response } => {
            let questionnaire = questionnaire_for(&named, catalog, extra)?;
            Ok(Document::Response(check_response(response, questionnaire)?))
        }
        ParsedDocument::TeamCheck {
            named,
            team_check,
            responses,
        } => {
            let questionnaire = questionnaire_for(&named, catalog, extra)?;
            if let Some(e) = team_check
                .experiments
                .iter()
                .find(|e| !questionnaire.dimensions.iter().any(|d| d.id == e.dimension))
            {
                return Err(format!(
                    "an experiment is tied to dimension \"{}\", which its questionnaire does not have",
                    e.dimension
                )
                .into());
            }
            let mut checked = Vec::with_capacity(responses.len());
            for response in responses {
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
                // `check_team` gave every check read its team.
                team: team_check.team.unwrap_or_default(),
                experiments: team_check.experiments,
                reviews: team_check.reviews,
            };
            check.merge(checked);
            Ok(Document::TeamCheck(check))
        }
        ParsedDocument::Questionnaire(questionnaire) => Ok(Document::Questionnaire(questionnaire)),
        ParsedDocument::Backup(documents) => documents
            .into_iter()
            .enumerate()
            .map(|(index, document)| {
                check_document(document, catalog, extra).map_err(|refusal| Refusal {
                    document: Some(index + 1),
                    problem: refusal.problem,
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Document::Backup),
    }
}

/// The team, experiments and reviews of a team check: version 3 must name its team; version 2
/// had none of these, and its check is read as a team of its own (`migrate_v2`).
fn check_team(mut body: TeamCheckBody, version: u64) -> Result<TeamCheckBody, String> {
    if version < 3 {
        if body.team.is_some() || !body.experiments.is_empty() || !body.reviews.is_empty() {
            return Err(format!(
                "the team check has a team, experiments or reviews, which format version \
                 {version} does not have"
            ));
        }
        body.team = Some(migrate_v2(&body));
        return Ok(body);
    }
    let team = body.team.as_ref().ok_or("the team check names no team")?;
    check_id("team", &team.id)?;
    if body.experiments.len() > MAX_EXPERIMENTS {
        return Err(format!(
            "the team check plans more than {MAX_EXPERIMENTS} experiments"
        ));
    }
    // Every text is checked once, whichever field it is in; ids the same.
    let texts = body
        .experiments
        .iter()
        .map(|e| &e.text)
        .chain(body.reviews.iter().flat_map(|r| [&r.text, &r.note]))
        .chain([&team.name]);
    for text in texts {
        check_text("text", text)?;
    }
    let ids = body
        .experiments
        .iter()
        .map(|e| &e.dimension)
        .chain(body.reviews.iter().flat_map(|r| [&r.check, &r.dimension]));
    for id in ids {
        check_id("experiment's", id)?;
    }
    Ok(body)
}

/// The migration from format version 2 to 3. Version 2 had no teams: each check stood alone.
/// So a version 2 check is read as the first check of a team of its own, with the check's id
/// and name, the same on every device that reads the file; its history can be joined to another
/// team's on this device later. Version 2 had no experiments or reviews.
fn migrate_v2(body: &TeamCheckBody) -> Team {
    Team {
        id: body.id.clone(),
        name: body.name.clone(),
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

/// What a response must be whatever its questionnaire: ids, texts, answers on the scale, each
/// item once.
fn check_response_body(body: &ResponseBody, version: u64) -> Result<(), String> {
    check_id("response", &body.id)?;
    if let Some(name) = &body.respondent {
        check_text("respondent name", name)?;
    }
    let mut items = BTreeSet::new();
    for entry in &body.answers {
        if let Some(answer) = entry.answer {
            let words = if version == 1 {
                "answers are 1 to 5 or \"dont_know\" in format version 1"
            } else {
                "answers are 1 to 5, \"dont_know\" or \"doesnt_apply\""
            };
            let bad = match answer {
                // Out-of-range numbers arrive saturated (negatives as 0, 255 and more as 255),
                // so those two name a range rather than a number the file may not hold.
                Answer::Scale(0) => Some("below 1".to_string()),
                Answer::Scale(u8::MAX) => Some("above 254".to_string()),
                Answer::Scale(v) if !(1..=5).contains(&v) => Some(v.to_string()),
                Answer::DoesntApply if version == 1 => Some("\"doesnt_apply\"".to_string()),
                _ => None,
            };
            if let Some(bad) = bad {
                return Err(format!("item \"{}\" has answer {bad}; {words}", entry.item));
            }
        }
        check_text("comment", &entry.comment)?;
        if !items.insert(entry.item.as_str()) {
            return Err(format!("item \"{}\" is answered twice", entry.item));
        }
    }
    migrate_v3(body, version)?;
    let mut keys = BTreeSet::new();
    for entry in body.intuitions.iter().flatten() {
        check_id("question", &entry.key)?;
        if !keys.insert(entry.key.as_str()) {
            return Err(format!("\"{}\" is answered twice", entry.key));
        }
        match &entry.value {
            Some(Guess::Number(n)) if *n > 100 => {
                return Err(format!("\"{}\" has a number above 100", entry.key));
            }
            Some(Guess::Split(points)) if points_sum(points) > u32::from(TOTAL_POINTS) => {
                return Err(format!(
                    "\"{}\" gives more than {TOTAL_POINTS} points",
                    entry.key
                ));
            }
            Some(Guess::Split(points)) => {
                for category in points.keys() {
                    check_id("category", category)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The migration from format version 3 to 4. Version 3 had no intuitions part: a version 3
/// response is read as one that skipped it, and its questionnaire as one that does not ask it
/// (`named` refuses the field before version 4). Nothing else changed.
fn migrate_v3(body: &ResponseBody, version: u64) -> Result<(), String> {
    if version < 4 && body.intuitions.is_some() {
        return Err(
            "the file does not have the fields teamshape expects: unknown field `intuitions`"
                .into(),
        );
    }
    Ok(())
}

fn check_response(body: ResponseBody, questionnaire: &Questionnaire) -> Result<Response, String> {
    let unknown: Vec<String> = body
        .answers
        .iter()
        .filter(|entry| questionnaire.item(&entry.item).is_none())
        .map(|entry| format!("\"{}\"", entry.item))
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "it answers items this questionnaire does not have: {}",
            unknown.join(", ")
        ));
    }
    let answers: BTreeMap<String, AnswerRecord> = body
        .answers
        .into_iter()
        .map(|entry| {
            (
                entry.item,
                AnswerRecord {
                    answer: entry.answer,
                    comment: entry.comment,
                    answered_at: entry.answered_at,
                },
            )
        })
        .collect();
    let mut intuitions = Keyed::new();
    for entry in body.intuitions.into_iter().flatten() {
        if let Some(value) = &entry.value {
            check_guess(questionnaire, &entry.key, value)?;
        }
        intuitions.insert(
            entry.key,
            GuessRecord {
                value: entry.value,
                answered_at: entry.answered_at,
            },
        );
    }
    Ok(Response {
        id: body.id,
        questionnaire: questionnaire.reference(),
        respondent: body.respondent,
        started_at: body.started_at,
        answers,
        intuitions,
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
        Document::Questionnaire(_) => None,
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
