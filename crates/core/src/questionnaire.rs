//! The questionnaire: dimensions, their items, and the answer scale.
//!
//! The questionnaire is data, not code: `questionnaire/teamshape-core.json` is parsed into these
//! structs. Ids and versions are stable because answer files and team checks refer to them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The built-in questionnaire, compiled into the app so that it works offline.
const BUILTIN_JSON: &str = include_str!("../../../questionnaire/teamshape-core.json");
/// The same without the whitespace between tokens, made by the compiler: the wasm carries this
/// form (about a quarter smaller), the repository the readable one.
const BUILTIN_COMPACT: [u8; compact_json(BUILTIN_JSON.as_bytes(), None)] =
    compact_json_array(BUILTIN_JSON.as_bytes());

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
}

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

/// Label of a point on the scale, 1..=5.
pub fn scale_label(value: u8) -> &'static str {
    match value {
        1..=5 => SCALE_LABELS[usize::from(value - 1)],
        _ => "?",
    }
}

impl Questionnaire {
    /// The questionnaire shipped with the app.
    pub fn builtin() -> Result<Questionnaire, String> {
        Questionnaire::from_bytes(&BUILTIN_COMPACT)
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

    /// Everything wrong with this questionnaire, in words; empty when it is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        if self.dimensions.is_empty() {
            problems.push("it has no dimensions".to_string());
        }
        for dimension in &self.dimensions {
            if !ids.insert(dimension.id.as_str()) {
                problems.push(format!("id \"{}\" is used twice", dimension.id));
            }
            if dimension.items.is_empty() {
                problems.push(format!("dimension \"{}\" has no items", dimension.id));
            }
            if !dimension.items.is_empty() && dimension.items.iter().all(|item| item.reverse) {
                problems.push(format!(
                    "dimension \"{}\" has only reverse-worded items",
                    dimension.id
                ));
            }
            for item in &dimension.items {
                if !ids.insert(item.id.as_str()) {
                    problems.push(format!("id \"{}\" is used twice", item.id));
                }
                if item.text.trim().is_empty() {
                    problems.push(format!("item \"{}\" has no text", item.id));
                }
            }
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

    /// The stable reference stored in every answer file.
    pub fn reference(&self) -> QuestionnaireRef {
        QuestionnaireRef {
            id: self.id.clone(),
            version: self.version,
        }
    }
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
        let compact = std::str::from_utf8(&BUILTIN_COMPACT).unwrap();
        assert!(compact.len() < BUILTIN_JSON.len());
        assert!(!compact.contains("\n"));
        assert_eq!(
            Questionnaire::builtin().unwrap(),
            Questionnaire::from_json(BUILTIN_JSON).unwrap()
        );
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
