//! The same team over time: comparing two to four checks, dimension by dimension.
//!
//! A change is shown only where it means something (docs/SCORING.md, "Comparing checks"):
//! - both checks show figures there under their own anonymity rules (`team::figures`);
//! - both asked the same statements: across questionnaire versions only the statements they
//!   share are compared (`catalog::shared_items`), and scores are computed from those alone;
//! - a move of the median no larger than the spread (the larger of the two average deviations)
//!   is "within the spread", not an improvement or a decline;
//! - two checks that share respondents and differ by one person are not compared at all, so that
//!   the difference never is that person's answers (docs/PRIVACY.md).

use super::catalog::shared_items;
use super::questionnaire::{Dimension, Questionnaire};
use super::response::Response;
use super::team::{Rules, TeamCheck, TeamFigures, figures};
use std::collections::BTreeSet;

/// The most checks one comparison overlays: more lines make the radar unreadable.
pub const MAX_COMPARED: usize = 4;

/// One check to compare: its questionnaire, the respondents its page may show, and its rules.
pub struct Compared<'a> {
    pub questionnaire: &'a Questionnaire,
    pub respondents: Vec<&'a Response>,
    pub rules: Rules,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The dimensions compared, in the first check's order, holding only shared statements.
    pub questionnaire: Questionnaire,
    /// Whether the checks asked different statements: then only the shared ones are compared.
    pub shared_only: bool,
    /// Per check, its figures on the shared statements.
    pub figures: Vec<TeamFigures>,
    /// Per dimension, the change from each check to the next (`checks - 1` entries).
    pub changes: Vec<Vec<Change>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// The median moved by more than the spread.
    Up(f64),
    Down(f64),
    /// The median moved by no more than the spread: no change the team can claim.
    WithinSpread(f64),
    /// One of the two checks shows no figures here (anonymity threshold).
    NotShown,
    /// The two checks share respondents and differ by one person: never compared.
    OnePerson,
}

impl Change {
    /// An arrow and words for the table; the words carry the meaning, not the arrow.
    pub fn label(self) -> String {
        match self {
            Change::Up(d) => format!("↑ up {d:.1}"),
            Change::Down(d) => format!("↓ down {:.1}", d.abs()),
            Change::WithinSpread(d) => format!("≈ {d:+.1}, within the spread"),
            Change::NotShown => "– not enough people".to_string(),
            Change::OnePerson => "– differs by one person".to_string(),
        }
    }
}

/// The rule for "within the spread": a move of the median no larger than the larger average
/// deviation of the two checks is within the spread (docs/SCORING.md).
pub fn classify(before: (f64, f64), after: (f64, f64)) -> Change {
    let (median_before, spread_before) = before;
    let (median_after, spread_after) = after;
    let delta = median_after - median_before;
    // Rounded to the hundredth the page shows, so 0.1 + 0.2 compares like 0.3.
    let rounded = (delta * 100.0).round() / 100.0;
    if rounded.abs() <= (spread_before.max(spread_after) * 100.0).round() / 100.0 {
        Change::WithinSpread(delta)
    } else if delta > 0.0 {
        Change::Up(delta)
    } else {
        Change::Down(delta)
    }
}

/// The questionnaire of `a` restricted to the statements every one of `all` has. Dimensions left
/// with no statement are dropped. Returns it and whether anything was dropped.
pub fn shared(all: &[&Questionnaire]) -> (Questionnaire, bool) {
    let Some(first) = all.first() else {
        return (empty(), false);
    };
    let mut keep: BTreeSet<String> = first.items().map(|(_, i)| i.id.clone()).collect();
    for other in &all[1..] {
        keep = shared_items(first, other)
            .into_iter()
            .filter(|id| keep.contains(id))
            .collect();
    }
    let dimensions: Vec<Dimension> = first
        .dimensions
        .iter()
        .map(|d| Dimension {
            items: d
                .items
                .iter()
                .filter(|i| keep.contains(&i.id))
                .cloned()
                .collect(),
            ..d.clone()
        })
        .filter(|d| !d.items.is_empty())
        .collect();
    let shared_only =
        keep.len() != first.item_count() || all.iter().any(|q| q.item_count() != keep.len());
    (
        Questionnaire {
            dimensions,
            ..(*first).clone()
        },
        shared_only,
    )
}

fn empty() -> Questionnaire {
    Questionnaire {
        id: String::new(),
        version: 0,
        title: String::new(),
        description: String::new(),
        dimensions: Vec::new(),
        intuitions: None,
    }
}

/// Compares checks in the order given (oldest first): figures of each on the shared statements,
/// and the change from each to the next.
pub fn compare(checks: &[Compared]) -> Comparison {
    let questionnaires: Vec<&Questionnaire> = checks.iter().map(|c| c.questionnaire).collect();
    let (questionnaire, shared_only) = shared(&questionnaires);
    let figures: Vec<TeamFigures> = checks
        .iter()
        .map(|c| figures(&questionnaire, &c.respondents, c.rules))
        .collect();
    let one_person: Vec<bool> = checks
        .windows(2)
        .map(|pair| differ_by_one(&pair[0].respondents, &pair[1].respondents))
        .collect();
    let changes = (0..questionnaire.dimensions.len())
        .map(|d| {
            figures
                .windows(2)
                .zip(&one_person)
                .map(|(pair, one)| {
                    let (a, b) = (&pair[0].dimensions[d].shown, &pair[1].dimensions[d].shown);
                    match (a, b) {
                        _ if *one => Change::OnePerson,
                        (Some(a), Some(b)) => classify(
                            (a.median, a.average_deviation),
                            (b.median, b.average_deviation),
                        ),
                        _ => Change::NotShown,
                    }
                })
                .collect()
        })
        .collect();
    Comparison {
        questionnaire,
        shared_only,
        figures,
        changes,
    }
}

/// A team's checks, oldest first: every check with this team id.
pub fn history<'a>(checks: &'a [TeamCheck], team: &str) -> Vec<&'a TeamCheck> {
    let mut list: Vec<&TeamCheck> = checks.iter().filter(|c| c.team.id == team).collect();
    list.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
    list
}

/// The team's check just before `check`, whose experiments `check` opens with.
pub fn previous<'a>(checks: &'a [TeamCheck], check: &TeamCheck) -> Option<&'a TeamCheck> {
    let list = history(checks, &check.team.id);
    let at = list.iter().position(|c| c.id == check.id)?;
    at.checked_sub(1).map(|i| list[i])
}

/// Whether two sets of respondents share people and differ by exactly one: then the difference
/// between their figures would be that one person's answers.
pub fn differ_by_one(a: &[&Response], b: &[&Response]) -> bool {
    let a: BTreeSet<&str> = a.iter().map(|r| r.id.as_str()).collect();
    let b: BTreeSet<&str> = b.iter().map(|r| r.id.as_str()).collect();
    a.intersection(&b).next().is_some() && a.symmetric_difference(&b).count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{now, q, response};
    use crate::response::Answer;
    use crate::team::{Anonymity, TeamCheck};
    use crate::time::Timestamp;
    use proptest::prelude::*;

    fn check(q: &Questionnaire, prefix: &str, values: &[u8]) -> TeamCheck {
        let mut c = TeamCheck::new(prefix.into(), "T".into(), q, Anonymity::Anonymous, now());
        c.merge(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| response(q, &format!("{prefix}-{i:02}"), *v)),
        );
        c
    }

    fn compared<'a>(q: &'a Questionnaire, c: &'a TeamCheck) -> Compared<'a> {
        Compared {
            questionnaire: q,
            respondents: c.included(None),
            rules: c.rules(),
        }
    }

    #[test]
    fn a_clear_move_is_up_or_down_and_a_small_one_is_within_the_spread() {
        let q = q();
        let before = check(&q, "a", &[2, 2, 2, 2, 2]);
        let after = check(&q, "b", &[4, 4, 4, 4, 4]);
        let spread = check(&q, "c", &[1, 2, 3, 4, 5]);
        let result = compare(&[
            compared(&q, &before),
            compared(&q, &after),
            compared(&q, &spread),
        ]);
        assert!(!result.shared_only);
        assert_eq!(result.changes.len(), q.dimensions.len());
        for changes in &result.changes {
            assert_eq!(changes[0], Change::Up(2.0));
            // 4 → median 3 with people from 1 to 5 (average deviation 1.2): a drop of 1 is
            // within the spread.
            assert!(matches!(changes[1], Change::WithinSpread(d) if d == -1.0));
        }
        assert_eq!(classify((4.0, 0.2), (3.0, 0.4)), Change::Down(-1.0));
        assert!(Change::Up(0.5).label().contains("up 0.5"));
        assert!(
            Change::WithinSpread(0.3)
                .label()
                .contains("within the spread")
        );
    }

    #[test]
    fn no_change_is_shown_below_the_threshold() {
        let q = q();
        let few = check(&q, "a", &[1, 1]);
        let many = check(&q, "b", &[5, 5, 5, 5, 5]);
        let result = compare(&[compared(&q, &few), compared(&q, &many)]);
        assert!(
            result.figures[0]
                .dimensions
                .iter()
                .all(|d| d.shown.is_none())
        );
        assert!(result.changes.iter().all(|c| c[0] == Change::NotShown));
    }

    #[test]
    fn checks_that_differ_by_one_shared_person_are_never_compared() {
        let q = q();
        let all = check(&q, "a", &[1, 2, 3, 4, 5, 5]);
        let mut one_less = all.clone();
        one_less.responses.pop();
        let result = compare(&[compared(&q, &all), compared(&q, &one_less)]);
        assert!(result.changes.iter().all(|c| c[0] == Change::OnePerson));
        // Two people less, or other people altogether, compare as usual.
        let mut two_less = one_less.clone();
        two_less.responses.pop();
        let result = compare(&[compared(&q, &all), compared(&q, &two_less)]);
        assert!(result.changes.iter().all(|c| c[0] != Change::OnePerson));
    }

    #[test]
    fn across_versions_only_the_shared_statements_are_compared() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let v1 = catalog.find("teamshape-core", 1).unwrap();
        let v2 = catalog.find("teamshape-core", 2).unwrap();
        let ids = shared_items(v1, v2);
        assert!(!ids.is_empty() && ids.len() < v1.item_count());
        let (restricted, shared_only) = shared(&[v1, v2]);
        assert!(shared_only);
        let kept: Vec<String> = restricted.items().map(|(_, i)| i.id.clone()).collect();
        assert_eq!(kept, ids);
        // Answers to statements only one version has change nothing in the comparison.
        let old = check(v1, "a", &[3, 3, 3, 3, 3]);
        let mut new = check(v2, "b", &[3, 3, 3, 3, 3]);
        for r in &mut new.responses {
            for (_, item) in v2.items().filter(|(_, i)| !ids.contains(&i.id)) {
                let worst = if item.reverse { 5 } else { 1 };
                r.set_answer(&item.id, Some(Answer::Scale(worst)), now());
            }
        }
        let result = compare(&[compared(v1, &old), compared(v2, &new)]);
        for changes in &result.changes {
            assert_eq!(changes[0], Change::WithinSpread(0.0));
        }
        // The same questionnaire twice compares on everything.
        assert!(!shared(&[v2, v2]).1);
    }

    #[test]
    fn a_team_history_is_its_checks_by_date_and_each_opens_with_the_one_before() {
        let q = q();
        let mut list = vec![
            check(&q, "c3", &[3]),
            check(&q, "c1", &[3]),
            check(&q, "other", &[3]),
            check(&q, "c2", &[3]),
        ];
        for (i, c) in list.iter_mut().enumerate() {
            c.created_at = Timestamp::parse(&format!("2026-0{}-01T00:00:00Z", 9 - i)).unwrap();
            if c.id != "other" {
                c.team.id = "team".into();
            }
        }
        // Created: c3 in September, c1 in August, c2 in June: by date, c2, c1, c3.
        let ids: Vec<&str> = history(&list, "team")
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, ["c2", "c1", "c3"]);
        assert_eq!(previous(&list, &list[0]).map(|c| c.id.as_str()), Some("c1"));
        assert_eq!(previous(&list, &list[3]), None);
        assert_eq!(previous(&list, &list[2]), None, "a team of its own");
    }

    proptest! {
        #[test]
        fn within_the_spread_is_symmetric_and_never_claims_a_move_smaller_than_the_spread(
            a in 1.0f64..5.0, b in 1.0f64..5.0, sa in 0.0f64..2.0, sb in 0.0f64..2.0,
        ) {
            let forward = classify((a, sa), (b, sb));
            let back = classify((b, sb), (a, sa));
            match forward {
                Change::WithinSpread(_) => {
                    prop_assert!(matches!(back, Change::WithinSpread(_)));
                    prop_assert!((b - a).abs() <= sa.max(sb) + 0.01);
                }
                Change::Up(d) => {
                    prop_assert!(matches!(back, Change::Down(_)));
                    prop_assert!(d > sa.max(sb) - 0.01);
                }
                Change::Down(_) => prop_assert!(matches!(back, Change::Up(_))),
                _ => prop_assert!(false),
            }
        }
    }
}
