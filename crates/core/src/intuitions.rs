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
use super::response::{Guess, Response};
use super::team::{Rules, TeamFigures, average_deviation, median};
use serde::Serialize;
use std::collections::BTreeMap;

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
pub fn points_sum(points: &BTreeMap<String, u8>) -> u32 {
    points.values().map(|p| u32::from(*p)).sum()
}

/// Points still to give: "35 points left".
pub fn points_left(points: &BTreeMap<String, u8>) -> u8 {
    u8::try_from(u32::from(TOTAL_POINTS).saturating_sub(points_sum(points))).unwrap_or(0)
}

/// A split is finished when all 100 points are given; an unfinished one is kept (nothing typed
/// is lost) and marked, and left out of the team's figures.
pub fn is_finished(points: &BTreeMap<String, u8>) -> bool {
    points_sum(points) == u32::from(TOTAL_POINTS)
}

/// Sets one category's points, as typed or stepped: never more than the points left with this
/// category's own taken back, so the sum never goes above 100. Zero removes the category.
/// Returns the points actually given.
pub fn set_points(points: &mut BTreeMap<String, u8>, category: &str, wanted: u32) -> u8 {
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
        let splits = |key: &str| -> (Vec<&BTreeMap<String, u8>>, usize) {
            let all: Vec<&BTreeMap<String, u8>> = respondents
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
            let share = |splits: &[&BTreeMap<String, u8>], category: &str| {
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
