//! Scores one response, dimension by dimension. There is no total: dimensions are never added up.
//!
//! An item scores its scale value (1..=5), or `6 - value` when it is reverse-worded, so that a
//! higher score always means "more of the good thing". "Don't know", "Doesn't apply" and
//! unanswered items are left out of the score and counted separately. A dimension's score is the
//! mean of its item scores, given only when at least half of the statements that apply to the
//! respondent are answered on the scale: one answer out of six is too little to speak for a whole
//! dimension (docs/SCORING.md, "minimum evidence").

use super::questionnaire::{Dimension, Item, Questionnaire};
use super::response::{Answer, Response};
use serde::{Deserialize, Serialize};

/// One dimension's result for one respondent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionScore {
    pub dimension: String,
    /// Mean item score on 1..=5; `None` when fewer than half the items have a scale answer.
    pub score: Option<f64>,
    pub items: usize,
    /// Items with a scale answer (these make the score).
    pub answered: usize,
    pub dont_know: usize,
    /// "Doesn't apply": left out of the score, and of the statements a score needs half of.
    pub doesnt_apply: usize,
    pub unanswered: usize,
}

/// An item's score for an answer: `None` for "Don't know" and "Doesn't apply".
pub fn item_score(item: &Item, answer: Answer) -> Option<f64> {
    match answer {
        Answer::Scale(value) if (1..=5).contains(&value) => {
            let value = f64::from(value);
            Some(if item.reverse { 6.0 - value } else { value })
        }
        _ => None,
    }
}

/// Minimum evidence for a dimension score: at least half of its statements, and at least one.
pub fn has_enough_answers(answered: usize, items: usize) -> bool {
    answered > 0 && answered * 2 >= items
}

pub fn score_dimension(dimension: &Dimension, response: &Response) -> DimensionScore {
    let mut sum = 0.0;
    let (mut answered, mut dont_know, mut doesnt_apply) = (0, 0, 0);
    for item in &dimension.items {
        match response.answer(&item.id) {
            Some(Answer::DontKnow) => dont_know += 1,
            Some(Answer::DoesntApply) => doesnt_apply += 1,
            Some(answer) => {
                if let Some(score) = item_score(item, answer) {
                    sum += score;
                    answered += 1;
                }
            }
            None => {}
        }
    }
    DimensionScore {
        dimension: dimension.id.clone(),
        // A statement that does not apply to someone is not evidence they failed to give.
        score: has_enough_answers(answered, dimension.items.len() - doesnt_apply)
            .then(|| sum / answered as f64),
        items: dimension.items.len(),
        answered,
        dont_know,
        doesnt_apply,
        unanswered: dimension.items.len() - answered - dont_know - doesnt_apply,
    }
}

/// Scores every dimension, in questionnaire order.
pub fn score(questionnaire: &Questionnaire, response: &Response) -> Vec<DimensionScore> {
    questionnaire
        .dimensions
        .iter()
        .map(|dimension| score_dimension(dimension, response))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::now;
    use proptest::prelude::*;

    fn questionnaire() -> Questionnaire {
        Questionnaire::builtin().unwrap()
    }

    #[test]
    fn reverse_items_are_scored_reversed() {
        let q = questionnaire();
        let d = &q.dimensions[0];
        let reverse = d.items.iter().find(|i| i.reverse).unwrap();
        let forward = d.items.iter().find(|i| !i.reverse).unwrap();
        let mut r = Response::new("r".into(), &q, now());
        r.set_answer(&reverse.id, Some(Answer::Scale(1)), now());
        r.set_answer(&forward.id, Some(Answer::Scale(4)), now());
        // A dimension of just these two, so that both together are enough for a score.
        let pair = Dimension {
            items: vec![reverse.clone(), forward.clone()],
            ..d.clone()
        };
        let s = score_dimension(&pair, &r);
        assert_eq!(s.score, Some((5.0 + 4.0) / 2.0));
        assert_eq!(s.answered, 2);
    }

    #[test]
    fn dont_know_is_counted_but_not_scored() {
        let q = questionnaire();
        let d = &q.dimensions[1];
        let half = d.items.len().div_ceil(2);
        let mut r = Response::new("r".into(), &q, now());
        // Half the items answered so that each scores 2; one more is "Don't know".
        for item in &d.items[..half] {
            let value = if item.reverse { 4 } else { 2 };
            r.set_answer(&item.id, Some(Answer::Scale(value)), now());
        }
        r.set_answer(&d.items[half].id, Some(Answer::DontKnow), now());
        let s = score_dimension(d, &r);
        assert_eq!(s.score, Some(2.0));
        assert_eq!((s.answered, s.dont_know), (half, 1));
        assert_eq!(s.unanswered, d.items.len() - half - 1);
    }

    #[test]
    fn doesnt_apply_is_counted_apart_and_lowers_what_a_score_needs() {
        let q = questionnaire();
        let d = q.dimensions.iter().max_by_key(|d| d.items.len()).unwrap();
        let n = d.items.len();
        let mut r = Response::new("r".into(), &q, now());
        // One scale answer: too little for a score while every statement applies…
        let first = &d.items[0];
        r.set_answer(
            &first.id,
            Some(Answer::Scale(if first.reverse { 2 } else { 4 })),
            now(),
        );
        r.set_answer(&d.items[1].id, Some(Answer::DontKnow), now());
        assert_eq!(score_dimension(d, &r).score, None);
        // …but enough once all but one other statement do not apply.
        for item in &d.items[2..] {
            r.set_answer(&item.id, Some(Answer::DoesntApply), now());
        }
        let s = score_dimension(d, &r);
        assert_eq!(s.score, Some(4.0));
        assert_eq!((s.answered, s.dont_know, s.doesnt_apply), (1, 1, n - 2));
        assert_eq!(s.unanswered, 0);
        // "Don't know" is not "Doesn't apply": it still counts against the evidence.
        for item in &d.items[2..] {
            r.set_answer(&item.id, Some(Answer::DontKnow), now());
        }
        assert_eq!(score_dimension(d, &r).score, None);
        // Nothing applies: no score, and no division by zero.
        for item in &d.items {
            r.set_answer(&item.id, Some(Answer::DoesntApply), now());
        }
        let s = score_dimension(d, &r);
        assert_eq!((s.score, s.doesnt_apply), (None, n));
    }

    #[test]
    fn a_score_needs_half_the_statements_answered_on_the_scale() {
        let q = questionnaire();
        for d in &q.dimensions {
            let needed = d.items.len().div_ceil(2);
            let mut r = Response::new("r".into(), &q, now());
            for item in &d.items {
                r.set_answer(&item.id, Some(Answer::DontKnow), now());
            }
            for (given, item) in d.items.iter().enumerate() {
                let s = score_dimension(d, &r);
                assert_eq!(s.score.is_some(), given >= needed, "{} with {given}", d.id);
                r.set_answer(&item.id, Some(Answer::Scale(3)), now());
            }
            assert_eq!(score_dimension(d, &r).score, Some(3.0));
        }
        assert!(!has_enough_answers(0, 0));
        assert!(has_enough_answers(2, 4) && !has_enough_answers(2, 5));
    }

    #[test]
    fn partial_and_empty_responses_score_what_is_there() {
        let q = questionnaire();
        let r = Response::new("r".into(), &q, now());
        let scores = score(&q, &r);
        assert_eq!(scores.len(), q.dimensions.len());
        assert!(scores.iter().all(|s| s.score.is_none() && s.answered == 0));
        let mut only_dont_know = r.clone();
        for item in &q.dimensions[2].items {
            only_dont_know.set_answer(&item.id, Some(Answer::DontKnow), now());
        }
        let s = &score(&q, &only_dont_know)[2];
        assert_eq!(s.score, None);
        assert_eq!(s.dont_know, s.items);
    }

    proptest! {
        #[test]
        fn score_is_within_scale_and_counts_add_up(
            answers in proptest::collection::vec(proptest::option::of(0u8..=7), 40)
        ) {
            let q = questionnaire();
            let mut r = Response::new("r".into(), &q, now());
            for ((_, item), answer) in q.items().zip(&answers) {
                let answer = answer.map(|v| match v {
                    0 => Answer::DontKnow,
                    7 => Answer::DoesntApply,
                    v => Answer::Scale(v.min(5)),
                });
                r.set_answer(&item.id, answer, now());
            }
            for s in score(&q, &r) {
                prop_assert_eq!(s.answered + s.dont_know + s.doesnt_apply + s.unanswered, s.items);
                if let Some(v) = s.score {
                    prop_assert!((1.0..=5.0).contains(&v));
                }
            }
        }
    }
}
