//! Team checks: many responses to one questionnaire, merged without a server, and the team's
//! statistics: per dimension the median and the 15th-85th percentile band of the respondents'
//! scores, the "Don't know" rate, and the standard deviation as the agreement figure.
//!
//! Min and max are never computed for display: with a handful of people they point at one person.

use super::limits::derived_id;
use super::questionnaire::{Questionnaire, QuestionnaireRef};
use super::response::{Answer, Response};
use super::scoring::{item_score, score_dimension};
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Below this many respondents an anonymous check shows medians only (a setting per check).
pub const DEFAULT_ANONYMITY_THRESHOLD: usize = 3;
/// Standard deviation of dimension scores from which we say "the team sees this differently".
pub const DIMENSION_SPREAD_THRESHOLD: f64 = 0.8;
/// The same for single items, whose answers are whole points and so spread more.
pub const ITEM_SPREAD_THRESHOLD: f64 = 1.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Anonymity {
    /// No names are stored; only distributions are shown.
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
    pub anonymity_threshold: usize,
    pub created_at: Timestamp,
    pub responses: Vec<Response>,
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
            id,
            name,
            questionnaire: questionnaire.reference(),
            anonymity,
            anonymity_threshold: DEFAULT_ANONYMITY_THRESHOLD,
            created_at: now,
            responses: Vec::new(),
        }
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

    /// Whether bands and per-item distributions may be shown without exposing anyone.
    pub fn shows_spread(&self) -> bool {
        self.anonymity == Anonymity::Named || self.responses.len() >= self.anonymity_threshold
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
    })
}

fn name(r: &Response) -> &str {
    r.respondent.as_deref().map(str::trim).unwrap_or_default()
}

/// The team's picture of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionStatistics {
    pub dimension: String,
    /// Respondents with a score for this dimension.
    pub respondents: usize,
    pub median: Option<f64>,
    /// 15th and 85th percentiles of the respondents' scores: the middle 70 % of the team.
    pub band: Option<(f64, f64)>,
    /// Standard deviation of the respondents' scores: the agreement figure.
    pub spread: Option<f64>,
    /// Share of all answers to this dimension's items that were "Don't know".
    pub dont_know_rate: f64,
    pub sees_differently: bool,
    pub items: Vec<ItemStatistics>,
}

/// How the team answered one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemStatistics {
    pub item: String,
    /// How many chose each point of the scale, as written (not reversed): index 0 is 1.
    pub counts: [usize; 5],
    pub dont_know: usize,
    /// Spread of the item scores (reversed where the item is).
    pub spread: Option<f64>,
    pub sees_differently: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamStatistics {
    pub respondents: usize,
    pub dimensions: Vec<DimensionStatistics>,
}

/// The value below which `p` of the sorted values lie, interpolating linearly between ranks
/// (the common "type 7" definition, as in spreadsheets). `sorted` must be sorted and non-empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (rank - low as f64)
}

/// Population standard deviation; `None` for fewer than two values, where spread means nothing.
pub fn standard_deviation(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64;
    Some(variance.sqrt())
}

pub fn statistics(questionnaire: &Questionnaire, responses: &[Response]) -> TeamStatistics {
    let dimensions = questionnaire
        .dimensions
        .iter()
        .map(|dimension| {
            let mut scores: Vec<f64> = responses
                .iter()
                .filter_map(|response| score_dimension(dimension, response).score)
                .collect();
            scores.sort_unstable_by(f64::total_cmp);
            let items: Vec<ItemStatistics> = dimension
                .items
                .iter()
                .map(|item| {
                    let mut counts = [0; 5];
                    let mut dont_know = 0;
                    let mut item_scores = Vec::new();
                    for answer in responses.iter().filter_map(|r| r.answer(&item.id)) {
                        match answer {
                            Answer::Scale(v @ 1..=5) => counts[usize::from(v - 1)] += 1,
                            Answer::DontKnow => dont_know += 1,
                            Answer::Scale(_) => {}
                        }
                        item_scores.extend(item_score(item, answer));
                    }
                    let spread = standard_deviation(&item_scores);
                    ItemStatistics {
                        item: item.id.clone(),
                        counts,
                        dont_know,
                        spread,
                        sees_differently: spread.is_some_and(|s| s >= ITEM_SPREAD_THRESHOLD),
                    }
                })
                .collect();
            let given: usize = items
                .iter()
                .map(|i| i.counts.iter().sum::<usize>() + i.dont_know)
                .sum();
            let dont_know: usize = items.iter().map(|i| i.dont_know).sum();
            let spread = standard_deviation(&scores);
            let has_scores = !scores.is_empty();
            DimensionStatistics {
                dimension: dimension.id.clone(),
                respondents: scores.len(),
                median: has_scores.then(|| percentile(&scores, 0.5)),
                band: has_scores.then(|| (percentile(&scores, 0.15), percentile(&scores, 0.85))),
                spread,
                dont_know_rate: if given == 0 {
                    0.0
                } else {
                    dont_know as f64 / given as f64
                },
                sees_differently: spread.is_some_and(|s| s >= DIMENSION_SPREAD_THRESHOLD),
                items,
            }
        })
        .collect();
    TeamStatistics {
        respondents: responses.len(),
        dimensions,
    }
}

/// Something the team sees differently, or agrees on: a dimension or a single item.
#[derive(Debug, Clone, PartialEq)]
pub struct SpreadEntry {
    pub dimension: String,
    /// `None` for the dimension as a whole.
    pub item: Option<String>,
    pub spread: f64,
}

/// Dimensions and items ordered widest spread first, for "Where you see things differently".
pub fn widest_spread(stats: &TeamStatistics) -> Vec<SpreadEntry> {
    let mut entries: Vec<SpreadEntry> = Vec::new();
    for d in &stats.dimensions {
        if let Some(spread) = d.spread.filter(|_| d.sees_differently) {
            entries.push(SpreadEntry {
                dimension: d.dimension.clone(),
                item: None,
                spread,
            });
        }
        for i in &d.items {
            if let Some(spread) = i.spread.filter(|_| i.sees_differently) {
                entries.push(SpreadEntry {
                    dimension: d.dimension.clone(),
                    item: Some(i.item.clone()),
                    spread,
                });
            }
        }
    }
    // Widest first; ties by dimension, the dimension as a whole before its items.
    entries.sort_unstable_by(|a, b| {
        b.spread
            .total_cmp(&a.spread)
            .then_with(|| (&a.dimension, &a.item).cmp(&(&b.dimension, &b.item)))
    });
    entries
}

/// Dimensions where the team agrees (spread known and below the threshold), narrowest first.
pub fn agreement(stats: &TeamStatistics) -> Vec<&DimensionStatistics> {
    let mut agreed: Vec<&DimensionStatistics> = stats
        .dimensions
        .iter()
        .filter(|d| d.spread.is_some() && !d.sees_differently)
        .collect();
    agreed.sort_unstable_by(|a, b| {
        a.spread
            .unwrap_or(0.0)
            .total_cmp(&b.spread.unwrap_or(0.0))
            .then_with(|| a.dimension.cmp(&b.dimension))
    });
    agreed
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn now() -> Timestamp {
        Timestamp::parse("2026-01-01T00:00:00Z").unwrap()
    }

    fn response(q: &Questionnaire, id: &str, value: u8) -> Response {
        let mut r = Response::new(id.into(), q, now());
        for (_, item) in q.items() {
            r.set_answer(&item.id, Some(Answer::Scale(value)), now());
        }
        r
    }

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&v, 0.5), 3.0);
        assert!((percentile(&v, 0.15) - 1.6).abs() < 1e-9);
        assert!((percentile(&v, 0.85) - 4.4).abs() < 1e-9);
        assert_eq!(percentile(&[2.5], 0.85), 2.5);
        assert_eq!(standard_deviation(&[1.0]), None);
        assert_eq!(standard_deviation(&[1.0, 3.0]), Some(1.0));
    }

    #[test]
    fn split_team_is_flagged_and_listed_first() {
        let q = Questionnaire::builtin().unwrap();
        let d0 = &q.dimensions[0];
        let mut rs = vec![
            response(&q, "a", 3),
            response(&q, "b", 3),
            response(&q, "c", 3),
        ];
        // Two people strongly agree and one strongly disagrees on the first dimension only.
        for (r, v) in rs.iter_mut().zip([1, 5, 5]) {
            for item in &d0.items {
                r.set_answer(&item.id, Some(Answer::Scale(v)), now());
            }
        }
        let stats = statistics(&q, &rs);
        assert!(stats.dimensions[0].sees_differently);
        assert!(!stats.dimensions[1].sees_differently);
        let widest = widest_spread(&stats);
        assert_eq!(widest[0].dimension, d0.id);
        assert!(agreement(&stats).iter().all(|d| d.dimension != d0.id));
        assert_eq!(stats.dimensions[0].items[0].counts.iter().sum::<usize>(), 3);
    }

    #[test]
    fn dont_know_rate_counts_given_answers_only() {
        let q = Questionnaire::builtin().unwrap();
        let d = &q.dimensions[2];
        let mut r = Response::new("a".into(), &q, now());
        r.set_answer(&d.items[0].id, Some(Answer::DontKnow), now());
        r.set_answer(&d.items[1].id, Some(Answer::Scale(4)), now());
        let stats = statistics(&q, &[r]);
        assert_eq!(stats.dimensions[2].dont_know_rate, 0.5);
        assert_eq!(stats.dimensions[2].respondents, 1);
        assert_eq!(stats.dimensions[0].median, None);
    }

    #[test]
    fn anonymous_checks_drop_names_and_hide_spread_below_threshold() {
        let q = Questionnaire::builtin().unwrap();
        let mut check = TeamCheck::new("t".into(), "T".into(), &q, Anonymity::Anonymous, now());
        let mut named = response(&q, "a", 4);
        named.respondent = Some("Alice".into());
        check.merge([named, response(&q, "b", 2)]);
        assert!(check.responses.iter().all(|r| r.respondent.is_none()));
        assert_eq!(check.respondent_label(0), "Respondent 1");
        assert!(!check.shows_spread());
        check.merge([response(&q, "c", 2)]);
        assert!(check.shows_spread());
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
        let q = Questionnaire::builtin().unwrap();
        let n = q.item_count();
        (
            0u8..6,
            proptest::collection::vec((proptest::option::of(0u8..=5), 0u8..3), n),
        )
            .prop_map(move |(id, answers)| {
                let mut r = Response::new(format!("r{id}"), &q, now());
                for ((_, item), (answer, minute)) in q.items().zip(answers) {
                    let at = Timestamp::parse(&format!("2026-01-01T00:0{minute}:00Z")).unwrap();
                    let answer = answer.map(|v| {
                        if v == 0 {
                            Answer::DontKnow
                        } else {
                            Answer::Scale(v)
                        }
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
            let q = Questionnaire::builtin().unwrap();
            let mut forward = TeamCheck::new("t".into(), "T".into(), &q, Anonymity::Anonymous, now());
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
        fn band_always_contains_the_median(
            responses in proptest::collection::vec(arbitrary_response(), 1..12)
        ) {
            let q = Questionnaire::builtin().unwrap();
            for d in statistics(&q, &responses).dimensions {
                if let (Some(m), Some((lo, hi))) = (d.median, d.band) {
                    prop_assert!(lo <= m && m <= hi, "{lo} <= {m} <= {hi}");
                    prop_assert!((1.0..=5.0).contains(&lo) && (1.0..=5.0).contains(&hi));
                }
                prop_assert!((0.0..=1.0).contains(&d.dont_know_rate));
            }
        }
    }
}
