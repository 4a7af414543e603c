//! Links that hold data: a person's answers ("Share my answers") and a team check's invitation.
//!
//! A link is `<app address>#/answers/<payload>` or `#/join/<payload>`: the payload sits in the
//! URL fragment, which browsers never send to the web server. The payload is base64url (no
//! padding) of zlib-compressed bytes (deflate with zlib's Adler-32 checksum, so a cut or
//! changed link is refused rather than misread) of a compact binary form:
//!
//! - a response: answers in questionnaire order, one small code per statement, then the times
//!   of the answers as differences, then the comments; the questionnaire is named by id,
//!   version and hash, so the link holds no statement text;
//! - an invitation: the team check's id, name, anonymity and threshold, and its questionnaire,
//!   by reference when it is built in, else whole (as JSON).
//!
//! A link is data, never code: decoding only builds the document a file would hold, writes it
//! with `format` and reads it back with `format::read`, the strict reader of files, so a link
//! is refused exactly when the same content in a file would be. See docs/FORMAT.md ("Links").

use super::catalog::Catalog;
use super::format::{self, Problem, ReadError};
use super::limits::check_id;
use super::questionnaire::{Questionnaire, QuestionnaireRef};
use super::response::{Answer, AnswerRecord, Response};
use super::team::{Anonymity, TeamCheck};
use super::time::Timestamp;
use std::collections::BTreeMap;

/// The version of the link's binary form, its first byte. Newer ones are refused by name.
pub const LINK_VERSION: u8 = 1;
/// The fragment before a response link's payload.
pub const ANSWERS_PATH: &str = "#/answers/";
/// The fragment before an invitation's payload.
pub const JOIN_PATH: &str = "#/join/";
/// Longest link the app offers to share: chat apps, mail and SMS gateways keep links of this
/// length intact (many keep far longer ones, some cut at 2,048). Longer answers go as a file.
pub const SHARE_LIMIT: usize = 2_000;
/// Longest payload read at all: far above what the app makes, far below what could hurt.
pub const MAX_PAYLOAD_CHARS: usize = 200_000;
/// The most a payload may inflate to: a zip bomb stops here, with a message.
pub const MAX_INFLATED_BYTES: usize = 1 << 20;

const KIND_RESPONSE: u8 = b'r';
const KIND_INVITATION: u8 = b'i';

/// What a link holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Answers,
    Invitation,
}

impl Kind {
    pub fn path(self) -> &'static str {
        match self {
            Kind::Answers => ANSWERS_PATH,
            Kind::Invitation => JOIN_PATH,
        }
    }
}

/// A link found in pasted text: its kind, its payload, and whether it looks cut off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    pub payload: String,
}

/// Every teamshape link in a text (one link, many, or a whole pasted chat), in order. A link
/// is recognised by its fragment (`#/answers/`, `#/join/`), whatever the address before it,
/// and ends at the first character base64url does not use. The same payload twice is listed once.
pub fn find(text: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut rest = text;
    loop {
        let next = [Kind::Answers, Kind::Invitation]
            .into_iter()
            .filter_map(|kind| rest.find(kind.path()).map(|at| (at, kind)))
            .min_by_key(|(at, _)| *at);
        let Some((at, kind)) = next else {
            return found;
        };
        let after = &rest[at + kind.path().len()..];
        let end = after
            .find(|c: char| !is_base64url(c))
            .unwrap_or(after.len());
        let payload = after[..end].to_string();
        if !found.iter().any(|f| f.payload == payload) {
            found.push(Found { kind, payload });
        }
        rest = &after[end..];
    }
}

fn is_base64url(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

// ---- Writing -------------------------------------------------------------------------------

/// The payload of a response link. `check` names the team check the answers are for, if any.
/// Only answers to the questionnaire's statements are written (a response read from anywhere
/// has no others).
pub fn response_payload(
    questionnaire: &Questionnaire,
    response: &Response,
    check: Option<&str>,
) -> String {
    let mut out = vec![LINK_VERSION, KIND_RESPONSE];
    put_reference(&mut out, questionnaire);
    put_opt_str(&mut out, check);
    put_str(&mut out, &response.id);
    put_opt_str(&mut out, response.respondent.as_deref());
    let started = stamp(&response.started_at);
    put_int(&mut out, started);
    let records: Vec<Option<&AnswerRecord>> = questionnaire
        .items()
        .map(|(_, item)| response.answers.get(&item.id))
        .collect();
    put_uint(&mut out, records.len() as u64);
    // Columns: codes (alike from one person to the next, so they compress well), then times,
    // then comments.
    for record in &records {
        out.push(record.map_or(0, |r| {
            let answer = match r.answer {
                None => 0,
                Some(Answer::Scale(v)) => v.min(5),
                Some(Answer::DontKnow) => 6,
                Some(Answer::DoesntApply) => 7,
            };
            HAS_RECORD | answer | if r.comment.is_empty() { 0 } else { HAS_COMMENT }
        }));
    }
    // Each time as the difference from the one before, in questionnaire order: people answer
    // in order, so these are small.
    let mut previous = started;
    for record in records.iter().flatten() {
        let at = stamp(&record.answered_at);
        put_int(&mut out, at - previous);
        previous = at;
    }
    for record in records.iter().flatten() {
        if !record.comment.is_empty() {
            put_str(&mut out, &record.comment);
        }
    }
    pack(&out)
}

/// The payload of a team check's invitation. `carry`: the whole questionnaire travels in the
/// link (for one the devices of the team may not have); otherwise only its reference.
pub fn invitation_payload(check: &TeamCheck, questionnaire: &Questionnaire, carry: bool) -> String {
    let mut out = vec![LINK_VERSION, KIND_INVITATION];
    put_str(&mut out, &check.id);
    put_str(&mut out, &check.name);
    out.push(match check.anonymity {
        Anonymity::Anonymous => 0,
        Anonymity::Named => 1,
    });
    put_uint(&mut out, check.anonymity_threshold as u64);
    put_int(&mut out, stamp(&check.created_at));
    if carry {
        out.push(1);
        // Serialising plain structs cannot fail; an empty text is refused on reading.
        put_str(
            &mut out,
            &serde_json::to_string(questionnaire).unwrap_or_default(),
        );
    } else {
        out.push(0);
        put_reference(&mut out, questionnaire);
    }
    pack(&out)
}

/// The QR code of a link, as SVG markup (black on white, quiet zone included), or `None` when
/// the text is too long for any QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::L).ok()?;
    let svg = code
        .render::<svg::Color>()
        .module_dimensions(4, 4)
        .quiet_zone(true)
        .build();
    // Markup inside HTML: the XML declaration would be a stray comment.
    Some(match svg.find("<svg") {
        Some(at) => svg[at..].to_string(),
        None => svg,
    })
}

const HAS_RECORD: u8 = 8;
const HAS_COMMENT: u8 = 16;

fn pack(bytes: &[u8]) -> String {
    base64url(&miniz_oxide::deflate::compress_to_vec_zlib(bytes, 10))
}

fn put_uint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_int(out: &mut Vec<u8>, value: i64) {
    // Zigzag: small negative numbers stay small.
    put_uint(out, ((value << 1) ^ (value >> 63)) as u64);
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_uint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// `None` as 0, a text as its length plus one.
fn put_opt_str(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => out.push(0),
        Some(text) => {
            put_uint(out, text.len() as u64 + 1);
            out.extend_from_slice(text.as_bytes());
        }
    }
}

fn put_reference(out: &mut Vec<u8>, questionnaire: &Questionnaire) {
    put_str(out, &questionnaire.id);
    put_uint(out, u64::from(questionnaire.version));
    // The hash's 16 hex digits as 8 bytes.
    let hash = questionnaire.content_hash();
    for pair in hash.as_bytes().chunks(2) {
        let digits = std::str::from_utf8(pair).unwrap_or("00");
        out.push(u8::from_str_radix(digits, 16).unwrap_or(0));
    }
}

// ---- Timestamps as numbers -------------------------------------------------------------------

/// Time units in a day: seconds run to 60 in every minute, as the reader accepts (a leap
/// second, `…T23:59:60.500Z`), so a minute has 61 of them.
const DAY_UNITS: i64 = 24 * 60 * 61 * 1000;

/// A timestamp as one number that keeps every time the reader accepts, in order: days since
/// 1970-01-01 times `DAY_UNITS`, plus the time of day (minutes of 61 seconds, in milliseconds).
/// Differences within a day are then nearly milliseconds, so the times of answers given a few
/// seconds apart are small numbers.
fn stamp(time: &Timestamp) -> i64 {
    let text = time.as_str();
    let n = |range: std::ops::Range<usize>| -> i64 {
        text.get(range)
            .and_then(|t| t.parse().ok())
            .unwrap_or_default()
    };
    let days = days_from_civil(n(0..4), n(5..7), n(8..10));
    let of_day = ((n(11..13) * 60 + n(14..16)) * 61 + n(17..19)) * 1000 + n(20..23);
    days * DAY_UNITS + of_day
}

fn unstamp(value: i64) -> Result<Timestamp, String> {
    let (days, of_day) = (value.div_euclid(DAY_UNITS), value.rem_euclid(DAY_UNITS));
    let (y, m, d) = civil_from_days(days);
    let (ms, s) = (of_day % 1000, of_day / 1000);
    let (minutes, s) = (s / 61, s % 61);
    let (h, mi) = (minutes / 60, minutes % 60);
    if !(0..=9999).contains(&y) {
        return Err("it holds a time outside the years 0 to 9999".into());
    }
    Timestamp::parse(&format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z"
    ))
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (H. Hinnant's method).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

// ---- Reading -------------------------------------------------------------------------------

/// A response link, read: the team check it names (if any) and the document, checked as
/// strictly as a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Linked {
    /// The team check the answers were given for, or that the invitation is for.
    pub check: Option<String>,
    /// The document a file with the same content would hold, in the file format: what
    /// `format::read` (or the app's `AppState::read`) reads.
    pub file: String,
}

/// Turns a link's payload into the document a file would hold, written in the file format, for
/// the strict reader. Everything a link can hold that a file cannot (a code out of range, text
/// that is not UTF-8, bytes left over) is refused here; everything else by the reader.
pub fn to_file(
    kind: Kind,
    source: &str,
    payload: &str,
    catalog: &Catalog,
) -> Result<Linked, ReadError> {
    let fail = |problem: Problem| ReadError {
        source: source.to_string(),
        document: None,
        problem,
    };
    let damaged = |reason: String| fail(Problem::Damaged(reason));
    let bytes = unpack(payload).map_err(damaged)?;
    let mut r = Reader { bytes: &bytes };
    let version = r.byte().map_err(damaged)?;
    if version > LINK_VERSION {
        return Err(fail(Problem::NewerFormat(u64::from(version))));
    }
    if version == 0 {
        return Err(damaged("link version 0 is unknown".into()));
    }
    let found = r.byte().map_err(damaged)?;
    let (linked, rest) = match (kind, found) {
        (Kind::Answers, KIND_RESPONSE) => response_file(&mut r, catalog).map_err(|e| match e {
            Failure::Problem(p) => fail(p),
            Failure::Damaged(reason) => damaged(reason),
        })?,
        (Kind::Invitation, KIND_INVITATION) => {
            invitation_file(&mut r, catalog).map_err(|e| match e {
                Failure::Problem(p) => fail(p),
                Failure::Damaged(reason) => damaged(reason),
            })?
        }
        (Kind::Answers, KIND_INVITATION) => {
            return Err(damaged(
                "this is a team check's invitation, not someone's answers; open it to answer"
                    .into(),
            ));
        }
        (Kind::Invitation, KIND_RESPONSE) => {
            return Err(damaged(
                "this link holds someone's answers, not an invitation".into(),
            ));
        }
        _ => return Err(damaged("the link does not say what it holds".into())),
    };
    if rest != 0 {
        return Err(damaged(format!(
            "the link has {rest} bytes more than its content"
        )));
    }
    Ok(linked)
}

/// Reads a link's payload with the file reader: `to_file`, then `format::read`.
pub fn read(
    kind: Kind,
    source: &str,
    payload: &str,
    catalog: &Catalog,
) -> Result<(Option<String>, format::Read), ReadError> {
    let linked = to_file(kind, source, payload, catalog)?;
    let read = format::read(source, linked.file.as_bytes(), catalog)?;
    Ok((linked.check, read))
}

enum Failure {
    Problem(Problem),
    Damaged(String),
}

impl From<String> for Failure {
    fn from(reason: String) -> Failure {
        Failure::Damaged(reason)
    }
}

impl From<&str> for Failure {
    fn from(reason: &str) -> Failure {
        Failure::Damaged(reason.to_string())
    }
}

/// Returns the document and how many bytes were left unread.
fn response_file(r: &mut Reader, catalog: &Catalog) -> Result<(Linked, usize), Failure> {
    let q = reference(r, catalog)?;
    let check = r.opt_str()?;
    if let Some(check) = &check {
        check_id("team check", check)?;
    }
    let id = r.str()?;
    let respondent = r.opt_str()?;
    let started = r.int()?;
    let count = r.uint()?;
    let items: Vec<&str> = q.items().map(|(_, item)| item.id.as_str()).collect();
    if count != items.len() as u64 {
        return Err(Failure::Damaged(format!(
            "it holds {count} answers, and its questionnaire has {} statements",
            items.len()
        )));
    }
    let mut codes = Vec::with_capacity(items.len());
    for _ in &items {
        codes.push(r.byte()?);
    }
    let mut answers = BTreeMap::new();
    let mut previous = started;
    let mut times = Vec::new();
    for code in &codes {
        if *code != 0 {
            previous = previous
                .checked_add(r.int()?)
                .ok_or("it holds a time out of range")?;
            times.push(unstamp(previous)?);
        }
    }
    let mut times = times.into_iter();
    for (item, code) in items.iter().zip(codes) {
        if code == 0 {
            continue;
        }
        if code & !(HAS_RECORD | HAS_COMMENT | 7) != 0 || code & HAS_RECORD == 0 {
            return Err(Failure::Damaged(format!(
                "statement \"{item}\" has an answer code teamshape does not know ({code})"
            )));
        }
        let answer = match code & 7 {
            0 => None,
            6 => Some(Answer::DontKnow),
            7 => Some(Answer::DoesntApply),
            v => Some(Answer::Scale(v)),
        };
        let comment = if code & HAS_COMMENT != 0 {
            let comment = r.str()?;
            if comment.is_empty() {
                return Err(Failure::Damaged("it holds an empty comment".into()));
            }
            comment
        } else {
            String::new()
        };
        let answered_at = times
            .next()
            .ok_or("the link ends too early; it may have been cut off while copying")?;
        answers.insert(
            item.to_string(),
            AnswerRecord {
                answer,
                comment,
                answered_at,
            },
        );
    }
    let response = Response {
        id,
        questionnaire: q.reference(),
        respondent,
        started_at: unstamp(started)?,
        answers,
        // Link version 1 carries no intuitions answers: the file does (see FORMAT.md, Links).
        intuitions: Default::default(),
    };
    let file = format::write_response(&q, &response, None);
    Ok((Linked { check, file }, r.bytes.len()))
}

fn invitation_file(r: &mut Reader, catalog: &Catalog) -> Result<(Linked, usize), Failure> {
    let id = r.str()?;
    let name = r.str()?;
    let anonymity = match r.byte()? {
        0 => Anonymity::Anonymous,
        1 => Anonymity::Named,
        other => {
            return Err(Failure::Damaged(format!(
                "anonymity {other} is neither anonymous nor named"
            )));
        }
    };
    let threshold = usize::try_from(r.uint()?).unwrap_or(usize::MAX);
    let created_at = unstamp(r.int()?)?;
    let q = match r.byte()? {
        0 => reference(r, catalog)?,
        1 => {
            let json = r.str()?;
            serde_json::from_slice::<Questionnaire>(json.as_bytes())
                .map_err(|e| format!("the questionnaire in it is not valid: {e}"))?
        }
        other => {
            return Err(Failure::Damaged(format!(
                "questionnaire form {other} is unknown"
            )));
        }
    };
    // On the member's device the check is a team of its own: the team's history lives with
    // the facilitator, and only the answers travel back.
    let mut check = TeamCheck::new(id.clone(), name, &q, anonymity, created_at);
    check.anonymity_threshold = threshold;
    let file = format::write_team_check(&q, &check, None);
    Ok((
        Linked {
            check: Some(id),
            file,
        },
        r.bytes.len(),
    ))
}

/// A questionnaire named by id, version and hash, from the catalog.
fn reference(r: &mut Reader, catalog: &Catalog) -> Result<Questionnaire, Failure> {
    let reference = QuestionnaireRef {
        id: r.str()?,
        version: u32::try_from(r.uint()?).map_err(|_| "the questionnaire version is too large")?,
    };
    let mut hash = String::with_capacity(16);
    for _ in 0..8 {
        hash.push_str(&format!("{:02x}", r.byte()?));
    }
    match catalog.entry(&reference) {
        Some(entry) if entry.hash == hash => Ok(entry.questionnaire.clone()),
        Some(_) => Err(Failure::Problem(Problem::DifferentQuestionnaire(reference))),
        None => Err(Failure::Problem(Problem::UnknownQuestionnaire(reference))),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

const CUT: &str = "the link ends too early; it may have been cut off while copying";

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let (first, rest) = self.bytes.split_first().ok_or(CUT)?;
        self.bytes = rest;
        Ok(*first)
    }

    fn uint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("the link holds a number too large".into())
    }

    fn int(&mut self) -> Result<i64, String> {
        let raw = self.uint()?;
        Ok((raw >> 1) as i64 ^ -((raw & 1) as i64))
    }

    fn take(&mut self, len: u64) -> Result<String, String> {
        let len = usize::try_from(len).map_err(|_| CUT)?;
        if len > self.bytes.len() {
            return Err(CUT.into());
        }
        let (text, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        String::from_utf8(text.to_vec()).map_err(|_| "the link holds text that is not UTF-8".into())
    }

    fn str(&mut self) -> Result<String, String> {
        let len = self.uint()?;
        self.take(len)
    }

    fn opt_str(&mut self) -> Result<Option<String>, String> {
        match self.uint()? {
            0 => Ok(None),
            len => self.take(len - 1).map(Some),
        }
    }
}

/// base64url without padding (RFC 4648 §5): the characters a URL fragment keeps as they are.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn unbase64url(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut n, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => {
                return Err(format!(
                    "the link holds the character {:?}, which teamshape links never do",
                    char::from(c)
                ));
            }
        };
        n = n << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((n >> bits) as u8);
        }
    }
    if bits >= 6 {
        return Err(CUT.into());
    }
    Ok(out)
}

fn unpack(payload: &str) -> Result<Vec<u8>, String> {
    if payload.is_empty() {
        return Err("the link is empty after its address".into());
    }
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(format!(
            "the link is {} characters long; teamshape reads links up to {MAX_PAYLOAD_CHARS}",
            payload.len()
        ));
    }
    let packed = unbase64url(payload)?;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_INFLATED_BYTES).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => format!(
                "the link unpacks to more than {} KB, far more than any answers; it was not read",
                MAX_INFLATED_BYTES / 1024
            ),
            miniz_oxide::inflate::TINFLStatus::FailedCannotMakeProgress => CUT.to_string(),
            _ => "the link is damaged: its content does not match its checksum or cannot be \
                  unpacked; it may have been cut off or changed while copying"
                .to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url(&bytes);
            assert!(text.chars().all(is_base64url));
            assert_eq!(unbase64url(&text).unwrap(), bytes);
        }
        assert!(unbase64url("A").is_err());
        assert!(unbase64url("ab+c").is_err());
    }

    #[test]
    fn stamps_keep_every_time_in_order() {
        let times = [
            "0000-01-01T00:00:00.000Z",
            "1969-12-31T23:59:59.999Z",
            "1970-01-01T00:00:00.000Z",
            "2024-02-29T12:00:00.001Z",
            "2026-12-31T12:30:60.500Z",
            "2026-12-31T23:59:60.500Z",
            "2027-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z",
        ];
        let mut last = i64::MIN;
        for t in times {
            let ts = Timestamp::parse(t).unwrap();
            let n = stamp(&ts);
            assert!(n > last, "{t}");
            last = n;
            assert_eq!(unstamp(n).unwrap(), ts);
        }
        assert!(
            unstamp(stamp(&Timestamp::parse("9999-12-31T23:59:59.999Z").unwrap()) + DAY_UNITS)
                .is_err()
        );
    }

    #[test]
    fn links_are_found_in_any_text() {
        let text = "Anna: here https://x.org/t/#/answers/eJw_a-1 ok\nBob <https://y/#/answers/QQ>\n\
                    join: #/join/Zm9v. and again https://x.org/t/#/answers/eJw_a-1";
        let found = find(text);
        assert_eq!(
            found,
            vec![
                Found {
                    kind: Kind::Answers,
                    payload: "eJw_a-1".into()
                },
                Found {
                    kind: Kind::Answers,
                    payload: "QQ".into()
                },
                Found {
                    kind: Kind::Invitation,
                    payload: "Zm9v".into()
                },
            ]
        );
        assert!(find("no links here #/team/x").is_empty());
    }
}
