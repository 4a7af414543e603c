//! The file format from the outside: round trips, every way a file can be refused, computed
//! numbers that are never trusted, anonymity, fuzzing, the golden files and the JSON Schema.
//!
//! Golden files are frozen: never regenerate them; a new format version adds new files.
//! (`crates/core/tests/golden/v1-*.json` were written once by the version 1 writer, `v2-*.json`
//! by the version 2 writer, `v3-*.json` by the version 3 writer. They must keep loading with `read` for as long as teamshape reads
//! their version, whatever the writer does today.)

use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::LazyLock;
use teamshape_core::catalog::Catalog;
use teamshape_core::format::{self, Document, MAX_FILE_BYTES};
use teamshape_core::limits;
use teamshape_core::questionnaire::{Questionnaire, QuestionnaireRef};
use teamshape_core::response::{Answer, AnswerRecord, Response};
use teamshape_core::team::{self, Anonymity, Merged, TeamCheck};
use teamshape_core::time::Timestamp;

// ---- Helpers -------------------------------------------------------------------------------

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::builtins()
        .expect("built-in questionnaires")
        .swap_remove(0)
});

fn q() -> &'static Questionnaire {
    &QUESTIONNAIRE
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::builtin().expect("catalog"));

fn catalog() -> &'static Catalog {
    &CATALOG
}

/// Reads against the built-in catalog, keeping only the document.
fn read_doc(source: &str, bytes: impl AsRef<[u8]>) -> Result<Document, format::ReadError> {
    format::read(source, bytes.as_ref(), catalog()).map(|read| read.document)
}

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("test timestamp")
}

fn exported() -> Timestamp {
    ts("2026-03-02T10:00:00.000Z")
}

/// Scale answers, "Don't know", an answer with a comment, a comment-only record and unicode.
fn sample_response(id: &str, respondent: Option<&str>) -> Response {
    let mut r = Response::new(id.into(), q(), ts("2026-03-01T09:00:00.000Z"));
    r.respondent = respondent.map(String::from);
    r.set_answer(
        "alignment.shared-goal",
        Some(Answer::Scale(4)),
        ts("2026-03-01T09:01:00.250Z"),
    );
    r.set_answer(
        "alignment.know-why",
        Some(Answer::Scale(1)),
        ts("2026-03-01T09:01:10Z"),
    );
    r.set_answer(
        "pace.say-too-much",
        Some(Answer::Scale(5)),
        ts("2026-03-01T09:01:20Z"),
    );
    r.set_answer(
        "trust.stay-quiet",
        Some(Answer::DontKnow),
        ts("2026-03-01T09:02:00Z"),
    );
    r.set_comment(
        "trust.stay-quiet",
        "Depends who is in the room".into(),
        ts("2026-03-01T09:02:30Z"),
    );
    r.set_comment(
        "flow.waiting",
        "Ça dépend — 会議では静か 🙂 <script>alert(1)</script> \"quoted\"\n\\".into(),
        ts("2026-03-01T09:03:00Z"),
    );
    r
}

/// A check made the way the app makes one: `new` then `merge`.
fn sample_check(anonymity: Anonymity) -> TeamCheck {
    let mut check = TeamCheck::new(
        "check-1".into(),
        "Platform team — spring".into(),
        q(),
        anonymity,
        ts("2026-03-01T08:00:00Z"),
    );
    let mut third = sample_response("resp-c", Some("Grace"));
    third.set_answer(
        "alignment.shared-goal",
        Some(Answer::Scale(2)),
        ts("2026-03-01T10:00:00Z"),
    );
    check.merge([
        sample_response("resp-b", Some("Ada")),
        sample_response("resp-a", Some("Linus")),
        third,
    ]);
    check
}

fn read(source: &str, text: &str) -> Result<Document, format::ReadError> {
    read_doc(source, text.as_bytes())
}

fn read_ok(text: &str) -> Document {
    read("ok.json", text).unwrap_or_else(|e| panic!("refused: {e}"))
}

/// Reads `bytes` expecting a refusal whose message names `source` and contains every phrase.
fn refused(source: &str, bytes: &[u8], phrases: &[&str]) -> String {
    let error = read_doc(source, bytes).expect_err("the file was accepted");
    let message = error.to_string();
    assert_eq!(error.source, source);
    assert!(
        message.starts_with(&format!("{source}: ")),
        "{message:?} does not name {source}"
    );
    for phrase in phrases {
        assert!(message.contains(phrase), "{message:?} lacks {phrase:?}");
    }
    message
}

/// Parses a written file, lets `change` edit it, and writes it back as pretty JSON.
fn edit(text: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(text).expect("written file is JSON");
    change(&mut value);
    serde_json::to_string_pretty(&value).expect("edited JSON")
}

fn response_file() -> String {
    format::write_response(q(), &sample_response("r1", None), Some(&exported()))
}

fn team_file(anonymity: Anonymity) -> String {
    format::write_team_check(q(), &sample_check(anonymity), Some(&exported()))
}

fn backup_file() -> String {
    format::write_backup(
        catalog(),
        &[
            sample_response("solo-1", None),
            sample_response("solo-2", None),
        ],
        &[
            sample_check(Anonymity::Anonymous),
            sample_check(Anonymity::Named),
        ],
        &exported(),
    )
}

/// Writes any document back as the app does.
fn write_document(document: &Document) -> String {
    format::write_document(catalog(), document, &exported())
}

// ---- Round trips ---------------------------------------------------------------------------

#[test]
fn response_round_trips_and_rewrites_byte_identically() {
    let original = sample_response("r1", None);
    let first = format::write_response(q(), &original, Some(&exported()));
    let Document::Response(back) = read_ok(&first) else {
        panic!("not a response")
    };
    assert_eq!(back, original);
    assert_eq!(back.answer("trust.stay-quiet"), Some(Answer::DontKnow));
    assert_eq!(back.answers["flow.waiting"].answer, None);
    assert!(
        back.comment("flow.waiting")
            .contains("会議では静か 🙂 <script>")
    );
    let second = format::write_response(q(), &back, Some(&exported()));
    assert_eq!(first, second);
    // Written in questionnaire order, not in id order: pace comes after trust and flow.
    let trust = first.find("\"trust.stay-quiet\"").unwrap();
    let pace = first.find("\"pace.say-too-much\"").unwrap();
    assert!(trust < pace);
}

#[test]
fn response_without_export_time_or_answers_round_trips() {
    let empty = Response::new("r-empty".into(), q(), ts("2026-03-01T09:00:00Z"));
    let first = format::write_response(q(), &empty, None);
    assert!(!first.contains("exported_at"));
    let back = read_ok(&first);
    assert_eq!(back, Document::Response(empty));
    let Document::Response(back) = back else {
        panic!("not a response")
    };
    assert_eq!(format::write_response(q(), &back, None), first);
}

#[test]
fn team_checks_round_trip_anonymous_and_named() {
    for anonymity in [Anonymity::Anonymous, Anonymity::Named] {
        let original = sample_check(anonymity);
        let first = format::write_team_check(q(), &original, Some(&exported()));
        let Document::TeamCheck(back) = read_ok(&first) else {
            panic!("not a team check")
        };
        assert_eq!(back, original, "{anonymity:?}");
        assert_eq!(back.responses.len(), 3);
        assert_eq!(
            back.responses
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["resp-a", "resp-b", "resp-c"]
        );
        let names: Vec<_> = back
            .responses
            .iter()
            .map(|r| r.respondent.clone())
            .collect();
        match anonymity {
            Anonymity::Anonymous => assert_eq!(names, [None, None, None]),
            Anonymity::Named => assert_eq!(
                names,
                [
                    Some("Linus".to_string()),
                    Some("Ada".to_string()),
                    Some("Grace".to_string())
                ]
            ),
        }
        assert_eq!(
            format::write_team_check(q(), &back, Some(&exported())),
            first
        );
    }
}

#[test]
fn backup_round_trips_with_several_documents() {
    let first = backup_file();
    let Document::Backup(documents) = read_ok(&first) else {
        panic!("not a backup")
    };
    assert_eq!(documents.len(), 4);
    assert_eq!(
        documents[0],
        Document::Response(sample_response("solo-1", None))
    );
    assert_eq!(
        documents[1],
        Document::Response(sample_response("solo-2", None))
    );
    assert_eq!(
        documents[2],
        Document::TeamCheck(sample_check(Anonymity::Anonymous))
    );
    assert_eq!(
        documents[3],
        Document::TeamCheck(sample_check(Anonymity::Named))
    );
    assert_eq!(write_document(&Document::Backup(documents)), first);
}

#[test]
fn empty_backup_round_trips() {
    let first = format::write_backup(catalog(), &[], &[], &exported());
    assert_eq!(read_ok(&first), Document::Backup(Vec::new()));
    assert_eq!(write_document(&read_ok(&first)), first);
}

#[test]
fn older_timestamp_forms_are_read_and_written_canonically() {
    let text = edit(&response_file(), |v| {
        v["response"]["started_at"] = json!("2026-03-01T09:00:00Z");
        v["response"]["answers"][0]["answered_at"] = json!("2026-03-01T09:01:00.2Z");
    });
    let Document::Response(r) = read_ok(&text) else {
        panic!("not a response")
    };
    assert_eq!(r.started_at.as_str(), "2026-03-01T09:00:00.000Z");
    assert_eq!(
        r.answers["alignment.shared-goal"].answered_at.as_str(),
        "2026-03-01T09:01:00.200Z"
    );
}

#[test]
fn file_names_are_safe_slugs() {
    assert_eq!(
        format::file_name("Platform team — Q1!", "2026-03-01"),
        "teamshape-platform-team-q1-2026-03-01.json"
    );
    assert_eq!(
        format::file_name("<script>", "2026-03-01"),
        "teamshape-script-2026-03-01.json"
    );
    assert_eq!(
        format::file_name("??? 会議", "2026-03-01"),
        "teamshape-2026-03-01.json"
    );
}

// ---- Refused files -------------------------------------------------------------------------

#[test]
fn not_json_is_refused() {
    refused(
        "notes.txt",
        b"hello, this is not json",
        &["not a JSON file"],
    );
    refused("brace.json", b"{nope}", &["not a JSON file"]);
    refused(
        "latin1.json",
        &[0xff, 0xfe, 0x7b, 0x7d],
        &["not a JSON file"],
    );
    refused(
        "two.json",
        format!("{} {}", response_file(), response_file()).as_bytes(),
        &["not a JSON file"],
    );
}

#[test]
fn json_that_is_not_a_teamshape_file_is_refused() {
    for (name, text) in [
        ("object.json", r#"{"hello":1}"#),
        ("array.json", "[1,2]"),
        ("string.json", r#""text""#),
        ("number.json", "42"),
        ("null.json", "null"),
        ("other.json", r#"{"format":"other","format_version":1}"#),
        ("case.json", r#"{"format":"TeamShape","format_version":1}"#),
    ] {
        refused(
            name,
            text.as_bytes(),
            &["this is JSON, but not a teamshape file"],
        );
    }
}

#[test]
fn truncated_files_are_refused() {
    let text = response_file();
    refused(
        "half.json",
        &text.as_bytes()[..text.len() / 2],
        &["ends too early", "cut off"],
    );
    // Every strict prefix is refused, whatever byte it stops at (even inside a character).
    let bytes = text.as_bytes();
    for cut in (1..bytes.len()).step_by(37) {
        let result = read_doc("cut.json", &bytes[..cut]);
        assert!(result.is_err(), "prefix of {cut} bytes accepted");
    }
}

#[test]
fn empty_files_are_refused() {
    refused("empty.json", b"", &["the file is empty"]);
    refused("blank.json", b"  \n\t\r\n ", &["the file is empty"]);
}

#[test]
fn files_over_the_limit_are_refused_before_parsing() {
    let mut padded = response_file().into_bytes();
    padded.resize(MAX_FILE_BYTES, b' ');
    assert!(
        read_doc("exact.json", &padded).is_ok(),
        "a valid file of exactly the limit"
    );
    padded.push(b' ');
    refused("padded.json", &padded, &["up to 64 MB"]);
    refused(
        "big.json",
        &vec![b'x'; 65 * 1024 * 1024],
        &["65.0 MB", "up to 64 MB"],
    );
}

#[test]
fn deeply_nested_files_are_refused() {
    refused(
        "deep.json",
        "[".repeat(10_000).as_bytes(),
        &["nested too deeply"],
    );
    refused(
        "deep-objects.json",
        "{\"a\":".repeat(10_000).as_bytes(),
        &["nested too deeply"],
    );
    let deep_scores = response_file().replacen(
        "\"scores\": [",
        &format!("\"scores\": [{}{},", "[".repeat(200), "]".repeat(200)),
        1,
    );
    refused(
        "deep-scores.json",
        deep_scores.as_bytes(),
        &["nested too deeply"],
    );
}

#[test]
fn a_document_of_a_questionnaire_this_device_lacks_is_kept_with_a_clear_message() {
    let other_id = edit(&response_file(), |v| {
        v["questionnaire"]["id"] = json!("other-questionnaire")
    });
    refused(
        "other-id.json",
        other_id.as_bytes(),
        &[
            "made with a questionnaire this device does not have",
            "\"other-questionnaire\" version 1",
            "import that questionnaire to see it",
        ],
    );
    // Not damage: a distinct kind, naming what it was made with, so it can be kept untouched.
    let error = read("other-id.json", &other_id).unwrap_err();
    assert!(!error.is_damage());
    assert_eq!(
        error.problem,
        format::Problem::UnknownQuestionnaire(QuestionnaireRef {
            id: "other-questionnaire".into(),
            version: 1
        })
    );
    // Parsing alone accepts it: it is a well-formed document.
    assert!(format::parse("other-id.json", other_id.as_bytes()).is_ok());
    // The same id and version as one on this device, but another hash: told apart, kept.
    let other_hash = edit(&response_file(), |v| {
        v["questionnaire"]["hash"] = json!("0123456789abcdef")
    });
    let error = read("other-hash.json", &other_hash).unwrap_err();
    assert!(!error.is_damage());
    assert!(matches!(
        error.problem,
        format::Problem::DifferentQuestionnaire(_)
    ));
    assert!(error.to_string().contains("cannot be combined"), "{error}");
    // A team check carries its questionnaire: a version number edited by hand no longer
    // matches the hash of what it carries, which is damage.
    let other_version = edit(&team_file(Anonymity::Anonymous), |v| {
        v["questionnaire"]["version"] = json!(7)
    });
    refused(
        "other-version.json",
        other_version.as_bytes(),
        &["does not match its hash"],
    );
}

#[test]
fn a_newer_format_version_is_refused_and_nothing_changes() {
    for (kind, text) in [
        ("response", response_file()),
        ("team", team_file(Anonymity::Named)),
        ("backup", backup_file()),
    ] {
        for version in [format::FORMAT_VERSION + 1, 99, u64::MAX] {
            let newer = edit(&text, |v| v["format_version"] = json!(version));
            refused(
                &format!("{kind}-v{version}.json"),
                newer.as_bytes(),
                &[
                    "newer teamshape",
                    "nothing was changed",
                    &format!("format version {version}"),
                ],
            );
            let error = read("newer.json", &newer).unwrap_err();
            assert_eq!(error.problem, format::Problem::NewerFormat(version));
            assert!(!error.is_damage());
        }
    }
}

#[test]
fn missing_or_unknown_older_format_versions_are_refused() {
    let text = response_file();
    let none = edit(&text, |v| {
        v.as_object_mut().unwrap().remove("format_version");
    });
    refused("none.json", none.as_bytes(), &["no format_version"]);
    let zero = edit(&text, |v| v["format_version"] = json!(0));
    refused(
        "zero.json",
        zero.as_bytes(),
        &["format version 0 is unknown"],
    );
    let word = edit(&text, |v| v["format_version"] = json!("1"));
    refused("word.json", word.as_bytes(), &["format_version"]);
}

#[test]
fn answers_outside_the_scale_are_refused_naming_the_item() {
    let text = response_file();
    for (answer, shown) in [
        (json!(0), "answer below 1"),
        (json!(6), "answer 6"),
        (json!(254), "answer 254"),
        (json!(255), "answer above 254"),
        (json!(300), "answer above 254"),
        (json!(-1), "answer below 1"),
        (json!(-300), "answer below 1"),
    ] {
        let bad = edit(&text, |v| {
            v["response"]["answers"][0]["answer"] = answer.clone()
        });
        refused(
            &format!("answer-{answer}.json"),
            bad.as_bytes(),
            &["item \"alignment.shared-goal\"", shown, "1 to 5"],
        );
    }
    let fraction = edit(&text, |v| {
        v["response"]["answers"][0]["answer"] = json!(2.5)
    });
    refused(
        "fraction.json",
        fraction.as_bytes(),
        &["2.5", "whole number"],
    );
    let whole_float = edit(&text, |v| {
        v["response"]["answers"][0]["answer"] = json!(3.0)
    });
    refused("float.json", whole_float.as_bytes(), &["whole number"]);
    let maybe = edit(&text, |v| {
        v["response"]["answers"][0]["answer"] = json!("maybe")
    });
    refused(
        "maybe.json",
        maybe.as_bytes(),
        &["\"maybe\"", "\"dont_know\""],
    );
    for other in [json!(true), json!([3]), json!({"value": 3})] {
        let bad = edit(&text, |v| {
            v["response"]["answers"][0]["answer"] = other.clone()
        });
        refused("other-type.json", bad.as_bytes(), &["1 to 5"]);
    }
}

#[test]
fn unknown_items_are_refused_and_named() {
    let bad = edit(&response_file(), |v| {
        let answers = v["response"]["answers"].as_array_mut().unwrap();
        answers.push(json!({"item": "alignment.nope", "answer": 3, "answered_at": "2026-03-01T09:00:00.000Z"}));
        answers.push(
            json!({"item": "made-up", "comment": "x", "answered_at": "2026-03-01T09:00:00.000Z"}),
        );
    });
    refused(
        "unknown.json",
        bad.as_bytes(),
        &[
            "items this questionnaire does not have",
            "\"alignment.nope\", \"made-up\"",
        ],
    );
}

#[test]
fn an_item_answered_twice_is_refused() {
    let bad = edit(&response_file(), |v| {
        let answers = v["response"]["answers"].as_array_mut().unwrap();
        let mut copy = answers[1].clone();
        copy["answer"] = json!(2);
        answers.push(copy);
    });
    refused(
        "twice.json",
        bad.as_bytes(),
        &["item \"alignment.know-why\" is answered twice"],
    );
    // Also inside a team check.
    let bad = edit(&team_file(Anonymity::Anonymous), |v| {
        let answers = v["responses"][2]["answers"].as_array_mut().unwrap();
        let copy = answers[0].clone();
        answers.push(copy);
    });
    refused("team-twice.json", bad.as_bytes(), &["is answered twice"]);
}

#[test]
fn a_response_twice_in_a_team_check_is_refused() {
    let bad = edit(&team_file(Anonymity::Named), |v| {
        v["responses"][1]["id"] = json!("resp-a");
    });
    refused(
        "dup-response.json",
        bad.as_bytes(),
        &["response \"resp-a\" appears twice"],
    );
}

#[test]
fn malformed_timestamps_are_refused() {
    let response = response_file();
    let team = team_file(Anonymity::Anonymous);
    let cases = [
        (
            "started.json",
            edit(&response, |v| {
                v["response"]["started_at"] = json!("yesterday")
            }),
            "\"yesterday\"",
        ),
        (
            "answered.json",
            edit(&response, |v| {
                v["response"]["answers"][0]["answered_at"] = json!("2026-13-01T00:00:00Z")
            }),
            "\"2026-13-01T00:00:00Z\"",
        ),
        (
            "exported.json",
            edit(&response, |v| {
                v["exported_at"] = json!("2026-03-01 00:00:00Z")
            }),
            "\"2026-03-01 00:00:00Z\"",
        ),
        (
            "created.json",
            edit(&team, |v| {
                v["team_check"]["created_at"] = json!("2026-03-01T00:00:00+01:00")
            }),
            "\"2026-03-01T00:00:00+01:00\"",
        ),
        (
            "number-time.json",
            edit(&response, |v| {
                v["response"]["started_at"] = json!(1_700_000_000)
            }),
            "",
        ),
    ];
    for (name, text, shown) in cases {
        let message = refused(name, text.as_bytes(), &[shown]);
        if !shown.is_empty() {
            assert!(message.contains("is not a UTC time"), "{message}");
        }
    }
}

#[test]
fn unknown_fields_and_kinds_are_refused() {
    let text = response_file();
    let extra = edit(&text, |v| v["extra"] = json!(1));
    refused("extra.json", extra.as_bytes(), &["unknown field `extra`"]);
    let nested = edit(&text, |v| v["response"]["answers"][0]["score"] = json!(3));
    refused("nested.json", nested.as_bytes(), &["unknown field `score`"]);
    let kind = edit(&text, |v| v["kind"] = json!("poll"));
    refused(
        "kind.json",
        kind.as_bytes(),
        &["\"poll\" document, which this teamshape does not know"],
    );
    let missing = edit(&text, |v| {
        v.as_object_mut().unwrap().remove("kind");
    });
    refused(
        "no-kind.json",
        missing.as_bytes(),
        &["does not say what kind of document"],
    );
    let no_answers = edit(&text, |v| {
        v["response"].as_object_mut().unwrap().remove("answers");
    });
    refused(
        "no-answers.json",
        no_answers.as_bytes(),
        &["missing field `answers`"],
    );
}

#[test]
fn ids_texts_and_thresholds_have_limits() {
    let response = response_file();
    let team = team_file(Anonymity::Named);
    let cases = [
        (
            edit(&response, |v| v["response"]["id"] = json!("   ")),
            "the response id \"   \" is not 1 to 100 ASCII letters",
        ),
        (
            edit(&response, |v| v["response"]["id"] = json!("x".repeat(101))),
            "is not 1 to 100 ASCII letters",
        ),
        (
            edit(&team, |v| v["team_check"]["id"] = json!("")),
            "the team check id \"\" is not 1 to 100 ASCII letters",
        ),
        // Ids a link or a storage key cannot carry: a space, a slash, non-ASCII, a hash.
        (
            edit(&team, |v| v["team_check"]["id"] = json!("our team")),
            "the team check id \"our team\"",
        ),
        (
            edit(&team, |v| v["responses"][0]["id"] = json!("a/b")),
            "the response id \"a/b\"",
        ),
        (
            edit(&response, |v| v["response"]["id"] = json!("café")),
            "the response id \"café\"",
        ),
        (
            edit(&team, |v| v["team_check"]["id"] = json!("x#1")),
            "the team check id \"x#1\"",
        ),
        (
            edit(&response, |v| {
                v["response"]["answers"][0]["comment"] = json!("é".repeat(10_001))
            }),
            "the comment is longer than 10000 characters",
        ),
        (
            edit(&team, |v| {
                v["team_check"]["name"] = json!("n".repeat(10_001))
            }),
            "the team check name is longer than 10000 characters",
        ),
        (
            edit(&team, |v| {
                v["responses"][0]["respondent"] = json!("n".repeat(10_001))
            }),
            "the respondent name is longer than 10000 characters",
        ),
        (
            edit(&team, |v| v["team_check"]["anonymity_threshold"] = json!(0)),
            "anonymity threshold 0 is not between 1 and 1000",
        ),
        (
            edit(&team, |v| v["team_check"]["anonymity"] = json!("secret")),
            "unknown variant `secret`",
        ),
    ];
    for (text, phrase) in cases {
        refused("limits.json", text.as_bytes(), &[phrase]);
    }
    // The limits themselves are allowed: 100-character ids, 10,000-character texts.
    let at_limit = edit(&response, |v| {
        v["response"]["id"] = json!("x".repeat(100));
        v["response"]["answers"][0]["comment"] = json!("é".repeat(10_000));
    });
    assert!(read("at-limit.json", &at_limit).is_ok());
}

#[test]
fn a_bad_document_in_a_backup_is_named_and_backups_do_not_nest() {
    let bad = edit(&backup_file(), |v| {
        v["documents"][2]["responses"][0]["answers"][0]["answer"] = json!(9);
    });
    refused(
        "backup.json",
        bad.as_bytes(),
        &["document 3 in the backup", "answer 9"],
    );
    let nested = edit(&backup_file(), |v| {
        let inner: Value =
            serde_json::from_str(&format::write_backup(catalog(), &[], &[], &exported())).unwrap();
        v["documents"].as_array_mut().unwrap().push(inner);
    });
    refused(
        "nested-backup.json",
        nested.as_bytes(),
        &["document 5 in the backup", "a backup inside a backup"],
    );
    let junk = edit(&backup_file(), |v| {
        v["documents"]
            .as_array_mut()
            .unwrap()
            .insert(0, json!({"hello": 1}));
    });
    refused(
        "junk-backup.json",
        junk.as_bytes(),
        &["document 1 in the backup", "not a teamshape file"],
    );
}

// ---- Computed numbers are never trusted ----------------------------------------------------

fn set_all_numbers(value: &mut Value, to: &Value) {
    match value {
        Value::Number(_) => *value = to.clone(),
        Value::Array(items) => items.iter_mut().for_each(|v| set_all_numbers(v, to)),
        Value::Object(map) => map.values_mut().for_each(|v| set_all_numbers(v, to)),
        _ => {}
    }
}

#[test]
fn edited_scores_and_labels_are_ignored_and_recomputed() {
    let original = response_file();
    let tampered = edit(&original, |v| {
        set_all_numbers(&mut v["scores"], &json!(99));
        v["questionnaire"]["title"] = json!("A different questionnaire");
        for answer in v["response"]["answers"].as_array_mut().unwrap() {
            if answer.get("answer_label").is_some() {
                answer["answer_label"] = json!("Strongly agree, honestly");
            }
        }
    });
    assert!(tampered.contains("99") && tampered.contains("honestly"));
    let back = read_ok(&tampered);
    assert_eq!(write_document(&back), original);
    // Any value at all in the ignored fields is accepted.
    let nonsense = edit(&original, |v| {
        v["scores"] = json!("not a list");
        v["questionnaire"]["title"] = json!({"nested": [1, 2, 3]});
        v["response"]["answers"][0]["answer_label"] = json!(null);
    });
    assert_eq!(write_document(&read_ok(&nonsense)), original);
}

#[test]
fn edited_team_statistics_are_ignored_and_recomputed() {
    let original = team_file(Anonymity::Anonymous);
    let tampered = edit(&original, |v| {
        set_all_numbers(&mut v["team_statistics"], &json!(99));
        v["team_statistics"]["dimensions"][0]["sees_differently"] = json!(true);
        v["responses"][0]["answers"][0]["answer_label"] = json!("Don't know");
    });
    assert_ne!(tampered, original);
    assert_eq!(write_document(&read_ok(&tampered)), original);
    let nonsense = edit(&original, |v| {
        v["team_statistics"] = json!({"respondents": 99, "dimensions": "everyone agrees"});
    });
    assert_eq!(write_document(&read_ok(&nonsense)), original);
    let missing = edit(&original, |v| {
        v.as_object_mut().unwrap().remove("team_statistics");
    });
    assert_eq!(write_document(&read_ok(&missing)), original);
}

// ---- Anonymity -----------------------------------------------------------------------------

#[test]
fn anonymous_team_check_files_never_hold_names() {
    let secret = ["Linus", "Ada", "Grace"];
    // Merged the way the app merges: names are dropped on the way in.
    let anonymous = team_file(Anonymity::Anonymous);
    for name in secret {
        assert!(!anonymous.contains(name), "{name} written");
    }
    assert!(!anonymous.contains("\"respondent\""));
    // Even a response pushed past `merge` is written without its name.
    let mut check = sample_check(Anonymity::Anonymous);
    check
        .responses
        .push(sample_response("resp-z", Some("Margaret Secret")));
    let text = format::write_team_check(q(), &check, Some(&exported()));
    assert!(!text.contains("Margaret Secret"));
    assert!(!text.contains("\"respondent\""));
    // A hand-edited anonymous file with names is read without them.
    let edited = edit(&anonymous, |v| {
        v["responses"][0]["respondent"] = json!("Edsger Secret");
    });
    assert!(edited.contains("Edsger Secret"));
    let Document::TeamCheck(read_back) = read_ok(&edited) else {
        panic!("not a team check")
    };
    assert!(read_back.responses.iter().all(|r| r.respondent.is_none()));
    assert!(!write_document(&Document::TeamCheck(read_back)).contains("Edsger Secret"));
    // Named checks do keep names, so the checks above can tell the difference.
    let named = team_file(Anonymity::Named);
    for name in secret {
        assert!(named.contains(&format!("\"respondent\": \"{name}\"")));
    }
}

#[test]
fn anonymous_checks_in_a_backup_hold_no_names() {
    let text = backup_file();
    let Value::Array(documents) =
        serde_json::from_str::<Value>(&text).unwrap()["documents"].clone()
    else {
        panic!("no documents")
    };
    let anonymous = serde_json::to_string(&documents[2]).unwrap();
    assert!(anonymous.contains("\"anonymous\""));
    assert!(!anonymous.contains("\"respondent\""));
    let named = serde_json::to_string(&documents[3]).unwrap();
    assert!(named.contains("\"named\"") && named.contains("\"respondent\":\"Ada\""));
}

/// The summary of a check as its page shows it to everyone (all respondents revealed).
fn summary_of(check: &TeamCheck) -> String {
    let shown = team::figures(q(), &check.included(None), check.rules());
    format::write_team_summary(q(), check, shown, &exported())
}

#[test]
fn a_team_summary_holds_figures_but_no_answers_and_is_not_imported() {
    let mut check = sample_check(Anonymity::Anonymous);
    check.anonymity_threshold = 3;
    let text = summary_of(&check);
    assert!(
        schema_errors(&text).is_empty(),
        "{:#?}",
        schema_errors(&text)
    );
    for secret in check.responses.iter().map(|r| r.id.as_str()) {
        assert!(
            !text.contains(secret),
            "response id {secret} in the summary"
        );
    }
    for field in [
        "\"responses\"",
        "answered_at",
        "\"comment\"",
        "\"respondent\"",
    ] {
        assert!(!text.contains(field), "{field} in the summary");
    }
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["kind"], "team_summary");
    assert_eq!(
        value["exported_at"],
        json!(format!("{}T00:00:00.000Z", exported().date()))
    );
    let err = read_doc("summary.json", text.as_bytes()).unwrap_err();
    assert!(err.reason().contains("team summary"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Below the threshold, a summary holds no median, counts or shape; and never any
    /// response's id, answers, comment or time.
    #[test]
    fn a_summary_never_shows_what_the_threshold_hides(
        responses in proptest::collection::vec(response_strategy(), 0..7),
        threshold in 0usize..8,
    ) {
        let mut check = TeamCheck::new("check".into(), "T".into(), q(), Anonymity::Anonymous, exported());
        check.anonymity_threshold = threshold;
        check.merge(responses);
        let text = summary_of(&check);
        let value: Value = serde_json::from_str(&text).unwrap();
        let rules = check.rules();
        for d in value["team_figures"]["dimensions"].as_array().unwrap() {
            let people = d["people"].as_u64().unwrap() as usize;
            prop_assert_eq!(d.get("shown").is_some(), people >= rules.threshold, "{}", d);
            if let Some(items) = d["shown"]["items"].as_array() {
                for item in items {
                    if item.get("counts").is_some() {
                        prop_assert!(item["answers"].as_u64().unwrap() as usize >= rules.statement_answers);
                    }
                }
            }
        }
        for r in &check.responses {
            let quoted = format!("\"{}\"", r.id);
            prop_assert!(!text.contains(&quoted), "response id {} in the summary", r.id);
        }
        prop_assert!(!text.contains("answered_at") && !text.contains("\"comment\""));
        prop_assert!(schema_errors(&text).is_empty());
    }
}

#[test]
fn a_shared_anonymous_check_reads_back_and_merges_into_the_original() {
    let check = sample_check(Anonymity::Anonymous);
    let shared = format::write_team_check(q(), &check.for_sharing(), Some(&exported().day()));
    assert!(schema_errors(&shared).is_empty());
    let times: Vec<&str> = shared
        .split('"')
        .filter(|s| s.len() == 24 && s.ends_with('Z') && s.as_bytes()[10] == b'T')
        .collect();
    assert!(!times.is_empty());
    assert!(
        times.iter().all(|t| t.ends_with("T00:00:00.000Z")),
        "{times:?}"
    );
    let Document::TeamCheck(back) = read_ok(&shared) else {
        panic!("not a team check")
    };
    // Merging the shared copy back changes no answer: the original's exact times are later.
    let mut merged = check.clone();
    merged.merge(back.responses);
    let answers = |c: &TeamCheck| {
        c.responses
            .iter()
            .map(|r| r.answers.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(answers(&merged), answers(&check));
}

// ---- Golden files --------------------------------------------------------------------------
//
// Golden files are frozen: never regenerate them; a new format version adds new files.

const GOLDEN_RESPONSE: &str = include_str!("golden/v1-response.json");
const GOLDEN_TEAM_CHECK: &str = include_str!("golden/v1-team-check.json");
const GOLDEN_BACKUP: &str = include_str!("golden/v1-backup.json");

fn dont_know_count(response: &Response) -> usize {
    response
        .answers
        .values()
        .filter(|r| r.answer == Some(Answer::DontKnow))
        .count()
}

#[test]
fn golden_v1_response_still_loads() {
    let Document::Response(r) = read_ok(GOLDEN_RESPONSE) else {
        panic!("not a response")
    };
    assert_eq!(r.id, "solo-7f3a9c");
    assert_eq!(r.respondent, None);
    assert_eq!(r.started_at.as_str(), "2026-03-01T09:00:00.000Z");
    assert_eq!(r.answers.len(), 7);
    assert_eq!(r.answered_count(), 6);
    assert_eq!(r.answer("alignment.shared-goal"), Some(Answer::Scale(4)));
    assert_eq!(r.answer("alignment.know-why"), Some(Answer::Scale(5)));
    assert_eq!(
        r.answer("alignment.different-directions"),
        Some(Answer::Scale(1))
    );
    assert_eq!(r.answer("alignment.wider-goals"), Some(Answer::DontKnow));
    assert_eq!(
        r.comment("alignment.wider-goals"),
        "Nobody told us the company goals yet."
    );
    assert_eq!(r.answer("trust.stay-quiet"), None);
    assert_eq!(
        r.comment("trust.stay-quiet"),
        "Ça dépend du sujet — 会議では静か 🙂 <b>not html</b>"
    );
    assert_eq!(
        r.answers["alignment.shared-goal"].answered_at.as_str(),
        "2026-03-01T09:01:10.250Z"
    );
}

#[test]
fn golden_v1_team_check_still_loads() {
    let Document::TeamCheck(check) = read_ok(GOLDEN_TEAM_CHECK) else {
        panic!("not a team check")
    };
    assert_eq!(check.id, "check-platform-2026q1");
    assert_eq!(check.name, "Platform team — spring check");
    assert_eq!(check.anonymity, Anonymity::Anonymous);
    assert_eq!(check.anonymity_threshold, 3);
    assert_eq!(check.created_at.as_str(), "2026-03-01T08:00:00.000Z");
    let ids: Vec<_> = check.responses.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["resp-a", "resp-b", "resp-c"]);
    let item_count = q().item_count();
    for r in &check.responses {
        assert_eq!(r.answered_count(), item_count, "{}", r.id);
        assert_eq!(r.respondent, None);
    }
    let dont_know: Vec<_> = check.responses.iter().map(dont_know_count).collect();
    assert_eq!(dont_know, [8, 4, 8]);
    let first: Vec<_> = check
        .responses
        .iter()
        .map(|r| r.answer("alignment.shared-goal"))
        .collect();
    assert_eq!(
        first,
        [
            Some(Answer::DontKnow),
            Some(Answer::Scale(5)),
            Some(Answer::Scale(4))
        ]
    );
    // The file asks for 3, the lowest the app allows.
    assert_eq!(check.threshold(), 3);
}

#[test]
fn golden_v1_backup_still_loads() {
    let Document::Backup(documents) = read_ok(GOLDEN_BACKUP) else {
        panic!("not a backup")
    };
    assert_eq!(documents.len(), 3);
    let Document::Response(solo) = &documents[0] else {
        panic!("first is not a response")
    };
    // The backup's first document is the golden response itself.
    assert_eq!(Document::Response(solo.clone()), read_ok(GOLDEN_RESPONSE));
    let Document::Response(solo_b) = &documents[1] else {
        panic!("second is not a response")
    };
    assert_eq!(solo_b.id, "solo-b21e04");
    assert_eq!(solo_b.answered_count(), q().item_count());
    assert_eq!(dont_know_count(solo_b), 4);
    assert_eq!(solo_b.answer("pace.say-too-much"), Some(Answer::Scale(5)));
    let Document::TeamCheck(named) = &documents[2] else {
        panic!("third is not a team check")
    };
    assert_eq!(named.anonymity, Anonymity::Named);
    let names: Vec<_> = named
        .responses
        .iter()
        .map(|r| r.respondent.as_deref())
        .collect();
    assert_eq!(names, [Some("Ada"), Some("Grace")]);
    assert_eq!(
        named.responses[1].answer("pace.say-too-much"),
        Some(Answer::DontKnow)
    );
}

// ---- Format version 2: migration, golden files, questionnaires carried ----------------------

// Written once by the version 2 writer (`write_document` at 2026-12-01T12:00:00.000Z): the
// three v1 golden files as read and written again, and a check of questionnaire version 2 with
// "Doesn't apply" answers. Frozen like the v1 files.
const GOLDEN_V2_RESPONSE: &str = include_str!("golden/v2-response.json");
const GOLDEN_V2_TEAM_CHECK: &str = include_str!("golden/v2-team-check.json");
const GOLDEN_V2_BACKUP: &str = include_str!("golden/v2-backup.json");
const GOLDEN_V2_DOESNT_APPLY: &str = include_str!("golden/v2-team-check-doesnt-apply.json");

// Written once by the version 3 writer (`write_document` at 2026-12-01T12:00:00.000Z): the four
// v2 golden files as read and written again, and a check with its team, experiments and a
// review. Frozen like the others.
const GOLDEN_V3_RESPONSE: &str = include_str!("golden/v3-response.json");
const GOLDEN_V3_TEAM_CHECK: &str = include_str!("golden/v3-team-check.json");
const GOLDEN_V3_BACKUP: &str = include_str!("golden/v3-backup.json");
const GOLDEN_V3_DOESNT_APPLY: &str = include_str!("golden/v3-team-check-doesnt-apply.json");
const GOLDEN_V3_EXPERIMENTS: &str = include_str!("golden/v3-team-check-experiments.json");

fn golden_v2_time() -> Timestamp {
    ts("2026-12-01T12:00:00.000Z")
}

#[test]
fn version_1_2_and_3_files_migrate_to_exactly_the_version_4_golden_files() {
    for (v1, v2, v3, v4) in [
        (
            GOLDEN_RESPONSE,
            GOLDEN_V2_RESPONSE,
            GOLDEN_V3_RESPONSE,
            GOLDEN_V4_RESPONSE,
        ),
        (
            GOLDEN_TEAM_CHECK,
            GOLDEN_V2_TEAM_CHECK,
            GOLDEN_V3_TEAM_CHECK,
            GOLDEN_V4_TEAM_CHECK,
        ),
        (
            GOLDEN_BACKUP,
            GOLDEN_V2_BACKUP,
            GOLDEN_V3_BACKUP,
            GOLDEN_V4_BACKUP,
        ),
        (
            "",
            GOLDEN_V2_DOESNT_APPLY,
            GOLDEN_V3_DOESNT_APPLY,
            GOLDEN_V4_DOESNT_APPLY,
        ),
        ("", "", GOLDEN_V3_EXPERIMENTS, GOLDEN_V4_EXPERIMENTS),
    ] {
        let old = read_ok(v3);
        // The same domain values from every version…
        for older in [v1, v2] {
            if !older.is_empty() {
                assert_eq!(read_ok(older), old);
            }
        }
        assert_eq!(old, read_ok(v4));
        // …and the migrated document written today is the version 4 golden file, byte for byte.
        let written = format::write_document(catalog(), &old, &golden_v2_time()) + "\n";
        assert_eq!(written, v4);
        let value: Value = serde_json::from_str(v4).unwrap();
        assert_eq!(value["format_version"], 4);
        // Version 3 to 4 changed nothing but the version: no document had intuitions.
        assert_eq!(
            v3.replace("\"format_version\": 3", "\"format_version\": 4"),
            v4
        );
    }
    // What the migration added: the built-in version 1's hash, and in the team check the whole
    // questionnaire version 1.
    let v1 = catalog().find("teamshape-core", 1).unwrap();
    let response: Value = serde_json::from_str(GOLDEN_V2_RESPONSE).unwrap();
    assert_eq!(response["questionnaire"]["hash"], json!(v1.content_hash()));
    let check: Value = serde_json::from_str(GOLDEN_V2_TEAM_CHECK).unwrap();
    assert_eq!(
        check["questionnaire"]["dimensions"]
            .as_array()
            .map(Vec::len),
        Some(v1.dimensions.len())
    );
    // A version 1 file naming anything but a built-in was never written by teamshape: kept, as
    // a questionnaire this device does not have.
    let odd = edit(GOLDEN_RESPONSE, |v| {
        v["questionnaire"]["id"] = json!("elsewhere")
    });
    let error = read("odd.json", &odd).unwrap_err();
    assert!(matches!(
        error.problem,
        format::Problem::UnknownQuestionnaire(_)
    ));
}

#[test]
fn golden_v2_doesnt_apply_check_loads_with_counts_apart_under_the_anonymity_rules() {
    let Document::TeamCheck(check) = read_ok(GOLDEN_V2_DOESNT_APPLY) else {
        panic!("not a team check")
    };
    let v2 = catalog().find("teamshape-core", 2).unwrap();
    assert_eq!(check.questionnaire, v2.reference());
    let count = |answer: Answer| -> usize {
        check
            .responses
            .iter()
            .flat_map(|r| r.answers.values())
            .filter(|a| a.answer == Some(answer))
            .count()
    };
    assert!(count(Answer::DoesntApply) > 0 && count(Answer::DontKnow) > 0);
    // Scores leave it out and count it apart.
    let scores = teamshape_core::scoring::score(v2, &check.responses[0]);
    let apart: usize = scores.iter().map(|s| s.doesnt_apply).sum();
    assert_eq!(
        apart,
        check.responses[0]
            .answers
            .values()
            .filter(|a| a.answer == Some(Answer::DoesntApply))
            .count()
    );
    // Three people in an anonymous check: nothing shown, so no count of "Doesn't apply" either.
    let figures = team::figures(v2, &check.included(None), check.rules());
    assert!(!figures.any_shown());
    let file: Value = serde_json::from_str(GOLDEN_V2_DOESNT_APPLY).unwrap();
    assert!(!file["team_statistics"].to_string().contains("doesnt_apply"));
    // Named, the same answers show it per dimension, apart from "Don't know".
    let mut named = check.clone();
    named.anonymity = Anonymity::Named;
    let figures = team::figures(v2, &named.included(None), named.rules());
    let shown: usize = figures
        .dimensions
        .iter()
        .filter_map(|d| d.shown.as_ref())
        .map(|s| s.doesnt_apply)
        .sum();
    assert_eq!(shown, count(Answer::DoesntApply));
    assert!(schema_errors(GOLDEN_V2_DOESNT_APPLY).is_empty());
    // The file written again is the golden file.
    assert_eq!(
        format::write_team_check(v2, &check, Some(&golden_v2_time())) + "\n",
        GOLDEN_V4_DOESNT_APPLY
    );
}

#[test]
fn doesnt_apply_is_refused_in_a_version_1_file() {
    let text = edit(GOLDEN_RESPONSE, |v| {
        v["response"]["answers"][0]["answer"] = json!("doesnt_apply")
    });
    refused(
        "old.json",
        text.as_bytes(),
        &["\"doesnt_apply\"", "format version 1"],
    );
}

/// A questionnaire of someone's own, made from the built-in one.
fn own_questionnaire() -> Questionnaire {
    let mut own = catalog().default_questionnaire().clone();
    own.id = "coach-own".into();
    own.version = 3;
    own.title = "Our own check".into();
    own.dimensions[0].items[0].text =
        "In the last month, we shipped something we were proud of.".into();
    own
}

#[test]
fn a_team_check_carries_its_questionnaire_to_a_device_that_lacks_it() {
    let own = own_questionnaire();
    let mut check = TeamCheck::new(
        "own-check".into(),
        "Own".into(),
        &own,
        Anonymity::Anonymous,
        exported(),
    );
    let mut response = Response::new("member-1".into(), &own, exported());
    response.set_answer(
        &own.dimensions[0].items[0].id,
        Some(Answer::DoesntApply),
        exported(),
    );
    check.merge([response.clone()]);
    let team_text = format::write_team_check(&own, &check, Some(&exported()));
    assert!(
        schema_errors(&team_text).is_empty(),
        "{:?}",
        schema_errors(&team_text)
    );
    // A member's response alone, on a device without the questionnaire: kept, not damaged.
    let response_text = format::write_response(&own, &response, Some(&exported()));
    let error = read("member.json", &response_text).unwrap_err();
    assert_eq!(
        error.problem,
        format::Problem::UnknownQuestionnaire(own.reference())
    );
    assert!(
        error
            .to_string()
            .contains("import that questionnaire to see it")
    );
    // The team check brings the questionnaire along: read, and handed back to add.
    let read = format::read("team.json", team_text.as_bytes(), catalog()).unwrap();
    assert_eq!(read.questionnaires, vec![own.clone()]);
    assert_eq!(read.document, Document::TeamCheck(check.clone()));
    // Once added, the member's file reads too.
    let mut device = catalog().clone();
    device.add(read.questionnaires[0].clone()).unwrap();
    let back = format::read("member.json", response_text.as_bytes(), &device).unwrap();
    assert_eq!(back.document, Document::Response(response.clone()));
    assert!(back.questionnaires.is_empty());
    // In one backup, the questionnaire and its responses travel together.
    let backup = format::write_backup(&device, &[response.clone()], &[check.clone()], &exported());
    assert!(
        schema_errors(&backup).is_empty(),
        "{:?}",
        schema_errors(&backup)
    );
    let read = format::read("all.json", backup.as_bytes(), catalog()).unwrap();
    assert_eq!(read.questionnaires, vec![own.clone()]);
    assert_eq!(
        read.document,
        Document::Backup(vec![
            Document::Questionnaire(own.clone()),
            Document::Response(response),
            Document::TeamCheck(check),
        ])
    );
    // Another questionnaire under the same id and version: refused, the file kept.
    let mut clash = own.clone();
    clash.dimensions[1].items[0].text = "Something else.".into();
    let clash_text = format::write_team_check(
        &clash,
        &TeamCheck::new("c".into(), "C".into(), &clash, Anonymity::Named, exported()),
        None,
    );
    let error = format::read("clash.json", clash_text.as_bytes(), &device).unwrap_err();
    assert!(!error.is_damage());
    assert_eq!(
        error.problem,
        format::Problem::DifferentQuestionnaire(own.reference())
    );
}

#[test]
fn a_carried_questionnaire_must_be_sound_and_match_its_hash() {
    let own = own_questionnaire();
    let text = format::write_questionnaire(&own, Some(&exported()));
    let edited = edit(&text, |v| {
        v["questionnaire"]["dimensions"][0]["items"][0]["text"] = json!("Changed by hand.")
    });
    refused(
        "edited.json",
        edited.as_bytes(),
        &["does not match its hash"],
    );
    let broken = edit(&text, |v| {
        v["questionnaire"]["dimensions"] = json!([]);
    });
    refused(
        "broken.json",
        broken.as_bytes(),
        &["questionnaire in it is not valid", "0 dimensions"],
    );
    let duplicate = edit(&text, |v| {
        v["questionnaire"]["dimensions"][1]["items"][0]["id"] =
            v["questionnaire"]["dimensions"][0]["items"][0]["id"].clone()
    });
    refused("twice.json", duplicate.as_bytes(), &["is used twice"]);
    let extra = edit(&text, |v| {
        v["questionnaire"]["dimensions"][0]["colour"] = json!("red")
    });
    refused("extra.json", extra.as_bytes(), &["unknown field `colour`"]);
    // A response carries no questionnaire, only its name.
    let response = edit(&response_file(), |v| {
        v["questionnaire"]["dimensions"] = json!([])
    });
    refused(
        "response.json",
        response.as_bytes(),
        &["unknown field `dimensions`"],
    );
}

const QUESTIONNAIRE_SCHEMA: &str =
    include_str!("../../../public/teamshape-questionnaire.schema.json");

#[test]
fn questionnaire_files_round_trip_and_match_both_schemas() {
    let questionnaire_schema: Value = serde_json::from_str(QUESTIONNAIRE_SCHEMA).unwrap();
    jsonschema::meta::validate(&questionnaire_schema).expect("a valid JSON Schema");
    let validator = jsonschema::draft202012::new(&questionnaire_schema).expect("compiles");
    // The questionnaire schema repeats the format schema's definitions: they must not drift.
    let format_schema: Value = serde_json::from_str(SCHEMA).unwrap();
    for (name, definition) in questionnaire_schema["$defs"].as_object().unwrap() {
        assert_eq!(&format_schema["$defs"][name], definition, "{name}");
    }
    for questionnaire in catalog()
        .list()
        .iter()
        .map(|e| &e.questionnaire)
        .chain([&own_questionnaire()])
    {
        let text = format::write_questionnaire(questionnaire, Some(&exported()));
        let value: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(schema_errors(&text).is_empty());
        assert_eq!(
            read_ok(&text),
            Document::Questionnaire(questionnaire.clone())
        );
        assert_eq!(write_document(&read_ok(&text)), text);
    }
    // The files in questionnaire/ are questionnaires in the app's own form.
    let v2: Value = serde_json::from_str(include_str!(
        "../../../questionnaire/teamshape-core.v2.json"
    ))
    .unwrap();
    assert_eq!(v2["version"], 2);
    // A questionnaire file is new in version 2: a version 1 file of that kind is unknown.
    let old = edit(
        &format::write_questionnaire(&own_questionnaire(), None),
        |v| v["format_version"] = json!(1),
    );
    refused("old.json", old.as_bytes(), &["\"questionnaire\" document"]);
}

// ---- JSON Schema ---------------------------------------------------------------------------

const SCHEMA: &str = include_str!("../../../public/teamshape-format.schema.json");

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    jsonschema::meta::validate(&schema).expect("schema is a valid JSON Schema");
    jsonschema::draft202012::new(&schema).expect("schema compiles")
});

fn schema_errors(text: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(text).expect("JSON");
    VALIDATOR
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn schema_declares_draft_2020_12() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    LazyLock::force(&VALIDATOR);
}

#[test]
fn golden_files_and_writer_output_match_the_schema() {
    let empty = Response::new("r-empty".into(), q(), ts("2026-03-01T09:00:00Z"));
    for (name, text) in [
        ("golden response", GOLDEN_RESPONSE.to_string()),
        ("golden team check", GOLDEN_TEAM_CHECK.to_string()),
        ("golden backup", GOLDEN_BACKUP.to_string()),
        ("golden v2 response", GOLDEN_V2_RESPONSE.to_string()),
        ("golden v2 team check", GOLDEN_V2_TEAM_CHECK.to_string()),
        ("golden v2 backup", GOLDEN_V2_BACKUP.to_string()),
        ("golden v3 response", GOLDEN_V3_RESPONSE.to_string()),
        ("golden v3 team check", GOLDEN_V3_TEAM_CHECK.to_string()),
        ("golden v3 backup", GOLDEN_V3_BACKUP.to_string()),
        ("golden v3 experiments", GOLDEN_V3_EXPERIMENTS.to_string()),
        ("golden v4 response", GOLDEN_V4_RESPONSE.to_string()),
        ("golden v4 team check", GOLDEN_V4_TEAM_CHECK.to_string()),
        ("golden v4 backup", GOLDEN_V4_BACKUP.to_string()),
        (
            "golden v4 doesn't apply",
            GOLDEN_V4_DOESNT_APPLY.to_string(),
        ),
        ("golden v4 experiments", GOLDEN_V4_EXPERIMENTS.to_string()),
        ("golden v4 intuitions", GOLDEN_V4_INTUITIONS.to_string()),
        ("response", response_file()),
        ("empty response", format::write_response(q(), &empty, None)),
        ("anonymous check", team_file(Anonymity::Anonymous)),
        ("named check", team_file(Anonymity::Named)),
        ("backup", backup_file()),
        (
            "empty backup",
            format::write_backup(catalog(), &[], &[], &exported()),
        ),
    ] {
        let errors = schema_errors(&text);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn invalid_documents_fail_the_schema_and_the_reader_alike() {
    let response = response_file();
    let team = team_file(Anonymity::Anonymous);
    let backup = backup_file();
    let answer = |a: Value| edit(&response, |v| v["response"]["answers"][0]["answer"] = a);
    let cases = [
        ("answer 0", answer(json!(0))),
        ("answer 6", answer(json!(6))),
        ("answer 2.5", answer(json!(2.5))),
        ("answer maybe", answer(json!("maybe"))),
        (
            "bad time",
            edit(&response, |v| {
                v["response"]["started_at"] = json!("yesterday")
            }),
        ),
        (
            "time with offset",
            edit(&team, |v| {
                v["team_check"]["created_at"] = json!("2026-03-01T00:00:00+01:00")
            }),
        ),
        (
            "unknown kind",
            edit(&response, |v| v["kind"] = json!("poll")),
        ),
        (
            "no kind",
            edit(&response, |v| {
                v.as_object_mut().unwrap().remove("kind");
            }),
        ),
        ("extra field", edit(&response, |v| v["extra"] = json!(1))),
        (
            "extra answer field",
            edit(&response, |v| {
                v["response"]["answers"][0]["note"] = json!("x")
            }),
        ),
        (
            "newer version",
            edit(&backup, |v| {
                v["format_version"] = json!(format::FORMAT_VERSION + 1)
            }),
        ),
        (
            "doesnt_apply in version 1",
            edit(&answer(json!("doesnt_apply")), |v| {
                v["format_version"] = json!(1)
            }),
        ),
        (
            "hash in version 1",
            edit(&response, |v| v["format_version"] = json!(1)),
        ),
        (
            "hash not hex",
            edit(&response, |v| {
                v["questionnaire"]["hash"] = json!("not-a-hash")
            }),
        ),
        (
            "no hash in version 2",
            edit(&response, |v| {
                v["questionnaire"].as_object_mut().unwrap().remove("hash");
            }),
        ),
        (
            "team check without its questionnaire",
            edit(&team, |v| {
                v["questionnaire"]
                    .as_object_mut()
                    .unwrap()
                    .remove("dimensions");
            }),
        ),
        (
            "other format",
            edit(&response, |v| v["format"] = json!("other")),
        ),
        (
            "empty id",
            edit(&response, |v| v["response"]["id"] = json!(" ")),
        ),
        (
            "long id",
            edit(&response, |v| v["response"]["id"] = json!("i".repeat(101))),
        ),
        (
            "long comment",
            edit(&response, |v| {
                v["response"]["answers"][0]["comment"] = json!("c".repeat(10_001))
            }),
        ),
        (
            "secret anonymity",
            edit(&team, |v| v["team_check"]["anonymity"] = json!("secret")),
        ),
        (
            "threshold 0",
            edit(&team, |v| v["team_check"]["anonymity_threshold"] = json!(0)),
        ),
        (
            "missing responses",
            edit(&team, |v| {
                v.as_object_mut().unwrap().remove("responses");
            }),
        ),
        (
            "backup in a backup",
            edit(&backup, |v| {
                let inner: Value = serde_json::from_str(&backup_file()).unwrap();
                v["documents"].as_array_mut().unwrap().push(inner);
            }),
        ),
        (
            "bad document in a backup",
            edit(&backup, |v| {
                v["documents"][0]["response"]["answers"][0]["answer"] = json!(7)
            }),
        ),
    ];
    for (name, text) in cases {
        assert!(
            !schema_errors(&text).is_empty(),
            "{name}: schema accepted it"
        );
        assert!(read(name, &text).is_err(), "{name}: reader accepted it");
    }
}

// ---- Properties ----------------------------------------------------------------------------

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "\\PC{0,30}",
        any::<String>(),
        Just("<script>alert('x')</script>".to_string()),
        Just("\"quoted\" \\ back\nslash\t\u{0}\u{1b}\u{2028}".to_string()),
        Just("😀👍🏽 日本語 עברית Ωμέγα".to_string()),
    ]
}

fn answer_strategy() -> impl Strategy<Value = Option<Answer>> {
    prop_oneof![
        Just(None),
        Just(Some(Answer::DontKnow)),
        (1u8..=5).prop_map(|v| Some(Answer::Scale(v))),
    ]
}

fn timestamp_strategy() -> impl Strategy<Value = Timestamp> {
    (
        (1970u32..2100, 1u32..=12, 1u32..=31),
        (0u32..24, 0u32..60, 0u32..60, 0u32..1000),
    )
        // Days that do not exist (31 April) are refused by the parser: skip them.
        .prop_filter_map("no such day", |((y, mo, d), (h, mi, s, ms))| {
            Timestamp::parse(&format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z"
            ))
            .ok()
        })
}

/// Any id a file may carry (`limits::is_valid_id`), and ids the app makes.
fn id_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_.-]{1,100}",
        any::<[u8; 16]>().prop_map(limits::uuid_v4),
    ]
}

fn response_strategy() -> impl Strategy<Value = Response> {
    let item_ids: Vec<String> = q().items().map(|(_, item)| item.id.clone()).collect();
    let count = item_ids.len();
    (
        id_strategy(),
        proptest::option::of(text_strategy()),
        timestamp_strategy(),
        proptest::collection::btree_map(
            0..count,
            (answer_strategy(), text_strategy(), timestamp_strategy()),
            0..=count,
        ),
    )
        .prop_map(move |(id, respondent, started_at, records)| Response {
            id,
            questionnaire: q().reference(),
            respondent,
            started_at,
            answers: records
                .into_iter()
                .map(|(index, (answer, comment, answered_at))| {
                    (
                        item_ids[index].clone(),
                        AnswerRecord {
                            answer,
                            comment,
                            answered_at,
                        },
                    )
                })
                .collect::<BTreeMap<_, _>>(),
            intuitions: Default::default(),
        })
}

/// A valid file of each kind, to mutate.
static BASE_FILES: LazyLock<[String; 3]> = LazyLock::new(|| {
    [
        response_file(),
        format::write_team_check(q(), &sample_check(Anonymity::Named), None),
        format::write_backup(
            catalog(),
            &[sample_response("solo-1", None)],
            &[sample_check(Anonymity::Anonymous)],
            &exported(),
        ),
    ]
});

#[derive(Debug, Clone)]
enum Mutation {
    DeleteChar(usize),
    InsertChar(usize, char),
    Duplicate { start: usize, len: usize, at: usize },
    ReplaceNumber { nth: usize, with: &'static str },
    ChangeKey { nth: usize, to: String },
    Truncate(usize),
}

fn mutation_strategy() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteChar),
        (
            any::<usize>(),
            prop_oneof![
                Just('"'),
                Just(','),
                Just('{'),
                Just(']'),
                Just('\\'),
                any::<char>()
            ]
        )
            .prop_map(|(at, c)| Mutation::InsertChar(at, c)),
        (any::<usize>(), 1usize..400, any::<usize>())
            .prop_map(|(start, len, at)| Mutation::Duplicate { start, len, at }),
        (
            any::<usize>(),
            proptest::sample::select(vec![
                "0",
                "1",
                "5",
                "6",
                "-1",
                "255",
                "256",
                "300",
                "2.5",
                "1.0",
                "-0",
                "1e400",
                "18446744073709551616",
                "-9223372036854775809",
                "null",
                "\"3\"",
                "true",
                "[]",
                "{}",
                "4294967296",
            ])
        )
            .prop_map(|(nth, with)| Mutation::ReplaceNumber { nth, with }),
        (
            any::<usize>(),
            prop_oneof![
                proptest::sample::select(vec![
                    "",
                    "extra",
                    "answer",
                    "item",
                    "kind",
                    "format",
                    "format_version",
                    "id",
                    "respondent",
                    "comment",
                    "answered_at",
                    "documents",
                    "responses",
                    "team_check",
                    "response",
                    "scores",
                    "ünïcode",
                ])
                .prop_map(String::from),
                "[a-z_]{0,12}",
            ]
        )
            .prop_map(|(nth, to)| Mutation::ChangeKey { nth, to }),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// A range of char indices, start inclusive, end exclusive.
type Span = (usize, usize);

/// Char ranges of the number tokens and of the object keys (the text between the quotes of
/// `"key":`), found by a small scanner that knows strings and escapes.
fn token_spans(chars: &[char]) -> (Vec<Span>, Vec<Span>) {
    let (mut numbers, mut keys) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '"' => {
                let start = i + 1;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                let end = i.min(chars.len());
                i += 1;
                let next = chars[i.min(chars.len())..]
                    .iter()
                    .find(|c| !c.is_whitespace());
                if next == Some(&':') {
                    keys.push((start, end));
                }
            }
            c if c.is_ascii_digit() || c == '-' => {
                let start = i;
                while i < chars.len() && "0123456789.eE+-".contains(chars[i]) {
                    i += 1;
                }
                numbers.push((start, i));
            }
            _ => i += 1,
        }
    }
    (numbers, keys)
}

fn mutate(text: &str, mutation: &Mutation) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let len = chars.len().max(1);
    match mutation {
        Mutation::DeleteChar(at) => {
            if !chars.is_empty() {
                chars.remove(at % len);
            }
        }
        Mutation::InsertChar(at, c) => chars.insert(at % (chars.len() + 1), *c),
        Mutation::Duplicate { start, len: n, at } => {
            let start = start % len;
            let end = (start + n).min(chars.len());
            let slice: Vec<char> = chars[start.min(chars.len())..end].to_vec();
            let at = at % (chars.len() + 1);
            chars.splice(at..at, slice);
        }
        Mutation::ReplaceNumber { nth, with } => {
            let spans = token_spans(&chars).0;
            if !spans.is_empty() {
                let (start, end) = spans[nth % spans.len()];
                chars.splice(start..end, with.chars());
            }
        }
        Mutation::ChangeKey { nth, to } => {
            let spans = token_spans(&chars).1;
            if !spans.is_empty() {
                let (start, end) = spans[nth % spans.len()];
                chars.splice(start..end, to.chars());
            }
        }
        Mutation::Truncate(at) => chars.truncate(at % len),
    }
    chars.into_iter().collect()
}

#[test]
fn mutation_helpers_find_numbers_and_keys() {
    let chars: Vec<char> =
        r#"{"a": 12, "b": [-3, 4.5], "t": "2026-01-01T10:00:00Z", "q\"": "x\":1"}"#
            .chars()
            .collect();
    let (numbers, keys) = token_spans(&chars);
    let numbers: Vec<String> = numbers
        .into_iter()
        .map(|(s, e)| chars[s..e].iter().collect())
        .collect();
    assert_eq!(numbers, ["12", "-3", "4.5"]);
    let keys: Vec<String> = keys
        .into_iter()
        .map(|(s, e)| chars[s..e].iter().collect())
        .collect();
    assert_eq!(keys, ["a", "b", "t", "q\\\""]);
    let changed = mutate(
        &response_file(),
        &Mutation::ReplaceNumber {
            nth: 2,
            with: "300",
        },
    );
    refused("mutated.json", changed.as_bytes(), &["above 254"]);
}

/// Whatever `read` accepts, the writer writes back in a form that reads to the same thing.
fn assert_stable_when_accepted(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(document) = read_doc("fuzz.json", bytes) {
        let written = write_document(&document);
        let again = read_doc("rewritten.json", written.as_bytes());
        prop_assert!(again.is_ok(), "rewrite refused: {:?}", again.err());
        prop_assert_eq!(write_document(&again.unwrap()), written);
    }
    Ok(())
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let result = read_doc("random.bin", &bytes);
        if let Err(error) = result {
            prop_assert!(error.to_string().starts_with("random.bin: "));
        }
    }

    #[test]
    fn random_json_like_text_never_panics(
        body in "[\\[\\]{}\",:0-9a-z_ .\\-]{0,300}",
        prefix in 0usize..3,
    ) {
        let prefix = [
            "",
            "{\"format\":\"teamshape\",\"format_version\":1,",
            "{\"format\":\"teamshape\",\"format_version\":1,\"kind\":\"response\",",
        ][prefix];
        let text = format!("{prefix}{body}");
        assert_stable_when_accepted(text.as_bytes())?;
    }

    #[test]
    fn mutated_files_never_panic(
        base in 0usize..3,
        mutations in proptest::collection::vec(mutation_strategy(), 1..4),
    ) {
        let mut text = BASE_FILES[base].clone();
        for mutation in &mutations {
            text = mutate(&text, mutation);
        }
        assert_stable_when_accepted(text.as_bytes())?;
    }

    #[test]
    fn any_response_exports_imports_and_exports_identically(response in response_strategy()) {
        let first = format::write_response(q(), &response, Some(&exported()));
        let back = read_doc("response.json", first.as_bytes());
        prop_assert!(back.is_ok(), "refused: {:?}", back.err());
        let back = back.unwrap();
        prop_assert_eq!(&back, &Document::Response(response));
        prop_assert_eq!(write_document(&back), first.clone());
        let errors = schema_errors(&first);
        prop_assert!(errors.is_empty(), "{:#?}", errors);
    }

    #[test]
    fn any_team_check_exports_imports_and_exports_identically(
        responses in proptest::collection::vec(response_strategy(), 0..5),
        named in any::<bool>(),
        threshold in 1usize..=1000,
        name in text_strategy(),
    ) {
        let anonymity = if named { Anonymity::Named } else { Anonymity::Anonymous };
        let mut check = TeamCheck::new("check".into(), name, q(), anonymity, exported());
        check.anonymity_threshold = threshold;
        check.merge(responses);
        let first = format::write_team_check(q(), &check, Some(&exported()));
        let back = read_doc("check.json", first.as_bytes());
        prop_assert!(back.is_ok(), "refused: {:?}", back.err());
        let back = back.unwrap();
        prop_assert_eq!(&back, &Document::TeamCheck(check));
        prop_assert_eq!(write_document(&back), first.clone());
        let errors = schema_errors(&first);
        prop_assert!(errors.is_empty(), "{:#?}", errors);
    }
}

#[test]
fn examples_in_the_format_docs_are_read_and_match_the_schema() {
    let docs = include_str!("../../../docs/FORMAT.md");
    let examples: Vec<&str> = docs
        .split("```json\n")
        .skip(1)
        .filter_map(|rest| rest.split("\n```").next())
        .filter(|block| block.trim_start().starts_with("{\n  \"format\""))
        .collect();
    assert_eq!(examples.len(), 5, "one example per kind");
    for example in examples {
        if example.contains("\"kind\": \"team_summary\"") {
            let refused = read_doc("FORMAT.md", example.as_bytes());
            assert!(refused.is_err_and(|e| e.reason().contains("team summary")));
        } else {
            read("FORMAT.md", example).unwrap_or_else(|e| panic!("{e}\n{example}"));
        }
        let errors = schema_errors(example);
        assert!(errors.is_empty(), "{errors:#?}\n{example}");
    }
}

#[test]
fn a_byte_order_mark_from_a_text_editor_is_accepted() {
    let q = q().clone();
    let response = Response::new(
        "bom".into(),
        &q,
        Timestamp::parse("2026-01-01T00:00:00Z").unwrap(),
    );
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(format::write_response(&q, &response, None).into_bytes());
    assert_eq!(
        read_doc("notepad.json", &bytes),
        Ok(Document::Response(response))
    );
}

// ---- Everything the app can write reads back (issue 10) ------------------------------------

/// A check as the app makes one: `size` respondents who each answered every item, with names
/// and comments typed to the limits the app enforces (`limits::clip`). `text` is any text; the
/// people's texts are cut from it, so non-ASCII runs through names, comments and the check name.
fn typed_check(size: usize, seed: u64, text: &str, named: bool) -> TeamCheck {
    let typed = |max: usize, skip: usize| -> String {
        let tail: String = text
            .chars()
            .skip(skip % (text.chars().count() + 1))
            .collect();
        limits::clip(&tail, max).to_string()
    };
    let anonymity = if named {
        Anonymity::Named
    } else {
        Anonymity::Anonymous
    };
    let name = typed(limits::MAX_NAME_UNITS, seed as usize);
    let mut check = TeamCheck::new(
        limits::uuid_v4(seed.to_le_bytes().repeat(2).try_into().unwrap()),
        name,
        q(),
        anonymity,
        exported(),
    );
    let items: Vec<String> = q().items().map(|(_, i)| i.id.clone()).collect();
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift: cheap, repeatable variety without a proptest value per answer.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let responses: Vec<Response> = (0..size)
        .map(|_| {
            let bytes: [u8; 16] = [next().to_le_bytes(), next().to_le_bytes()]
                .concat()
                .try_into()
                .unwrap();
            let mut r = Response::new(limits::uuid_v4(bytes), q(), exported());
            r.respondent = named.then(|| typed(limits::MAX_NAME_UNITS, next() as usize));
            for (k, item) in items.iter().enumerate() {
                let answer = match next() % 6 {
                    0 => Answer::DontKnow,
                    v => Answer::Scale(v as u8),
                };
                let at = ts(&format!(
                    "2026-03-01T09:{:02}:{:02}.{:03}Z",
                    k % 60,
                    next() % 60,
                    next() % 1000
                ));
                r.set_answer(item, Some(answer), at.clone());
                // One comment in eight; one in a thousand as long as the box allows.
                match next() % 8000 {
                    0 => r.set_comment(item, typed(limits::MAX_TEXT_UNITS, 0), at),
                    n if n % 8 == 0 => r.set_comment(item, typed(200, n as usize), at),
                    _ => {}
                }
            }
            r
        })
        .collect();
    check.merge(responses);
    check
}

/// Written, read back equal, written again byte for byte, and imported again changing nothing.
fn assert_round_trips(check: &TeamCheck) -> Result<usize, TestCaseError> {
    let written = format::write_team_check(q(), check, None);
    let downloaded = format::write_team_check(q(), check, Some(&exported()));
    // The download is read (it holds everything `written` does, and the export time).
    {
        let text = &downloaded;
        prop_assert!(text.len() <= MAX_FILE_BYTES, "{} bytes", text.len());
        let back = read_doc("check.json", text.as_bytes());
        prop_assert!(back.is_ok(), "refused: {}", back.unwrap_err());
        let Ok(Document::TeamCheck(back)) = back else {
            unreachable!()
        };
        prop_assert_eq!(&back, check);
        prop_assert_eq!(&format::write_team_check(q(), &back, None), &written);
        // Imported into itself: every response is recognised as already there.
        let mut again = check.clone();
        let outcomes = again.merge(back.responses);
        prop_assert_eq!(&again, check);
        prop_assert!(outcomes.iter().all(|m| *m == Merged::Unchanged));
    }
    Ok(downloaded.len())
}

proptest! {
    // Few cases, some large; the 5,000-person check is its own test below.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn every_document_the_app_can_write_reads_back_and_imports_again(
        size in prop_oneof![0usize..4, 40usize..60, Just(500usize)],
        seed in any::<u64>(),
        text in prop_oneof![
            "\\PC{1,300}",
            any::<String>(),
            Just("😀👍🏽 日本語 עברית Ωμέγα \u{0} \" \\ <b>".repeat(400)),
        ],
        named in any::<bool>(),
    ) {
        let check = typed_check(size, seed, &text, named);
        prop_assert_eq!(check.responses.len(), size);
        assert_round_trips(&check)?;
        // Each response on its own, as a solo file, and all of them in a backup.
        for r in check.responses.iter().take(20) {
            let file = format::write_response(q(), r, Some(&exported()));
            let back = read_doc("r.json", file.as_bytes());
            prop_assert_eq!(back.ok(), Some(Document::Response(r.clone())));
        }
        let backup = format::write_backup(catalog(), &check.responses[..size.min(50)], std::slice::from_ref(&check), &exported());
        prop_assert!(read_doc("all.json", backup.as_bytes()).is_ok());
    }
}

#[test]
fn the_largest_team_check_the_app_writes_is_within_the_file_limit() {
    // 5,000 named people, names as long as the box allows, every second-byte non-ASCII.
    let check = typed_check(5_000, 7, &"é日a😀".repeat(300), true);
    let size = assert_round_trips(&check).unwrap();
    println!("5,000-person named team check: {size} bytes");
    assert!(size * 5 / 4 < MAX_FILE_BYTES, "{size} bytes leaves no room");
}

#[test]
fn a_backup_of_a_full_storage_reads_back() {
    // localStorage holds about 5 million UTF-16 units; in UTF-8 a unit is at most 3 bytes.
    // Backups of solo responses whose comments fill it, in the worst case: all 3-byte text.
    let long = "日".repeat(limits::MAX_TEXT_UNITS);
    let items: Vec<String> = q().items().map(|(_, i)| i.id.clone()).collect();
    let per_response = items.len() * limits::MAX_TEXT_UNITS;
    let responses: Vec<Response> = (0..(5 * 1024 * 1024) / per_response + 1)
        .map(|n| {
            let mut r = Response::new(format!("full-{n}"), q(), exported());
            for item in &items {
                r.set_answer(item, Some(Answer::Scale(3)), exported());
                r.set_comment(item, long.clone(), exported());
            }
            r
        })
        .collect();
    let backup = format::write_backup(catalog(), &responses, &[], &exported());
    println!("backup of a full storage: {} bytes", backup.len());
    let Document::Backup(back) = read_ok(&backup) else {
        panic!("not a backup")
    };
    assert_eq!(back.len(), responses.len());
}

#[test]
fn times_that_have_not_come_yet_are_refused_on_import() {
    let tomorrow = ts("2026-03-03T10:00:00.000Z");
    let ok = read_ok(&backup_file());
    assert!(format::check_not_after(&ok, &tomorrow).is_ok());
    let mut late = sample_response("r1", None);
    late.set_answer(
        "alignment.shared-goal",
        Some(Answer::Scale(1)),
        ts("2099-01-01T00:00:00Z"),
    );
    let message =
        format::check_not_after(&Document::Response(late.clone()), &tomorrow).unwrap_err();
    assert!(message.contains("2099-01-01T00:00:00.000Z"), "{message}");
    let mut check = sample_check(Anonymity::Named);
    check.merge([late.clone()]);
    assert!(format::check_not_after(&Document::TeamCheck(check), &tomorrow).is_err());
    assert!(
        format::check_not_after(&Document::Backup(vec![Document::Response(late)]), &tomorrow)
            .is_err()
    );
    // 31 February is no day at all.
    let feb31 = response_file().replace("2026-03-01T09:01:10.000Z", "2026-02-31T09:01:10.000Z");
    refused(
        "feb31.json",
        feb31.as_bytes(),
        &["2026-02-31T09:01:10.000Z"],
    );
}

#[test]
fn another_persons_file_under_a_used_id_is_kept_apart_by_import() {
    // Same response id, another person: the same item answered differently.
    let mut check = sample_check(Anonymity::Anonymous);
    let mut other = sample_response("resp-a", None);
    other.set_answer(
        "alignment.shared-goal",
        Some(Answer::Scale(1)),
        ts("2026-03-01T09:01:00.250Z"),
    );
    let file = format::write_response(q(), &other, Some(&exported()));
    let Document::Response(incoming) = read_ok(&file) else {
        panic!()
    };
    let outcomes = check.merge([incoming]);
    assert_eq!(outcomes, vec![Merged::KeptApart("resp-a.2".into())]);
    assert_eq!(check.responses.len(), 4);
    // The kept-apart id is valid: the check still reads back equal.
    assert_round_trips(&check).unwrap();
}

// ---- Format version 3: teams, experiments and reviews ----------------------------------------

#[test]
fn golden_v3_experiments_round_trip_with_team_experiments_and_reviews() {
    let Document::TeamCheck(check) = read_ok(GOLDEN_V3_EXPERIMENTS) else {
        panic!("not a team check")
    };
    assert_eq!(check.team.id, "team-platform");
    assert_eq!(check.team.name, "Platform team");
    assert_eq!(check.experiments.len(), 2);
    assert!(check.experiments[0].text.starts_with('='));
    assert_eq!(check.reviews.len(), 1);
    assert_eq!(check.reviews[0].outcome, team::Outcome::Changed);
    assert_eq!(check.reviews[0].note, "Twice a week is enough");
    // Written again, byte for byte; and a shared copy (anonymous: days only) keeps them.
    assert_eq!(
        format::write_document(
            catalog(),
            &Document::TeamCheck(check.clone()),
            &golden_v2_time()
        ) + "\n",
        GOLDEN_V4_EXPERIMENTS
    );
    let shared = check.for_sharing();
    let Document::TeamCheck(back) = read_ok(&write_document(&Document::TeamCheck(shared))) else {
        panic!("not a team check")
    };
    assert_eq!(back.team, check.team);
    assert_eq!(back.experiments, check.experiments);
    assert_eq!(back.reviews, check.reviews);
}

#[test]
fn a_version_2_check_is_a_team_of_its_own_on_every_device() {
    let Document::TeamCheck(check) = read_ok(GOLDEN_V2_TEAM_CHECK) else {
        panic!("not a team check")
    };
    assert_eq!(check.team.id, check.id);
    assert_eq!(check.team.name, check.name);
    assert!(check.experiments.is_empty() && check.reviews.is_empty());
    // Version 2 files never had these fields: a file that has them is refused, not half-read.
    for field in ["team", "experiments", "reviews"] {
        let value = match field {
            "team" => json!({"id": "x", "name": "x"}),
            "experiments" => json!([{"dimension": "trust", "text": "t",
                "look_back": "2027-01-01T00:00:00.000Z"}]),
            _ => json!([{"check": "c", "dimension": "trust", "text": "t", "outcome": "kept"}]),
        };
        let odd = edit(GOLDEN_V2_TEAM_CHECK, |v| v["team_check"][field] = value);
        refused(
            "odd.json",
            odd.as_bytes(),
            &["format version 2 does not have"],
        );
    }
}

#[test]
fn version_3_team_checks_need_a_team_and_sound_experiments() {
    let text = GOLDEN_V3_EXPERIMENTS;
    let no_team = edit(text, |v| {
        v["team_check"].as_object_mut().unwrap().remove("team");
    });
    refused("no-team.json", no_team.as_bytes(), &["names no team"]);
    let bad_id = edit(text, |v| v["team_check"]["team"]["id"] = json!("a b"));
    refused("bad-id.json", bad_id.as_bytes(), &["team id"]);
    let too_many = edit(text, |v| {
        let first = v["team_check"]["experiments"][0].clone();
        let list = v["team_check"]["experiments"].as_array_mut().unwrap();
        while list.len() <= team::MAX_EXPERIMENTS {
            list.push(first.clone());
        }
    });
    refused(
        "many.json",
        too_many.as_bytes(),
        &["more than 3 experiments"],
    );
    assert!(!schema_errors(&too_many).is_empty());
    let unknown = edit(text, |v| {
        v["team_check"]["experiments"][0]["dimension"] = json!("no-such-dimension")
    });
    refused("unknown.json", unknown.as_bytes(), &["no-such-dimension"]);
    let outcome = edit(text, |v| {
        v["team_check"]["reviews"][0]["outcome"] = json!("won")
    });
    refused("outcome.json", outcome.as_bytes(), &["won"]);
    assert!(!schema_errors(&outcome).is_empty());
    let extra = edit(text, |v| {
        v["team_check"]["experiments"][0]["owner"] = json!("Ada")
    });
    refused("extra.json", extra.as_bytes(), &["owner"]);
}

#[test]
fn experiments_merge_once_when_a_check_comes_back_from_another_device() {
    let Document::TeamCheck(check) = read_ok(GOLDEN_V3_EXPERIMENTS) else {
        panic!("not a team check")
    };
    let mut here = check.clone();
    here.experiments.truncate(1);
    here.reviews.clear();
    here.merge_plans(&check);
    assert_eq!(here.experiments, check.experiments);
    assert_eq!(here.reviews, check.reviews);
    here.merge_plans(&check);
    assert_eq!(here.experiments.len(), check.experiments.len(), "no copies");
}

// ---- Format version 4: the intuitions part ---------------------------------------------------

// Written once by the version 4 writer (`write_document` at 2026-12-01T12:00:00.000Z): the five
// v3 golden files as read and written again, and a check of the full check version 3 in which
// five people answered the intuitions part (one time split left unfinished). Frozen.
const GOLDEN_V4_RESPONSE: &str = include_str!("golden/v4-response.json");
const GOLDEN_V4_TEAM_CHECK: &str = include_str!("golden/v4-team-check.json");
const GOLDEN_V4_BACKUP: &str = include_str!("golden/v4-backup.json");
const GOLDEN_V4_DOESNT_APPLY: &str = include_str!("golden/v4-team-check-doesnt-apply.json");
const GOLDEN_V4_EXPERIMENTS: &str = include_str!("golden/v4-team-check-experiments.json");
const GOLDEN_V4_INTUITIONS: &str = include_str!("golden/v4-team-check-intuitions.json");

fn full_v3() -> &'static Questionnaire {
    catalog()
        .find("teamshape-core", 3)
        .expect("full check version 3")
}

/// Five people answering the full check version 3 and its intuitions part.
fn intuitions_check() -> TeamCheck {
    use teamshape_core::intuitions::{key, set_points};
    use teamshape_core::response::Guess;
    let q = full_v3();
    let part = q.intuitions.as_ref().unwrap();
    let categories: Vec<&str> = part
        .time
        .as_ref()
        .unwrap()
        .categories
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let statements = &part.predict.as_ref().unwrap().statements;
    let mut check = TeamCheck::new(
        "check-intuitions".into(),
        "Platform team".into(),
        q,
        Anonymity::Anonymous,
        ts("2026-11-30T08:00:00.000Z"),
    );
    let people: Vec<Response> = (0..5u8)
        .map(|p| {
            let at = |m: usize| ts(&format!("2026-11-30T09:{:02}:00.000Z", m % 60));
            let mut r = Response::new(format!("person-{p}"), q, at(0));
            for (n, (_, item)) in q.items().enumerate() {
                let value = 1 + (n as u8 + p) % 5;
                r.set_answer(&item.id, Some(Answer::Scale(value)), at(n));
            }
            for (n, d) in q.dimensions.iter().enumerate() {
                let guess = 2 + (n as u8 + p) % 4;
                r.set_guess(&key::predict(&d.id), Some(Guess::Number(guess)), at(40 + n));
            }
            for s in statements {
                r.set_guess(&key::agree(s), Some(Guess::Number(20 * (p + 1))), at(48));
            }
            for (k, shares) in [
                (key::TIME_PLANNED, [50u32, 10, 10, 10, 15, 5]),
                (key::TIME_ACTUAL, [25, 30, 20, 15, 5, 5]),
            ] {
                let mut points = teamshape_core::response::Points::new();
                for (c, share) in categories.iter().zip(shares) {
                    set_points(&mut points, c, share + u32::from(p));
                }
                if p == 4 && k == key::TIME_ACTUAL {
                    // Left unfinished: kept, and left out of the team's figures.
                    set_points(&mut points, categories[0], 0);
                }
                r.set_guess(k, Some(Guess::Split(points)), at(50));
            }
            r.set_guess(
                key::QUIET_SELF,
                Some(Guess::Number(u8::from(p % 2 == 0))),
                at(52),
            );
            r.set_guess(key::QUIET_GUESS, Some(Guess::Number(10 * p)), at(53));
            r
        })
        .collect();
    check.merge(people);
    check
}

#[test]
fn golden_v4_intuitions_check_reads_writes_back_and_shows_figures_under_the_rules() {
    use teamshape_core::intuitions::{self, key};
    let Document::TeamCheck(check) = read_ok(GOLDEN_V4_INTUITIONS) else {
        panic!("not a team check")
    };
    assert_eq!(check, intuitions_check());
    assert_eq!(
        format::write_document(
            catalog(),
            &Document::TeamCheck(check.clone()),
            &golden_v2_time()
        ) + "\n",
        GOLDEN_V4_INTUITIONS
    );
    let q = full_v3();
    let included = check.included(None);
    let team = team::figures(q, &included, check.rules());
    let shown = intuitions::figures(q, &included, &team, check.rules());
    assert_eq!(shown.predictions.len(), q.dimensions.len());
    assert!(shown.predictions.iter().all(|p| p.people == 5));
    // One split of five is unfinished: left out, so "what happened" has four, below five.
    assert_eq!(shown.time_unfinished, 1);
    assert!(shown.time.is_empty());
    let quiet = shown.quiet.as_ref().unwrap().shown.as_ref().unwrap();
    assert_eq!((quiet.held_back, quiet.guessed), (3, Some(20.0)));
    // A threshold of three shows the time split too, largest gap first.
    let rules = team::Rules {
        threshold: 3,
        statement_answers: 5,
    };
    let shown = intuitions::figures(q, &included, &team::figures(q, &included, rules), rules);
    assert!(!shown.time.is_empty());
    assert!(
        shown
            .time
            .windows(2)
            .all(|w| w[0].gap().abs() >= w[1].gap().abs())
    );
    // Shared (days only) it reads back with every guess.
    let shared = check.for_sharing();
    let Document::TeamCheck(back) = read_ok(&write_document(&Document::TeamCheck(shared))) else {
        panic!("not a team check")
    };
    assert_eq!(
        back.responses[0].guess(key::QUIET_SELF),
        check.responses[0].guess(key::QUIET_SELF)
    );
}

#[test]
fn intuitions_are_refused_before_version_4_and_out_of_range_in_it() {
    let response = |body: &str| -> String {
        let Document::TeamCheck(check) = read_ok(GOLDEN_V4_INTUITIONS) else {
            panic!("not a team check")
        };
        let text = format::write_response(full_v3(), &check.responses[0], None);
        edit(&text, |v| {
            let entries = v["response"]["intuitions"].as_array_mut().unwrap();
            entries.push(serde_json::from_str(body).unwrap());
        })
    };
    // (entry, words of the refusal, whether the schema can say so too: it cannot know the
    // questionnaire's questions, keys given twice, or a sum)
    let cases = [
        (
            r#"{"key":"predict.nowhere","value":3,"answered_at":"2026-12-01T00:00:00Z"}"#,
            "does not ask",
            false,
        ),
        (
            r#"{"key":"quiet.self","value":2,"answered_at":"2026-12-01T00:00:00Z"}"#,
            "twice",
            false,
        ),
        (
            r#"{"key":"agree.x","value":101,"answered_at":"2026-12-01T00:00:00Z"}"#,
            "above 100",
            true,
        ),
        (
            r#"{"key":"time.other","value":{"goal":60,"rework":50},"answered_at":"2026-12-01T00:00:00Z"}"#,
            "more than 100 points",
            false,
        ),
        (
            r#"{"key":"has space","value":1,"answered_at":"2026-12-01T00:00:00Z"}"#,
            "not 1 to 100",
            true,
        ),
    ];
    for (entry, phrase, schema_says) in cases {
        let text = response(entry);
        refused("guess.json", text.as_bytes(), &[phrase]);
        assert_eq!(!schema_errors(&text).is_empty(), schema_says, "{entry}");
    }
    // A version 3 file with intuitions, in a response or its questionnaire, is refused whole.
    let v4 = response(r#"{"key":"quiet.guess","value":10,"answered_at":"2026-12-01T00:00:00Z"}"#);
    let empty = edit(&v4, |v| {
        v["format_version"] = json!(3);
        v["response"]["intuitions"] = json!([]);
    });
    refused(
        "empty.json",
        empty.as_bytes(),
        &["unknown field `intuitions`"],
    );
    let as_v3 = edit(&v4, |v| v["format_version"] = json!(3));
    refused(
        "old.json",
        as_v3.as_bytes(),
        &["unknown field `intuitions`"],
    );
    assert!(!schema_errors(&as_v3).is_empty());
    let check_v3 = edit(GOLDEN_V4_INTUITIONS, |v| {
        v["format_version"] = json!(3);
        for r in v["responses"].as_array_mut().unwrap() {
            r.as_object_mut().unwrap().remove("intuitions");
        }
    });
    refused(
        "old-check.json",
        check_v3.as_bytes(),
        &["unknown field `intuitions`"],
    );
    assert!(!schema_errors(&check_v3).is_empty());
}

// ---- One list of fields per kind -------------------------------------------------------------

/// The fields the writer writes for each kind are exactly the ones the reader's list for that
/// kind allows (besides the envelope): a field added to a struct and not to its list, or the
/// other way round, fails here rather than in someone's import.
#[test]
fn each_kind_writes_exactly_the_fields_its_reader_allows() {
    let envelope = ["format", "format_version", "kind", "exported_at"];
    let fields = |text: &str| -> Vec<String> {
        let value: Value = serde_json::from_str(text).unwrap();
        let mut keys: Vec<String> = value
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| !envelope.contains(&k.as_str()))
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    let list = |allowed: &[&str]| -> Vec<String> {
        let mut keys: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        keys.sort();
        keys
    };
    let questionnaire = format::write_questionnaire(q(), Some(&exported()));
    for (kind, text, allowed) in [
        ("response", response_file(), format::RESPONSE_FIELDS),
        (
            "team_check",
            team_file(Anonymity::Named),
            format::TEAM_CHECK_FIELDS,
        ),
        ("questionnaire", questionnaire, format::QUESTIONNAIRE_FIELDS),
        ("backup", backup_file(), format::BACKUP_FIELDS),
    ] {
        assert_eq!(fields(&text), list(allowed), "{kind}");
        // And the reader takes what the writer wrote, and refuses one field more.
        read_ok(&text);
        let extra = edit(&text, |v| {
            v.as_object_mut()
                .unwrap()
                .insert("surprise".into(), json!(1));
        });
        refused(
            "extra.json",
            extra.as_bytes(),
            &["unknown field `surprise`"],
        );
    }
}
