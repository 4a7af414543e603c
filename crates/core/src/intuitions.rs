//! The team's intuitions (issue 14): what people believe about their team next to what the team
//! says. Three kinds of question, all in a questionnaire's optional `intuitions` part:
//! - predict, then reveal: each person guesses each dimension's team median, and for a few
//!   statements how many of the team will agree;
//! - where the time goes: 100 points split over categories, planned and as it happened;
//! - who stays quiet: "I held back at least once" (yes/no) and a guess of how many did.
//!
//! A person's answers here are theirs alone: the team sees medians and counts under the same
//! anonymity rules as every other figure (`team::Rules`), computed from the same respondents
//! (`team::next_shown`), and one person's guesses are never part of any figure shown to others.
//! See docs/SCORING.md.

use super::questionnaire::Questionnaire;
use super::response::{Guess, Points, Response};
use super::team::{Rules, TeamFigures, average_deviation, median};
use serde::Serialize;

/// Points a time split shares out.
pub const TOTAL_POINTS: u8 = 100;
/// A guessed median this far or more from the team's, in points of the scale, is "clearly"
/// higher or lower: one whole step of the answer scale.
pub const CLEARLY: f64 = 1.0;
/// Predictions within this of the result count as about right (the median gap rounds to 0).
pub const ABOUT_RIGHT: f64 = 0.5;

/// Where each answer of the intuitions part is kept in a response (`Response::intuitions`).
pub mod key {
    /// The guessed team median of a dimension, 1 to 5.
    pub fn predict(dimension: &str) -> String {
        format!("predict.{dimension}")
    }
    /// The guessed share of the team agreeing with a statement, in percent.
    pub fn agree(item: &str) -> String {
        format!("agree.{item}")
    }
    /// 1: I held back a concern or an idea at least once; 0: I did not.
    pub const QUIET_SELF: &str = "quiet.self";
    /// The guessed share of the team who held back, in percent.
    pub const QUIET_GUESS: &str = "quiet.guess";
    /// The time split as planned and as it happened.
    pub const TIME_PLANNED: &str = "time.planned";
    pub const TIME_ACTUAL: &str = "time.actual";
}

/// Whether `key` is one `questionnaire` asks, and `guess` a possible answer to it: the reader
/// refuses anything else (`format`). `Err` says why in words.
pub fn check_guess(questionnaire: &Questionnaire, key: &str, guess: &Guess) -> Result<(), String> {
    let part = questionnaire.intuitions.as_ref();
    let predict = part.and_then(|p| p.predict.as_ref());
    let time = part.and_then(|p| p.time.as_ref());
    let quiet = part.is_some_and(|p| p.quiet.is_some());
    let range = if let Some(dimension) = key.strip_prefix("predict.") {
        (predict.is_some() && questionnaire.dimensions.iter().any(|d| d.id == dimension))
            .then_some(1..=5)
    } else if let Some(item) = key.strip_prefix("agree.") {
        predict
            .is_some_and(|p| p.statements.iter().any(|s| s == item))
            .then_some(0..=100)
    } else if key == key::QUIET_SELF {
        quiet.then_some(0..=1)
    } else if key == key::QUIET_GUESS {
        quiet.then_some(0..=100)
    } else if key == key::TIME_PLANNED || key == key::TIME_ACTUAL {
        let time = time
            .ok_or_else(|| format!("it answers \"{key}\", which its questionnaire does not ask"))?;
        return match guess {
            Guess::Split(points) => {
                if let Some(unknown) = points
                    .keys()
                    .find(|c| !time.categories.iter().any(|k| &k.id == *c))
                {
                    Err(format!("its time split names no category \"{unknown}\""))
                } else if points_sum(points) > u32::from(TOTAL_POINTS) {
                    Err(format!(
                        "its time split gives more than {TOTAL_POINTS} points"
                    ))
                } else {
                    Ok(())
                }
            }
            Guess::Number(_) => Err(format!("\"{key}\" is a split of points, not a number")),
        };
    } else {
        None
    };
    let range = range
        .ok_or_else(|| format!("it answers \"{key}\", which its questionnaire does not ask"))?;
    match guess {
        Guess::Number(n) if range.contains(n) => Ok(()),
        Guess::Number(n) => Err(format!(
            "\"{key}\" has {n}; it takes {} to {}",
            range.start(),
            range.end()
        )),
        Guess::Split(_) => Err(format!("\"{key}\" is a number, not a split of points")),
    }
}

// ---- The constant-sum input ------------------------------------------------------------------

/// The points given in a split, in all.
pub fn points_sum(points: &Points) -> u32 {
    points.values().map(|p| u32::from(*p)).sum()
}

/// Points still to give: "35 points left".
pub fn points_left(points: &Points) -> u8 {
    u8::try_from(u32::from(TOTAL_POINTS).saturating_sub(points_sum(points))).unwrap_or(0)
}

/// A split is finished when all 100 points are given; an unfinished one is kept (nothing typed
/// is lost) and marked, and left out of the team's figures.
pub fn is_finished(points: &Points) -> bool {
    points_sum(points) == u32::from(TOTAL_POINTS)
}

/// Sets one category's points, as typed or stepped: never more than the points left with this
/// category's own taken back, so the sum never goes above 100. Zero removes the category.
/// Returns the points actually given.
pub fn set_points(points: &mut Points, category: &str, wanted: u32) -> u8 {
    points.remove(category);
    let given = u8::try_from(wanted.min(u32::from(points_left(points)))).unwrap_or(0);
    if given > 0 {
        points.insert(category.to_string(), given);
    }
    given
}

// ---- Figures for the team --------------------------------------------------------------------

/// Which way the team's guesses missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The guesses' median is within `ABOUT_RIGHT` of the result.
    AboutRight,
    /// People expected the team to answer higher than it did.
    GuessedHigher,
    GuessedLower,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::AboutRight => "about right",
            Direction::GuessedHigher => "guessed higher",
            Direction::GuessedLower => "guessed lower",
        }
    }
}

/// What the team may see of its intuitions: every figure under `Rules`, from the same
/// respondents as the `TeamFigures` it is computed with. No field holds one person's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct IntuitionFigures {
    pub predictions: Vec<Prediction>,
    pub statements: Vec<StatementGuess>,
    /// Largest gap between plan and reality first.
    pub time: Vec<TimeShare>,
    /// Finished time splits (planned or actual) the figures use, and unfinished ones left out.
    pub time_people: usize,
    pub time_unfinished: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiet: Option<QuietFigures>,
}

/// How well the team predicted one dimension's median.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    pub dimension: String,
    /// People who guessed.
    pub people: usize,
    /// People still needed before anything is shown.
    #[serde(skip_serializing_if = "is_zero")]
    pub more_needed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown: Option<PredictionShown>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictionShown {
    /// The team's median for the dimension, and the median of the guesses.
    pub result: f64,
    pub guessed: f64,
    /// The median of (guess - result): positive when the team guessed itself higher.
    pub median_gap: f64,
    pub direction: Direction,
    /// Most people guessed clearly (`CLEARLY`) higher, or lower, than the team answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surprise: Option<Direction>,
}

/// Guessed agreement with a statement next to the share who did agree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementGuess {
    pub item: String,
    pub people: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown: Option<StatementShown>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementShown {
    /// Median guessed share, in percent.
    pub guessed: f64,
    /// Share who agreed (score 4 or 5), in percent, and of how many answers.
    pub agreed: f64,
    pub answers: usize,
}

/// One category of the time split: planned and actual medians with their spread, in points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeShare {
    pub category: String,
    pub planned: f64,
    pub planned_spread: f64,
    pub actual: f64,
    pub actual_spread: f64,
}

impl TimeShare {
    /// Actual minus planned, in points.
    pub fn gap(&self) -> f64 {
        self.actual - self.planned
    }
}

/// Who held back, next to what people guessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuietFigures {
    /// People who said yes or no.
    pub people: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown: Option<QuietShown>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuietShown {
    pub held_back: usize,
    /// Share who held back, in percent.
    pub share: f64,
    /// Median guessed share, in percent; `None` below the threshold of guesses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guessed: Option<f64>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn number(response: &Response, key: &str) -> Option<f64> {
    match response.guess(key) {
        Some(Guess::Number(n)) => Some(f64::from(*n)),
        _ => None,
    }
}

fn sorted(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_unstable_by(f64::total_cmp);
    values
}

/// The team's intuitions as `rules` let the team see them. `team` are the figures computed by
/// `team::figures` from the same `respondents`: a prediction is shown only where the
/// dimension's own figures are, and statement guesses only where its counts are.
pub fn figures(
    questionnaire: &Questionnaire,
    respondents: &[&Response],
    team: &TeamFigures,
    rules: Rules,
) -> IntuitionFigures {
    let Some(part) = &questionnaire.intuitions else {
        return IntuitionFigures::default();
    };
    let threshold = rules.threshold.max(1);
    let mut out = IntuitionFigures::default();
    if let Some(predict) = &part.predict {
        out.predictions = questionnaire
            .dimensions
            .iter()
            .zip(&team.dimensions)
            .map(|(dimension, shown)| {
                let key = key::predict(&dimension.id);
                let guesses = sorted(respondents.iter().filter_map(|r| number(r, &key)).collect());
                let people = guesses.len();
                let result = shown.shown.as_ref().map(|s| s.median);
                let shown = match result {
                    Some(result) if people >= threshold => {
                        let gaps = sorted(guesses.iter().map(|g| g - result).collect());
                        let median_gap = median(&gaps);
                        let higher = gaps.iter().filter(|g| **g >= CLEARLY).count();
                        let lower = gaps.iter().filter(|g| **g <= -CLEARLY).count();
                        Some(PredictionShown {
                            result,
                            guessed: median(&guesses),
                            median_gap,
                            direction: direction(median_gap),
                            surprise: if 2 * higher > people {
                                Some(Direction::GuessedHigher)
                            } else if 2 * lower > people {
                                Some(Direction::GuessedLower)
                            } else {
                                None
                            },
                        })
                    }
                    _ => None,
                };
                Prediction {
                    dimension: dimension.id.clone(),
                    people,
                    more_needed: threshold.saturating_sub(people),
                    shown,
                }
            })
            .collect();
        out.statements = predict
            .statements
            .iter()
            .map(|item| {
                let guesses = sorted(
                    respondents
                        .iter()
                        .filter_map(|r| number(r, &key::agree(item)))
                        .collect(),
                );
                let counts = team
                    .dimensions
                    .iter()
                    .filter_map(|d| d.shown.as_ref())
                    .flat_map(|d| &d.items)
                    .find(|i| &i.item == item)
                    .filter(|i| i.counts.is_some());
                let shown = match counts {
                    Some(figures) if guesses.len() >= threshold && figures.answers > 0 => {
                        let positive = figures.counts.as_ref().map_or(0, |c| c.positive);
                        Some(StatementShown {
                            guessed: median(&guesses),
                            agreed: 100.0 * positive as f64 / figures.answers as f64,
                            answers: figures.answers,
                        })
                    }
                    _ => None,
                };
                StatementGuess {
                    item: item.clone(),
                    people: guesses.len(),
                    shown,
                }
            })
            .collect();
    }
    if let Some(time) = &part.time {
        let splits = |key: &str| -> (Vec<&Points>, usize) {
            let all: Vec<&Points> = respondents
                .iter()
                .filter_map(|r| match r.guess(key) {
                    Some(Guess::Split(points)) if !points.is_empty() => Some(points),
                    _ => None,
                })
                .collect();
            let unfinished = all.iter().filter(|p| !is_finished(p)).count();
            (
                all.into_iter().filter(|p| is_finished(p)).collect(),
                unfinished,
            )
        };
        let (planned, planned_open) = splits(key::TIME_PLANNED);
        let (actual, actual_open) = splits(key::TIME_ACTUAL);
        out.time_people = planned.len().min(actual.len());
        out.time_unfinished = planned_open + actual_open;
        // Both sides from the threshold up: a gap needs a plan and a reality to compare.
        if planned.len() >= threshold && actual.len() >= threshold {
            let share = |splits: &[&Points], category: &str| {
                let values = sorted(
                    splits
                        .iter()
                        .map(|p| f64::from(p.get(category).copied().unwrap_or(0)))
                        .collect(),
                );
                (median(&values), average_deviation(&values))
            };
            out.time = time
                .categories
                .iter()
                .map(|c| {
                    let (planned, planned_spread) = share(&planned, &c.id);
                    let (actual, actual_spread) = share(&actual, &c.id);
                    TimeShare {
                        category: c.id.clone(),
                        planned,
                        planned_spread,
                        actual,
                        actual_spread,
                    }
                })
                .collect();
            // Stable: equal gaps keep the questionnaire's order.
            out.time
                .sort_by(|a, b| b.gap().abs().total_cmp(&a.gap().abs()));
        }
    }
    if part.quiet.is_some() {
        let said: Vec<f64> = respondents
            .iter()
            .filter_map(|r| number(r, key::QUIET_SELF))
            .collect();
        let guesses = sorted(
            respondents
                .iter()
                .filter_map(|r| number(r, key::QUIET_GUESS))
                .collect(),
        );
        let people = said.len();
        // A count of yes answers is a statement's count: it needs `statement_answers`.
        let shown = (people >= rules.statement_answers.max(threshold)).then(|| {
            let held_back = said.iter().filter(|v| **v >= 1.0).count();
            QuietShown {
                held_back,
                share: 100.0 * held_back as f64 / people as f64,
                guessed: (guesses.len() >= threshold).then(|| median(&guesses)),
            }
        });
        out.quiet = Some(QuietFigures { people, shown });
    }
    out
}

fn direction(gap: f64) -> Direction {
    if gap.abs() < ABOUT_RIGHT {
        Direction::AboutRight
    } else if gap > 0.0 {
        Direction::GuessedHigher
    } else {
        Direction::GuessedLower
    }
}

// ---- One person's own view -------------------------------------------------------------------

/// One of a person's own guesses next to the team's figure: for their eyes only, computed from
/// their own response and the figures the team may see anyway.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnGuess {
    /// A dimension id, an item id, or `key::QUIET_GUESS`.
    pub about: String,
    pub guessed: f64,
    /// The team's figure; `None` while the team's figure is not shown.
    pub actual: Option<f64>,
}

/// A person's guesses against what the team actually said, as far as the team's figures show it.
pub fn own_view(
    questionnaire: &Questionnaire,
    own: &Response,
    team: &TeamFigures,
    shown: &IntuitionFigures,
) -> Vec<OwnGuess> {
    let mut out: Vec<OwnGuess> = questionnaire
        .dimensions
        .iter()
        .zip(&team.dimensions)
        .filter_map(|(d, figures)| {
            Some(OwnGuess {
                about: d.id.clone(),
                guessed: number(own, &key::predict(&d.id))?,
                actual: figures.shown.as_ref().map(|s| s.median),
            })
        })
        .collect();
    for statement in &shown.statements {
        if let Some(guessed) = number(own, &key::agree(&statement.item)) {
            out.push(OwnGuess {
                about: statement.item.clone(),
                guessed,
                actual: statement.shown.as_ref().map(|s| s.agreed),
            });
        }
    }
    if let Some(guessed) = number(own, key::QUIET_GUESS) {
        out.push(OwnGuess {
            about: key::QUIET_GUESS.to_string(),
            guessed,
            actual: shown
                .quiet
                .as_ref()
                .and_then(|q| q.shown.as_ref())
                .map(|s| s.share),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::fixtures::q;
    use crate::format::{self, Document};
    use crate::response::Answer;
    use crate::team::{Anonymity, TeamCheck, next_shown};
    use crate::time::Timestamp;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn ts(minute: u32) -> Timestamp {
        Timestamp::parse(&format!("2026-05-01T10:{minute:02}:00.000Z")).unwrap()
    }

    fn categories(q: &Questionnaire) -> Vec<String> {
        let time = q.intuitions.as_ref().unwrap().time.as_ref().unwrap();
        time.categories.iter().map(|c| c.id.clone()).collect()
    }

    /// A person answering every statement `value` (reverse-worded ones 6 - value, so every
    /// item scores `value`), guessing `guess` for every dimension's median.
    fn person(q: &Questionnaire, id: &str, value: u8, guess: u8) -> Response {
        let mut r = Response::new(id.into(), q, ts(0));
        for (_, item) in q.items() {
            let v = if item.reverse { 6 - value } else { value };
            r.set_answer(&item.id, Some(Answer::Scale(v)), ts(1));
        }
        for d in &q.dimensions {
            r.set_guess(&key::predict(&d.id), Some(Guess::Number(guess)), ts(2));
        }
        r
    }

    fn split(q: &Questionnaire, points: &[u8]) -> Guess {
        Guess::Split(
            categories(q)
                .into_iter()
                .zip(points.iter().copied())
                .filter(|(_, p)| *p > 0)
                .collect(),
        )
    }

    fn anonymous(threshold: usize) -> Rules {
        Rules {
            threshold,
            statement_answers: threshold.max(crate::team::MIN_STATEMENT_ANSWERS),
        }
    }

    fn all(
        q: &Questionnaire,
        people: &[Response],
        rules: Rules,
    ) -> (TeamFigures, IntuitionFigures) {
        let refs: Vec<&Response> = people.iter().collect();
        let team = crate::team::figures(q, &refs, rules);
        let intuitions = figures(q, &refs, &team, rules);
        (team, intuitions)
    }

    #[test]
    fn only_what_the_questionnaire_asks_is_accepted_and_in_range() {
        let q = q();
        let d = &q.dimensions[0].id;
        let statements = &q
            .intuitions
            .as_ref()
            .unwrap()
            .predict
            .as_ref()
            .unwrap()
            .statements;
        let statement = &statements[0];
        assert!(check_guess(&q, &key::predict(d), &Guess::Number(3)).is_ok());
        assert!(check_guess(&q, &key::predict(d), &Guess::Number(0)).is_err());
        assert!(check_guess(&q, &key::predict(d), &Guess::Number(6)).is_err());
        assert!(check_guess(&q, &key::predict("nowhere"), &Guess::Number(3)).is_err());
        assert!(check_guess(&q, &key::agree(statement), &Guess::Number(100)).is_ok());
        assert!(check_guess(&q, &key::agree(statement), &Guess::Number(101)).is_err());
        // A statement not asked about takes no guess.
        let other = &q.dimensions[1].items[0].id;
        if !statements.contains(other) {
            assert!(check_guess(&q, &key::agree(other), &Guess::Number(50)).is_err());
        }
        assert!(check_guess(&q, key::QUIET_SELF, &Guess::Number(1)).is_ok());
        assert!(check_guess(&q, key::QUIET_SELF, &Guess::Number(2)).is_err());
        assert!(check_guess(&q, key::QUIET_GUESS, &Guess::Number(40)).is_ok());
        assert!(check_guess(&q, key::TIME_PLANNED, &split(&q, &[50, 50])).is_ok());
        assert!(check_guess(&q, key::TIME_PLANNED, &split(&q, &[60, 50])).is_err());
        assert!(check_guess(&q, key::TIME_ACTUAL, &Guess::Number(50)).is_err());
        let unknown = Guess::Split([("nowhere".to_string(), 10)].into());
        assert!(check_guess(&q, key::TIME_ACTUAL, &unknown).is_err());
        assert!(check_guess(&q, "something.else", &Guess::Number(1)).is_err());
        // A questionnaire without the part takes none of it.
        let v2 = Catalog::builtin()
            .unwrap()
            .find("teamshape-core", 2)
            .unwrap()
            .clone();
        assert!(check_guess(&v2, &key::predict(d), &Guess::Number(3)).is_err());
        assert!(check_guess(&v2, key::QUIET_SELF, &Guess::Number(1)).is_err());
    }

    #[test]
    fn a_bad_intuitions_part_is_told_why() {
        let mut q = q();
        let part = q.intuitions.as_mut().unwrap();
        part.predict
            .as_mut()
            .unwrap()
            .statements
            .push("no.such.item".into());
        let time = part.time.as_mut().unwrap();
        let first = time.categories[0].clone();
        time.categories.push(first);
        part.quiet.as_mut().unwrap().guess = " ".into();
        let problems = q.problems().join("; ");
        assert!(problems.contains("no.such.item"), "{problems}");
        assert!(problems.contains("used twice"), "{problems}");
        assert!(problems.contains("holding back"), "{problems}");
        q.intuitions
            .as_mut()
            .unwrap()
            .time
            .as_mut()
            .unwrap()
            .categories
            .truncate(1);
        assert!(q.problems().join(";").contains("categories"));
    }

    proptest! {
        /// The constant-sum input: whatever is typed or stepped, in any order, the sum never
        /// goes above 100, what is left is shown right, and an incomplete split is kept.
        #[test]
        fn the_sum_never_goes_above_100(steps in proptest::collection::vec((0usize..6, 0u32..400), 0..40)) {
            let q = q();
            let ids = categories(&q);
            let mut points = Points::new();
            for (category, wanted) in steps {
                let category = &ids[category % ids.len()];
                let others: u32 = points_sum(&points) - points.get(category).map_or(0, |p| u32::from(*p));
                let given = set_points(&mut points, category, wanted);
                prop_assert!(points_sum(&points) <= 100);
                prop_assert_eq!(u32::from(given), wanted.min(100 - others));
                prop_assert_eq!(u32::from(points_left(&points)) + points_sum(&points), 100);
                prop_assert_eq!(is_finished(&points), points_left(&points) == 0);
                prop_assert!(points.values().all(|p| *p > 0));
                prop_assert!(check_guess(&q, key::TIME_PLANNED, &Guess::Split(points.clone())).is_ok());
            }
        }

        /// Splits, finished or not, and guesses go through a file and come back the same; an
        /// unfinished split stays unfinished.
        #[test]
        fn splits_and_guesses_round_trip_through_files(
            planned in proptest::collection::vec(0u32..120, 6),
            actual in proptest::collection::vec(0u32..120, 6),
            guess in 1u8..=5,
            share in 0u8..=100,
            quiet in 0u8..=1,
        ) {
            let q = q();
            let ids = categories(&q);
            let mut r = person(&q, "r1", 3, guess);
            for (key, wanted) in [(key::TIME_PLANNED, &planned), (key::TIME_ACTUAL, &actual)] {
                let mut points = Points::new();
                for (category, w) in ids.iter().zip(wanted) {
                    set_points(&mut points, category, *w);
                }
                r.set_guess(key, Some(Guess::Split(points)), ts(3));
            }
            r.set_guess(key::QUIET_SELF, Some(Guess::Number(quiet)), ts(4));
            r.set_guess(key::QUIET_GUESS, Some(Guess::Number(share)), ts(4));
            r.set_guess(key::QUIET_GUESS, None, ts(5));
            let catalog = Catalog::builtin().unwrap();
            let text = format::write_response(&q, &r, None);
            let read = format::read("r.json", text.as_bytes(), &catalog).unwrap();
            prop_assert_eq!(&read.document, &Document::Response(r.clone()));
            if let Document::Response(back) = read.document {
                for key in [key::TIME_PLANNED, key::TIME_ACTUAL] {
                    let finished = |r: &Response| matches!(r.guess(key), Some(Guess::Split(p)) if is_finished(p));
                    prop_assert_eq!(finished(&back), finished(&r));
                }
                prop_assert!(back.guess(key::QUIET_GUESS).is_none());
            }
        }
    }

    #[test]
    fn the_team_sees_how_well_it_predicted_itself_and_its_surprises() {
        let q = q();
        // Five people answer 2 everywhere; four guess 4 (clearly higher), one guesses 2.
        let mut people: Vec<Response> = (0..5)
            .map(|i| person(&q, &format!("p{i}"), 2, if i == 0 { 2 } else { 4 }))
            .collect();
        let (team, shown) = all(&q, &people, anonymous(5));
        assert_eq!(shown.predictions.len(), q.dimensions.len());
        for p in &shown.predictions {
            let s = p.shown.as_ref().unwrap();
            assert_eq!((s.result, s.guessed, s.median_gap), (2.0, 4.0, 2.0));
            assert_eq!(s.direction, Direction::GuessedHigher);
            assert_eq!(s.surprise, Some(Direction::GuessedHigher));
        }
        assert!(team.any_shown());
        // Guesses spread both ways around the result: about right, no surprise.
        for (i, r) in people.iter_mut().enumerate() {
            for d in &q.dimensions {
                r.set_guess(
                    &key::predict(&d.id),
                    Some(Guess::Number([1, 2, 2, 3, 3][i])),
                    ts(9),
                );
            }
        }
        let (_, shown) = all(&q, &people, anonymous(5));
        let s = shown.predictions[0].shown.as_ref().unwrap();
        assert_eq!(
            (s.median_gap, s.direction, s.surprise),
            (0.0, Direction::AboutRight, None)
        );
        // Everyone guessed lower by at least a point: a surprise the other way.
        for r in &mut people {
            r.set_guess(
                &key::predict(&q.dimensions[0].id),
                Some(Guess::Number(1)),
                ts(10),
            );
        }
        let (_, shown) = all(&q, &people, anonymous(5));
        let s = shown.predictions[0].shown.as_ref().unwrap();
        assert_eq!(s.direction, Direction::GuessedLower);
        assert_eq!(s.surprise, Some(Direction::GuessedLower));
    }

    #[test]
    fn nothing_is_shown_below_the_threshold() {
        let q = q();
        let statement = q
            .intuitions
            .as_ref()
            .unwrap()
            .predict
            .as_ref()
            .unwrap()
            .statements[0]
            .clone();
        let mut people: Vec<Response> =
            (0..5).map(|i| person(&q, &format!("p{i}"), 4, 3)).collect();
        for (i, r) in people.iter_mut().enumerate() {
            r.set_guess(&key::agree(&statement), Some(Guess::Number(60)), ts(3));
            r.set_guess(key::QUIET_SELF, Some(Guess::Number(u8::from(i < 2))), ts(3));
            r.set_guess(key::QUIET_GUESS, Some(Guess::Number(20)), ts(3));
            r.set_guess(
                key::TIME_PLANNED,
                Some(split(&q, &[60, 10, 10, 10, 10])),
                ts(3),
            );
            r.set_guess(
                key::TIME_ACTUAL,
                Some(split(&q, &[30, 40, 10, 10, 10])),
                ts(3),
            );
        }
        // Four of five guess: with a threshold of five, no prediction shows, nor time or quiet.
        let mut four = people.clone();
        four[4].intuitions.clear();
        let (_, shown) = all(&q, &four, anonymous(5));
        assert!(
            shown
                .predictions
                .iter()
                .all(|p| p.shown.is_none() && p.more_needed == 1)
        );
        assert!(shown.statements.iter().all(|s| s.shown.is_none()));
        assert!(shown.time.is_empty());
        assert!(shown.quiet.as_ref().unwrap().shown.is_none());
        // All five: everything shows.
        let (_, shown) = all(&q, &people, anonymous(5));
        assert!(shown.predictions.iter().all(|p| p.shown.is_some()));
        let agree = shown
            .statements
            .iter()
            .find(|s| s.item == statement)
            .unwrap();
        let agree = agree.shown.as_ref().unwrap();
        assert_eq!(
            (agree.guessed, agree.agreed, agree.answers),
            (60.0, 100.0, 5)
        );
        let quiet = shown.quiet.as_ref().unwrap().shown.as_ref().unwrap();
        assert_eq!(
            (quiet.held_back, quiet.share, quiet.guessed),
            (2, 40.0, Some(20.0))
        );
        // Largest gap first: "unplanned" (+30) and "goal" (-30) before the rest (0).
        assert_eq!(shown.time.len(), categories(&q).len());
        assert_eq!(shown.time[0].gap().abs(), 30.0);
        assert_eq!(shown.time[1].gap().abs(), 30.0);
        assert!(shown.time[2..].iter().all(|t| t.gap() == 0.0));
        assert_eq!(shown.time_people, 5);
        // An unfinished split is left out of the figures, and counted as unfinished.
        let mut open = people.clone();
        open[0].set_guess(key::TIME_ACTUAL, Some(split(&q, &[30, 40])), ts(4));
        let (_, shown) = all(&q, &open, anonymous(5));
        assert!(shown.time.is_empty());
        assert_eq!(shown.time_unfinished, 1);
        // A dimension the team's figures do not show gets no prediction either, whatever the
        // number of guesses.
        for r in &mut people {
            for (_, item) in q.items().filter(|(d, _)| d.id == q.dimensions[0].id) {
                r.set_answer(&item.id, None, ts(5));
            }
        }
        let (team, shown) = all(&q, &people, anonymous(5));
        assert!(team.dimensions[0].shown.is_none());
        assert!(shown.predictions[0].shown.is_none());
        assert!(shown.predictions[1].shown.is_some());
    }

    #[test]
    fn one_persons_guess_is_never_readable() {
        let q = q();
        let mut check = TeamCheck::new("c".into(), "Team".into(), &q, Anonymity::Anonymous, ts(0));
        let five: Vec<Response> = (0..5).map(|i| person(&q, &format!("p{i}"), 3, 3)).collect();
        check.merge(five);
        let shown = next_shown(&q, &check, &BTreeSet::new());
        // A sixth person joins: the figures wait for a seventh, so comparing the page before
        // and after never shows the sixth person's guesses, whatever they are.
        let mut before = None;
        for guess in 1..=5 {
            let mut with_sixth = check.clone();
            with_sixth.merge([person(&q, "p6", 3, guess)]);
            let next = next_shown(&q, &with_sixth, &shown.ids);
            assert!(next.waiting);
            let included = with_sixth.included(Some(&next.ids));
            let team = crate::team::figures(&q, &included, with_sixth.rules());
            let figures = figures(&q, &included, &team, with_sixth.rules());
            if let Some(b) = &before {
                assert_eq!(b, &figures);
            }
            before = Some(figures);
        }
        // The figures hold no list of guesses: only medians, gaps and counts. Written out
        // (as in a team summary) no field holds a person's guess.
        let included = check.included(Some(&shown.ids));
        let team = crate::team::figures(&q, &included, check.rules());
        let json = serde_json::to_string(&figures(&q, &included, &team, check.rules())).unwrap();
        for field in ["\"guesses\"", "\"scores\"", "\"p0\"", "respondent"] {
            assert!(!json.contains(field), "{field} in {json}");
        }
        // A person's own view is made from their own response and the shown figures only.
        let mut mine = person(&q, "me", 3, 5);
        mine.set_guess(key::QUIET_GUESS, Some(Guess::Number(70)), ts(3));
        let intuitions = figures(&q, &included, &team, check.rules());
        let own = own_view(&q, &mine, &team, &intuitions);
        assert_eq!(own.len(), q.dimensions.len() + 1);
        assert!(
            own.iter()
                .take(q.dimensions.len())
                .all(|g| g.guessed == 5.0 && g.actual == Some(3.0))
        );
        // Nobody said whether they held back, so the team's share is not shown beside the guess.
        assert_eq!(
            own.last().map(|g| (g.guessed, g.actual)),
            Some((70.0, None))
        );
        // With fewer people than the threshold, one's own view shows one's guesses alone.
        let (few_team, few) = all(&q, &check.responses[..2], check.rules());
        assert!(
            own_view(&q, &mine, &few_team, &few)
                .iter()
                .all(|g| g.actual.is_none())
        );
    }

    #[test]
    fn merging_two_copies_keeps_the_later_guess_and_a_different_guess_is_another_person() {
        let q = q();
        let mut a = person(&q, "r", 3, 2);
        let mut b = a.clone();
        b.set_guess(
            &key::predict(&q.dimensions[0].id),
            Some(Guess::Number(5)),
            ts(30),
        );
        a.set_guess(key::QUIET_SELF, Some(Guess::Number(1)), ts(20));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert_eq!(
            ab.guess(&key::predict(&q.dimensions[0].id)),
            Some(&Guess::Number(5))
        );
        assert_eq!(ab.guess(key::QUIET_SELF), Some(&Guess::Number(1)));
        assert!(!crate::team::same_person(&a, &b, false));
        // A copy that only adds a guess is the same person going on.
        let mut more = a.clone();
        more.set_guess(key::QUIET_GUESS, Some(Guess::Number(10)), ts(40));
        assert!(crate::team::same_person(&a, &more, false));
        // Shared, an anonymous check keeps no time finer than the day for guesses either.
        let mut check = TeamCheck::new("c".into(), "T".into(), &q, Anonymity::Anonymous, ts(0));
        check.merge([a]);
        let shared = check.for_sharing();
        assert!(
            shared.responses[0]
                .intuitions
                .values()
                .all(|r| r.answered_at == r.answered_at.day())
        );
    }
}
