//! The catalog: every questionnaire this device knows, identified by id and version.
//!
//! It holds the built-ins (the full check versions 1 and 2, and the pulse) and the ones a user
//! made or imported, or that arrived inside a team check. Each is kept with its content hash
//! (`Questionnaire::content_hash`), which every file names beside the id and version, so that
//! two different questionnaires claiming the same id and version are told apart. Nothing is
//! ever removed: every check ever made stays readable with the questionnaire it used.

use super::questionnaire::{Questionnaire, QuestionnaireRef};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub questionnaire: Questionnaire,
    /// `questionnaire.content_hash()`, computed once.
    pub hash: String,
    /// Shipped with the app (not made, imported or received in a team check).
    pub builtin: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Sorted by id, then version.
    entries: Vec<Entry>,
    /// What new checks use.
    default: QuestionnaireRef,
}

/// What `Catalog::add` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New,
    /// The very same questionnaire (same id, version and content) was there already.
    AlreadyThere,
}

impl Catalog {
    /// The built-in questionnaires; new checks use version 3 of the full check (the last).
    pub fn builtin() -> Result<Catalog, String> {
        let builtins = Questionnaire::builtins()?;
        let default = builtins
            .last()
            .map(Questionnaire::reference)
            .ok_or("no built-in questionnaire")?;
        let mut catalog = Catalog {
            entries: Vec::new(),
            default,
        };
        for questionnaire in builtins {
            catalog.insert(questionnaire, true);
        }
        Ok(catalog)
    }

    fn insert(&mut self, questionnaire: Questionnaire, builtin: bool) {
        let key = questionnaire.reference();
        let at = self
            .entries
            .partition_point(|e| e.questionnaire.reference() < key);
        self.entries.insert(
            at,
            Entry {
                hash: questionnaire.content_hash(),
                questionnaire,
                builtin,
            },
        );
    }

    /// Adds a questionnaire someone made or imported, after checking it
    /// (`Questionnaire::problems`). Refused when another questionnaire already has its id and
    /// version: answers given to one must never be read against the other.
    pub fn add(&mut self, questionnaire: Questionnaire) -> Result<Added, String> {
        let problems = questionnaire.problems();
        if !problems.is_empty() {
            return Err(format!(
                "the questionnaire is not valid: {}",
                problems.join("; ")
            ));
        }
        let reference = questionnaire.reference();
        match self.entry(&reference) {
            Some(entry) if entry.hash == questionnaire.content_hash() => Ok(Added::AlreadyThere),
            Some(_) => Err(format!(
                "this device already has a different questionnaire {reference}; a changed \
                 questionnaire needs a new version"
            )),
            None => {
                self.insert(questionnaire, false);
                Ok(Added::New)
            }
        }
    }

    /// Puts an edited questionnaire in place of the one with its id and version: the editor's
    /// save while nobody has answered it (`editor::revise`). Built-ins are never replaced.
    pub fn replace(&mut self, questionnaire: Questionnaire) -> Result<Added, String> {
        let reference = questionnaire.reference();
        match self.entry(&reference) {
            Some(entry) if entry.builtin => Err(format!(
                "{reference} is built into teamshape and cannot be changed; edit a copy"
            )),
            Some(_) => {
                let problems = questionnaire.problems();
                if !problems.is_empty() {
                    return Err(format!(
                        "the questionnaire is not valid: {}",
                        problems.join("; ")
                    ));
                }
                self.entries
                    .retain(|e| e.questionnaire.reference() != reference);
                self.insert(questionnaire, false);
                Ok(Added::New)
            }
            None => self.add(questionnaire),
        }
    }

    pub fn entry(&self, reference: &QuestionnaireRef) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| {
                (e.questionnaire.id.as_str(), e.questionnaire.version)
                    .cmp(&(reference.id.as_str(), reference.version))
            })
            .ok()
            .map(|at| &self.entries[at])
    }

    pub fn get(&self, reference: &QuestionnaireRef) -> Option<&Questionnaire> {
        self.entry(reference).map(|e| &e.questionnaire)
    }

    /// Looks up by id and version.
    pub fn find(&self, id: &str, version: u32) -> Option<&Questionnaire> {
        self.get(&QuestionnaireRef {
            id: id.to_string(),
            version,
        })
    }

    /// The questionnaire new checks use.
    pub fn default_questionnaire(&self) -> &Questionnaire {
        // `builtin` put it there; the first entry is only ever a fallback in theory.
        self.get(&self.default)
            .unwrap_or(&self.entries[0].questionnaire)
    }

    /// Every questionnaire, sorted by id and version.
    pub fn list(&self) -> &[Entry] {
        &self.entries
    }

    /// What a new check can use: the newest version of each questionnaire, the default first.
    pub fn choices(&self) -> Vec<&Questionnaire> {
        let mut choices: Vec<&Questionnaire> = Vec::new();
        for entry in self.entries.iter().rev() {
            if !choices.iter().any(|q| q.id == entry.questionnaire.id) {
                choices.push(&entry.questionnaire);
            }
        }
        choices.sort_by_key(|q| (q.id != self.default.id, q.id.clone()));
        choices
    }

    /// The newest version of a questionnaire.
    pub fn latest(&self, id: &str) -> Option<&Questionnaire> {
        self.entries
            .iter()
            .rev()
            .map(|e| &e.questionnaire)
            .find(|q| q.id == id)
    }
}

/// The statements two questionnaires share, by id, in `a`'s order: the ones whose results can
/// be compared across versions (an id is only kept when the meaning is; docs/QUESTIONNAIRE.md).
pub fn shared_items(a: &Questionnaire, b: &Questionnaire) -> Vec<String> {
    let theirs: BTreeSet<&str> = b.items().map(|(_, item)| item.id.as_str()).collect();
    a.items()
        .map(|(_, item)| item.id.as_str())
        .filter(|id| theirs.contains(id))
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_questionnaires_made_here_are_replaced_in_place() {
        let mut catalog = Catalog::builtin().unwrap();
        let mut builtin = catalog.default_questionnaire().clone();
        builtin.title = "Changed".into();
        assert!(catalog.replace(builtin.clone()).is_err());
        builtin.id = "ours".into();
        assert_eq!(catalog.add(builtin.clone()), Ok(Added::New));
        builtin.description = "Edited before anyone answered.".into();
        assert!(catalog.add(builtin.clone()).is_err());
        assert_eq!(catalog.replace(builtin.clone()), Ok(Added::New));
        assert_eq!(catalog.get(&builtin.reference()), Some(&builtin));
        assert_eq!(
            catalog
                .list()
                .iter()
                .filter(|e| e.questionnaire.id == "ours")
                .count(),
            1
        );
    }

    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    #[test]
    fn choices_are_the_newest_version_of_each_questionnaire_default_first() {
        let catalog = Catalog::builtin().unwrap();
        let choices = catalog.choices();
        assert_eq!(choices[0], catalog.default_questionnaire());
        let mut ids: Vec<&str> = choices.iter().map(|q| q.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), choices.len(), "one version per questionnaire");
        for q in &choices {
            assert_eq!(Some(*q), catalog.latest(&q.id));
        }
        assert!(choices.len() >= 2, "the full check and the pulse");
    }

    #[test]
    fn the_builtins_are_listed_by_id_and_version_and_v3_is_the_default() {
        let c = catalog();
        let listed: Vec<(String, u32, bool)> = c
            .list()
            .iter()
            .map(|e| {
                (
                    e.questionnaire.id.clone(),
                    e.questionnaire.version,
                    e.builtin,
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                ("teamshape-core".to_string(), 1, true),
                ("teamshape-core".to_string(), 2, true),
                ("teamshape-core".to_string(), 3, true),
                ("teamshape-pulse".to_string(), 1, true),
            ]
        );
        assert_eq!(c.default_questionnaire().version, 3);
        assert_eq!(c.latest("teamshape-core").map(|q| q.version), Some(3));
        assert!(c.find("teamshape-core", 4).is_none());
        for entry in c.list() {
            assert_eq!(entry.hash, entry.questionnaire.content_hash());
            assert_eq!(
                c.get(&entry.questionnaire.reference()),
                Some(&entry.questionnaire)
            );
        }
    }

    #[test]
    fn a_questionnaire_is_added_once_checked_and_never_over_another() {
        let mut c = catalog();
        let mut own = c.default_questionnaire().clone();
        own.id = "our-own".into();
        own.version = 1;
        assert_eq!(c.add(own.clone()), Ok(Added::New));
        assert_eq!(c.add(own.clone()), Ok(Added::AlreadyThere));
        assert!(!c.entry(&own.reference()).unwrap().builtin);
        // Sorted in: between teamshape-core and teamshape-pulse? No: "our-own" sorts first.
        assert_eq!(c.list()[0].questionnaire.id, "our-own");
        let mut changed = own.clone();
        changed.dimensions[0].items[0].text = "Something else".into();
        let err = c.add(changed).unwrap_err();
        assert!(
            err.contains("already has a different questionnaire"),
            "{err}"
        );
        let mut broken = own;
        broken.version = 2;
        broken.dimensions.truncate(1);
        let err = c.add(broken).unwrap_err();
        assert!(
            err.contains("not valid") && err.contains("dimensions"),
            "{err}"
        );
        assert!(c.find("our-own", 2).is_none());
    }

    #[test]
    fn versions_share_the_statements_whose_meaning_was_kept() {
        let c = catalog();
        let v1 = c.find("teamshape-core", 1).unwrap();
        let v2 = c.find("teamshape-core", 2).unwrap();
        let pulse = c.find("teamshape-pulse", 1).unwrap();
        let shared = shared_items(v1, v2);
        assert_eq!(
            shared,
            shared_items(v2, v1)
                .into_iter()
                .filter(|id| shared.contains(id))
                .collect::<Vec<_>>()
        );
        assert!(!shared.is_empty() && shared.len() < v2.item_count());
        for id in &shared {
            assert!(v1.item(id).is_some() && v2.item(id).is_some());
        }
        // Every pulse statement is one of version 2's.
        assert_eq!(shared_items(pulse, v2).len(), pulse.item_count());
        assert_eq!(shared_items(v2, v2).len(), v2.item_count());
    }
}
