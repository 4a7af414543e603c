//! CSV downloads for spreadsheets: RFC 4180 (fields quoted when they need it, quotes doubled,
//! CRLF line ends), and no text cell a spreadsheet would run as a formula.
//!
//! Every figure comes from `team::figures`, so a CSV never shows what the team's page hides:
//! below the anonymity threshold the cells are empty.

use super::questionnaire::{DOESNT_APPLY_LABEL, DONT_KNOW_LABEL, Questionnaire, SCALE_LABELS};
use super::team::TeamFigures;

/// One check in a download: how it is named, its day, its questionnaire and its figures.
pub struct Sheet<'a> {
    pub check: &'a str,
    pub date: &'a str,
    pub questionnaire: &'a Questionnaire,
    pub figures: &'a TeamFigures,
}

/// A text cell. Text starting with `=`, `+`, `-`, `@` (or a tab or carriage return, which some
/// spreadsheets skip before looking) would be run as a formula when the file is opened (OWASP,
/// "CSV injection"): it gets a leading `'`, which spreadsheets show as text. Quoted when it
/// holds a comma, a quote or a line break.
pub fn text(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A number cell: written as a number (never guarded: `-0.5` is a number, not a formula).
fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    format!("{rounded}")
}

fn row(cells: &[String]) -> String {
    let mut line = cells.join(",");
    line.push_str("\r\n");
    line
}

/// One row per check × dimension: people with a score there, and, where the anonymity rules
/// let the page show them, the median, the spread (average deviation) and the "Don't know"
/// and "Doesn't apply" counts.
pub fn dimensions(sheets: &[Sheet]) -> String {
    let mut out = row(&[
        "check",
        "date",
        "dimension",
        "people",
        "median",
        "spread",
        "dont_know",
        "doesnt_apply",
    ]
    .map(String::from));
    for sheet in sheets {
        for (dimension, figures) in sheet
            .questionnaire
            .dimensions
            .iter()
            .zip(&sheet.figures.dimensions)
        {
            let shown = figures.shown.as_ref();
            out.push_str(&row(&[
                text(sheet.check),
                text(sheet.date),
                text(&dimension.title),
                figures.people.to_string(),
                shown.map_or(String::new(), |s| number(s.median)),
                shown.map_or(String::new(), |s| number(s.average_deviation)),
                shown.map_or(String::new(), |s| s.dont_know.to_string()),
                shown.map_or(String::new(), |s| s.doesnt_apply.to_string()),
            ]));
        }
    }
    out
}

/// One row per check × statement × answer (the five points of the scale, "Don't know" and
/// "Doesn't apply"), with how many gave it: empty where the statement has too few answers to
/// show counts.
pub fn answers(sheets: &[Sheet]) -> String {
    let mut out =
        row(&["check", "date", "dimension", "statement", "answer", "count"].map(String::from));
    for sheet in sheets {
        for (dimension, figures) in sheet
            .questionnaire
            .dimensions
            .iter()
            .zip(&sheet.figures.dimensions)
        {
            for item in &dimension.items {
                let counts = figures
                    .shown
                    .as_ref()
                    .and_then(|s| s.items.iter().find(|i| i.item == item.id))
                    .and_then(|i| i.counts.as_ref());
                let labels = SCALE_LABELS
                    .iter()
                    .copied()
                    .chain([DONT_KNOW_LABEL, DOESNT_APPLY_LABEL]);
                for (at, label) in labels.enumerate() {
                    let count = counts.map(|c| match at {
                        0..5 => c.scale[at],
                        5 => c.dont_know,
                        _ => c.doesnt_apply,
                    });
                    out.push_str(&row(&[
                        text(sheet.check),
                        text(sheet.date),
                        text(&dimension.title),
                        text(&item.text),
                        text(label),
                        count.map_or(String::new(), |n| n.to_string()),
                    ]));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::now;
    use crate::response::{Answer, Response};
    use crate::team::{Anonymity, TeamCheck, figures};
    use proptest::prelude::*;

    /// A minimal RFC 4180 reader: what a spreadsheet does with the file.
    fn parse(csv: &str) -> Vec<Vec<String>> {
        let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
        let mut chars = csv.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        assert!(field.is_empty() && row.is_empty(), "ends with CRLF");
        rows
    }

    #[test]
    fn formulas_are_guarded_and_special_characters_quoted() {
        assert_eq!(text("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-2+3"), "'-2+3");
        assert_eq!(text("@cmd"), "'@cmd");
        assert_eq!(text("\t=1"), "'\t=1");
        assert_eq!(text("a, b"), "\"a, b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text("two\nlines"), "\"two\nlines\"");
        assert_eq!(text("plain"), "plain");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.0 / 3.0), "0.67");
    }

    proptest! {
        #[test]
        fn any_text_reads_back_as_itself_or_guarded(value in "\\PC*") {
            let rows = parse(&row(&[text(&value), text("x")]));
            prop_assert_eq!(rows.len(), 1);
            let cell = &rows[0][0];
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
            let expected = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{value}")
            } else {
                value.clone()
            };
            prop_assert_eq!(cell, &expected);
        }
    }

    fn team(q: &Questionnaire, people: usize) -> TeamCheck {
        let mut c = TeamCheck::new("c".into(), "=T".into(), q, Anonymity::Anonymous, now());
        c.merge((0..people).map(|i| {
            let mut r = Response::new(format!("r{i}"), q, now());
            for (n, (_, item)) in q.items().enumerate() {
                let answer = match (n + i) % 7 {
                    5 => Answer::DontKnow,
                    6 => Answer::DoesntApply,
                    v => Answer::Scale(v as u8 + 1),
                };
                r.set_answer(&item.id, Some(answer), now());
            }
            r
        }));
        c
    }

    #[test]
    fn one_row_per_check_and_dimension_with_figures_only_above_the_threshold() {
        let q = Questionnaire::builtin().unwrap();
        let (big, small) = (team(&q, 6), team(&q, 2));
        let big_figures = figures(&q, &big.included(None), big.rules());
        let small_figures = figures(&q, &small.included(None), small.rules());
        let sheets = [
            Sheet {
                check: &big.name,
                date: "2026-01-01",
                questionnaire: &q,
                figures: &big_figures,
            },
            Sheet {
                check: "Small, team",
                date: "2026-04-01",
                questionnaire: &q,
                figures: &small_figures,
            },
        ];
        let rows = parse(&dimensions(&sheets));
        assert_eq!(rows.len(), 1 + 2 * q.dimensions.len());
        assert_eq!(rows[0][4], "median");
        for (row, (d, f)) in rows[1..]
            .iter()
            .zip(q.dimensions.iter().zip(&big_figures.dimensions))
        {
            assert_eq!(row[0], "'=T", "guarded");
            assert_eq!(row[2], d.title);
            let shown = f.shown.as_ref().unwrap();
            assert_eq!(row[3], f.people.to_string());
            assert_eq!(
                row[4].parse::<f64>().unwrap(),
                (shown.median * 100.0).round() / 100.0
            );
            assert_eq!(row[6], shown.dont_know.to_string());
            assert_eq!(row[7], shown.doesnt_apply.to_string());
        }
        for row in &rows[1 + q.dimensions.len()..] {
            assert_eq!(row[0], "Small, team");
            assert_eq!(row[3], "2");
            assert!(
                row[4..].iter().all(String::is_empty),
                "hidden below the threshold"
            );
        }
    }

    #[test]
    fn one_row_per_check_statement_and_answer_with_counts_that_add_up() {
        let q = Questionnaire::builtin().unwrap();
        let (big, small) = (team(&q, 6), team(&q, 2));
        let big_figures = figures(&q, &big.included(None), big.rules());
        let small_figures = figures(&q, &small.included(None), small.rules());
        let sheets = [
            Sheet {
                check: "big",
                date: "d",
                questionnaire: &q,
                figures: &big_figures,
            },
            Sheet {
                check: "small",
                date: "d",
                questionnaire: &q,
                figures: &small_figures,
            },
        ];
        let rows = parse(&answers(&sheets));
        let per_check = q.item_count() * (SCALE_LABELS.len() + 2);
        assert_eq!(rows.len(), 1 + 2 * per_check);
        // Each statement with counts: the counts add up to the people who answered it.
        let mut with_counts = 0;
        for statement in rows[1..=per_check].chunks(SCALE_LABELS.len() + 2) {
            let counts: Vec<usize> = statement.iter().filter_map(|r| r[5].parse().ok()).collect();
            if !counts.is_empty() {
                with_counts += 1;
                assert_eq!(counts.iter().sum::<usize>(), 6);
            }
        }
        assert!(with_counts > 0);
        assert!(rows[1 + per_check..].iter().all(|r| r[5].is_empty()));
    }
}
