//! Team checks: many responses to one questionnaire, merged without a server, and what the team
//! may see of them.
//!
//! Anonymity is enforced here, in the pure core, so that every view and every file shows the
//! same, tested figures (docs/SCORING.md, docs/PRIVACY.md):
//! - people are counted, not records: a respondent has given at least one answer;
//! - in an anonymous check a dimension shows figures only from `threshold()` people with a score
//!   there, and a statement shows answer counts only from `MIN_STATEMENT_ANSWERS` answers;
//! - figures are what people answered: medians, counts and the scores themselves (never linked
//!   across dimensions), with no interpolated values, no minimum and no maximum;
//! - what is shown changes only when at least two new people are in (`next_shown`), so that
//!   comparing the page before and after one person never shows that person's answers.

use super::limits::derived_id;
use super::questionnaire::{Questionnaire, QuestionnaireRef};
use super::response::{Answer, Response};
use super::scoring::{item_score, score_dimension};
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// No anonymous check shows figures from fewer people than this, whatever its file says.
pub const MIN_ANONYMITY_THRESHOLD: usize = 3;
/// The threshold a new anonymous check starts with.
pub const DEFAULT_ANONYMITY_THRESHOLD: usize = 5;
/// Per-statement answer counts need this many answers on the statement (or the threshold, if
/// higher): with fewer, any two people could work out a third person's answer.
pub const MIN_STATEMENT_ANSWERS: usize = 5;
/// The shape of disagreement is named from this many people up.
pub const MIN_PEOPLE_FOR_SHAPE: usize = 5;
/// Burke and Dunlap's (2002) c/6 rule of thumb for the average deviation on a 5-point scale:
/// above 5/6 a group does not agree enough for its median to speak for it.
pub const AGREEMENT_LIMIT: f64 = 5.0 / 6.0;
/// Neighbouring answers this far apart split the team into groups (on a statement: answers with
/// a whole point of the scale between them, such as "Disagree" and "Agree").
pub const GROUP_GAP: f64 = 1.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Anonymity {
    /// No names are stored, and the figures never show one person's answers.
    #[default]
    Anonymous,
    /// People enter a name, and their polygons may be shown on the radar.
    Named,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamCheck {
    pub id: String,
    pub name: String,
    pub questionnaire: QuestionnaireRef,
    pub anonymity: Anonymity,
    /// As set or as read from a file; `threshold()` is what applies.
    pub anonymity_threshold: usize,
    pub created_at: Timestamp,
    pub responses: Vec<Response>,
    /// The team this check belongs to: its history is every check with this team id.
    pub team: Team,
    /// What the team will try before its next check (at most `MAX_EXPERIMENTS`).
    pub experiments: Vec<Experiment>,
    /// How the experiments of the team's earlier check went, as the team said at this one.
    pub reviews: Vec<Review>,
}

/// A team across its checks. The id travels in every team check file, so that a facilitator on
/// another device continues the same history; the name is what the team is called.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub name: String,
}

/// At most this many experiments per check: a team that tries everything learns nothing.
pub const MAX_EXPERIMENTS: usize = 3;

/// Something a team will try, tied to one dimension, with a day to look back on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    pub dimension: String,
    pub text: String,
    pub look_back: Timestamp,
}

/// What became of an experiment: the team kept doing it, changed it, or dropped it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Kept,
    Changed,
    Dropped,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Kept => "kept",
            Outcome::Changed => "changed",
            Outcome::Dropped => "dropped",
        }
    }
}

/// The team's look back at one experiment planned at an earlier check (`check`), kept in the
/// check where it was said, with the experiment's words, so it reads without the earlier file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub check: String,
    pub dimension: String,
    pub text: String,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl TeamCheck {
    pub fn new(
        id: String,
        name: String,
        questionnaire: &Questionnaire,
        anonymity: Anonymity,
        now: Timestamp,
    ) -> TeamCheck {
        TeamCheck {
            id: id.clone(),
            name: name.clone(),
            questionnaire: questionnaire.reference(),
            anonymity,
            anonymity_threshold: DEFAULT_ANONYMITY_THRESHOLD,
            created_at: now,
            responses: Vec::new(),
            team: Team { id, name },
            experiments: Vec::new(),
            reviews: Vec::new(),
        }
    }

    /// Takes in the experiments and reviews of another copy of this check (a file imported
    /// again, or continued on another device): what either copy holds is kept, once.
    pub fn merge_plans(&mut self, other: &TeamCheck) {
        for e in &other.experiments {
            if self.experiments.len() < MAX_EXPERIMENTS && !self.experiments.contains(e) {
                self.experiments.push(e.clone());
            }
        }
        for r in &other.reviews {
            if !self
                .reviews
                .iter()
                .any(|x| x.check == r.check && x.text == r.text)
            {
                self.reviews.push(r.clone());
            }
        }
    }

    /// The experiments of `earlier` (the team's check before this one) not yet looked back on.
    pub fn to_review<'a>(&self, earlier: &'a TeamCheck) -> Vec<&'a Experiment> {
        earlier
            .experiments
            .iter()
            .filter(|e| {
                !self
                    .reviews
                    .iter()
                    .any(|r| r.check == earlier.id && r.text == e.text)
            })
            .collect()
    }

    /// Adds responses from files (import, restore). A response already present (same id) is
    /// merged answer by answer when both copies are one person's; when they are not (see
    /// `same_person`), the incoming one is kept apart under a derived id (`limits::derived_id`),
    /// and the outcome says so. Returns what happened to each incoming response, in order.
    ///
    /// Responses stay sorted by id. O((n + k) log k) for k incoming into n: the incoming ones
    /// are sorted and joined with the existing list in one pass. Anonymous checks drop names.
    pub fn merge(&mut self, responses: impl IntoIterator<Item = Response>) -> Vec<Merged> {
        self.join(responses.into_iter().collect(), true)
    }

    /// Adds another copy of this very check from this device (another tab, or "Undo"): every
    /// response with the same id is merged answer by answer, the later answer winning.
    pub fn sync(&mut self, responses: impl IntoIterator<Item = Response>) {
        self.join(responses.into_iter().collect(), false);
    }

    /// Not generic, so the wasm holds one copy whatever the callers pass.
    fn join(&mut self, responses: Vec<Response>, apart: bool) -> Vec<Merged> {
        let named = self.anonymity == Anonymity::Named;
        let mut incoming: Vec<(usize, Response)> = responses
            .into_iter()
            .map(|mut r| {
                if !named {
                    r.respondent = None;
                }
                r
            })
            .enumerate()
            .collect();
        let mut outcomes = vec![Merged::Unchanged; incoming.len()];
        // Stable, so two copies of one id in a batch are merged in the order given.
        incoming.sort_by(|a, b| a.1.id.cmp(&b.1.id));
        let mut existing = std::mem::take(&mut self.responses).into_iter().peekable();
        let mut joined: Vec<Response> = Vec::with_capacity(existing.len() + incoming.len());
        let mut kept_apart = Vec::new();
        for (index, response) in incoming {
            while existing.peek().is_some_and(|e| e.id < response.id) {
                joined.extend(existing.next());
            }
            if existing.peek().is_some_and(|e| e.id == response.id) {
                joined.extend(existing.next());
            }
            match joined.last_mut().filter(|last| last.id == response.id) {
                Some(last) if !apart || same_person(last, &response, named) => {
                    outcomes[index] = merge_into(last, &response);
                }
                Some(_) => kept_apart.push((index, response)),
                None => {
                    joined.push(response);
                    outcomes[index] = Merged::Added;
                }
            }
        }
        joined.extend(existing);
        self.responses = joined;
        // Rare: each is placed by binary search among the ids derived from its own.
        for (index, response) in kept_apart {
            outcomes[index] = self.keep_apart(response, named);
        }
        outcomes
    }

    /// Puts a response that conflicts with the one under its id beside it, under `id.2`, `id.3`…
    /// A derived id already holding the same person's copy (a file imported again) is merged.
    fn keep_apart(&mut self, mut response: Response, named: bool) -> Merged {
        for n in 2.. {
            let id = derived_id(&response.id, n);
            match self.responses.binary_search_by(|e| e.id.as_str().cmp(&id)) {
                Ok(at) if same_person(&self.responses[at], &response, named) => {
                    return match merge_into(&mut self.responses[at], &response) {
                        Merged::Unchanged => Merged::Unchanged,
                        _ => Merged::KeptApart(id),
                    };
                }
                Ok(_) => continue,
                Err(at) => {
                    response.id = id.clone();
                    self.responses.insert(at, response);
                    return Merged::KeptApart(id);
                }
            }
        }
        Merged::Unchanged
    }

    /// "Respondent 3" in anonymous checks, the entered name in named ones.
    pub fn respondent_label(&self, index: usize) -> String {
        match (
            self.anonymity,
            self.responses
                .get(index)
                .and_then(|r| r.respondent.as_ref()),
        ) {
            (Anonymity::Named, Some(name)) if !name.trim().is_empty() => name.clone(),
            _ => format!("Respondent {}", index + 1),
        }
    }

    /// The anonymity threshold that applies: never below `MIN_ANONYMITY_THRESHOLD`.
    pub fn threshold(&self) -> usize {
        self.anonymity_threshold.max(MIN_ANONYMITY_THRESHOLD)
    }

    /// What the figures of this check may show: anonymous checks protect people, named ones
    /// show each person by name anyway.
    pub fn rules(&self) -> Rules {
        match self.anonymity {
            Anonymity::Anonymous => Rules {
                threshold: self.threshold(),
                statement_answers: self.threshold().max(MIN_STATEMENT_ANSWERS),
            },
            Anonymity::Named => Rules {
                threshold: 1,
                statement_answers: 1,
            },
        }
    }

    /// Responses with at least one answer: the people who count.
    pub fn respondents(&self) -> impl Iterator<Item = &Response> + Clone {
        self.responses.iter().filter(|r| r.answered_count() > 0)
    }

    /// The respondents whose answers figures include: all, or those among `ids`.
    pub fn included(&self, ids: Option<&BTreeSet<String>>) -> Vec<&Response> {
        self.respondents()
            .filter(|r| ids.is_none_or(|ids| ids.contains(&r.id)))
            .collect()
    }

    /// What changed from `before` (an earlier copy of this check) to now, by response id: what
    /// an import did, kept so that it can be taken back.
    pub fn changes_since(&self, before: &TeamCheck) -> Import {
        let earlier: BTreeMap<&str, &Response> = before
            .responses
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect();
        let mut import = Import::default();
        for now in &self.responses {
            match earlier.get(now.id.as_str()) {
                None => import.added.push(now.clone()),
                Some(was) if *was != now => import.updated.push(((*was).clone(), now.clone())),
                Some(_) => {}
            }
        }
        import
    }

    /// Takes an import back: removes the responses it added and restores those it changed to
    /// how they were. A response changed again since the import is left as it is, so nothing
    /// given later is lost; returns how many were left.
    pub fn take_back(&mut self, import: &Import) -> usize {
        let mut left = 0;
        for added in &import.added {
            match self.responses.iter().position(|r| r.id == added.id) {
                Some(at) if self.responses[at] == *added => {
                    self.responses.remove(at);
                }
                Some(_) => left += 1,
                None => {}
            }
        }
        for (was, after) in &import.updated {
            match self.responses.iter_mut().find(|r| r.id == after.id) {
                Some(now) if now == after => *now = was.clone(),
                Some(_) => left += 1,
                None => {}
            }
        }
        left
    }

    /// Responses started with nothing answered yet: listed, never counted.
    pub fn started_empty(&self) -> usize {
        self.responses.len() - self.respondents().count()
    }

    /// The check as it may leave this device in a file: an anonymous check keeps no time finer
    /// than the day, so the order in which people answered cannot be read from it. Responses
    /// are already kept in the order of their random ids, and never hold a name.
    pub fn for_sharing(&self) -> TeamCheck {
        let mut check = self.clone();
        if check.anonymity == Anonymity::Anonymous {
            check.created_at = check.created_at.day();
            for response in &mut check.responses {
                response.respondent = None;
                response.started_at = response.started_at.day();
                for record in response.answers.values_mut() {
                    record.answered_at = record.answered_at.day();
                }
                for record in response.intuitions.values_mut() {
                    record.answered_at = record.answered_at.day();
                }
            }
        }
        check
    }
}

/// What `TeamCheck::merge` did with one incoming response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    /// A new respondent.
    Added,
    /// The same person's answers, now with something the check did not have.
    Updated,
    /// Nothing new: imported before.
    Unchanged,
    /// Another person under an id already taken: kept as a separate respondent with this id.
    KeptApart(String),
}

fn merge_into(existing: &mut Response, incoming: &Response) -> Merged {
    let before = existing.clone();
    existing.merge(incoming);
    if *existing == before {
        Merged::Unchanged
    } else {
        Merged::Updated
    }
}

/// Whether two responses with one id are one person's answers, which may be merged: not when a
/// named check gives them different names, nor when an item has a different answer in each, or
/// two different comments. A later copy that only adds answers and comments (the same person
/// going on) is the same person. Sharing an id is no proof: a copied browser profile, a file
/// continued by someone else, or another tool's numbering all reuse ids.
pub fn same_person(a: &Response, b: &Response, named: bool) -> bool {
    let (name_a, name_b) = (name(a), name(b));
    if named && !name_a.is_empty() && !name_b.is_empty() && name_a != name_b {
        return false;
    }
    a.answers.iter().all(|(item, ours)| {
        b.answers.get(item).is_none_or(|theirs| {
            theirs.answer == ours.answer
                && (theirs.comment == ours.comment
                    || theirs.comment.is_empty()
                    || ours.comment.is_empty())
        })
    }) && a.intuitions.iter().all(|(key, ours)| {
        b.intuitions
            .get(key)
            .is_none_or(|theirs| theirs.value == ours.value)
    })
}

fn name(r: &Response) -> &str {
    r.respondent.as_deref().map(str::trim).unwrap_or_default()
}

/// Which respondents the shown figures include, after a change to the check.
///
/// `shown` is who was included last time. The figures take in everyone when nothing was visible
/// before (below the threshold, or never revealed) or when at least two new people are in;
/// with exactly one new person they stay as they were, and `waiting` is true. Named checks
/// always take in everyone: they show each person by name anyway.
pub fn next_shown(
    questionnaire: &Questionnaire,
    check: &TeamCheck,
    shown: &BTreeSet<String>,
) -> Shown {
    let current: BTreeSet<String> = check.respondents().map(|r| r.id.clone()).collect();
    let new = current.difference(shown).count();
    let kept: BTreeSet<String> = current.intersection(shown).cloned().collect();
    let visible_before =
        figures(questionnaire, &check.included(Some(&kept)), check.rules()).any_shown();
    if check.anonymity == Anonymity::Named || !visible_before || new != 1 {
        Shown {
            ids: current,
            waiting: false,
        }
    } else {
        Shown {
            ids: kept,
            waiting: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The respondents whose answers the figures include.
    pub ids: BTreeSet<String>,
    /// One more person has answered and is not included yet.
    pub waiting: bool,
}

/// How much each view of a team check may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// People with a score in a dimension before it shows any figure.
    pub threshold: usize,
    /// Answers on the scale to a statement before its counts are shown.
    pub statement_answers: usize,
}

/// How a team's answers lie, in words a team can read. Named from `MIN_PEOPLE_FOR_SHAPE` people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One group, average deviation within Burke and Dunlap's c/6.
    CloseTogether,
    /// One group, but wider than c/6: no clear middle.
    SpreadOut,
    /// Two or more groups of at least two people each, with a gap between them.
    TwoGroups,
    /// Nearly everyone close together, and one or two people apart from them.
    FewApart(Apart),
}

/// Where the one or two people who see it differently are, seen from the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Apart {
    Lower,
    Higher,
    /// One lower and one higher.
    Both,
}

impl Shape {
    /// The words shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            Shape::CloseTogether => "close together",
            Shape::SpreadOut => "spread out",
            Shape::TwoGroups => "two groups",
            Shape::FewApart(Apart::Lower) => "one or two see it less positively",
            Shape::FewApart(Apart::Higher) => "one or two see it more positively",
            Shape::FewApart(Apart::Both) => "one or two see it differently",
        }
    }

    /// Worth talking about first: groups, then the few apart, then no clear middle.
    fn urgency(self) -> u8 {
        match self {
            Shape::TwoGroups => 0,
            Shape::FewApart(_) => 1,
            Shape::SpreadOut => 2,
            Shape::CloseTogether => 3,
        }
    }
}

/// The middle value; the mean of the two middle values for an even count. `sorted` non-empty.
pub fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// Average absolute deviation from the median (Burke, Finkelstein and Dusig's AD_Md): how far,
/// on average, people are from the middle, in points of the scale. `sorted` non-empty.
pub fn average_deviation(sorted: &[f64]) -> f64 {
    let middle = median(sorted);
    sorted.iter().map(|v| (v - middle).abs()).sum::<f64>() / sorted.len() as f64
}

/// Names the shape of sorted values (see docs/SCORING.md for the rules and their reasons).
pub fn shape(sorted: &[f64]) -> Option<Shape> {
    let n = sorted.len();
    if n < MIN_PEOPLE_FOR_SHAPE {
        return None;
    }
    // Groups: runs of values with no gap of GROUP_GAP between neighbours.
    let mut groups: Vec<&[f64]> = Vec::new();
    let mut start = 0;
    for i in 1..=n {
        if i == n || sorted[i] - sorted[i - 1] >= GROUP_GAP {
            groups.push(&sorted[start..i]);
            start = i;
        }
    }
    if groups.len() == 1 {
        return Some(if average_deviation(sorted) > AGREEMENT_LIMIT {
            Shape::SpreadOut
        } else {
            Shape::CloseTogether
        });
    }
    let (largest_at, largest) = groups
        .iter()
        .enumerate()
        .max_by_key(|(i, g)| (g.len(), std::cmp::Reverse(*i)))
        .map(|(i, g)| (i, g.len()))
        .unwrap_or((0, n));
    let apart = n - largest;
    if apart <= 2 && largest >= 2 * apart {
        let lower = groups[..largest_at].iter().any(|g| !g.is_empty());
        let higher = groups[largest_at + 1..].iter().any(|g| !g.is_empty());
        return Some(Shape::FewApart(match (lower, higher) {
            (true, true) => Apart::Both,
            (true, false) => Apart::Lower,
            _ => Apart::Higher,
        }));
    }
    Some(if groups.iter().filter(|g| g.len() >= 2).count() >= 2 {
        Shape::TwoGroups
    } else {
        Shape::SpreadOut
    })
}

/// What a team may see, per dimension: computed from the included respondents under `Rules`.
/// The team summary file is this, written out; the page renders nothing else.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamFigures {
    /// Respondents included in these figures.
    pub people: usize,
    pub threshold: usize,
    /// Answers on the scale a statement needs before its counts are shown.
    pub statement_answers: usize,
    pub dimensions: Vec<DimensionFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionFigures {
    pub dimension: String,
    /// People with a score in this dimension (at least half its statements answered).
    pub people: usize,
    /// People still needed before this dimension shows anything else.
    #[serde(skip_serializing_if = "is_zero")]
    pub more_needed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown: Option<DimensionShown>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionShown {
    pub median: f64,
    /// Average deviation from the median, in points: the agreement figure.
    pub average_deviation: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
    /// "Don't know" answers among all answers given in this dimension.
    pub dont_know: usize,
    /// "Doesn't apply" answers, counted apart from "Don't know".
    pub doesnt_apply: usize,
    /// All answers given in this dimension: on the scale, "Don't know" and "Doesn't apply".
    pub answers: usize,
    /// Each person's score, sorted: the dots on one axis of the radar. Never linked across
    /// dimensions, and never written to a file.
    #[serde(skip)]
    pub scores: Vec<f64>,
    pub items: Vec<ItemFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemFigures {
    pub item: String,
    /// Answers on the scale.
    pub answers: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<ItemCounts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemCounts {
    /// How many chose each point of the scale, as written (not reversed): index 0 is 1.
    pub scale: [usize; 5],
    pub dont_know: usize,
    pub doesnt_apply: usize,
    /// Item scores (reversed where the statement is) from 4 up: "4 of 6 see it positively".
    pub positive: usize,
    pub average_deviation: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
}

impl TeamFigures {
    /// Whether any dimension shows figures.
    pub fn any_shown(&self) -> bool {
        self.dimensions.iter().any(|d| d.shown.is_some())
    }
}

/// Computes what `rules` let a team see of `respondents`' answers. A slice, not an iterator:
/// one copy of this function in the wasm, whatever the caller filtered.
pub fn figures(
    questionnaire: &Questionnaire,
    respondents: &[&Response],
    rules: Rules,
) -> TeamFigures {
    let dimensions = questionnaire
        .dimensions
        .iter()
        .map(|dimension| {
            let mut scores: Vec<f64> = respondents
                .iter()
                .filter_map(|response| score_dimension(dimension, response).score)
                .collect();
            scores.sort_unstable_by(f64::total_cmp);
            let people = scores.len();
            if people < rules.threshold || people == 0 {
                return DimensionFigures {
                    dimension: dimension.id.clone(),
                    people,
                    more_needed: rules.threshold.max(1) - people,
                    shown: None,
                };
            }
            let (mut dont_know, mut doesnt_apply, mut answers) = (0, 0, 0);
            let items = dimension
                .items
                .iter()
                .map(|item| {
                    let mut scale = [0; 5];
                    let (mut item_dont_know, mut item_doesnt_apply) = (0, 0);
                    let mut item_scores = Vec::new();
                    for answer in respondents.iter().filter_map(|r| r.answer(&item.id)) {
                        match answer {
                            Answer::Scale(v @ 1..=5) => scale[usize::from(v - 1)] += 1,
                            Answer::DontKnow => item_dont_know += 1,
                            Answer::DoesntApply => item_doesnt_apply += 1,
                            Answer::Scale(_) => {}
                        }
                        item_scores.extend(item_score(item, answer));
                    }
                    dont_know += item_dont_know;
                    doesnt_apply += item_doesnt_apply;
                    answers += item_dont_know + item_doesnt_apply + item_scores.len();
                    item_scores.sort_unstable_by(f64::total_cmp);
                    let counts = (item_scores.len() >= rules.statement_answers
                        && !item_scores.is_empty())
                    .then(|| ItemCounts {
                        scale,
                        dont_know: item_dont_know,
                        doesnt_apply: item_doesnt_apply,
                        positive: item_scores.iter().filter(|s| **s >= 4.0).count(),
                        average_deviation: average_deviation(&item_scores),
                        shape: shape(&item_scores),
                    });
                    ItemFigures {
                        item: item.id.clone(),
                        answers: item_scores.len(),
                        counts,
                    }
                })
                .collect();
            DimensionFigures {
                dimension: dimension.id.clone(),
                people,
                more_needed: 0,
                shown: Some(DimensionShown {
                    median: median(&scores),
                    average_deviation: average_deviation(&scores),
                    shape: shape(&scores),
                    dont_know,
                    doesnt_apply,
                    answers,
                    scores,
                    items,
                }),
            }
        })
        .collect();
    TeamFigures {
        people: respondents.len(),
        threshold: rules.threshold,
        statement_answers: rules.statement_answers,
        dimensions,
    }
}

/// What people wrote beside their answers, per dimension that shows figures (`shown`, computed
/// by `figures` from the same `respondents`): the text only, in an order that says nothing
/// about who wrote it or when (sorted by a hash of the text). Named checks keep the name
/// beside each comment.
pub fn comments(
    questionnaire: &Questionnaire,
    respondents: &[&Response],
    shown: &TeamFigures,
) -> Vec<(String, Vec<String>)> {
    questionnaire
        .dimensions
        .iter()
        .zip(&shown.dimensions)
        .filter(|(_, figures)| figures.shown.is_some())
        .map(|(dimension, _)| {
            let mut texts: Vec<String> = respondents
                .iter()
                .flat_map(|r| {
                    dimension.items.iter().filter_map(move |item| {
                        let text = r.comment(&item.id).trim();
                        (!text.is_empty()).then(|| match &r.respondent {
                            Some(name) => format!("{text} ({name})"),
                            None => text.to_string(),
                        })
                    })
                })
                .collect();
            texts.sort_by_key(|t| (fnv1a(t), t.clone()));
            (dimension.id.clone(), texts)
        })
        .filter(|(_, texts)| !texts.is_empty())
        .collect()
}

/// FNV-1a: a fixed, well-spread order for comments that is neither answer order nor A to Z.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What one import changed in a team check (`TeamCheck::changes_since`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Import {
    /// Responses the import added, as it left them.
    pub added: Vec<Response>,
    /// Responses it changed: as they were before, and as it left them.
    pub updated: Vec<(Response, Response)>,
}

impl Import {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty()
    }
}

/// Something the team sees differently: a dimension, or one statement in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub dimension: String,
    /// `None` for the dimension as a whole.
    pub item: Option<String>,
    pub shape: Shape,
    pub average_deviation: f64,
}

/// Dimensions and statements whose shape is not "close together", most worth talking about
/// first: two groups, then one or two apart, then spread out; wider before narrower.
pub fn differences(figures: &TeamFigures) -> Vec<Difference> {
    let mut list = Vec::new();
    for d in &figures.dimensions {
        let Some(shown) = &d.shown else { continue };
        if let Some(shape) = shown.shape.filter(|s| *s != Shape::CloseTogether) {
            list.push(Difference {
                dimension: d.dimension.clone(),
                item: None,
                shape,
                average_deviation: shown.average_deviation,
            });
        }
        for item in &shown.items {
            let Some(counts) = &item.counts else { continue };
            if let Some(shape) = counts.shape.filter(|s| *s != Shape::CloseTogether) {
                list.push(Difference {
                    dimension: d.dimension.clone(),
                    item: Some(item.item.clone()),
                    shape,
                    average_deviation: counts.average_deviation,
                });
            }
        }
    }
    list.sort_by(|a, b| {
        (a.shape.urgency(), a.item.is_some())
            .cmp(&(b.shape.urgency(), b.item.is_some()))
            .then(b.average_deviation.total_cmp(&a.average_deviation))
    });
    list
}

/// Dimensions whose people are close together, closest first.
pub fn agreement(figures: &TeamFigures) -> Vec<&DimensionFigures> {
    let mut agreed: Vec<(&DimensionFigures, f64)> = figures
        .dimensions
        .iter()
        .filter_map(|d| {
            let shown = d.shown.as_ref()?;
            (shown.shape == Some(Shape::CloseTogether)).then_some((d, shown.average_deviation))
        })
        .collect();
    agreed.sort_by(|a, b| a.1.total_cmp(&b.1));
    agreed.into_iter().map(|(d, _)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{now, q, response};
    use proptest::prelude::*;

    fn check_of(anonymity: Anonymity, responses: Vec<Response>) -> TeamCheck {
        let mut check = TeamCheck::new("t".into(), "T".into(), &q(), anonymity, now());
        check.merge(responses);
        check
    }

    fn anonymous(values: &[u8]) -> TeamCheck {
        let q = q();
        let responses = values
            .iter()
            .enumerate()
            .map(|(i, v)| response(&q, &format!("r{i:02}"), *v))
            .collect();
        check_of(Anonymity::Anonymous, responses)
    }

    #[test]
    fn the_next_check_opens_with_the_experiments_not_yet_looked_back_on() {
        let q = q();
        let mut earlier = anonymous(&[3]);
        earlier.id = "earlier".into();
        let look_back = Timestamp::parse("2026-04-01T00:00:00Z").unwrap();
        earlier.experiments = ["Pair more", "Fewer meetings"]
            .iter()
            .map(|text| Experiment {
                dimension: q.dimensions[0].id.clone(),
                text: text.to_string(),
                look_back: look_back.clone(),
            })
            .collect();
        let mut next = anonymous(&[3]);
        assert_eq!(next.to_review(&earlier).len(), 2);
        next.reviews.push(Review {
            check: "earlier".into(),
            dimension: q.dimensions[0].id.clone(),
            text: "Pair more".into(),
            outcome: Outcome::Kept,
            note: String::new(),
        });
        let left: Vec<&str> = next
            .to_review(&earlier)
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(left, ["Fewer meetings"]);
    }

    fn figures_of(check: &TeamCheck) -> TeamFigures {
        figures(&q(), &check.included(None), check.rules())
    }

    #[test]
    fn median_and_average_deviation_use_only_given_values() {
        assert_eq!(median(&[1.0, 5.0, 5.0]), 5.0);
        assert_eq!(median(&[2.0, 3.0, 4.0, 5.0]), 3.5);
        assert_eq!(average_deviation(&[4.0; 6]), 0.0);
        // |1-5| + 0 + 0 over 3.
        assert!((average_deviation(&[1.0, 5.0, 5.0]) - 4.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn shapes_are_named_from_five_people() {
        assert_eq!(shape(&[1.0, 3.0, 5.0, 5.0]), None);
        assert_eq!(
            shape(&[3.0, 3.5, 4.0, 4.0, 4.5]),
            Some(Shape::CloseTogether)
        );
        assert_eq!(shape(&[1.0, 2.0, 3.0, 4.0, 5.0]), Some(Shape::SpreadOut));
        assert_eq!(shape(&[1.0, 1.0, 5.0, 5.0, 5.0]), Some(Shape::TwoGroups));
        assert_eq!(
            shape(&[1.0, 1.5, 2.0, 4.0, 4.5, 5.0]),
            Some(Shape::TwoGroups)
        );
        // The lone dissenter: six at 4.0 and one at 2.0 is a narrow spread, not agreement.
        let lone = [2.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0];
        assert!(average_deviation(&lone) < AGREEMENT_LIMIT);
        assert_eq!(shape(&lone), Some(Shape::FewApart(Apart::Lower)));
        assert_eq!(
            shape(&[3.0, 3.0, 3.0, 3.0, 5.0]),
            Some(Shape::FewApart(Apart::Higher))
        );
        assert_eq!(
            shape(&[1.0, 3.0, 3.0, 3.0, 3.0, 5.0]),
            Some(Shape::FewApart(Apart::Both))
        );
    }

    #[test]
    fn people_are_counted_not_records() {
        let q = q();
        let mut check = anonymous(&[4]);
        check.merge([
            Response::new("empty-1".into(), &q, now()),
            Response::new("empty-2".into(), &q, now()),
        ]);
        assert_eq!(check.respondents().count(), 1);
        assert_eq!(check.started_empty(), 2);
        let f = figures_of(&check);
        assert_eq!(f.people, 1);
        assert!(!f.any_shown(), "one person's answers must not be shown");
    }

    #[test]
    fn below_the_threshold_only_counts_are_shown() {
        for n in 1..DEFAULT_ANONYMITY_THRESHOLD {
            let check = anonymous(&vec![3; n]);
            let f = figures_of(&check);
            assert!(!f.any_shown(), "{n} people");
            for d in &f.dimensions {
                assert_eq!(d.people, n);
                assert_eq!(d.more_needed, DEFAULT_ANONYMITY_THRESHOLD - n);
            }
        }
        let f = figures_of(&anonymous(&[3; DEFAULT_ANONYMITY_THRESHOLD]));
        assert!(f.dimensions.iter().all(|d| d.shown.is_some()));
    }

    #[test]
    fn the_threshold_is_never_below_three_and_statement_counts_need_five() {
        let mut check = anonymous(&[1, 3, 5]);
        check.anonymity_threshold = 1;
        assert_eq!(check.threshold(), MIN_ANONYMITY_THRESHOLD);
        let f = figures_of(&check);
        let shown = f.dimensions[0]
            .shown
            .as_ref()
            .expect("three people, threshold 3");
        assert_eq!(shown.median, 3.0);
        assert!(
            shown.items.iter().all(|i| i.counts.is_none()),
            "counts from three answers would let two people work out the third"
        );
        check.merge([response(&q(), "r10", 2), response(&q(), "r11", 4)]);
        let f = figures_of(&check);
        let item = &f.dimensions[0].shown.as_ref().unwrap().items[0];
        let counts = item.counts.as_ref().expect("five answers");
        assert_eq!(counts.scale.iter().sum::<usize>(), 5);
    }

    #[test]
    fn doesnt_apply_is_counted_apart_only_where_figures_are_shown() {
        let q = q();
        let d = &q.dimensions[0];
        // Everyone answers the dimension; the first statement does not apply to `k` of them.
        let with = |k: usize, people: usize| {
            let responses = (0..people)
                .map(|i| {
                    let mut r = response(&q, &format!("r{i:02}"), 4);
                    if i < k {
                        r.set_answer(&d.items[0].id, Some(Answer::DoesntApply), now());
                    }
                    if i == people - 1 {
                        r.set_answer(&d.items[1].id, Some(Answer::DontKnow), now());
                    }
                    r
                })
                .collect();
            figures_of(&check_of(Anonymity::Anonymous, responses))
        };
        // Below the threshold: nothing about the dimension, so no count either.
        let few = with(1, DEFAULT_ANONYMITY_THRESHOLD - 1);
        assert!(few.dimensions[0].shown.is_none());
        // At the threshold: the dimension's counts, apart; the statement's only from five
        // scale answers, which four of six "Doesn't apply" leave it short of.
        let n = DEFAULT_ANONYMITY_THRESHOLD + 1;
        let f = with(4, n);
        let shown = f.dimensions[0].shown.as_ref().expect("enough people");
        assert_eq!((shown.doesnt_apply, shown.dont_know), (4, 1));
        assert_eq!(shown.answers, n * d.items.len());
        assert_eq!(shown.items[0].answers, n - 4);
        assert!(shown.items[0].counts.is_none());
        assert!(
            shown.scores.iter().all(|s| *s == 4.0),
            "not scored: {:?}",
            shown.scores
        );
        let f = with(1, n);
        let counts = f.dimensions[0].shown.as_ref().unwrap().items[0]
            .counts
            .clone()
            .expect("five scale answers");
        assert_eq!((counts.doesnt_apply, counts.dont_know), (1, 0));
        assert_eq!(counts.scale.iter().sum::<usize>(), n - 1);
    }

    #[test]
    fn the_lone_dissenter_is_listed_where_the_team_differs() {
        let check = anonymous(&[4, 4, 4, 4, 4, 4, 2]);
        let f = figures_of(&check);
        let first = &f.dimensions[0];
        assert_eq!(
            first.shown.as_ref().unwrap().shape,
            Some(Shape::FewApart(Apart::Lower))
        );
        assert!(
            differences(&f)
                .iter()
                .any(|d| d.dimension == first.dimension && d.item.is_none())
        );
        assert!(agreement(&f).iter().all(|d| d.dimension != first.dimension));
        let same = figures_of(&anonymous(&[4; 7]));
        assert!(differences(&same).is_empty());
        assert_eq!(agreement(&same).len(), q().dimensions.len());
    }

    #[test]
    fn figures_change_only_when_two_new_people_are_in() {
        let q = q();
        let mut check = anonymous(&[3, 4, 5, 2, 3]);
        let first = next_shown(&q, &check, &BTreeSet::new());
        assert_eq!(first.ids.len(), 5);
        assert!(!first.waiting);
        check.merge([response(&q, "r20", 1)]);
        let one_more = next_shown(&q, &check, &first.ids);
        assert_eq!(
            one_more.ids, first.ids,
            "one new person must not change the figures"
        );
        assert!(one_more.waiting);
        check.merge([response(&q, "r21", 5)]);
        let two_more = next_shown(&q, &check, &one_more.ids);
        assert_eq!(two_more.ids.len(), 7);
        assert!(!two_more.waiting);
        // Below the threshold nothing was visible, so a single new person may complete it.
        let small = anonymous(&[3, 4]);
        let before = next_shown(&q, &small, &BTreeSet::new());
        let mut bigger = small.clone();
        bigger.merge([
            response(&q, "r30", 5),
            response(&q, "r31", 5),
            response(&q, "r32", 5),
        ]);
        let after = next_shown(&q, &bigger, &before.ids);
        assert_eq!(after.ids.len(), 5);
    }

    #[test]
    fn an_import_can_be_taken_back_without_losing_what_came_after() {
        let q = q();
        let item = q.dimensions[0].items[0].id.clone();
        let mut check = check_of(Anonymity::Named, vec![response(&q, "a", 3)]);
        let before = check.clone();
        let mut a_again = response(&q, "a", 3);
        a_again.set_comment(&item, "more".into(), now());
        check.merge([a_again, response(&q, "b", 4), response(&q, "c", 5)]);
        let import = check.changes_since(&before);
        assert_eq!(import.added.len(), 2);
        assert_eq!(import.updated.len(), 1);
        assert!(check.changes_since(&check).is_empty());
        // Taking it back restores the check as it was.
        let mut undone = check.clone();
        assert_eq!(undone.take_back(&import), 0);
        assert_eq!(undone, before);
        // A response answered again after the import stays, and is counted as left.
        check
            .responses
            .iter_mut()
            .find(|r| r.id == "c")
            .unwrap()
            .set_answer(&item, Some(Answer::Scale(1)), now());
        assert_eq!(check.take_back(&import), 1);
        let ids: Vec<&str> = check.responses.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(check.responses[0], before.responses[0]);
    }

    #[test]
    fn comments_show_only_where_figures_do_and_not_in_answer_order() {
        let q = q();
        let first = &q.dimensions[0];
        let mut responses: Vec<Response> =
            (0..5).map(|i| response(&q, &format!("c{i}"), 4)).collect();
        for (i, r) in responses.iter_mut().enumerate() {
            r.set_comment(&first.items[0].id, format!("remark {i}"), now());
        }
        let check = check_of(Anonymity::Anonymous, responses.clone());
        let wall = |check: &TeamCheck| {
            let people = check.included(None);
            comments(&q, &people, &figures(&q, &people, check.rules()))
        };
        let all = wall(&check);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].0, first.id);
        let mut texts = all[0].1.clone();
        assert_ne!(
            texts,
            (0..5).map(|i| format!("remark {i}")).collect::<Vec<_>>(),
            "comments must not come in the order people answered"
        );
        texts.sort();
        assert_eq!(
            texts,
            (0..5).map(|i| format!("remark {i}")).collect::<Vec<_>>()
        );
        let few = check_of(Anonymity::Anonymous, responses[..4].to_vec());
        assert!(wall(&few).is_empty());
    }

    #[test]
    fn a_shared_anonymous_check_holds_no_names_and_no_times_finer_than_the_day() {
        let q = q();
        let mut named = response(&q, "a", 4);
        named.respondent = Some("Alice".into());
        let later = Timestamp::parse("2026-01-01T17:42:13.120Z").unwrap();
        named.set_answer(&q.dimensions[0].items[0].id, Some(Answer::Scale(2)), later);
        let check = check_of(Anonymity::Anonymous, vec![named.clone()]);
        assert!(check.responses.iter().all(|r| r.respondent.is_none()));
        let shared = check.for_sharing();
        let times: Vec<&str> = shared.responses[0]
            .answers
            .values()
            .map(|a| a.answered_at.as_str())
            .chain([
                shared.responses[0].started_at.as_str(),
                shared.created_at.as_str(),
            ])
            .collect();
        assert!(
            times.iter().all(|t| t.ends_with("T00:00:00.000Z")),
            "{times:?}"
        );
        let named_check = check_of(Anonymity::Named, vec![named]);
        assert_eq!(named_check.for_sharing(), named_check);
    }

    #[test]
    fn another_person_under_the_same_id_is_kept_apart_and_reimports_merge() {
        let q = Questionnaire::builtin().unwrap();
        let items: Vec<String> = q.items().map(|(_, i)| i.id.clone()).collect();
        let mut check = TeamCheck::new("t".into(), "T".into(), &q, Anonymity::Named, now());
        let at = |m: u8| Timestamp::parse(&format!("2026-01-01T00:{m:02}:00Z")).unwrap();
        let mut first = Response::new("same".into(), &q, now());
        first.respondent = Some("Ada".into());
        first.set_answer(&items[0], Some(Answer::Scale(2)), at(1));
        assert_eq!(check.merge([first.clone()]), vec![Merged::Added]);
        // The same person went on: more answers, nothing changed. Merged.
        let mut later = first.clone();
        later.set_answer(&items[1], Some(Answer::Scale(4)), at(2));
        later.set_comment(&items[0], "why".into(), at(3));
        assert_eq!(check.merge([later.clone()]), vec![Merged::Updated]);
        assert_eq!(check.responses.len(), 1);
        // Someone else under the same id: another answer to the same item. Kept apart.
        let mut other = Response::new("same".into(), &q, now());
        other.respondent = Some("Bob".into());
        other.set_answer(&items[0], Some(Answer::Scale(5)), at(4));
        assert_eq!(
            check.merge([other.clone()]),
            vec![Merged::KeptApart("same.2".into())]
        );
        // Their file again, and later with more answers: merged into their own respondent.
        assert_eq!(check.merge([other.clone()]), vec![Merged::Unchanged]);
        other.set_answer(&items[2], Some(Answer::DontKnow), at(5));
        assert_eq!(
            check.merge([other.clone()]),
            vec![Merged::KeptApart("same.2".into())]
        );
        assert_eq!(check.responses.len(), 2);
        // A different name in a named check, even with no answer in common: kept apart too.
        let mut grace = Response::new("same".into(), &q, now());
        grace.respondent = Some("Grace".into());
        grace.set_answer(&items[3], Some(Answer::Scale(1)), at(6));
        assert_eq!(
            check.merge([grace]),
            vec![Merged::KeptApart("same.3".into())]
        );
        assert_eq!(check.responses[0].answer(&items[1]), Some(Answer::Scale(4)));
        assert_eq!(check.responses[1].answer(&items[0]), Some(Answer::Scale(5)));
        assert_eq!(check.responses[2].respondent.as_deref(), Some("Grace"));
        // Syncing from another tab never splits: the later answer wins, as before.
        let mut tab = check.clone();
        let mut changed = check.responses[0].clone();
        changed.set_answer(&items[0], Some(Answer::Scale(3)), at(9));
        tab.sync([changed]);
        assert_eq!(tab.responses.len(), 3);
        assert_eq!(tab.responses[0].answer(&items[0]), Some(Answer::Scale(3)));
    }

    #[test]
    fn merging_many_in_reverse_order_sorts_once() {
        let q = Questionnaire::builtin().unwrap();
        let mut check = TeamCheck::new("t".into(), "T".into(), &q, Anonymity::Anonymous, now());
        let many: Vec<Response> = (0..20_000)
            .rev()
            .map(|i| Response::new(format!("r{i:06}"), &q, now()))
            .collect();
        let outcomes = check.merge(many.clone());
        assert!(outcomes.iter().all(|m| *m == Merged::Added));
        assert_eq!(check.responses.len(), 20_000);
        assert!(check.responses.windows(2).all(|w| w[0].id < w[1].id));
        assert!(check.merge(many).iter().all(|m| *m == Merged::Unchanged));
    }

    fn arbitrary_response() -> impl Strategy<Value = Response> {
        let q = q();
        let n = q.item_count();
        (
            0u8..12,
            proptest::collection::vec((proptest::option::of(0u8..=6), 0u8..3), n),
        )
            .prop_map(move |(id, answers)| {
                let mut r = Response::new(format!("r{id:02}"), &q, now());
                for ((_, item), (answer, minute)) in q.items().zip(answers) {
                    let at = Timestamp::parse(&format!("2026-01-01T00:0{minute}:00Z")).unwrap();
                    let answer = answer.map(|v| match v {
                        0 => Answer::DontKnow,
                        6 => Answer::DoesntApply,
                        v => Answer::Scale(v),
                    });
                    r.set_answer(&item.id, answer, at);
                }
                r
            })
    }

    proptest! {
        #[test]
        fn syncing_is_order_independent_and_idempotent(
            responses in proptest::collection::vec(arbitrary_response(), 0..8)
        ) {
            let mut forward = check_of(Anonymity::Anonymous, vec![]);
            forward.sync(responses.clone());
            let mut backward = forward.clone();
            backward.responses.clear();
            backward.sync(responses.iter().rev().cloned());
            prop_assert_eq!(&forward, &backward);
            let mut twice = forward.clone();
            twice.sync(responses.clone());
            prop_assert_eq!(&forward, &twice);
        }

        #[test]
        fn merging_keeps_every_answer_and_is_idempotent(
            responses in proptest::collection::vec(arbitrary_response(), 0..8),
            split in 0usize..8,
        ) {
            let q = Questionnaire::builtin().unwrap();
            let mut check = TeamCheck::new("t".into(), "T".into(), &q, Anonymity::Anonymous, now());
            // In two imports, the second file holding some of the first one's responses again.
            let split = split.min(responses.len());
            check.merge(responses[..split].to_vec());
            check.merge(responses.clone());
            let ids: Vec<&str> = check.responses.iter().map(|r| r.id.as_str()).collect();
            prop_assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
            // Every answer given in any copy is in some respondent of the check.
            for r in &responses {
                for (item, record) in &r.answers {
                    prop_assert!(
                        check.responses.iter().any(|kept| kept.answers.get(item).is_some_and(|k| {
                            k.answer == record.answer && k.answered_at >= record.answered_at
                        })),
                        "answer to {} of {} lost", item, r.id
                    );
                }
            }
            let before = check.clone();
            let again = check.merge(responses.clone());
            prop_assert_eq!(&before, &check);
            prop_assert!(again.iter().all(|m| *m == Merged::Unchanged), "{again:?}");
        }

        #[test]
        fn nothing_below_the_threshold_is_shown(
            responses in proptest::collection::vec(arbitrary_response(), 0..12),
            threshold in 0usize..9,
        ) {
            let mut check = check_of(Anonymity::Anonymous, responses);
            check.anonymity_threshold = threshold;
            let rules = check.rules();
            prop_assert!(rules.threshold >= MIN_ANONYMITY_THRESHOLD);
            prop_assert!(rules.statement_answers >= MIN_STATEMENT_ANSWERS);
            let f = figures_of(&check);
            for d in &f.dimensions {
                match &d.shown {
                    None => prop_assert!(d.people < rules.threshold),
                    Some(shown) => {
                        prop_assert!(d.people >= rules.threshold);
                        prop_assert_eq!(shown.scores.len(), d.people);
                        prop_assert!((1.0..=5.0).contains(&shown.median));
                        for item in &shown.items {
                            if item.counts.is_some() {
                                prop_assert!(item.answers >= rules.statement_answers);
                            }
                        }
                        prop_assert!(shown.dont_know + shown.doesnt_apply <= shown.answers);
                    }
                }
            }
        }

        #[test]
        fn one_new_person_never_changes_what_is_shown(
            responses in proptest::collection::vec(arbitrary_response(), 1..12),
        ) {
            // People join one at a time; after each, the page takes `next_shown`.
            let q = q();
            let mut check = check_of(Anonymity::Anonymous, vec![]);
            let mut shown = BTreeSet::new();
            for response in responses {
                check.merge([response]);
                let before = figures(&q, &check.included(Some(&shown)), check.rules());
                let next = next_shown(&q, &check, &shown);
                let added = next.ids.difference(&shown).count();
                prop_assert!(added != 1 || !before.any_shown(),
                    "the figures took in exactly one new person while they were visible");
                shown = next.ids;
            }
        }
    }
}
