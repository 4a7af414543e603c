//! The same team over time (issue 13): a team's checks by date and a comparison of 2 to 4 of
//! them, one's own solo checks the same way, the team a check belongs to, and the experiments a
//! team plans at one check and looks back on at the next. The figures and the rules are the
//! core's (`teamshape_core::trend`, `csv`); this module only shows them.

use crate::browser::export::{download_png, download_text};
use crate::browser::now;
use crate::ui::is_dark;
use crate::ui::radar::RadarChart;
use crate::ui::route::Screen;
use crate::ui::state::{AppState, use_app};
use leptos::prelude::*;
use teamshape_core::csv;
use teamshape_core::format::file_name;
use teamshape_core::limits::MAX_NAME_UNITS;
use teamshape_core::questionnaire::Questionnaire;
use teamshape_core::radar::{self, LIGHT, Line, LineKind, Radar};
use teamshape_core::response::Response;
use teamshape_core::team::{
    Anonymity, Experiment, MAX_EXPERIMENTS, Outcome, Review, Rules, Team, TeamCheck,
};
use teamshape_core::time::Timestamp;
use teamshape_core::trend::{self, Change, Compared, Comparison, MAX_COMPARED};

/// One check in a comparison, as this device may show it.
#[derive(Clone, PartialEq)]
struct Entry {
    name: String,
    date: String,
    questionnaire: Questionnaire,
    /// Whose answers the figures include: nobody, while an anonymous check is not revealed here.
    respondents: Vec<Response>,
    rules: Rules,
}

impl Entry {
    fn label(&self) -> String {
        format!("{} · {}", self.date, self.name)
    }
}

/// A team check as its own page may show it (`AppState::shown`): hidden ones include nobody.
fn entry(app: AppState, check: &TeamCheck) -> (Entry, bool) {
    let shown = app.shown(check, false);
    let respondents = match &shown {
        Some(shown) => check
            .included(Some(&shown.ids))
            .into_iter()
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    (
        Entry {
            name: check.name.clone(),
            date: check.created_at.date().to_string(),
            questionnaire: app.questionnaire_of(&check.questionnaire),
            respondents,
            rules: check.rules(),
        },
        shown.is_none(),
    )
}

fn compare(entries: &[Entry]) -> Comparison {
    let compared: Vec<Compared> = entries
        .iter()
        .map(|e| Compared {
            questionnaire: &e.questionnaire,
            respondents: e.respondents.iter().collect(),
            rules: e.rules,
        })
        .collect();
    trend::compare(&compared)
}

fn radar_of(comparison: &Comparison) -> Radar {
    Radar {
        axes: comparison
            .questionnaire
            .dimensions
            .iter()
            .map(|d| d.title.clone())
            .collect(),
        dots: Vec::new(),
        lines: comparison
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| Line {
                kind: LineKind::Check(i),
                values: f
                    .dimensions
                    .iter()
                    .map(|d| d.shown.as_ref().map(|s| s.median))
                    .collect(),
            })
            .collect(),
    }
}

/// A team's page: its checks by date, its name, and the comparison of the checks picked.
#[component]
pub fn TeamHistory(team: String) -> impl IntoView {
    let app = use_app();
    let team = StoredValue::new(team);
    let history = Memo::new(move |_| {
        app.checks().with(|all| {
            trend::history(all, &team.get_value())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    if history.with_untracked(Vec::is_empty) {
        return view! {
            <h1 tabindex="-1">"There is no such team here"</h1>
            <p>"This device has no team check of this team. Import one of its team check files on the start page."</p>
            <p><a href="#/">"Go to the start"</a></p>
        }
        .into_any();
    }
    // The latest checks, up to four, are compared first.
    let picked = RwSignal::new(history.with_untracked(|h| {
        h.iter()
            .rev()
            .take(MAX_COMPARED)
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
    }));
    // Bumped when a check's results are revealed here, so its figures are read again.
    let revealed = RwSignal::new(0u32);
    let name = RwSignal::new(
        history.with_untracked(|h| h.last().map(|c| c.team.name.clone()).unwrap_or_default()),
    );
    let rename = move |_| {
        let new_name = name.get_untracked().trim().to_string();
        if new_name.is_empty() {
            app.say("Give the team a name first.");
            return;
        }
        for check in history.get_untracked() {
            app.edit_check(&check.id, |c| c.team.name = new_name.clone());
        }
        app.say(format!(
            "The team is now called \"{new_name}\" on this device."
        ));
    };
    let entries = Memo::new(move |_| {
        revealed.track();
        let picked = picked.get();
        history.with(|h| {
            h.iter()
                .filter(|c| picked.contains(&c.id))
                .map(|c| entry(app, c).0)
                .collect::<Vec<_>>()
        })
    });
    let experiments = Memo::new(move |_| history.with(|h| planned(h)));
    let title = move || history.with(|h| h.last().map(|c| c.team.name.clone()).unwrap_or_default());
    view! {
        <p class="eyebrow">"Team history"</p>
        <h1 tabindex="-1" data-testid="team-title">{title}</h1>
        <section aria-labelledby="checks-heading">
            <h2 id="checks-heading">"Its checks"</h2>
            <p class="hint no-print">"Pick 2 to 4 checks to compare."</p>
            <ul class="runs" data-testid="history-checks">
                {move || { revealed.track(); history.get() }.into_iter().map(|check| {
                    let id = StoredValue::new(check.id.clone());
                    let hidden = check.anonymity == Anonymity::Anonymous
                        && app.shown(&check, false).is_none();
                    let reveal = move |_| {
                        if let Some(c) = app.check(&id.get_value()) {
                            app.shown(&c, true);
                            revealed.update(|n| *n += 1);
                        }
                    };
                    let toggle = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        picked.update(|p| {
                            p.retain(|x| *x != id.get_value());
                            if on {
                                p.push(id.get_value());
                            }
                        });
                    };
                    view! {
                        <li data-testid="history-check">
                            <label>
                                <input type="checkbox" class="no-print"
                                    prop:checked=move || picked.with(|p| p.contains(&id.get_value()))
                                    on:change=toggle />
                                " " {check.created_at.date().to_string()} " · "
                            </label>
                            <a href=Screen::TeamCheck { check: check.id.clone() }.href()>{check.name.clone()}</a>
                            <span data-testid="history-people">" · " {crate::ui::team::people(check.respondents().count())}</span>
                            {hidden.then(|| view! {
                                " · " <button class="link" data-testid="history-reveal" on:click=reveal>"Results hidden on this device: show them"</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <Compare entries=entries.into() experiments=experiments.into() stem=Signal::derive(title)/>
        <section class="panel no-print" aria-labelledby="rename-heading">
            <h2 id="rename-heading">"The team's name"</h2>
            <p class="hint">"The name is the team's on this device; the team's id travels in its files, so another facilitator continues the same history."</p>
            <div class="actions">
                <label>"Name " <input type="text" data-testid="team-name" maxlength=MAX_NAME_UNITS
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <button data-testid="rename-team" on:click=rename>"Rename"</button>
            </div>
        </section>
    }
    .into_any()
}

/// Every experiment a team planned, with what became of it: (dimension, words for the table).
fn planned(history: &[TeamCheck]) -> Vec<(String, String)> {
    history
        .iter()
        .flat_map(|check| {
            check.experiments.iter().map(move |e| {
                let review = history
                    .iter()
                    .flat_map(|c| &c.reviews)
                    .find(|r| r.check == check.id && r.text == e.text);
                let outcome = match review {
                    Some(r) if r.note.is_empty() => format!(": {}", r.outcome.label()),
                    Some(r) => format!(": {} ({})", r.outcome.label(), r.note),
                    None => format!(", look back {}", e.look_back.date()),
                };
                (
                    e.dimension.clone(),
                    format!("“{}” (from {}{outcome})", e.text, check.created_at.date()),
                )
            })
        })
        .collect()
}

/// One's own solo checks on this device, compared the same way.
#[component]
pub fn MyHistory() -> impl IntoView {
    let app = use_app();
    let entries = Memo::new(move |_| {
        let mut list: Vec<Response> = app
            .responses()
            .get()
            .into_iter()
            .filter(|r| r.answered_count() > 0)
            .collect();
        list.sort_by(|a, b| a.started_at.cmp(&b.started_at));
        let skip = list.len().saturating_sub(MAX_COMPARED);
        list.into_iter()
            .skip(skip)
            .map(|r| Entry {
                name: "my answers".to_string(),
                date: r.started_at.date().to_string(),
                questionnaire: app.questionnaire_of(&r.questionnaire),
                respondents: vec![r],
                // One's own answers, on one's own device: nothing to hide from oneself.
                rules: Rules {
                    threshold: 1,
                    statement_answers: 1,
                },
            })
            .collect::<Vec<_>>()
    });
    view! {
        <p class="eyebrow">"My history"</p>
        <h1 tabindex="-1">"My checks over time"</h1>
        <p>"Your own checks on this device, the latest four, overlaid. Only you see them."</p>
        <Compare entries=entries.into() experiments=Signal::derive(Vec::new) stem=Signal::derive(|| "my checks".to_string())/>
    }
}

/// The overlaid radars, the table of changes and the downloads, for 2 to 4 entries.
#[component]
fn Compare(
    entries: Signal<Vec<Entry>>,
    experiments: Signal<Vec<(String, String)>>,
    stem: Signal<String>,
) -> impl IntoView {
    let app = use_app();
    let comparison = Memo::new(move |_| entries.with(|e| compare(e)));
    let radar = Signal::derive(move || comparison.with(radar_of));
    let summary = Signal::derive(move || {
        entries.with(|e| {
            format!(
                "Radar chart of {} checks overlaid, the team's median per dimension on a scale of 1 to 5: {}.",
                e.len(),
                e.iter().map(Entry::label).collect::<Vec<_>>().join("; ")
            )
        })
    });
    let save = move |kind: &'static str| {
        let (entries, comparison) = (entries.get_untracked(), comparison.get_untracked());
        let date = now();
        let name = |what: &str, ext: &str| {
            file_name(&format!("{} {what}", stem.get_untracked()), date.date())
                .replace(".json", ext)
        };
        let sheets: Vec<csv::Sheet> = entries
            .iter()
            .zip(&comparison.figures)
            .map(|(e, f)| csv::Sheet {
                check: &e.name,
                date: &e.date,
                questionnaire: &comparison.questionnaire,
                figures: f,
            })
            .collect();
        let outcome = match kind {
            "dimensions" => {
                let file = name("dimensions", ".csv");
                download_text(&file, &csv::dimensions(&sheets), "text/csv").map(|()| file)
            }
            "answers" => {
                let file = name("answers", ".csv");
                download_text(&file, &csv::answers(&sheets), "text/csv").map(|()| file)
            }
            _ => {
                // Slides are light: drawn with the light palette in any theme.
                let svg = match radar::draw(&radar_of(&comparison), &LIGHT, SLIDE) {
                    Ok(svg) => svg,
                    Err(problem) => return app.say(problem),
                };
                if kind == "svg" {
                    let file = name("radar", ".svg");
                    download_text(&file, &svg, "image/svg+xml").map(|()| file)
                } else {
                    let file = name("radar", ".png");
                    let said = file.clone();
                    download_png(file, &svg, (SLIDE * 4 / 3, SLIDE), 2, move |outcome| {
                        app.say(match outcome {
                            Ok(()) => format!("Downloaded {said}."),
                            Err(problem) => problem,
                        });
                    });
                    return;
                }
            }
        };
        app.say(match outcome {
            Ok(file) => format!("Downloaded {file}."),
            Err(problem) => problem,
        });
    };
    let table = move || {
        let entries = entries.get();
        let comparison = comparison.get();
        let experiments = experiments.get();
        let dimensions = comparison.questionnaire.dimensions.clone();
        view! {
            <div class="table-scroll" role="region" aria-label="Change per dimension" tabindex="0">
            <table class="scores" data-testid="trend-table">
                <caption>"Per dimension: each check's median (1 to 5) and the change from one check to the next"</caption>
                <thead><tr>
                    <th scope="col">"Dimension"</th>
                    {entries.iter().enumerate().map(|(i, e)| view! {
                        <th scope="col"><Swatch kind=LineKind::Check(i)/> " " {e.date.clone()}</th>
                    }).collect_view()}
                    {entries.windows(2).map(|pair| view! {
                        <th scope="col">{format!("{} → {}", pair[0].date, pair[1].date)}</th>
                    }).collect_view()}
                    <th scope="col">"Experiments"</th>
                </tr></thead>
                <tbody>
                    {dimensions.iter().enumerate().map(|(d, dimension)| view! {
                        <tr data-testid="trend-row">
                            <th scope="row">{dimension.title.clone()}</th>
                            {comparison.figures.iter().map(|f| {
                                let figure = &f.dimensions[d];
                                view! { <td>{match &figure.shown {
                                    Some(s) => format!("{:.1} ({})", s.median, crate::ui::team::people(figure.people)),
                                    None => "–".to_string(),
                                }}</td> }
                            }).collect_view()}
                            {comparison.changes[d].iter().map(|c| {
                                let class = match c {
                                    Change::Up(_) => "change up",
                                    Change::Down(_) => "change down",
                                    _ => "change",
                                };
                                view! { <td class=class data-testid="trend-change">{c.label()}</td> }
                            }).collect_view()}
                            <td data-testid="trend-experiments">
                                {experiments.iter().filter(|(id, _)| *id == dimension.id).map(|(_, text)| view! {
                                    <p>{text.clone()}</p>
                                }).collect_view()}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        }
    };
    view! {
        <section aria-labelledby="compare-heading" data-testid="compare">
            <h2 id="compare-heading">"Compared"</h2>
            {move || (entries.with(Vec::len) < 2).then(|| view! {
                <p class="note" data-testid="compare-few">"Pick at least two checks to compare."</p>
            })}
            {move || comparison.with(|c| c.shared_only).then(|| view! {
                <p class="note" data-testid="shared-only">
                    "These checks asked different statements: they are compared on the "
                    {comparison.with(|c| c.questionnaire.item_count())}
                    " statements they share, and every median here is from those alone."
                </p>
                <details class="shared-items" data-testid="shared-items">
                    <summary>"Which statements"</summary>
                    <ul>
                        {comparison.with(|c| {
                            c.questionnaire
                                .items()
                                .map(|(_, item)| view! { <li>{item.text.clone()}</li> })
                                .collect_view()
                        })}
                    </ul>
                </details>
            })}
            <div class="results-grid">
                <RadarChart radar summary present=false/>
                <ul class="legend" data-testid="compare-legend">
                    {move || entries.get().iter().enumerate().map(|(i, e)| view! {
                        <li><Swatch kind=LineKind::Check(i)/> " " {e.label()}</li>
                    }).collect_view()}
                </ul>
            </div>
            <p class="hint">
                "A change is shown only where both checks show the dimension and asked the same statements. "
                "A move of the median no larger than the spread of answers is \"within the spread\": not a change to claim."
            </p>
            {table}
            <div class="actions no-print">
                <button data-testid="csv-dimensions" on:click=move |_| save("dimensions")>"Download per dimension (CSV)"</button>
                <button data-testid="csv-answers" on:click=move |_| save("answers")>"Download per statement (CSV)"</button>
                <button data-testid="radar-svg" on:click=move |_| save("svg")>"Download the chart (SVG)"</button>
                <button data-testid="radar-png" on:click=move |_| save("png")>"Download the chart (PNG)"</button>
            </div>
        </section>
    }
}

/// The height of the chart in downloads, in pixels (the width is a third more); the PNG is
/// drawn at twice this, sharp on a slide.
const SLIDE: u32 = 600;

/// A line's swatch, as the chart draws it, in the theme's palette.
#[component]
fn Swatch(kind: LineKind) -> impl IntoView {
    let app = use_app();
    let svg = move || {
        let palette = if is_dark(app.settings().with(|s| s.theme)) {
            radar::DARK
        } else {
            LIGHT
        };
        radar::swatch(kind, &palette).unwrap_or_default()
    };
    view! { <span class="swatch" aria-hidden="true" inner_html=svg></span> }
}

/// On a team check's page: the team it belongs to, with a link to the team's history, and a
/// way to put it in another team of this device.
#[component]
pub fn TeamOf(check: String) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(check);
    let current = Signal::derive(move || app.check(&id.get_value()));
    let teams = Memo::new(move |_| {
        let mut teams: Vec<Team> = Vec::new();
        app.checks().with(|all| {
            for c in all.iter().rev() {
                if !teams.iter().any(|t| t.id == c.team.id) {
                    teams.push(c.team.clone());
                }
            }
        });
        teams
    });
    let change = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        let team = teams.with_untracked(|t| t.iter().find(|t| t.id == chosen).cloned());
        if let Some(team) = team {
            let name = team.name.clone();
            app.edit_check(&id.get_value(), |c| c.team = team);
            app.say(format!("This check now belongs to the team \"{name}\"."));
        }
    };
    move || {
        current.get().map(|check| {
            let count = app
                .checks()
                .with(|all| all.iter().filter(|c| c.team.id == check.team.id).count());
            let own = check.team.id.clone();
            view! {
                <p data-testid="team-of">
                    "Team: " <a href=Screen::History { team: check.team.id.clone() }.href() data-testid="team-history">
                        {check.team.name.clone()} " (" {count} {if count == 1 { " check" } else { " checks" }} ")"
                    </a>
                    {(teams.with(Vec::len) > 1).then(|| view! {
                        <label class="no-print">
                            " · Belongs to "
                            <select data-testid="team-select" on:change=change>
                                {teams.get().into_iter().map(|t| {
                                    let selected = t.id == own;
                                    view! { <option value=t.id.clone() selected=selected>{t.name.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    })}
                </p>
            }
        })
    }
}

/// On a team check's page: the experiments of the team's check before this one, to look back
/// on, and the 1 to 3 the team will try before its next check.
#[component]
pub fn Experiments(check: String) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(check);
    let current = Signal::derive(move || app.check(&id.get_value()));
    let earlier = Signal::derive(move || {
        let check = current.get()?;
        app.checks()
            .with(|all| trend::previous(all, &check).cloned())
    });
    let q = Memo::new(move |_| {
        current
            .get()
            .map(|c| app.questionnaire_of(&c.questionnaire))
    });
    let title = move |dimension: &str| {
        q.with(|q| {
            q.as_ref()
                .and_then(|q| q.dimensions.iter().find(|d| d.id == dimension))
                .map_or_else(|| dimension.to_string(), |d| d.title.clone())
        })
    };
    // The form for a new experiment.
    let dimension = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let look_back = RwSignal::new(String::new());
    let add = move |_| {
        let words = text.get_untracked().trim().to_string();
        let day = look_back.get_untracked();
        let dimension_id = match dimension.get_untracked() {
            d if d.is_empty() => q.with_untracked(|q| {
                q.as_ref()
                    .and_then(|q| q.dimensions.first())
                    .map(|d| d.id.clone())
                    .unwrap_or_default()
            }),
            d => d,
        };
        if words.is_empty() {
            app.say("Write what the team will try first.");
            return;
        }
        let Ok(look_back_at) = Timestamp::parse(&format!("{day}T00:00:00.000Z")) else {
            app.say("Pick the day to look back on it.");
            return;
        };
        let experiment = Experiment {
            dimension: dimension_id,
            text: words,
            look_back: look_back_at,
        };
        app.edit_check(&id.get_value(), |c| {
            if c.experiments.len() < MAX_EXPERIMENTS {
                c.experiments.push(experiment);
            }
        });
        text.set(String::new());
    };
    let remove = move |at: usize| {
        app.edit_check(&id.get_value(), |c| {
            if at < c.experiments.len() {
                c.experiments.remove(at);
            }
        });
    };
    view! {
        // The look back first: the team's next check opens with it.
        {move || {
            let (Some(check), Some(earlier)) = (current.get(), earlier.get()) else {
                return None;
            };
            let open: Vec<Experiment> = check.to_review(&earlier).into_iter().cloned().collect();
            let done = check.reviews.clone();
            (!open.is_empty() || !done.is_empty()).then(|| view! {
                <section class="panel" aria-labelledby="review-heading" data-testid="review">
                    <h2 id="review-heading">"What the team tried since " {earlier.created_at.date().to_string()}</h2>
                    {open.into_iter().enumerate().map(|(at, e)| {
                        let outcome = RwSignal::new(Outcome::Kept);
                        let note = RwSignal::new(String::new());
                        let planned_at = StoredValue::new(earlier.id.clone());
                        let e = StoredValue::new(e);
                        let save = move |_| {
                            let e = e.get_value();
                            let review = Review {
                                check: planned_at.get_value(),
                                dimension: e.dimension,
                                text: e.text,
                                outcome: outcome.get_untracked(),
                                note: note.get_untracked().trim().to_string(),
                            };
                            app.edit_check(&id.get_value(), |c| c.reviews.push(review));
                        };
                        let choice = move |value: Outcome, label: &'static str| view! {
                            <label>
                                <input type="radio" name=format!("outcome-{at}")
                                    prop:checked=move || outcome.get() == value
                                    on:change=move |_| outcome.set(value)/>
                                " " {label}
                            </label>
                        };
                        view! {
                            <div class="review" data-testid="review-open">
                                <p>"You planned to try “" {e.with_value(|e| e.text.clone())} "” (" {title(&e.with_value(|e| e.dimension.clone()))} "). What happened?"</p>
                                <fieldset>
                                    <legend class="visually-hidden">"What happened"</legend>
                                    {choice(Outcome::Kept, "Kept it")}
                                    {choice(Outcome::Changed, "Changed it")}
                                    {choice(Outcome::Dropped, "Dropped it")}
                                </fieldset>
                                <label>"Note " <input type="text" data-testid="review-note" maxlength=MAX_NAME_UNITS
                                    prop:value=note on:input=move |ev| note.set(event_target_value(&ev))/></label>
                                <button data-testid="review-save" on:click=save>"Save"</button>
                            </div>
                        }
                    }).collect_view()}
                    <ul data-testid="reviews">
                        {done.into_iter().map(|r| view! {
                            <li>"“" {r.text.clone()} "” (" {title(&r.dimension)} "): " {r.outcome.label()}
                                {(!r.note.is_empty()).then(|| format!(" — {}", r.note))}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
        <section class="panel" aria-labelledby="experiments-heading" data-testid="experiments">
            <h2 id="experiments-heading">"What we will try"</h2>
            <p class="hint">"Up to three experiments, each for one dimension, with a day to look back. The team's next check opens with them."</p>
            <ul data-testid="experiment-list">
                {move || current.get().map(|c| c.experiments.iter().enumerate().map(|(at, e)| view! {
                    <li>"“" {e.text.clone()} "” (" {title(&e.dimension)} ", look back " {e.look_back.date().to_string()} ") "
                        <button class="link no-print" on:click=move |_| remove(at)>"Remove"</button></li>
                }).collect_view())}
            </ul>
            {move || current.with(|c| c.as_ref().is_some_and(|c| c.experiments.len() < MAX_EXPERIMENTS)).then(|| view! {
                <div class="actions no-print">
                    <label>"Dimension "
                        <select data-testid="experiment-dimension" on:change=move |ev| dimension.set(event_target_value(&ev))>
                            {move || q.get().map(|q| q.dimensions.iter().map(|d| view! {
                                <option value=d.id.clone()>{d.title.clone()}</option>
                            }).collect_view())}
                        </select>
                    </label>
                    <label>"We will try " <input type="text" data-testid="experiment-text" maxlength=MAX_NAME_UNITS
                        prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/></label>
                    <label>"Look back on " <input type="date" data-testid="experiment-date"
                        prop:value=look_back on:input=move |ev| look_back.set(event_target_value(&ev))/></label>
                    <button data-testid="experiment-add" on:click=add>"Add"</button>
                </div>
            })}
        </section>
    }
}
