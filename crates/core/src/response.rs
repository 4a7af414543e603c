//! A response: one respondent's answers to one questionnaire.
//!
//! Answers are keyed by item id and carry the time they were given, so that two copies of the same
//! response (two tabs, two files) merge answer by answer: the later answer wins.

use super::questionnaire::{
    DOESNT_APPLY_LABEL, DONT_KNOW_LABEL, Questionnaire, QuestionnaireRef, scale_label,
};
use super::time::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::collections::BTreeMap;

/// What a respondent chose for one item.
///
/// In files a scale point is a number, "Don't know" the word `"dont_know"` and "Doesn't apply"
/// `"doesnt_apply"` (format version 2), so that a person reading the JSON needs no key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Answer {
    /// A point on the agreement scale, 1 (strongly disagree) to 5 (strongly agree).
    Scale(u8),
    /// "Don't know": kept apart from the scale because it is a finding in itself.
    DontKnow,
    /// "Doesn't apply": the statement does not fit the respondent's situation. Not a finding
    /// about the team, so reported apart from "Don't know"; never scored either.
    DoesntApply,
}

impl Answer {
    pub fn is_valid(self) -> bool {
        match self {
            Answer::Scale(value) => (1..=5).contains(&value),
            Answer::DontKnow | Answer::DoesntApply => true,
        }
    }

    /// The words shown to the respondent for this answer.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Scale(value) => scale_label(value),
            Answer::DontKnow => DONT_KNOW_LABEL,
            Answer::DoesntApply => DOESNT_APPLY_LABEL,
        }
    }
}

pub const DONT_KNOW_WORD: &str = "dont_know";
pub const DOESNT_APPLY_WORD: &str = "doesnt_apply";

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Scale(value) => serializer.serialize_u8(*value),
            Answer::DontKnow => serializer.serialize_str(DONT_KNOW_WORD),
            Answer::DoesntApply => serializer.serialize_str(DOESNT_APPLY_WORD),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl de::Visitor<'_> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer from 1 to 5, \"dont_know\" or \"doesnt_apply\"")
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Answer, E> {
                // Out-of-range numbers are kept (saturated) so validation can name the item.
                Ok(Answer::Scale(u8::try_from(value).unwrap_or(u8::MAX)))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Answer, E> {
                Ok(Answer::Scale(u8::try_from(value).unwrap_or(0)))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Answer, E> {
                Err(E::custom(format!(
                    "answer {value} is not a whole number from 1 to 5"
                )))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Answer, E> {
                match value {
                    DONT_KNOW_WORD => Ok(Answer::DontKnow),
                    DOESNT_APPLY_WORD => Ok(Answer::DoesntApply),
                    _ => Err(E::custom(format!(
                        "answer \"{value}\" is neither 1 to 5, \"dont_know\" nor \"doesnt_apply\""
                    ))),
                }
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// One item's answer and comment, with when it was last changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AnswerRecord {
    /// `None` when the respondent only wrote a comment, or cleared the answer.
    pub answer: Option<Answer>,
    pub comment: String,
    pub answered_at: Timestamp,
}

/// A small map from text keys to values, kept as a list sorted by key. Used for the intuitions
/// part instead of a `BTreeMap`: every new `BTreeMap<K, V>` type brings its own insert, remove,
/// iteration, clone, drop and serde code into the first-load wasm, and a sorted `Vec` needs a
/// fraction of that (PERFORMANCE.md, issue 14). Order, equality and comparison are those of a
/// `BTreeMap` with the same entries; in files it is written as an object, like a map.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Keyed<T>(Vec<(String, T)>);

/// A time split: points per category.
pub type Points = Keyed<u8>;

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<T> Keyed<T> {
    pub fn new() -> Self {
        Keyed(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&T> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    /// Sets `key` to `value`; returns the value it had.
    pub fn insert(&mut self, key: String, value: T) -> Option<T> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<T> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<T> FromIterator<(String, T)> for Keyed<T> {
    /// Like a map: a key given twice keeps its last value.
    fn from_iter<I: IntoIterator<Item = (String, T)>>(entries: I) -> Self {
        let mut keyed = Keyed::new();
        for (key, value) in entries {
            keyed.insert(key, value);
        }
        keyed
    }
}

impl<T, const N: usize> From<[(String, T); N]> for Keyed<T> {
    fn from(entries: [(String, T); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<'a, T> IntoIterator for &'a Keyed<T> {
    type Item = (&'a String, &'a T);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, T)>,
        fn(&'a (String, T)) -> (&'a String, &'a T),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// An answer in the intuitions part (`intuitions`): a number (a guessed median 1 to 5, a share
/// in percent, or 0/1 for no/yes), or a split of points over categories. In files a number is
/// written as a number and a split as an object of category ids and points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Guess {
    Number(u8),
    Split(Points),
}

impl Serialize for Guess {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Guess::Number(value) => serializer.serialize_u8(*value),
            Guess::Split(points) => points.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Guess {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct GuessVisitor;
        impl<'de> de::Visitor<'de> for GuessVisitor {
            type Value = Guess;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number from 0 to 100, or points per category")
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Guess, E> {
                // Saturated, so the range check can name the question.
                Ok(Guess::Number(u8::try_from(value).unwrap_or(u8::MAX)))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Guess, A::Error> {
                let mut points = Points::new();
                while let Some((category, value)) = map.next_entry::<String, u8>()? {
                    if points.insert(category, value).is_some() {
                        return Err(de::Error::custom("a category is given twice"));
                    }
                }
                Ok(Guess::Split(points))
            }
        }
        deserializer.deserialize_any(GuessVisitor)
    }
}

/// One answer in the intuitions part, with when it was last changed; `None` when cleared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GuessRecord {
    pub value: Option<Guess>,
    pub answered_at: Timestamp,
}

/// One respondent's answers. `id` is random and stable, so importing a file twice changes nothing.
/// Its file form lives in `format`, which keeps this type free of storage concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub id: String,
    pub questionnaire: QuestionnaireRef,
    /// Only in named team checks; anonymous ones never store a name.
    pub respondent: Option<String>,
    pub started_at: Timestamp,
    pub answers: BTreeMap<String, AnswerRecord>,
    /// Answers in the intuitions part, by key (`intuitions::key`): private to this person.
    pub intuitions: Keyed<GuessRecord>,
}

impl Response {
    pub fn new(id: String, questionnaire: &Questionnaire, now: Timestamp) -> Response {
        Response {
            id,
            questionnaire: questionnaire.reference(),
            respondent: None,
            started_at: now,
            answers: BTreeMap::new(),
            intuitions: Keyed::new(),
        }
    }

    /// This person's answer in the intuitions part under `key`.
    pub fn guess(&self, key: &str) -> Option<&Guess> {
        self.intuitions.get(key).and_then(|r| r.value.as_ref())
    }

    pub fn set_guess(&mut self, key: &str, value: Option<Guess>, now: Timestamp) {
        self.intuitions.insert(
            key.to_string(),
            GuessRecord {
                value,
                answered_at: now,
            },
        );
    }

    pub fn answer(&self, item_id: &str) -> Option<Answer> {
        self.answers.get(item_id).and_then(|record| record.answer)
    }

    pub fn comment(&self, item_id: &str) -> &str {
        self.answers
            .get(item_id)
            .map(|record| record.comment.as_str())
            .unwrap_or("")
    }

    pub fn set_answer(&mut self, item_id: &str, answer: Option<Answer>, now: Timestamp) {
        let record = self.record_mut(item_id, now);
        record.answer = answer;
    }

    pub fn set_comment(&mut self, item_id: &str, comment: String, now: Timestamp) {
        let record = self.record_mut(item_id, now);
        record.comment = comment;
    }

    fn record_mut(&mut self, item_id: &str, now: Timestamp) -> &mut AnswerRecord {
        let record = self
            .answers
            .entry(item_id.to_string())
            .or_insert_with(|| AnswerRecord {
                answer: None,
                comment: String::new(),
                answered_at: now.clone(),
            });
        record.answered_at = now;
        record
    }

    /// How many items have an answer (a scale point, "Don't know" or "Doesn't apply").
    pub fn answered_count(&self) -> usize {
        self.answers.values().filter(|r| r.answer.is_some()).count()
    }

    /// Where to pick up: the first statement, in questionnaire order, with no answer yet, as
    /// (dimension index, item id). `None` when every statement is answered.
    pub fn first_open<'q>(&self, questionnaire: &'q Questionnaire) -> Option<(usize, &'q str)> {
        questionnaire
            .dimensions
            .iter()
            .enumerate()
            .flat_map(|(d, dimension)| dimension.items.iter().map(move |item| (d, item)))
            .find(|(_, item)| self.answer(&item.id).is_none())
            .map(|(d, item)| (d, item.id.as_str()))
    }

    /// When the respondent last changed anything.
    pub fn updated_at(&self) -> &Timestamp {
        self.answers
            .values()
            .map(|r| &r.answered_at)
            .chain(self.intuitions.values().map(|r| &r.answered_at))
            .max()
            .unwrap_or(&self.started_at)
    }

    /// Merges another copy of the same response into this one, answer by answer.
    ///
    /// The later `answered_at` wins; on a tie the larger record wins, so the result does not depend
    /// on which copy is merged into which (merging is commutative, associative and idempotent).
    pub fn merge(&mut self, other: &Response) {
        for (item_id, theirs) in &other.answers {
            match self.answers.get_mut(item_id) {
                Some(ours) => {
                    if (&theirs.answered_at, theirs) > (&ours.answered_at, &*ours) {
                        *ours = theirs.clone();
                    }
                }
                None => {
                    self.answers.insert(item_id.clone(), theirs.clone());
                }
            }
        }
        for (key, theirs) in &other.intuitions {
            match self.intuitions.get_mut(key) {
                Some(ours) if (&theirs.answered_at, theirs) > (&ours.answered_at, &*ours) => {
                    *ours = theirs.clone();
                }
                Some(_) => {}
                None => {
                    self.intuitions.insert(key.clone(), theirs.clone());
                }
            }
        }
        if other.started_at < self.started_at {
            self.started_at = other.started_at.clone();
        }
        if other.respondent > self.respondent {
            self.respondent = other.respondent.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn keyed_behaves_like_a_map_whatever_the_order_of_insertion() {
        let entries = [("b", 2u8), ("a", 1), ("c", 3), ("a", 4)];
        let mut forward = Points::new();
        for (k, v) in entries {
            forward.insert(k.to_string(), v);
        }
        let mut backward = Points::new();
        for (k, v) in entries
            .iter()
            .rev()
            .filter(|(k, v)| !(*k == "a" && *v == 1))
        {
            backward.insert(k.to_string(), *v);
        }
        assert_eq!(forward, backward);
        assert_eq!(forward.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(forward.get("a"), Some(&4));
        let map: BTreeMap<String, u8> = forward.iter().map(|(k, v)| (k.clone(), *v)).collect();
        // Written as an object, exactly as a map with the same entries.
        assert_eq!(
            serde_json::to_string(&forward).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        assert_eq!(forward.remove("b"), Some(2));
        assert_eq!(forward.remove("b"), None);
        assert_eq!(forward.len(), 2);
    }

    fn sample() -> Response {
        let q = Questionnaire::builtin().unwrap();
        Response::new("r1".into(), &q, ts("2026-01-01T10:00:00.000Z"))
    }

    #[test]
    fn answers_and_comments_are_kept_per_item() {
        let mut r = sample();
        r.set_answer(
            "trust.a",
            Some(Answer::Scale(4)),
            ts("2026-01-01T10:01:00.000Z"),
        );
        r.set_comment("trust.a", "why".into(), ts("2026-01-01T10:02:00.000Z"));
        r.set_answer(
            "trust.b",
            Some(Answer::DontKnow),
            ts("2026-01-01T10:03:00.000Z"),
        );
        assert_eq!(r.answer("trust.a"), Some(Answer::Scale(4)));
        assert_eq!(r.comment("trust.a"), "why");
        assert_eq!(r.answered_count(), 2);
        assert_eq!(r.updated_at(), &ts("2026-01-01T10:03:00.000Z"));
    }

    #[test]
    fn first_open_is_the_first_unanswered_statement_in_questionnaire_order() {
        let q = Questionnaire::builtin().unwrap();
        let mut r = sample();
        let ids: Vec<(usize, String)> = q
            .dimensions
            .iter()
            .enumerate()
            .flat_map(|(d, dim)| dim.items.iter().map(move |i| (d, i.id.clone())))
            .collect();
        assert_eq!(r.first_open(&q), Some((ids[0].0, ids[0].1.as_str())));
        // Answering a later statement first does not move the starting point...
        let last = ids.len() - 1;
        r.set_answer(
            &ids[last].1,
            Some(Answer::Scale(3)),
            ts("2026-01-01T10:01:00.000Z"),
        );
        assert_eq!(r.first_open(&q), Some((ids[0].0, ids[0].1.as_str())));
        // ...answering the first does, and "Don't know" counts as answered; a comment alone does not.
        r.set_answer(
            &ids[0].1,
            Some(Answer::DontKnow),
            ts("2026-01-01T10:02:00.000Z"),
        );
        r.set_comment(&ids[1].1, "later".into(), ts("2026-01-01T10:03:00.000Z"));
        assert_eq!(r.first_open(&q), Some((ids[1].0, ids[1].1.as_str())));
        // The last statement is answered already, so after the one before it nothing is open.
        for (i, (_, id)) in ids.iter().enumerate().take(last) {
            r.set_answer(id, Some(Answer::Scale(2)), ts("2026-01-01T10:04:00.000Z"));
            let expected = ids[..last].get(i + 1).map(|(d, id)| (*d, id.as_str()));
            assert_eq!(r.first_open(&q), expected);
        }
    }

    #[test]
    fn dont_know_serialises_as_a_readable_word() {
        let json = serde_json::to_string(&Answer::DontKnow).unwrap();
        assert_eq!(json, "\"dont_know\"");
        assert_eq!(
            serde_json::from_str::<Answer>("3").unwrap(),
            Answer::Scale(3)
        );
        assert_eq!(
            serde_json::from_str::<Answer>("300").unwrap(),
            Answer::Scale(255)
        );
        assert_eq!(
            serde_json::from_str::<Answer>("-1").unwrap(),
            Answer::Scale(0)
        );
        let err = serde_json::from_str::<Answer>("\"maybe\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("neither 1 to 5"), "{err}");
        assert_eq!(
            serde_json::to_string(&Answer::DoesntApply).unwrap(),
            "\"doesnt_apply\""
        );
        assert_eq!(
            serde_json::from_str::<Answer>("\"doesnt_apply\"").unwrap(),
            Answer::DoesntApply
        );
        assert_eq!(Answer::DoesntApply.label(), "Doesn't apply");
        assert!(Answer::DoesntApply.is_valid());
        assert!(serde_json::from_str::<Answer>("2.5").is_err());
        assert!(!Answer::Scale(0).is_valid());
        assert!(!Answer::Scale(6).is_valid());
    }

    #[test]
    fn later_answer_wins_whichever_way_round() {
        let mut tab_a = sample();
        let mut tab_b = sample();
        tab_a.set_answer("x", Some(Answer::Scale(1)), ts("2026-01-01T10:05:00.000Z"));
        tab_b.set_answer("x", Some(Answer::Scale(5)), ts("2026-01-01T10:06:00.000Z"));
        tab_a.set_answer(
            "only-a",
            Some(Answer::Scale(2)),
            ts("2026-01-01T10:01:00.000Z"),
        );
        tab_b.set_answer(
            "only-b",
            Some(Answer::Scale(3)),
            ts("2026-01-01T10:01:00.000Z"),
        );
        let mut ab = tab_a.clone();
        ab.merge(&tab_b);
        let mut ba = tab_b.clone();
        ba.merge(&tab_a);
        assert_eq!(ab, ba);
        assert_eq!(ab.answer("x"), Some(Answer::Scale(5)));
        assert_eq!(ab.answer("only-a"), Some(Answer::Scale(2)));
        assert_eq!(ab.answer("only-b"), Some(Answer::Scale(3)));
    }
}
