//! The questionnaire editor's rules, in the core so they are tested natively: what a
//! questionnaire someone makes must be (`check`, in plain words for the editor), the ids it
//! generates (`new_id`), and version discipline (`revise`): once a questionnaire has answers, a
//! statement whose meaning changes gets a new id and the questionnaire a new version, so that
//! answers given to the old words are never read against the new ones.

use super::limits::MAX_ID_CHARS;
use super::questionnaire::{DIMENSIONS, Dimension, Item, Questionnaire, QuestionnaireRef};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Statements per dimension the editor asks for (a built-in pulse may have fewer).
pub const EDITOR_ITEMS: std::ops::RangeInclusive<usize> = 3..=8;

/// One thing the editor tells its user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// An error stops saving; a warning does not.
    pub error: bool,
    pub text: String,
}

/// Everything the editor says about a questionnaire: errors (which stop saving) and warnings.
/// Never panics, whatever the questionnaire holds.
pub fn check(questionnaire: &Questionnaire) -> Vec<Note> {
    let error = |text: String| Note { error: true, text };
    let mut notes: Vec<Note> = Vec::new();
    let count = questionnaire.dimensions.len();
    if !DIMENSIONS.contains(&count) {
        notes.push(error(format!(
            "A questionnaire has {} to {} dimensions; this one has {count}.",
            DIMENSIONS.start(),
            DIMENSIONS.end()
        )));
    }
    if questionnaire.title.trim().is_empty() {
        notes.push(error("The questionnaire needs a title.".into()));
    }
    for (n, dimension) in questionnaire.dimensions.iter().enumerate() {
        let name = if dimension.title.trim().is_empty() {
            notes.push(error(format!("Dimension {} needs a title.", n + 1)));
            format!("Dimension {}", n + 1)
        } else {
            format!("\"{}\"", dimension.title.trim())
        };
        if dimension.description.trim().is_empty() {
            notes.push(error(format!("{name} needs a description.")));
        }
        let items = dimension.items.len();
        if !EDITOR_ITEMS.contains(&items) {
            notes.push(error(format!(
                "{name} has {items} statements; a dimension has {} to {}.",
                EDITOR_ITEMS.start(),
                EDITOR_ITEMS.end()
            )));
        }
        for (i, item) in dimension.items.iter().enumerate() {
            if item.text.trim().is_empty() {
                notes.push(error(format!("Statement {} of {name} is empty.", i + 1)));
            }
        }
        if dimension.prompts.iter().any(|p| p.trim().is_empty()) {
            notes.push(error(format!("{name} has an empty discussion prompt.")));
        }
        if items > 0 && !dimension.items.iter().any(|i| i.reverse) {
            notes.push(Note {
                error: false,
                text: format!(
                    "{name} has no reverse-worded statement: people who tend to agree with \
                     everything will make it look better than it is."
                ),
            });
        }
    }
    // Ids are generated, so these only catch a file edited by hand; said once, in the core's
    // words (unique ids, valid ids, lengths, all reverse-worded).
    let problems = questionnaire.problems();
    // Said above in the editor's words, without the ids the coach never sees.
    let covered = |p: &str| {
        p.contains("dimensions;")
            || p.contains("no title")
            || p.contains("has no text")
            || p.contains("has no items")
            // A statement removed while it is guessed on: `finish` drops the guess.
            || p.contains("guess on statement")
    };
    for problem in problems.into_iter().filter(|p| !covered(p)) {
        notes.push(error(format!(
            "{}{}.",
            problem[..1].to_uppercase(),
            &problem[1..]
        )));
    }
    notes
}

/// Whether the editor may save: no errors.
pub fn can_save(questionnaire: &Questionnaire) -> bool {
    check(questionnaire).iter().all(|note| !note.error)
}

/// A new id from text: `prefix` and a slug of the text's first words (lower-case ASCII letters
/// and digits joined by `-`), with `-2`, `-3`… when the id is in `taken`. Always a valid id.
pub fn new_id(prefix: &str, text: &str, taken: &BTreeSet<String>) -> String {
    let slug: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_ascii_lowercase)
        .collect();
    let slug = if slug.is_empty() {
        "item".to_string()
    } else {
        slug.join("-")
    };
    // Room for the prefix, a dot and a suffix such as "-9999".
    let room = MAX_ID_CHARS.saturating_sub(prefix.len() + 7).max(1);
    let slug: String = slug.chars().take(room).collect();
    let slug = slug.trim_end_matches('-');
    let base = if prefix.is_empty() {
        slug.to_string()
    } else {
        format!("{}.{slug}", &prefix[..prefix.len().min(MAX_ID_CHARS / 2)])
    };
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

/// What saving an edited questionnaire does (`revise`).
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// What to save.
    pub questionnaire: Questionnaire,
    /// Saved as a new version, the previous one kept for the answers given to it.
    pub new_version: bool,
    /// Statements whose meaning changed: (old id, new id).
    pub new_ids: Vec<(String, String)>,
    /// The one sentence the editor shows, empty when nothing needs saying.
    pub sentence: String,
}

/// Decides how to save `edited`, a changed copy of `previous` (statements keep their ids while
/// edited). Without answers to `previous`, it is saved as it is. With answers, any change makes
/// a new version; a statement whose text or reverse-wording changed gets a new id, unless its
/// id is in `same_meaning` (a typo fix the coach marked "same meaning", and the reverse-wording
/// unchanged), which keeps the id and bumps the statement's own version.
pub fn revise(
    previous: &Questionnaire,
    edited: &Questionnaire,
    has_answers: bool,
    same_meaning: &BTreeSet<String>,
) -> Revision {
    let mut questionnaire = edited.clone();
    questionnaire.id = previous.id.clone();
    questionnaire.version = previous.version;
    let unchanged = |q: &Questionnaire| q.content_hash() == previous.content_hash();
    if !has_answers || unchanged(&questionnaire) {
        return Revision {
            questionnaire,
            new_version: false,
            new_ids: Vec::new(),
            sentence: String::new(),
        };
    }
    questionnaire.version = previous.version.saturating_add(1);
    let mut taken: BTreeSet<String> = previous
        .items()
        .map(|(_, i)| i.id.clone())
        .chain(edited.items().map(|(_, i)| i.id.clone()))
        .chain(previous.dimensions.iter().map(|d| d.id.clone()))
        .collect();
    let mut new_ids = Vec::new();
    for dimension in &mut questionnaire.dimensions {
        let prefix = dimension.id.clone();
        for item in &mut dimension.items {
            let Some(old) = previous.item(&item.id) else {
                continue;
            };
            if old.text == item.text && old.reverse == item.reverse {
                continue;
            }
            if same_meaning.contains(&item.id) && old.reverse == item.reverse {
                item.version = old.version.saturating_add(1);
                continue;
            }
            let id = new_id(&prefix, &item.text, &taken);
            taken.insert(id.clone());
            new_ids.push((item.id.clone(), id.clone()));
            item.id = id;
            item.version = 1;
        }
    }
    let sentence = format!(
        "This questionnaire has answers, so saving makes version {}; the answers stay with \
         version {}{}.",
        questionnaire.version,
        previous.version,
        match new_ids.len() {
            0 => String::new(),
            1 => ", and the statement whose meaning changed becomes a new statement".to_string(),
            n => format!(", and the {n} statements whose meaning changed become new statements"),
        }
    );
    Revision {
        questionnaire,
        new_version: true,
        new_ids,
        sentence,
    }
}

/// A questionnaire being edited, kept on the device as it is typed so that nothing is lost.
/// While editing, new dimensions and statements carry placeholder ids (unique, so lists can be
/// keyed by them); `Draft::finish` gives them ids made from their words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The saved questionnaire this draft edits; `None` for a new one (from scratch or a copy
    /// of a built-in, which gets an id of its own).
    pub base: Option<QuestionnaireRef>,
    pub questionnaire: Questionnaire,
    /// Statements whose edit the coach marked "same meaning" (a typo fix): they keep their ids.
    #[serde(default)]
    pub same_meaning: BTreeSet<String>,
}

/// Statements a new dimension starts with: the fewest the editor accepts.
const START_ITEMS: usize = 3;

impl Draft {
    /// A new questionnaire: three empty dimensions of three empty statements, which the
    /// checks then ask to be filled in. `taken`: questionnaire ids this device has.
    pub fn blank(taken: &BTreeSet<String>) -> Draft {
        let mut questionnaire = Questionnaire {
            id: new_id("", "our questionnaire", taken),
            version: 1,
            title: String::new(),
            description: String::new(),
            dimensions: Vec::new(),
            intuitions: None,
        };
        for _ in 0..*DIMENSIONS.start() {
            add_dimension(&mut questionnaire);
        }
        Draft {
            base: None,
            questionnaire,
            same_meaning: BTreeSet::new(),
        }
    }

    /// A copy of a questionnaire as a new one of the coach's own, with its own id: answers to
    /// the copy are never mixed with answers to the original.
    pub fn copy_of(original: &Questionnaire, taken: &BTreeSet<String>) -> Draft {
        let mut questionnaire = original.clone();
        questionnaire.id = new_id("", &format!("{} own", original.id), taken);
        questionnaire.version = 1;
        questionnaire.title = format!("{} (our copy)", original.title.trim());
        Draft {
            base: None,
            questionnaire,
            same_meaning: BTreeSet::new(),
        }
    }

    /// Edits a questionnaire made on this device (or imported): saving follows `revise`.
    pub fn edit(saved: &Questionnaire) -> Draft {
        Draft {
            base: Some(saved.reference()),
            questionnaire: saved.clone(),
            same_meaning: BTreeSet::new(),
        }
    }

    pub fn add_dimension(&mut self) {
        add_dimension(&mut self.questionnaire);
    }

    pub fn remove_dimension(&mut self, dimension: usize) {
        if dimension < self.questionnaire.dimensions.len() {
            self.questionnaire.dimensions.remove(dimension);
        }
    }

    /// Moves a dimension one place up (towards the first axis of the radar).
    pub fn move_up(&mut self, dimension: usize) {
        if dimension > 0 && dimension < self.questionnaire.dimensions.len() {
            self.questionnaire.dimensions.swap(dimension - 1, dimension);
        }
    }

    pub fn add_item(&mut self, dimension: usize) {
        let taken = all_ids(&self.questionnaire);
        if let Some(d) = self.questionnaire.dimensions.get_mut(dimension) {
            d.items.push(Item {
                id: new_id(&d.id, "", &taken),
                version: 1,
                text: String::new(),
                reverse: false,
            });
        }
    }

    pub fn remove_item(&mut self, dimension: usize, item: usize) {
        if let Some(d) = self.questionnaire.dimensions.get_mut(dimension)
            && item < d.items.len()
        {
            let removed = d.items.remove(item);
            self.same_meaning.remove(&removed.id);
        }
    }

    /// What saving does: ids made from the words for what is new since `base` (the saved
    /// questionnaire the draft edits, `None` for a new one), then `revise` against it.
    pub fn finish(&self, base: Option<&Questionnaire>, has_answers: bool) -> Revision {
        let mut questionnaire = self.questionnaire.clone();
        let kept: BTreeSet<String> = base.map(all_ids).unwrap_or_default();
        // Ids already final (kept from the base) are taken; placeholders are made anew.
        let mut taken: BTreeSet<String> = all_ids(&questionnaire)
            .into_iter()
            .filter(|id| kept.contains(id))
            .collect();
        taken.extend(kept.iter().cloned());
        let mut renamed = BTreeMap::new();
        for dimension in &mut questionnaire.dimensions {
            if !kept.contains(&dimension.id) {
                dimension.id = new_id("", &dimension.title, &taken);
                taken.insert(dimension.id.clone());
            }
            for item in &mut dimension.items {
                if !kept.contains(&item.id) {
                    let id = new_id(&dimension.id, &item.text, &taken);
                    renamed.insert(std::mem::replace(&mut item.id, id.clone()), id.clone());
                    taken.insert(id);
                }
            }
        }
        // The editor does not edit the intuitions part (issue 14), but keeps it true: guesses
        // on a statement follow its new id, and go with a statement removed.
        let items: BTreeSet<String> = all_ids(&questionnaire);
        if let Some(predict) = questionnaire
            .intuitions
            .as_mut()
            .and_then(|i| i.predict.as_mut())
        {
            predict.statements = predict
                .statements
                .iter()
                .map(|s| renamed.get(s).unwrap_or(s).clone())
                .filter(|s| items.contains(s))
                .collect();
        }
        match base {
            Some(base) => revise(base, &questionnaire, has_answers, &self.same_meaning),
            None => Revision {
                questionnaire,
                new_version: false,
                new_ids: Vec::new(),
                sentence: String::new(),
            },
        }
    }
}

fn add_dimension(questionnaire: &mut Questionnaire) {
    let mut taken = all_ids(questionnaire);
    let id = new_id("", "dimension", &taken);
    taken.insert(id.clone());
    let items = (0..START_ITEMS)
        .map(|_| {
            let item = new_id(&id, "", &taken);
            taken.insert(item.clone());
            Item {
                id: item,
                version: 1,
                text: String::new(),
                reverse: false,
            }
        })
        .collect();
    questionnaire.dimensions.push(Dimension {
        id,
        version: 1,
        title: String::new(),
        description: String::new(),
        prompts: Vec::new(),
        items,
    });
}

/// Every dimension and statement id of a questionnaire.
fn all_ids(questionnaire: &Questionnaire) -> BTreeSet<String> {
    questionnaire
        .dimensions
        .iter()
        .flat_map(|d| std::iter::once(d.id.clone()).chain(d.items.iter().map(|i| i.id.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::format;
    use crate::limits::is_valid_id;
    use crate::questionnaire::{Dimension, Item};
    use proptest::prelude::*;

    fn builtin() -> Questionnaire {
        Questionnaire::builtin().unwrap()
    }

    #[test]
    fn the_full_check_passes_the_editor_and_a_broken_copy_is_told_why() {
        assert!(can_save(&builtin()));
        assert!(check(&builtin()).is_empty(), "{:?}", check(&builtin()));
        let mut q = builtin();
        q.dimensions[0].items.truncate(2);
        q.dimensions[1].items[0].text = "  ".into();
        for item in &mut q.dimensions[2].items {
            item.reverse = false;
        }
        q.dimensions[3].title.clear();
        let notes = check(&q);
        let text = |error: bool| -> String {
            notes
                .iter()
                .filter(|n| n.error == error)
                .map(|n| n.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let errors = text(true);
        assert!(
            errors.contains("has 2 statements; a dimension has 3 to 8"),
            "{errors}"
        );
        assert!(
            errors.contains("Statement 1 of \"Trust\" is empty"),
            "{errors}"
        );
        assert!(errors.contains("Dimension 4 needs a title"), "{errors}");
        let warnings = text(false);
        assert!(
            warnings.contains("\"Outcome focus\" has no reverse-worded"),
            "{warnings}"
        );
        assert!(!can_save(&q));
        // The pulse is a built-in with one statement per dimension: the editor would refuse it.
        let pulse = Catalog::builtin()
            .unwrap()
            .find("teamshape-pulse", 1)
            .cloned()
            .unwrap();
        assert!(!can_save(&pulse));
        q.dimensions.truncate(2);
        assert!(
            check(&q)
                .iter()
                .any(|n| n.text.contains("3 to 10 dimensions"))
        );
    }

    #[test]
    fn ids_are_slugs_made_unique() {
        let mut taken = BTreeSet::new();
        let id = new_id("trust", "In the last month, I felt safe!", &taken);
        assert_eq!(id, "trust.in-the-last-month-i");
        taken.insert(id.clone());
        assert_eq!(
            new_id("trust", "In the last month, I…", &taken),
            "trust.in-the-last-month-i-2"
        );
        assert_eq!(new_id("", "Équipe ☀", &BTreeSet::new()), "quipe");
        assert_eq!(new_id("d", "!!!", &BTreeSet::new()), "d.item");
        assert!(is_valid_id(&new_id(
            &"p".repeat(300),
            &"word ".repeat(100),
            &taken
        )));
    }

    #[test]
    fn answers_make_a_new_version_and_new_ids_for_changed_meaning_only() {
        let previous = builtin();
        let mut edited = previous.clone();
        let typo = edited.dimensions[0].items[0].id.clone();
        let changed = edited.dimensions[1].items[1].id.clone();
        let fixed = edited.dimensions[0].items[0]
            .text
            .replacen("last", "past", 1);
        edited.dimensions[0].items[0].text = fixed;
        edited.dimensions[1].items[1].text = "In the last month, something else entirely.".into();
        let same: BTreeSet<String> = [typo.clone()].into();
        // No answers yet: saved in place, ids kept.
        let free = revise(&previous, &edited, false, &same);
        assert!(!free.new_version && free.new_ids.is_empty());
        assert_eq!(free.questionnaire.version, previous.version);
        // With answers: a new version; the typo keeps its id, the changed meaning gets one.
        let r = revise(&previous, &edited, true, &same);
        assert!(r.new_version);
        assert_eq!(r.questionnaire.version, previous.version + 1);
        assert!(r.questionnaire.item(&typo).is_some());
        assert_eq!(
            r.questionnaire.item(&typo).unwrap().version,
            previous.item(&typo).unwrap().version + 1
        );
        assert!(r.questionnaire.item(&changed).is_none());
        assert_eq!(r.new_ids.len(), 1);
        assert_eq!(r.new_ids[0].0, changed);
        assert!(r.new_ids[0].1.starts_with("trust."));
        assert!(
            r.sentence
                .contains(&format!("version {}", previous.version + 1)),
            "{}",
            r.sentence
        );
        assert!(r.questionnaire.problems().is_empty());
        // Flipping the reverse-wording is a change of meaning even if marked "same meaning".
        let mut flipped = previous.clone();
        flipped.dimensions[0].items[0].reverse = !flipped.dimensions[0].items[0].reverse;
        let r = revise(&previous, &flipped, true, &same);
        assert_eq!(r.new_ids.len(), 1);
        // Nothing changed: nothing to do.
        assert!(!revise(&previous, &previous, true, &BTreeSet::new()).new_version);
    }

    /// Questionnaires as the editor makes them: texts typed, ids generated from them.
    fn editor_questionnaire() -> impl Strategy<Value = Questionnaire> {
        // Mostly what a coach types (a letter first); sometimes blank, which the checks catch.
        let text = prop_oneof![
            40 => "[A-Za-z][A-Za-z0-9 ,.'!?éü-]{0,40}",
            1 => " ?",
        ]
        .boxed();
        let item = (text.clone(), any::<bool>());
        let dimension = (
            text.clone(),
            text.clone(),
            proptest::collection::vec(text.clone(), 0..4),
            proptest::collection::vec(item, 3..9),
        );
        (
            text.clone(),
            text,
            proptest::collection::vec(dimension, 2..12),
            1u32..5,
        )
            .prop_map(|(title, description, dimensions, version)| {
                let mut taken = BTreeSet::new();
                let dimensions = dimensions
                    .into_iter()
                    .map(|(title, description, prompts, items)| {
                        let id = new_id("", &title, &taken);
                        taken.insert(id.clone());
                        let items = items
                            .into_iter()
                            .map(|(text, reverse)| {
                                let item_id = new_id(&id, &text, &taken);
                                taken.insert(item_id.clone());
                                Item {
                                    id: item_id,
                                    version: 1,
                                    text,
                                    reverse,
                                }
                            })
                            .collect();
                        Dimension {
                            id,
                            version: 1,
                            title,
                            description,
                            prompts,
                            items,
                        }
                    })
                    .collect();
                Questionnaire {
                    id: "our-own".into(),
                    version,
                    title,
                    description,
                    dimensions,
                    intuitions: None,
                }
            })
    }

    #[test]
    fn a_blank_draft_asks_to_be_filled_and_saves_with_ids_from_its_words() {
        let taken: BTreeSet<String> = ["our-questionnaire".to_string()].into();
        let mut draft = Draft::blank(&taken);
        assert_eq!(draft.questionnaire.id, "our-questionnaire-2");
        assert_eq!(draft.questionnaire.dimensions.len(), *DIMENSIONS.start());
        assert!(!can_save(&draft.finish(None, false).questionnaire));
        // Said in the coach's words: no generated id in any message, each thing said once.
        let notes = check(&draft.questionnaire);
        for note in &notes {
            assert!(!note.text.contains("dimension."), "{}", note.text);
        }
        let texts: BTreeSet<&str> = notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts.len(), notes.len());
        draft.questionnaire.title = "Our own".into();
        for (d, dimension) in draft.questionnaire.dimensions.iter_mut().enumerate() {
            dimension.title = format!("Topic {d}");
            dimension.description = "What it is about.".into();
            for (i, item) in dimension.items.iter_mut().enumerate() {
                item.text = format!("In the last month we did thing {i} of {d}.");
                item.reverse = i == 0;
            }
        }
        let saved = draft.finish(None, false).questionnaire;
        assert!(check(&saved).is_empty(), "{:?}", check(&saved));
        assert_eq!(saved.dimensions[1].id, "topic-1");
        assert_eq!(
            saved.dimensions[1].items[0].id,
            "topic-1.in-the-last-month-we"
        );
        // Same first words: made unique.
        assert_eq!(
            saved.dimensions[1].items[2].id,
            "topic-1.in-the-last-month-we-3"
        );
        // Editing the saved one keeps its ids; a new statement gets one from its words.
        let mut again = Draft::edit(&saved);
        again.add_item(0);
        again.questionnaire.dimensions[0].items[3].text = "We shipped weekly.".into();
        let revised = again.finish(Some(&saved), false);
        assert!(!revised.new_version);
        assert_eq!(revised.questionnaire.dimensions[0].id, "topic-0");
        assert_eq!(
            revised.questionnaire.dimensions[0].items[3].id,
            "topic-0.we-shipped-weekly"
        );
        assert_eq!(
            revised.questionnaire.dimensions[0].items[0].id,
            saved.dimensions[0].items[0].id
        );
        // With answers, the same edit is a new version, and says so.
        let answered = again.finish(Some(&saved), true);
        assert!(answered.new_version);
        assert_eq!(answered.questionnaire.version, saved.version + 1);
        assert!(
            answered.sentence.contains("version 2"),
            "{}",
            answered.sentence
        );
    }

    #[test]
    fn a_copy_of_a_builtin_is_a_questionnaire_of_its_own() {
        let original = builtin();
        let taken: BTreeSet<String> = [original.id.clone()].into();
        let copy = Draft::copy_of(&original, &taken);
        assert_ne!(copy.questionnaire.id, original.id);
        assert_eq!(copy.questionnaire.version, 1);
        assert!(copy.base.is_none());
        let saved = copy.finish(None, false).questionnaire;
        assert!(can_save(&saved));
        assert_eq!(saved.item_count(), original.item_count());
        let mut catalog = Catalog::builtin().unwrap();
        assert!(catalog.add(saved).is_ok());
    }

    proptest! {
        #[test]
        fn what_the_editor_can_save_writes_and_reads_back_equal(q in editor_questionnaire()) {
            let notes = check(&q);
            if can_save(&q) {
                prop_assert!(q.problems().is_empty(), "{:?}", q.problems());
                let text = format::write_questionnaire(&q, None);
                let read = format::read("ours.json", text.as_bytes(), &Catalog::builtin().unwrap())
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&read.document, &format::Document::Questionnaire(q.clone()));
                prop_assert_eq!(read.questionnaires, vec![q.clone()]);
                let mut catalog = Catalog::builtin().unwrap();
                prop_assert!(catalog.add(q.clone()).is_ok());
            } else {
                prop_assert!(notes.iter().any(|n| n.error));
            }
            // Whatever the editor says, a questionnaire the core finds unsound is never saveable.
            prop_assert!(q.problems().is_empty() || !can_save(&q));
        }

        #[test]
        fn whatever_the_editor_does_a_saveable_draft_reads_back_equal(
            from_copy in any::<bool>(),
            ops in proptest::collection::vec((0u8..6, 0usize..12, 0usize..10), 0..40),
            texts in proptest::collection::vec("[A-Za-z][A-Za-z0-9 ,.'-]{0,30}", 1..20),
        ) {
            let original = builtin();
            let taken: BTreeSet<String> = [original.id.clone()].into();
            let mut draft = if from_copy {
                Draft::copy_of(&original, &taken)
            } else {
                Draft::blank(&taken)
            };
            for (n, (op, d, i)) in ops.into_iter().enumerate() {
                let text = texts[n % texts.len()].clone();
                match op {
                    0 => draft.add_dimension(),
                    1 => draft.remove_dimension(d),
                    2 => draft.add_item(d),
                    3 => draft.remove_item(d, i),
                    4 => draft.move_up(d),
                    _ => {
                        let q = &mut draft.questionnaire;
                        q.title = text.clone();
                        if let Some(dim) = q.dimensions.get_mut(d) {
                            dim.title = text.clone();
                            dim.description = text.clone();
                            if let Some(item) = dim.items.get_mut(i) {
                                item.text = text;
                                item.reverse = !item.reverse;
                            }
                        }
                    }
                }
            }
            // The draft survives a reload: it is stored as JSON and read back equal.
            let stored = serde_json::to_string(&draft).unwrap();
            prop_assert_eq!(&serde_json::from_str::<Draft>(&stored).unwrap(), &draft);
            let saved = draft.finish(None, false).questionnaire;
            if can_save(&saved) {
                prop_assert!(saved.problems().is_empty(), "{:?}", saved.problems());
                let text = format::write_questionnaire(&saved, None);
                let read = format::read("ours.json", text.as_bytes(), &Catalog::builtin().unwrap())
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(read.document, format::Document::Questionnaire(saved.clone()));
                // Edited again with answers: still saveable, a new version, ids all valid.
                let mut again = Draft::edit(&saved);
                again.add_item(0);
                if let Some(item) = again.questionnaire.dimensions[0].items.last_mut() {
                    item.text = "A statement added later.".into();
                }
                let revised = again.finish(Some(&saved), true);
                prop_assert!(revised.new_version);
                prop_assert!(revised.questionnaire.problems().iter().all(|p| p.contains("more than")), "{:?}", revised.questionnaire.problems());
            }
        }

        #[test]
        fn checking_never_panics(
            title in "\\PC{0,20}",
            ids in proptest::collection::vec("\\PC{0,8}", 0..30),
            texts in proptest::collection::vec("\\PC{0,8}", 0..30),
            shape in proptest::collection::vec(0usize..12, 0..14),
        ) {
            let mut n = 0;
            let dimensions = shape.iter().enumerate().map(|(d, &items)| Dimension {
                id: ids.get(d).cloned().unwrap_or_default(),
                version: 1,
                title: texts.get(d).cloned().unwrap_or_default(),
                description: String::new(),
                prompts: vec![String::new()],
                items: (0..items).map(|i| {
                    n += 1;
                    Item {
                        id: ids.get(n % ids.len().max(1)).cloned().unwrap_or_default(),
                        version: 0,
                        text: texts.get(i).cloned().unwrap_or_default(),
                        reverse: n % 3 == 0,
                    }
                }).collect(),
            }).collect();
            let q = Questionnaire { id: title.clone(), version: 0, title, description: String::new(), dimensions, intuitions: None };
            let _ = check(&q);
            let _ = revise(&q, &q, true, &BTreeSet::new());
        }
    }
}
