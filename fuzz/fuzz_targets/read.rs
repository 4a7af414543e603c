//! Fuzzes `format::read`, the one door every file and stored value comes in through.
//!
//! For any bytes: `read` returns (never panics, never hangs), and an error names its source.
//! When it accepts the bytes, the document written back reads again to the same document, and
//! writing that gives the same bytes: nothing accepted is changed or lost by a round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use teamshape_core::catalog::Catalog;
use teamshape_core::format::{self, Document};
use teamshape_core::response::Response;
use teamshape_core::team::TeamCheck;
use teamshape_core::time::Timestamp;

static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::builtin().expect("built-in questionnaires"));

static EXPORTED: LazyLock<Timestamp> =
    LazyLock::new(|| Timestamp::parse("2026-11-30T12:00:00.000Z").expect("timestamp"));

/// Writes a document the way the app does; a backup lists responses before team checks.
fn write(document: &Document, catalog: &Catalog) -> String {
    format::write_document(catalog, document, &EXPORTED)
}

/// The responses and team checks of a backup (`read` refuses a backup inside a backup).
fn split(documents: &[Document]) -> (Vec<Response>, Vec<TeamCheck>) {
    let mut responses = Vec::new();
    let mut checks = Vec::new();
    for document in documents {
        match document {
            Document::Response(r) => responses.push(r.clone()),
            Document::TeamCheck(c) => checks.push(c.clone()),
            // A backup's questionnaires are written from the catalog, not from the document.
            Document::Questionnaire(_) => {}
            Document::Backup(_) => panic!("read accepted a backup inside a backup"),
        }
    }
    (responses, checks)
}

/// What the document is once written: a backup holds the catalog's own questionnaires, then
/// its responses, then its team checks.
fn normalised(document: Document, catalog: &Catalog) -> Document {
    match document {
        Document::Backup(documents) => {
            let (responses, checks) = split(&documents);
            let own = catalog
                .list()
                .iter()
                .filter(|e| !e.builtin)
                .map(|e| Document::Questionnaire(e.questionnaire.clone()));
            Document::Backup(
                own.chain(responses.into_iter().map(Document::Response))
                    .chain(checks.into_iter().map(Document::TeamCheck))
                    .collect(),
            )
        }
        other => other,
    }
}

fuzz_target!(|data: &[u8]| {
    // Questionnaires a document carries join the catalog, as in the app, before writing back.
    let mut catalog = CATALOG.clone();
    let document = match format::read("fuzz.json", data, &catalog) {
        Ok(read) => {
            for questionnaire in read.questionnaires {
                catalog
                    .add(questionnaire)
                    .expect("a questionnaire read is valid");
            }
            read.document
        }
        Err(error) => {
            assert_eq!(error.source, "fuzz.json");
            assert!(!error.reason().is_empty());
            return;
        }
    };
    let written = write(&document, &catalog);
    let again = format::read("rewritten.json", written.as_bytes(), &catalog)
        .map(|read| read.document)
        .unwrap_or_else(|e| panic!("the rewritten document was refused: {e}\n{written}"));
    assert_eq!(
        again,
        normalised(document, &catalog),
        "the round trip changed the document"
    );
    assert_eq!(write(&again, &catalog), written, "writing is not stable");
});
