//! Results of one solo check: the radar, the same numbers as a table, and per dimension its
//! description and discussion prompts. Never a total, level or grade.

use crate::ui::radar::RadarChart;
use crate::ui::route::Screen;
use crate::ui::state::use_app;
use crate::ui::survey::StartOver;
use leptos::prelude::*;
use teamshape_core::questionnaire::Questionnaire;
use teamshape_core::radar::{Line, LineKind, Radar};
use teamshape_core::response::Response;
use teamshape_core::scoring::{DimensionScore, score};
use teamshape_core::team::{Shown, TeamCheck, figures};

/// Said wherever results are shown, so nobody goes looking for the missing grade.
pub const WHY_NO_GRADE: &str = "There is no total score or grade on purpose: a single number \
    invites a team to perform for it, while the shape and the differences start the conversation.";

pub fn format_score(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_string(), |s| format!("{s:.1}"))
}

/// "Highest: Trust (4.2). Lowest: Focus and flow (2.1)." plus what is missing.
pub fn solo_summary(questionnaire: &Questionnaire, scores: &[DimensionScore]) -> String {
    let named: Vec<(&str, f64)> = questionnaire
        .dimensions
        .iter()
        .zip(scores)
        .filter_map(|(d, s)| s.score.map(|v| (d.title.as_str(), v)))
        .collect();
    let Some(high) = named.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return "Radar chart with no answers yet.".to_string();
    };
    let low = named
        .iter()
        .copied()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(high);
    let mut text = format!(
        "Radar chart of {} dimensions on a scale of 1 to 5. Highest: {} ({:.1}). Lowest: {} ({:.1}).",
        scores.len(),
        high.0,
        high.1,
        low.0,
        low.1
    );
    let empty = scores.len() - named.len();
    if empty > 0 {
        text.push_str(&format!(" {empty} dimensions have no answers yet."));
    }
    text
}

#[component]
pub fn SoloResults(response: String) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(response.clone());
    let current = Signal::derive(move || app.response(&id.get_value()));
    if current.with_untracked(Option::is_none) {
        return view! {
            <h1 tabindex="-1">"These answers are not on this device"</h1>
            <p><a href="#/">"Go to the start"</a></p>
        }
        .into_any();
    }
    let questionnaire = current
        .with_untracked(|r| r.as_ref().map(|r| app.questionnaire_of(&r.questionnaire)))
        .unwrap_or_else(|| app.questionnaire());
    let q = StoredValue::new(questionnaire);
    // Derived, not memoised: each Memo type adds its own copy of the memo machinery to the wasm.
    let scores = Signal::derive(move || {
        current.with(|r| {
            r.as_ref()
                .map(|r| q.with_value(|q| score(q, r)))
                .unwrap_or_default()
        })
    });
    // Team checks on this device that hold this very response: "me vs. team" is possible.
    let teams = Signal::derive(move || {
        app.checks().with(|checks| {
            checks
                .iter()
                .filter(|c| c.responses.iter().any(|r| r.id == id.get_value()))
                .cloned()
                .collect::<Vec<TeamCheck>>()
        })
    });
    let compare_with = RwSignal::new(None::<String>);
    // Who the team's figures include, under the same rules as the team's page on this device.
    let compare_shown = RwSignal::new(None::<Shown>);
    let radar = Signal::derive(move || {
        q.with_value(|q| {
            let own = scores.with(|s| s.iter().map(|d| d.score).collect::<Vec<_>>());
            let axes = q.dimensions.iter().map(|d| d.title.clone()).collect();
            let team = compare_with
                .get()
                .and_then(|cid| teams.with(|t| t.iter().find(|c| c.id == cid).cloned()));
            let mut lines = vec![Line {
                kind: LineKind::Main,
                values: own.clone(),
            }];
            if let (Some(check), Some(shown)) = (team, compare_shown.get()) {
                let team = figures(q, &check.included(Some(&shown.ids)), check.rules());
                lines = vec![
                    Line {
                        kind: LineKind::Main,
                        values: team
                            .dimensions
                            .iter()
                            .map(|d| d.shown.as_ref().map(|s| s.median))
                            .collect(),
                    },
                    Line {
                        kind: LineKind::Me,
                        values: own,
                    },
                ];
            }
            Radar {
                axes,
                dots: Vec::new(),
                lines,
            }
        })
    });
    let summary = Signal::derive(move || {
        let base = q.with_value(|q| scores.with(|s| solo_summary(q, s)));
        if compare_with.get().is_some() {
            format!(
                "{base} Your answers (squares) are drawn against the team's median (circles), in \
                 the dimensions where enough people answered for it to be shown."
            )
        } else {
            base
        }
    });
    let download_file = move |_| {
        if let Some(response) = current.get_untracked() {
            app.download_response(&response);
        }
    };
    let total = q.with_value(|q| q.item_count());
    let missing = move || {
        let given: usize = scores.with(|s| {
            s.iter()
                .map(|d| d.answered + d.dont_know + d.doesnt_apply)
                .sum()
        });
        (given < total).then(|| {
            let empty: Vec<String> = q.with_value(|q| {
                scores.with(|s| {
                    q.dimensions
                        .iter()
                        .zip(s)
                        .filter(|(_, d)| d.score.is_none())
                        .map(|(d, _)| d.title.clone())
                        .collect()
                })
            });
            let mut text = format!("You have answered {given} of {total} statements, so this picture is partial.");
            if !empty.is_empty() {
                text.push_str(&format!(" No scores yet for: {}.", empty.join(", ")));
            }
            view! {
                <p class="note" data-testid="missing">
                    {text} " "
                    <a href=Screen::Survey { response: id.get_value(), dimension: 0 }.href()>"Go on answering"</a>
                </p>
            }
        })
    };

    view! {
        <h1 tabindex="-1">"The shape of your answers"</h1>
        <p class="why-no-grade" data-testid="why-no-grade">{WHY_NO_GRADE}</p>
        {missing}
        {move || {
            let list = teams.get();
            (!list.is_empty()).then(|| view! {
                <label class="no-print">
                    "Compare with a team check "
                    <select data-testid="compare" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let check = teams.with_untracked(|t| t.iter().find(|c| c.id == v).cloned());
                        compare_shown.set(check.and_then(|c| app.shown(&c, true)));
                        compare_with.set((!v.is_empty()).then_some(v));
                    }>
                        <option value="">"No comparison"</option>
                        {list.into_iter().map(|c| view! { <option value=c.id.clone()>{c.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            })
        }}
        <div class="results-grid">
            <RadarChart radar summary/>
            <ScoreTable scores q/>
        </div>
        <div class="actions no-print">
            <button class="primary" data-testid="download" on:click=download_file>"Download results (JSON)"</button>
            <a class="button" data-testid="share-answers" href=crate::ui::links::LinkScreen::Share { check: None, response: response.clone() }.href()>"Share my answers as a link"</a>
            <a class="button" href=Screen::Survey { response: response.clone(), dimension: 0 }.href()>"Change answers"</a>
            <button on:click=|_| { let _ = window().print(); }>"Print or save as PDF"</button>
            <a class="button" href=Screen::MyHistory.href() data-testid="my-history">"My checks over time"</a>
        </div>
        {move || {
            let check = compare_with.get().and_then(|cid| teams.with(|t| t.iter().find(|c| c.id == cid).cloned()))?;
            let ids = compare_shown.get()?.ids;
            let own = current.get()?;
            Some(view! { <crate::ui::intuitions::OwnGuesses q=q.get_value() own check ids/> })
        }}
        <DimensionDetails scores q response=current/>
        <StartOver/>
    }
    .into_any()
}

#[component]
fn ScoreTable(scores: Signal<Vec<DimensionScore>>, q: StoredValue<Questionnaire>) -> impl IntoView {
    view! {
        // Scrolls sideways on its own on a narrow screen; focusable, so keyboards can scroll it.
        <div class="table-scroll" role="region" aria-label="Score per dimension" tabindex="0">
        <table class="scores" data-testid="score-table">
            <caption>"Score per dimension (1 to 5; higher means more of what the dimension describes)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Dimension"</th>
                    <th scope="col">"Score"</th>
                    <th scope="col">"Answered"</th>
                    <th scope="col">"Don't know"</th>
                    <th scope="col">"Doesn't apply"</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    scores
                        .get()
                        .into_iter()
                        .map(|s| {
                            let title = q.with_value(|q| {
                                q.dimensions.iter().find(|d| d.id == s.dimension).map(|d| d.title.clone()).unwrap_or_default()
                            });
                            view! {
                                <tr>
                                    <th scope="row">{title}</th>
                                    <td>{format_score(s.score)}</td>
                                    <td>{s.answered} " of " {s.items}</td>
                                    <td>{s.dont_know}</td>
                                    <td>{s.doesnt_apply}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
        </div>
    }
}

#[component]
fn DimensionDetails(
    scores: Signal<Vec<DimensionScore>>,
    q: StoredValue<Questionnaire>,
    response: Signal<Option<Response>>,
) -> impl IntoView {
    let dimensions = q.with_value(|q| q.dimensions.clone());
    view! {
        <section class="dimensions" aria-labelledby="details-heading">
            <h2 id="details-heading">"Dimension by dimension"</h2>
            {dimensions
                .into_iter()
                .enumerate()
                .map(|(index, d)| {
                    let line = move || {
                        scores.with(|s| {
                            s.get(index).map(|s| {
                                let mut dk = if s.dont_know > 0 {
                                    format!(" {} answered \"Don't know\": worth asking what would make it knowable.", s.dont_know)
                                } else {
                                    String::new()
                                };
                                if s.doesnt_apply > 0 {
                                    dk.push_str(&format!(" {} answered \"Doesn't apply\".", s.doesnt_apply));
                                }
                                format!(
                                    "Score {} · {} of {} statements answered.{}",
                                    format_score(s.score),
                                    s.answered,
                                    s.items,
                                    dk
                                )
                            })
                        })
                    };
                    // What the person wrote beside this dimension's statements, in print too.
                    let items = d.items.clone();
                    let comments = move || {
                        response.with(|r| {
                            let r = r.as_ref()?;
                            let written: Vec<(String, String)> = items
                                .iter()
                                .map(|i| (i.text.clone(), r.comment(&i.id).trim().to_string()))
                                .filter(|(_, c)| !c.is_empty())
                                .collect();
                            (!written.is_empty()).then(|| view! {
                                <h4>"Your comments"</h4>
                                <ul class="own-comments" data-testid="own-comments">
                                    {written.into_iter().map(|(item, comment)| view! {
                                        <li><q>{item}</q> " " {comment}</li>
                                    }).collect_view()}
                                </ul>
                            })
                        })
                    };
                    view! {
                        <article class="dimension" data-testid="dimension">
                            <h3>{d.title.clone()}</h3>
                            <p class="dimension-score">{line}</p>
                            {comments}
                            <p>{d.description.clone()}</p>
                            <h4>"To talk about"</h4>
                            <ul class="prompts">
                                {d.prompts.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                            </ul>
                        </article>
                    }
                })
                .collect_view()}
        </section>
    }
}
