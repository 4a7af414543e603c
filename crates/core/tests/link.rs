//! Links from the outside (crates/core/src/link.rs): every response and invitation round-trips
//! through its link for any valid questionnaire; the documented length table holds; hostile,
//! cut and foreign links are refused with a reason.

use proptest::prelude::*;
use std::collections::BTreeMap;
use teamshape_core::catalog::Catalog;
use teamshape_core::format::{Document, Problem};
use teamshape_core::limits;
use teamshape_core::link::{self, Kind, SHARE_LIMIT};
use teamshape_core::questionnaire::{Dimension, Item, Questionnaire};
use teamshape_core::response::{Answer, AnswerRecord, Response};
use teamshape_core::team::{Anonymity, TeamCheck};
use teamshape_core::time::Timestamp;

fn catalog() -> Catalog {
    Catalog::builtin().expect("catalog")
}

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("test timestamp")
}

/// Reads a response link against `catalog`: the check it names and the response.
fn read_answers(
    payload: &str,
    catalog: &Catalog,
) -> Result<(Option<String>, Response), teamshape_core::format::ReadError> {
    let (check, read) = link::read(Kind::Answers, "link 1", payload, catalog)?;
    match read.document {
        Document::Response(r) => Ok((check, r)),
        other => panic!("not a response: {other:?}"),
    }
}

// ---- Generators ----------------------------------------------------------------------------

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
        Just(Some(Answer::DoesntApply)),
        (1u8..=5).prop_map(|v| Some(Answer::Scale(v))),
    ]
}

/// Any time the reader accepts, leap seconds included.
fn timestamp_strategy() -> impl Strategy<Value = Timestamp> {
    (
        (0u32..=9999, 1u32..=12, 1u32..=31),
        (0u32..24, 0u32..60, 0u32..=60, 0u32..1000),
    )
        .prop_filter_map("no such day", |((y, mo, d), (h, mi, s, ms))| {
            Timestamp::parse(&format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z"
            ))
            .ok()
        })
}

fn id_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_.-]{1,100}",
        any::<[u8; 16]>().prop_map(limits::uuid_v4),
    ]
}

/// Any questionnaire the reader accepts: 3 to 10 dimensions of 1 to 20 statements, unique ids,
/// at least one statement per dimension that is not reverse-worded.
fn questionnaire_strategy() -> impl Strategy<Value = Questionnaire> {
    let text = "[A-Za-z][A-Za-z0-9 ,.'!?éü日😀-]{0,40}";
    let dimension = (
        text,
        text,
        proptest::collection::vec(text, 0..4),
        proptest::collection::vec((text, any::<bool>()), 1..=20),
    );
    (
        "[a-z][a-z0-9-]{0,20}",
        1u32..1000,
        text,
        text,
        proptest::collection::vec(dimension, 3..=10),
    )
        .prop_map(
            |(id, version, title, description, dimensions)| Questionnaire {
                id,
                version,
                title,
                description,
                dimensions: dimensions
                    .into_iter()
                    .enumerate()
                    .map(|(d, (title, description, prompts, items))| Dimension {
                        id: format!("d{d}"),
                        version: 1,
                        title,
                        description,
                        prompts,
                        items: items
                            .into_iter()
                            .enumerate()
                            .map(|(i, (text, reverse))| Item {
                                id: format!("d{d}.i{i}"),
                                version: 1,
                                text,
                                // The first statement of each dimension is not reverse-worded.
                                reverse: reverse && i > 0,
                            })
                            .collect(),
                    })
                    .collect(),
                intuitions: None,
            },
        )
}

/// A questionnaire (the built-in default, or any other) and any response to it.
fn questionnaire_and_response() -> impl Strategy<Value = (Questionnaire, Response)> {
    prop_oneof![
        Just(catalog().default_questionnaire().clone()),
        questionnaire_strategy(),
    ]
    .prop_flat_map(|q| {
        let count = q.item_count();
        (
            Just(q),
            id_strategy(),
            proptest::option::of(text_strategy()),
            timestamp_strategy(),
            proptest::collection::btree_map(
                0..count,
                (answer_strategy(), text_strategy(), timestamp_strategy()),
                0..=count,
            ),
        )
    })
    .prop_map(|(q, id, respondent, started_at, records)| {
        let items: Vec<String> = q.items().map(|(_, i)| i.id.clone()).collect();
        let answers = records
            .into_iter()
            .map(|(index, (answer, comment, answered_at))| {
                (
                    items[index].clone(),
                    AnswerRecord {
                        answer,
                        comment,
                        answered_at,
                    },
                )
            })
            .collect::<BTreeMap<_, _>>();
        let response = Response {
            id,
            questionnaire: q.reference(),
            respondent,
            started_at,
            answers,
            intuitions: Default::default(),
        };
        (q, response)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_response_to_any_questionnaire_round_trips_through_its_link(
        (q, response) in questionnaire_and_response(),
        check in proptest::option::of(id_strategy()),
    ) {
        let mut catalog = catalog();
        if catalog.entry(&q.reference()).is_none() {
            catalog.add(q.clone()).expect("a valid questionnaire");
        }
        let payload = link::response_payload(&q, &response, check.as_deref());
        prop_assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let (back_check, back) = read_answers(&payload, &catalog).expect("reads back");
        prop_assert_eq!(back_check, check);
        prop_assert_eq!(back, response);
        // Found again in a chat, between other words.
        let chat = format!("Anna, 10:02: done! https://example.org/t/{}{payload} see you", link::ANSWERS_PATH);
        prop_assert_eq!(link::find(&chat).into_iter().map(|f| f.payload).collect::<Vec<_>>(), vec![payload]);
    }

    #[test]
    fn any_invitation_round_trips_with_its_questionnaire(
        q in questionnaire_strategy(),
        id in id_strategy(),
        name in "\\PC{1,60}",
        named in any::<bool>(),
        threshold in 1usize..=1000,
        created_at in timestamp_strategy(),
    ) {
        let anonymity = if named { Anonymity::Named } else { Anonymity::Anonymous };
        let mut check = TeamCheck::new(id.clone(), name, &q, anonymity, created_at);
        check.anonymity_threshold = threshold;
        // Carried: a device without the questionnaire reads it, and gets the questionnaire.
        let payload = link::invitation_payload(&check, &q, true);
        let (back_check, read) = link::read(Kind::Invitation, "invitation", &payload, &catalog()).expect("reads");
        prop_assert_eq!(back_check, Some(id));
        prop_assert_eq!(read.document, Document::TeamCheck(check.clone()));
        prop_assert_eq!(read.questionnaires, vec![q.clone()]);
        // By reference: only a device that has it can read it.
        let by_reference = link::invitation_payload(&check, &q, false);
        let refused = link::read(Kind::Invitation, "invitation", &by_reference, &catalog()).unwrap_err();
        prop_assert_eq!(refused.problem, Problem::UnknownQuestionnaire(q.reference()));
        let mut theirs = catalog();
        theirs.add(q.clone()).expect("valid");
        let (_, read) = link::read(Kind::Invitation, "invitation", &by_reference, &theirs).expect("reads");
        prop_assert_eq!(read.document, Document::TeamCheck(check));
    }

    #[test]
    fn no_cut_or_changed_link_is_ever_read_as_something_else(
        (q, response) in questionnaire_and_response(),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
    ) {
        let mut catalog = catalog();
        if catalog.entry(&q.reference()).is_none() {
            catalog.add(q.clone()).expect("a valid questionnaire");
        }
        let payload = link::response_payload(&q, &response, None);
        // Cut anywhere: refused (zlib's checksum and length), never a panic or a partial read.
        let at = cut.index(payload.len());
        prop_assert!(read_answers(&payload[..at], &catalog).is_err());
        // One character changed: refused, or (rarely, inside the checksum's reach) the same.
        let at = flip.index(payload.len());
        let mut changed: Vec<u8> = payload.clone().into_bytes();
        changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(changed).expect("ascii");
        if let Ok((_, back)) = read_answers(&changed, &catalog) {
            prop_assert_eq!(back, response);
        }
    }
}

// ---- The length table ----------------------------------------------------------------------

/// The address a link starts with, as long as a typical host's: GitHub Pages with a project
/// name (`https://<owner>.github.io/<repo>/`). Counted in every length below.
const ADDRESS: &str = "https://someteam-coach.github.io/teamshape/";

/// A whole response to `q` as a person gives it: every statement answered (all kinds of
/// answers), one every 5 to 40 seconds, `comments` comments of `comment_len` characters.
fn typical(q: &Questionnaire, comments: usize, comment_len: usize) -> Response {
    let start = ts("2026-03-01T09:00:00.000Z");
    let mut r = Response::new(limits::uuid_v4([7; 16]), q, start);
    let mut seed = 17u64;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut at_ms = 9 * 3_600_000u64;
    let words = [
        "we", "ship", "often", "but", "the", "goal", "is", "unclear", "and", "reviews", "wait",
    ];
    for (n, (_, item)) in q.items().enumerate() {
        at_ms += 5_000 + next(35_000);
        let time = ts(&format!(
            "2026-03-01T{:02}:{:02}:{:02}.{:03}Z",
            at_ms / 3_600_000,
            at_ms / 60_000 % 60,
            at_ms / 1000 % 60,
            at_ms % 1000
        ));
        let answer = match next(10) {
            0 => Answer::DontKnow,
            1 => Answer::DoesntApply,
            v => Answer::Scale((v % 5 + 1) as u8),
        };
        r.set_answer(&item.id, Some(answer), time.clone());
        if n < comments {
            let mut comment = String::new();
            while comment.len() < comment_len {
                comment.push_str(words[next(words.len() as u64) as usize]);
                comment.push(' ');
            }
            comment.truncate(comment_len);
            r.set_comment(&item.id, comment.trim_end().to_string(), time);
        }
    }
    r
}

fn link_length(q: &Questionnaire, response: &Response) -> usize {
    ADDRESS.len()
        + link::ANSWERS_PATH.len()
        + link::response_payload(q, response, Some(&limits::uuid_v4([9; 16]))).len()
}

/// The rows of the table in docs/FORMAT.md ("How long a link is"): (comments, characters each).
const ROWS: [(usize, usize); 8] = [
    (0, 0),
    (3, 40),
    (3, 80),
    (10, 80),
    (5, 300),
    (10, 300),
    (20, 200),
    (10, 1000),
];

#[test]
fn the_documented_length_table_holds() {
    let catalog = catalog();
    let q = catalog.default_questionnaire();
    let mut table = String::new();
    for (comments, len) in ROWS {
        let r = typical(q, comments, len);
        let length = link_length(q, &r);
        let fits = if length <= SHARE_LIMIT {
            "yes"
        } else {
            "no: the app offers the file"
        };
        table.push_str(&format!("| {comments} | {len} | {length} | {fits} |\n"));
        // The link holds what it should.
        let payload = link::response_payload(q, &r, None);
        assert_eq!(read_answers(&payload, &catalog).unwrap().1, r);
    }
    println!("{table}");
    // The issue's promise: the full built-in questionnaire with a few short comments fits.
    assert!(link_length(q, &typical(q, 3, 80)) <= SHARE_LIMIT);
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/FORMAT.md"))
            .expect("docs/FORMAT.md");
    assert!(
        docs.contains(&table),
        "docs/FORMAT.md's table of link lengths is out of date; it should read:\n{table}"
    );
    assert!(docs.contains(&format!("{} characters", fmt_thousands(SHARE_LIMIT))));
}

fn fmt_thousands(n: usize) -> String {
    let text = n.to_string();
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i > 0 && (text.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn an_invitation_to_the_built_in_questionnaire_is_short_and_its_qr_code_is_made() {
    let catalog = catalog();
    let q = catalog.default_questionnaire();
    let check = TeamCheck::new(
        limits::uuid_v4([3; 16]),
        "Platform team, Q3 — spring check".into(),
        q,
        Anonymity::Anonymous,
        ts("2026-03-01T08:00:00.000Z"),
    );
    let payload = link::invitation_payload(&check, q, false);
    let length = ADDRESS.len() + link::JOIN_PATH.len() + payload.len();
    println!("invitation to the built-in questionnaire: {length} characters");
    assert!(length < 250, "{length}");
    let svg = link::qr_svg(&format!("{ADDRESS}{}{payload}", link::JOIN_PATH)).expect("a QR code");
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    // Shapes only: nothing that could run or load anything.
    for bad in [
        "<script",
        "href",
        " on",
        "<text",
        "<image",
        "<foreignObject",
        "style",
    ] {
        assert!(!svg.contains(bad), "{bad}");
    }
    // A questionnaire of one's own travels in the link. One as small as the editor allows
    // fits a QR code; one as long as the built-in one does not (the app then says so).
    let mut own = q.clone();
    own.id = "our-own".into();
    own.dimensions.truncate(3);
    for d in &mut own.dimensions {
        d.items.truncate(3);
        d.prompts.truncate(1);
    }
    let small = link::invitation_payload(&check, &own, true);
    println!(
        "invitation carrying a 9-statement questionnaire: {} characters",
        small.len()
    );
    assert!(link::qr_svg(&format!("{ADDRESS}{}{small}", link::JOIN_PATH)).is_some());
    let carried = link::invitation_payload(&check, q, true);
    println!(
        "invitation carrying the built-in one: {} characters",
        carried.len()
    );
    // Far too long for any QR code: None, not a panic.
    assert!(link::qr_svg(&"A".repeat(10_000)).is_none());
}

// ---- Hostile links -------------------------------------------------------------------------

fn b64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn packed(bytes: &[u8]) -> String {
    b64(&miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6))
}

fn refused(kind: Kind, payload: &str, words: &str) {
    let error = link::read(kind, "link 2", payload, &catalog()).expect_err("refused");
    let message = error.to_string();
    assert!(message.starts_with("link 2: "), "{message}");
    assert!(message.contains(words), "{message:?} lacks {words:?}");
}

#[test]
fn hostile_and_foreign_links_are_refused_with_a_reason() {
    let catalog = catalog();
    let q = catalog.default_questionnaire();
    let good = link::response_payload(q, &typical(q, 3, 40), Some("check-1"));
    refused(Kind::Answers, "", "empty");
    refused(Kind::Answers, &good[..good.len() / 2], "cut off");
    refused(Kind::Answers, &good[..good.len() - 1], "");
    refused(Kind::Answers, "eJw+AAAA", "character '+'");
    refused(Kind::Answers, &"A".repeat(300_000), "characters long");
    refused(Kind::Answers, "bm90IHpsaWI", "damaged");
    // A zip bomb: 50 MB of zeros packs into a short link; unpacking stops at the cap.
    let bomb = packed(&vec![0u8; 50 << 20]);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    refused(Kind::Answers, &bomb, "far more than any answers");
    // Wrong kind, both ways; unknown kind and version.
    let check = TeamCheck::new(
        "c1".into(),
        "C".into(),
        q,
        Anonymity::Anonymous,
        ts("2026-03-01T08:00:00Z"),
    );
    let invitation = link::invitation_payload(&check, q, false);
    refused(
        Kind::Answers,
        &invitation,
        "invitation, not someone's answers",
    );
    refused(Kind::Invitation, &good, "not an invitation");
    refused(
        Kind::Answers,
        &packed(&[1, b'x']),
        "does not say what it holds",
    );
    refused(Kind::Answers, &packed(&[2, b'r']), "newer teamshape");
    refused(Kind::Answers, &packed(&[0, b'r']), "version 0");
    // A questionnaire this device does not have, and one it has with other content.
    let mut other = q.clone();
    other.id = "their-own".into();
    let theirs = link::response_payload(
        &other,
        &Response::new("r".into(), &other, ts("2026-03-01T08:00:00Z")),
        None,
    );
    refused(Kind::Answers, &theirs, "does not have");
    let mut changed = q.clone();
    changed.dimensions[0].items[0].text.push('!');
    let changed = link::response_payload(
        &changed,
        &Response::new("r".into(), &changed, ts("2026-03-01T08:00:00Z")),
        None,
    );
    refused(Kind::Answers, &changed, "differ");
    // Bytes after the content.
    let mut raw = miniz_oxide::inflate::decompress_to_vec_zlib(&unb64(&good)).expect("valid");
    raw.push(0);
    refused(Kind::Answers, &packed(&raw), "bytes more");
    // Things a file could not hold either, refused by the file reader: an id that is no id,
    // a comment over the limit; and what only a link could hold: text not UTF-8, codes out of range.
    let mut bad_id = Response::new("no spaces allowed".into(), q, ts("2026-03-01T08:00:00Z"));
    bad_id.set_answer(
        &q.dimensions[0].items[0].id,
        Some(Answer::Scale(3)),
        ts("2026-03-01T08:01:00Z"),
    );
    refused(
        Kind::Answers,
        &link::response_payload(q, &bad_id, None),
        "response id",
    );
    let mut long = Response::new("r".into(), q, ts("2026-03-01T08:00:00Z"));
    long.set_comment(
        &q.dimensions[0].items[0].id,
        "x".repeat(limits::MAX_TEXT_CHARS + 1),
        ts("2026-03-01T08:01:00Z"),
    );
    refused(
        Kind::Answers,
        &link::response_payload(q, &long, None),
        "longer than",
    );
    let bad_check = link::response_payload(q, &typical(q, 0, 0), Some("a b"));
    refused(Kind::Answers, &bad_check, "team check id");
    // Every answer code rewritten to one teamshape does not know.
    let mut codes = raw.clone();
    codes.pop();
    let n = q.item_count();
    let start = find_codes(&codes, n);
    for c in &mut codes[start..start + n] {
        *c = 0x20 | 8;
    }
    refused(Kind::Answers, &packed(&codes), "answer code");
    // An anonymity that is neither, in an invitation.
    let mut raw = miniz_oxide::inflate::decompress_to_vec_zlib(&unb64(&invitation)).expect("valid");
    let at = 2 + 1 + 2 + 1 + 1; // version, kind, "c1", "C"
    assert_eq!(raw[at], 0);
    raw[at] = 9;
    refused(
        Kind::Invitation,
        &packed(&raw),
        "neither anonymous nor named",
    );
    // Not UTF-8 in the name.
    let mut raw = miniz_oxide::inflate::decompress_to_vec_zlib(&unb64(&invitation)).expect("valid");
    raw[at - 1] = 0xff;
    refused(Kind::Invitation, &packed(&raw), "not UTF-8");
}

/// Where the codes start in a response's raw form: right after the count of statements.
fn find_codes(raw: &[u8], n: usize) -> usize {
    // The count is one byte for fewer than 128 statements, and the codes follow it; the first
    // position after which `n` bytes are all codes (0, or 8..=31) and preceded by `n`.
    (1..raw.len() - n)
        .find(|&i| {
            raw[i - 1] as usize == n && raw[i..i + n].iter().all(|c| *c == 0 || (8..32).contains(c))
        })
        .expect("codes")
}

fn unb64(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut n, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            _ => 63,
        };
        n = n << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((n >> bits) as u8);
        }
    }
    out
}
