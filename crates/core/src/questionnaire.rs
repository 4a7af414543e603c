//! The questionnaire: dimensions, their items, and the answer scale.
//!
//! Questionnaires are data, not code: `questionnaire/*.json` are parsed into these structs. Ids
//! and versions are stable because answer files and team checks refer to them; a questionnaire
//! is identified by id and version, and its content by `content_hash` (see `catalog`).

use super::limits::{MAX_TEXT_CHARS, check_id};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The built-in questionnaires, compiled into the app so that it works offline: version 1 of the
/// full check (kept so that every check made with it stays readable), version 2, and the pulse.
const V1_JSON: &str = include_str!("../../../questionnaire/teamshape-core.json");
const V2_JSON: &str = include_str!("../../../questionnaire/teamshape-core.v2.json");
const PULSE_JSON: &str = include_str!("../../../questionnaire/teamshape-pulse.json");
/// The same without the whitespace between tokens, made by the compiler: the wasm carries this
/// form (about a quarter smaller), the repository the readable one.
const V1_COMPACT: [u8; compact_json(V1_JSON.as_bytes(), None)] =
    compact_json_array(V1_JSON.as_bytes());
const V2_COMPACT: [u8; compact_json(V2_JSON.as_bytes(), None)] =
    compact_json_array(V2_JSON.as_bytes());
const PULSE_COMPACT: [u8; compact_json(PULSE_JSON.as_bytes(), None)] =
    compact_json_array(PULSE_JSON.as_bytes());
/// Version 3 of the full check is version 2 word for word plus the optional intuitions part
/// (`questionnaire/teamshape-core.v3.json` is the two joined; a test checks they agree). Only
/// the part is compiled in, so the first load carries the statements once.
const INTUITIONS_JSON: &str = include_str!("../../../questionnaire/teamshape-intuitions.json");
const INTUITIONS_COMPACT: [u8; compact_json(INTUITIONS_JSON.as_bytes(), None)] =
    compact_json_array(INTUITIONS_JSON.as_bytes());

/// Any questionnaire this app reads has this many dimensions: a radar needs three axes, and more
/// than ten cannot be read on a phone.
pub const DIMENSIONS: std::ops::RangeInclusive<usize> = 3..=10;
/// Statements per dimension any questionnaire may have (the editor asks for 3 to 8; built-ins
/// such as the pulse have one).
pub const ITEMS_PER_DIMENSION: std::ops::RangeInclusive<usize> = 1..=20;
/// Discussion prompts per dimension.
pub const MAX_PROMPTS: usize = 10;

/// JSON without whitespace outside strings: written into `out` when given; returns its length.
const fn compact_json(json: &[u8], mut out: Option<&mut [u8]>) -> usize {
    let (mut read, mut written) = (0, 0);
    let (mut in_string, mut escaped) = (false, false);
    while read < json.len() {
        let byte = json[read];
        read += 1;
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
        } else if matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
            continue;
        } else if byte == b'"' {
            in_string = true;
        }
        if let Some(out) = &mut out {
            out[written] = byte;
        }
        written += 1;
    }
    written
}

const fn compact_json_array<const N: usize>(json: &[u8]) -> [u8; N] {
    let mut out = [0; N];
    compact_json(json, Some(&mut out));
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub description: String,
    pub dimensions: Vec<Dimension>,
    /// The optional part about the team's intuitions (issue 14, format version 4): absent in
    /// most questionnaires, and then not written, so their content hash is unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intuitions: Option<Intuitions>,
}

/// Three kinds of question that make a team's intuitions visible (docs/QUESTIONNAIRE.md): each
/// is optional, and a respondent may skip all of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intuitions {
    /// Predict, then reveal: each person guesses every dimension's team median (1 to 5), and
    /// for these statements (item ids) how many of the team will agree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predict: Option<Predict>,
    /// Where the time goes: 100 points split over `categories`, planned and as it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeSplit>,
    /// Who stays quiet: a yes/no about oneself and a guess about the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet: Option<Quiet>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Predict {
    pub statements: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSplit {
    pub text: String,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiet {
    /// About oneself, answered yes or no.
    pub text: String,
    /// About the others: how many of the team, as a share.
    pub guess: String,
}

/// Statements a questionnaire may ask people to guess agreement for: a few, not a second survey.
pub const MAX_PREDICT_STATEMENTS: usize = 5;
/// Categories of a time split: two at least to split over, and few enough for a phone.
pub const TIME_CATEGORIES: std::ops::RangeInclusive<usize> = 2..=10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub description: String,
    /// Open questions for the team to talk about on the results page.
    pub prompts: Vec<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub version: u32,
    pub text: String,
    /// Reverse-worded: agreeing describes a worse state, so the answer is scored 6 - value.
    pub reverse: bool,
}

/// The five labelled points of the agreement scale; "Don't know" is separate on purpose.
pub const SCALE_LABELS: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];
pub const DONT_KNOW_LABEL: &str = "Don't know";
/// For a statement that does not fit the respondent's situation; apart from "Don't know".
pub const DOESNT_APPLY_LABEL: &str = "Doesn't apply";

/// Label of a point on the scale, 1..=5.
pub fn scale_label(value: u8) -> &'static str {
    match value {
        1..=5 => SCALE_LABELS[usize::from(value - 1)],
        _ => "?",
    }
}

impl Questionnaire {
    /// The questionnaire new checks use: version 3 of the full check (version 2's statements
    /// and the optional intuitions part).
    pub fn builtin() -> Result<Questionnaire, String> {
        let mut full = Questionnaire::from_bytes(&V2_COMPACT)?;
        full.version = 3;
        full.intuitions = Some(
            serde_json::from_slice(&INTUITIONS_COMPACT)
                .map_err(|e| format!("questionnaire is not valid: {e}"))?,
        );
        let problems = full.problems();
        if problems.is_empty() {
            Ok(full)
        } else {
            Err(format!(
                "questionnaire is not valid: {}",
                problems.join("; ")
            ))
        }
    }

    /// Every questionnaire shipped with the app: the full check version 1, 2 and 3, and the
    /// pulse.
    pub fn builtins() -> Result<Vec<Questionnaire>, String> {
        let mut all = [&V1_COMPACT[..], &V2_COMPACT, &PULSE_COMPACT]
            .into_iter()
            .map(Questionnaire::from_bytes)
            .collect::<Result<Vec<_>, _>>()?;
        all.push(Questionnaire::builtin()?);
        Ok(all)
    }

    /// Parses and checks a questionnaire; every problem found is listed in the error.
    pub fn from_json(json: &str) -> Result<Questionnaire, String> {
        Questionnaire::from_bytes(json.as_bytes())
    }

    fn from_bytes(json: &[u8]) -> Result<Questionnaire, String> {
        // From bytes, like every document, so the wasm holds one JSON reader.
        let questionnaire: Questionnaire =
            serde_json::from_slice(json).map_err(|e| format!("questionnaire is not valid: {e}"))?;
        let problems = questionnaire.problems();
        if problems.is_empty() {
            Ok(questionnaire)
        } else {
            Err(format!(
                "questionnaire is not valid: {}",
                problems.join("; ")
            ))
        }
    }

    /// Everything wrong with this questionnaire, in words; empty when it is sound. These are the
    /// rules for any questionnaire the app reads (built-in, imported, inside a team check); the
    /// editor's stricter ones are in `editor`.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        let long = |text: &str| text.chars().count() > MAX_TEXT_CHARS;
        let too_long =
            |what: String| format!("{what} has a text longer than {MAX_TEXT_CHARS} characters");
        problems.extend(check_id("questionnaire", &self.id).err());
        if self.title.trim().is_empty() {
            problems.push("it has no title".to_string());
        }
        if long(&self.title) || long(&self.description) {
            problems.push(too_long("the questionnaire".into()));
        }
        if !DIMENSIONS.contains(&self.dimensions.len()) {
            problems.push(format!(
                "it has {} dimensions; a questionnaire has {} to {}",
                self.dimensions.len(),
                DIMENSIONS.start(),
                DIMENSIONS.end()
            ));
        }
        for dimension in &self.dimensions {
            problems.extend(check_id("dimension", &dimension.id).err());
            if !ids.insert(dimension.id.as_str()) {
                problems.push(format!("id \"{}\" is used twice", dimension.id));
            }
            if dimension.title.trim().is_empty() {
                problems.push(format!("dimension \"{}\" has no title", dimension.id));
            }
            if long(&dimension.title)
                || long(&dimension.description)
                || dimension.prompts.iter().any(|p| long(p))
            {
                problems.push(too_long(format!("dimension \"{}\"", dimension.id)));
            }
            if dimension.prompts.len() > MAX_PROMPTS {
                problems.push(format!(
                    "dimension \"{}\" has more than {MAX_PROMPTS} prompts",
                    dimension.id
                ));
            }
            if dimension.items.is_empty() {
                problems.push(format!("dimension \"{}\" has no items", dimension.id));
            } else if dimension.items.len() > *ITEMS_PER_DIMENSION.end() {
                problems.push(format!(
                    "dimension \"{}\" has more than {} items",
                    dimension.id,
                    ITEMS_PER_DIMENSION.end()
                ));
            }
            if !dimension.items.is_empty() && dimension.items.iter().all(|item| item.reverse) {
                problems.push(format!(
                    "dimension \"{}\" has only reverse-worded items",
                    dimension.id
                ));
            }
            for item in &dimension.items {
                problems.extend(check_id("item", &item.id).err());
                if long(&item.text) {
                    problems.push(too_long(format!("item \"{}\"", item.id)));
                }
                if !ids.insert(item.id.as_str()) {
                    problems.push(format!("id \"{}\" is used twice", item.id));
                }
                if item.text.trim().is_empty() {
                    problems.push(format!("item \"{}\" has no text", item.id));
                }
            }
        }
        if let Some(intuitions) = &self.intuitions {
            problems.extend(intuitions.problems(self));
        }
        problems
    }

    pub fn items(&self) -> impl Iterator<Item = (&Dimension, &Item)> {
        self.dimensions
            .iter()
            .flat_map(|dimension| dimension.items.iter().map(move |item| (dimension, item)))
    }

    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.items()
            .map(|(_, item)| item)
            .find(|item| item.id == item_id)
    }

    pub fn item_count(&self) -> usize {
        self.dimensions.iter().map(|d| d.items.len()).sum()
    }

    /// Which dimension an item belongs to.
    pub fn dimension_of(&self, item_id: &str) -> Option<&Dimension> {
        self.items()
            .find(|(_, item)| item.id == item_id)
            .map(|(d, _)| d)
    }

    /// The hash of this questionnaire's content, as 16 lower-case hex digits: FNV-1a 64 over its
    /// canonical form, the JSON `serde_json` writes for it indented by two spaces (fields in the
    /// order of the structs; `JSON.stringify(q, null, 2)` writes the same). Indented, because
    /// files are written that way: one serialiser in the wasm, not two. It tells apart two questionnaires that claim the same id and
    /// version but differ, which happens by accident (an edit saved without a new version on
    /// another device), not by attack: it is an identity check, not a security one, so a short
    /// non-cryptographic hash is enough and costs a few bytes of wasm. See docs/FORMAT.md.
    pub fn content_hash(&self) -> String {
        let canonical = serde_json::to_vec_pretty(self).unwrap_or_default();
        format!("{:016x}", fnv1a64(&canonical))
    }

    /// The stable reference stored in every answer file.
    pub fn reference(&self) -> QuestionnaireRef {
        QuestionnaireRef {
            id: self.id.clone(),
            version: self.version,
        }
    }
}

impl Intuitions {
    /// What is wrong with this part of `questionnaire`, in words.
    fn problems(&self, questionnaire: &Questionnaire) -> Vec<String> {
        let mut problems = Vec::new();
        let bad_text = |t: &str| t.trim().is_empty() || t.chars().count() > MAX_TEXT_CHARS;
        if let Some(predict) = &self.predict {
            if predict.statements.len() > MAX_PREDICT_STATEMENTS {
                problems.push(format!(
                    "it asks for guesses on more than {MAX_PREDICT_STATEMENTS} statements"
                ));
            }
            let mut seen = BTreeSet::new();
            for id in &predict.statements {
                if questionnaire.item(id).is_none() || !seen.insert(id) {
                    problems.push(format!(
                        "the guess on statement \"{id}\" names no item, or one twice"
                    ));
                }
            }
        }
        if let Some(time) = &self.time {
            if bad_text(&time.text) {
                problems.push("the time split has no text, or one too long".into());
            }
            if !TIME_CATEGORIES.contains(&time.categories.len()) {
                problems.push(format!(
                    "the time split has {} categories; it needs {} to {}",
                    time.categories.len(),
                    TIME_CATEGORIES.start(),
                    TIME_CATEGORIES.end()
                ));
            }
            let mut seen = BTreeSet::new();
            for category in &time.categories {
                problems.extend(check_id("category", &category.id).err());
                if !seen.insert(&category.id) {
                    problems.push(format!("category \"{}\" is used twice", category.id));
                }
                if bad_text(&category.text) {
                    problems.push(format!(
                        "category \"{}\" has no text, or one too long",
                        category.id
                    ));
                }
            }
        }
        if let Some(quiet) = &self.quiet
            && (bad_text(&quiet.text) || bad_text(&quiet.guess))
        {
            problems.push("the question about holding back has no text, or one too long".into());
        }
        problems
    }
}

/// FNV-1a, 64 bits (Fowler, Noll and Vo): a byte at a time, xor then multiply.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Which questionnaire, and which version of it, a response or team check was made with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: u32,
}

impl std::fmt::Display for QuestionnaireRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\" version {}", self.id, self.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_questionnaire_is_sound() {
        let q = Questionnaire::builtin().unwrap();
        assert!(q.dimensions.len() >= 6, "at least six dimensions");
        for title in ["Alignment", "Trust", "Outcome focus"] {
            assert!(
                q.dimensions.iter().any(|d| d.title == title),
                "{title} missing"
            );
        }
        for d in &q.dimensions {
            assert!(
                (4..=6).contains(&d.items.len()),
                "{} has {} items",
                d.id,
                d.items.len()
            );
            assert!(
                d.items.iter().any(|i| i.reverse),
                "{} has no reverse item",
                d.id
            );
            assert!((2..=3).contains(&d.prompts.len()), "{} prompts", d.id);
            assert!(!d.description.trim().is_empty());
            for item in &d.items {
                assert!(
                    item.id.starts_with(&format!("{}.", d.id)),
                    "{} prefix",
                    item.id
                );
            }
        }
        assert!(q.problems().is_empty());
    }

    #[test]
    fn every_builtin_is_sound_and_the_full_check_versions_share_dimensions() {
        let all = Questionnaire::builtins().unwrap();
        assert_eq!(all.len(), 4);
        for q in &all {
            assert!(q.problems().is_empty(), "{}: {:?}", q.id, q.problems());
        }
        let (v1, v2, pulse, v3) = (&all[0], &all[1], &all[2], &all[3]);
        // Version 3: version 2 word for word, with the intuitions part.
        assert_eq!((v3.id.as_str(), v3.version), ("teamshape-core", 3));
        assert_eq!(v3.dimensions, v2.dimensions);
        assert!(v2.intuitions.is_none());
        let part = v3.intuitions.as_ref().unwrap();
        assert!(part.predict.is_some() && part.quiet.is_some());
        let time = part.time.as_ref().unwrap();
        assert!(TIME_CATEGORIES.contains(&time.categories.len()));
        assert_eq!((v1.id.as_str(), v1.version), ("teamshape-core", 1));
        assert_eq!((v2.id.as_str(), v2.version), ("teamshape-core", 2));
        let dimension_ids = |q: &Questionnaire| -> Vec<String> {
            q.dimensions.iter().map(|d| d.id.clone()).collect()
        };
        // The same radar axes: a v1 and a v2 check, and the pulse, line up.
        assert_eq!(dimension_ids(v1), dimension_ids(v2));
        assert_eq!(dimension_ids(pulse), dimension_ids(v2));
        // The pulse: one statement per dimension, each one of version 2's, word for word.
        for d in &pulse.dimensions {
            assert_eq!(d.items.len(), 1, "{}", d.id);
            assert_eq!(v2.item(&d.items[0].id), Some(&d.items[0]));
            assert!(!d.items[0].reverse);
        }
        // Every version 2 statement is framed in time (the review's "no time frame").
        for (_, item) in v2.items() {
            assert!(
                item.text.starts_with("In the last month")
                    || item.text.starts_with("After our last"),
                "{}",
                item.id
            );
        }
        // An id kept from version 1 keeps its reverse-wording: only wording changed.
        for (_, item) in v2.items() {
            if let Some(old) = v1.item(&item.id) {
                assert_eq!(old.reverse, item.reverse, "{}", item.id);
            }
        }
    }

    #[test]
    fn the_content_hash_is_fnv1a_over_the_compact_form_and_follows_content() {
        // Published test vectors of FNV-1a 64.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
        let q = Questionnaire::builtin().unwrap();
        let hash = q.content_hash();
        assert_eq!(hash.len(), 16);
        assert_eq!(
            hash,
            format!("{:016x}", fnv1a64(&serde_json::to_vec_pretty(&q).unwrap()))
        );
        // Whitespace in the file does not matter; a changed comma in a statement does.
        let v3_json = include_str!("../../../questionnaire/teamshape-core.v3.json");
        assert_eq!(
            Questionnaire::from_json(v3_json).unwrap().content_hash(),
            hash
        );
        // A questionnaire without the intuitions part hashes as before the part existed.
        let v2 = Questionnaire::from_json(V2_JSON).unwrap();
        assert!(
            !String::from_utf8(serde_json::to_vec_pretty(&v2).unwrap())
                .unwrap()
                .contains("intuitions")
        );
        let mut other = q.clone();
        other.intuitions.as_mut().unwrap().quiet = None;
        assert_ne!(other.content_hash(), hash);
        let mut edited = q.clone();
        edited.dimensions[0].items[0].text.push(',');
        assert_ne!(edited.content_hash(), hash);
    }

    #[test]
    fn limits_on_counts_ids_and_texts_are_reported() {
        let mut q = Questionnaire::builtin().unwrap();
        q.dimensions.truncate(2);
        q.dimensions[0].items[0].id = "has space".into();
        q.dimensions[1].items[0].text = "x".repeat(MAX_TEXT_CHARS + 1);
        q.title = " ".into();
        let problems = q.problems().join("\n");
        assert!(problems.contains("it has 2 dimensions"), "{problems}");
        assert!(problems.contains("\"has space\" is not"), "{problems}");
        assert!(problems.contains("longer than"), "{problems}");
        assert!(problems.contains("no title"), "{problems}");
    }

    #[test]
    fn duplicate_ids_empty_dimensions_and_all_reverse_are_reported() {
        let mut q = Questionnaire::builtin().unwrap();
        let first_item = q.dimensions[0].items[0].clone();
        q.dimensions[1].items.push(first_item.clone());
        q.dimensions[2].items.clear();
        for item in &mut q.dimensions[3].items {
            item.reverse = true;
        }
        let problems = q.problems().join("\n");
        assert!(problems.contains(&format!("\"{}\" is used twice", first_item.id)));
        assert!(problems.contains(&format!("\"{}\" has no items", q.dimensions[2].id)));
        assert!(problems.contains("only reverse-worded"));
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_refused() {
        let err = Questionnaire::from_json(r#"{"id":"x","version":"one"}"#).unwrap_err();
        assert!(err.contains("not valid"), "{err}");
        let err = Questionnaire::from_json(
            r#"{"id":"x","version":1,"title":"","description":"","dimensions":[],"extra":1}"#,
        )
        .unwrap_err();
        assert!(err.contains("unknown field"), "{err}");
    }

    #[test]
    fn the_compact_builtin_is_the_readable_one_without_whitespace() {
        let compact: [&[u8]; 3] = [&V1_COMPACT, &V2_COMPACT, &PULSE_COMPACT];
        let readable = [V1_JSON, V2_JSON, PULSE_JSON];
        for (compact, readable) in compact.into_iter().zip(readable) {
            let compact = std::str::from_utf8(compact).unwrap();
            assert!(compact.len() < readable.len());
            assert!(!compact.contains("\n"));
            assert_eq!(
                Questionnaire::from_json(compact).unwrap(),
                Questionnaire::from_json(readable).unwrap()
            );
        }
        // The readable version 3 is version 2 and the intuitions part joined.
        let v3_json = include_str!("../../../questionnaire/teamshape-core.v3.json");
        assert_eq!(
            Questionnaire::builtin().unwrap(),
            Questionnaire::from_json(v3_json).unwrap()
        );
        assert!(INTUITIONS_COMPACT.len() < INTUITIONS_JSON.len());
        // Whitespace inside strings, and escaped quotes, are kept.
        let json = br#"{ "a b" : [ "c \" d" , 1 ] }"#;
        let mut out = [0; 20];
        assert_eq!(compact_json(json, Some(&mut out)), 20);
        assert_eq!(&out, br#"{"a b":["c \" d",1]}"#);
    }

    #[test]
    fn scale_labels_cover_one_to_five() {
        assert_eq!(scale_label(1), "Strongly disagree");
        assert_eq!(scale_label(5), "Strongly agree");
        assert_eq!(scale_label(0), "?");
        assert_eq!(scale_label(6), "?");
    }
}
