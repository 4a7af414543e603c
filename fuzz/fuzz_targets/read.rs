//! Fuzzes `format::read`, the one door every file and stored value comes in through.
//!
//! For any bytes: `read` returns (never panics, never hangs), and an error names its source.
//! When it accepts the bytes, the document written back reads again to the same document, and
//! writing that gives the same bytes: nothing accepted is changed or lost by a round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use teamshape_core::format::{self, Document};
use teamshape_core::questionnaire::Questionnaire;
use teamshape_core::response::Response;
use teamshape_core::team::TeamCheck;
use teamshape_core::time::Timestamp;

static QUESTIONNAIRE: LazyLock<Questionnaire> =
    LazyLock::new(|| Questionnaire::builtin().expect("built-in questionnaire"));

static EXPORTED: LazyLock<Timestamp> =
    LazyLock::new(|| Timestamp::parse("2026-11-30T12:00:00.000Z").expect("timestamp"));

/// Writes a document the way the app does; a backup lists responses before team checks.
fn write(document: &Document, q: &Questionnaire) -> String {
    format::write_document(q, document, &EXPORTED)
}

/// The responses and team checks of a backup (`read` refuses a backup inside a backup).
fn split(documents: &[Document]) -> (Vec<Response>, Vec<TeamCheck>) {
    let mut responses = Vec::new();
    let mut checks = Vec::new();
    for document in documents {
        match document {
            Document::Response(r) => responses.push(r.clone()),
            Document::TeamCheck(c) => checks.push(c.clone()),
            Document::Backup(_) => panic!("read accepted a backup inside a backup"),
        }
    }
    (responses, checks)
}

/// What the document is once written: a backup's responses come first.
fn normalised(document: Document) -> Document {
    match document {
        Document::Backup(documents) => {
            let (responses, checks) = split(&documents);
            Document::Backup(
                responses
                    .into_iter()
                    .map(Document::Response)
                    .chain(checks.into_iter().map(Document::TeamCheck))
                    .collect(),
            )
        }
        other => other,
    }
}

fuzz_target!(|data: &[u8]| {
    let q = &*QUESTIONNAIRE;
    let document = match format::read("fuzz.json", data, q) {
        Ok(document) => document,
        Err(error) => {
            assert_eq!(error.source, "fuzz.json");
            assert!(!error.reason().is_empty());
            return;
        }
    };
    let written = write(&document, q);
    let again = format::read("rewritten.json", written.as_bytes(), q)
        .unwrap_or_else(|e| panic!("the rewritten document was refused: {e}\n{written}"));
    assert_eq!(
        again,
        normalised(document),
        "the round trip changed the document"
    );
    assert_eq!(write(&again, q), written, "writing is not stable");
});
