//! The intuitions part (issue 14): its inputs at the end of the survey, the team's figures on
//! the team page, and a person's own guesses against the team's figures on their results.
//! Reached only from split modules (survey, team, results), so none of it is in the first load.

use leptos::prelude::*;
use teamshape_core::intuitions::{
    self, Direction, IntuitionFigures, TOTAL_POINTS, is_finished, key, points_left, set_points,
};
use teamshape_core::questionnaire::{Questionnaire, SCALE_LABELS};
use teamshape_core::response::{Guess, Response};
use teamshape_core::team::{TeamCheck, TeamFigures};

/// Shares a person can guess: quick to pick with a thumb, coarse on purpose.
const SHARES: [(u8, &str); 5] = [
    (0, "None"),
    (25, "A few"),
    (50, "About half"),
    (75, "Most"),
    (100, "All"),
];
/// What "−" and "+" move a category by.
const STEP: u32 = 5;

fn number(response: &Option<Response>, key: &str) -> Option<u8> {
    match response.as_ref()?.guess(key) {
        Some(Guess::Number(n)) => Some(*n),
        _ => None,
    }
}

fn split(response: &Option<Response>, key: &str) -> teamshape_core::response::Points {
    match response.as_ref().and_then(|r| r.guess(key)) {
        Some(Guess::Split(points)) => points.clone(),
        _ => Default::default(),
    }
}

/// A row of radio buttons for one number: labelled, keyboard and thumb friendly like the scale.
#[component]
fn Pick(
    legend: String,
    name: String,
    key: String,
    /// (value, what shows on a phone, its words)
    choices: Vec<(u8, String, String)>,
    response: Signal<Option<Response>>,
    set_guess: Callback<(String, Option<Guess>)>,
) -> impl IntoView {
    let key = StoredValue::new(key);
    let current = move || response.with(|r| number(r, &key.get_value()));
    view! {
        <fieldset class="item" data-testid="pick" data-key=key.get_value()>
            <legend>{legend}</legend>
            <div class="scale">
                {choices.into_iter().map(|(value, short, label)| view! {
                    <label class="choice">
                        <input type="radio" name=name.clone() value=value
                            prop:checked=move || current() == Some(value)
                            on:change=move |_| set_guess.run((key.get_value(), Some(Guess::Number(value))))/>
                        <span class="n" aria-hidden="true">{short}</span>
                        <span class="t">{label}</span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The optional part, folded away: opening it is choosing to answer; leaving it closed skips it.
#[component]
pub fn IntuitionsPart(
    questionnaire: Questionnaire,
    response: Signal<Option<Response>>,
    set_guess: Callback<(String, Option<Guess>)>,
) -> impl IntoView {
    let Some(part) = questionnaire.intuitions.clone() else {
        return ().into_any();
    };
    let scale: Vec<(u8, String, String)> = (1..=5u8)
        .map(|v| {
            (
                v,
                v.to_string(),
                SCALE_LABELS[usize::from(v - 1)].to_string(),
            )
        })
        .collect();
    let shares: Vec<(u8, String, String)> = SHARES
        .iter()
        .map(|(v, l)| (*v, format!("{v}%"), l.to_string()))
        .collect();
    let predict = part.predict.map(|predict| {
        let dimensions = questionnaire
            .dimensions
            .iter()
            .map(|d| {
                view! {
                    <Pick legend=format!("{}: where will the team's middle answer be?", d.title)
                        name=format!("predict-{}", d.id) key=key::predict(&d.id)
                        choices=scale.clone() response set_guess/>
                }
            })
            .collect_view();
        let statements = predict
            .statements
            .iter()
            .filter_map(|id| questionnaire.item(id))
            .map(|item| {
                view! {
                    <Pick legend=format!("\u{201c}{}\u{201d} How many of the team will agree?", item.text)
                        name=format!("agree-{}", item.id) key=key::agree(&item.id)
                        choices=shares.clone() response set_guess/>
                }
            })
            .collect_view();
        view! {
            <h3>"Predict, then see"</h3>
            <p class="hint">"Guess where the team's answers will land. After the results are shown, only you see your guesses next to them."</p>
            <div class="items">{dimensions}{statements}</div>
        }
    });
    let time = part.time.map(|time| {
        let categories: Vec<(String, String)> = time
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.text.clone()))
            .collect();
        view! {
            <h3>{time.text.clone()}</h3>
            <p class="hint">"Give 100 points in all. You can stop half-way: an unfinished split is kept, and marked."</p>
            <PointsSplit title="What we planned" key=key::TIME_PLANNED categories=categories.clone() response set_guess/>
            <PointsSplit title="What happened" key=key::TIME_ACTUAL categories response set_guess/>
        }
    });
    let quiet = part.quiet.map(|quiet| {
        view! {
            <h3>"Who stays quiet"</h3>
            <div class="items">
                <Pick legend=quiet.text.clone() name="quiet-self".to_string() key=key::QUIET_SELF.to_string()
                    choices=vec![(1, "Yes".into(), "Yes".into()), (0, "No".into(), "No".into())] response set_guess/>
                <Pick legend=quiet.guess.clone() name="quiet-guess".to_string() key=key::QUIET_GUESS.to_string()
                    choices=shares.clone() response set_guess/>
            </div>
        }
    });
    view! {
        <details class="intuitions" data-testid="intuitions">
            <summary>"Your intuitions (optional, about 3 minutes)"</summary>
            <p>"What do you think the team will say, and where did the time go? Skip this part if you like: just leave it closed."</p>
            {predict}
            {time}
            {quiet}
        </details>
    }
    .into_any()
}

/// A constant-sum input: every category a number field with − and + for thumbs, the points left
/// always in view and read out as they change. The sum never goes above 100
/// (`intuitions::set_points`); anything under 100 is kept and marked unfinished.
#[component]
fn PointsSplit(
    title: &'static str,
    key: &'static str,
    categories: Vec<(String, String)>,
    response: Signal<Option<Response>>,
    set_guess: Callback<(String, Option<Guess>)>,
) -> impl IntoView {
    let points = move || response.with(|r| split(r, key));
    let put = move |category: &str, wanted: u32| {
        let mut now = points();
        set_points(&mut now, category, wanted);
        let value = (!now.is_empty()).then_some(Guess::Split(now));
        set_guess.run((key.to_string(), value));
    };
    let left_id = format!("{key}-left");
    let status = move || {
        let now = points();
        let left = points_left(&now);
        if is_finished(&now) {
            "All 100 points given".to_string()
        } else if now.is_empty() {
            format!("{TOTAL_POINTS} points left")
        } else {
            format!("Unfinished: {left} points left")
        }
    };
    view! {
        <fieldset class="item split" data-testid="split" data-key=key>
            <legend>{title}</legend>
            <p class="left" id=left_id.clone() aria-live="polite" data-testid="points-left"
                class:done=move || is_finished(&points())>{status}</p>
            {categories.into_iter().map(|(id, text)| {
                let input_id = format!("{key}-{id}");
                let id = StoredValue::new(id);
                let value = move || points().get(&id.get_value()).copied().unwrap_or(0);
                view! {
                    <div class="category">
                        <label for=input_id.clone()>{text.clone()}</label>
                        <div class="stepper">
                            <button type="button" aria-label=format!("{text}: 5 fewer")
                                on:click=move |_| put(&id.get_value(), u32::from(value()).saturating_sub(STEP))>"−"</button>
                            <input id=input_id type="number" inputmode="numeric" min="0" max="100" step="5"
                                aria-describedby=left_id.clone() data-category=id.get_value()
                                prop:value=move || value().to_string()
                                on:change=move |ev| {
                                    let typed = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                                    put(&id.get_value(), typed);
                                }/>
                            <button type="button" aria-label=format!("{text}: 5 more")
                                on:click=move |_| put(&id.get_value(), u32::from(value()) + STEP)>"+"</button>
                        </div>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

// ---- The team page ---------------------------------------------------------------------------

fn one_decimal(value: f64) -> String {
    format!("{value:.1}")
}

fn title_of(q: &Questionnaire, dimension: &str) -> String {
    q.dimensions
        .iter()
        .find(|d| d.id == dimension)
        .map_or_else(|| dimension.to_string(), |d| d.title.clone())
}

fn category_text(q: &Questionnaire, id: &str) -> String {
    q.intuitions
        .as_ref()
        .and_then(|p| p.time.as_ref())
        .and_then(|t| t.categories.iter().find(|c| c.id == id))
        .map_or_else(|| id.to_string(), |c| c.text.clone())
}

/// Width class of a bar for `points` of 100 (p0 to p20 in main.css: no style attributes).
fn share_class(kind: &str, points: f64) -> String {
    format!("share {kind} p{}", (points / 5.0).round().clamp(0.0, 20.0))
}

/// What the team sees of its intuitions, computed from the same respondents as `team`.
#[component]
pub fn IntuitionsTeam(
    q: Questionnaire,
    check: TeamCheck,
    ids: std::collections::BTreeSet<String>,
    team: TeamFigures,
) -> impl IntoView {
    if q.intuitions.is_none() {
        return ().into_any();
    }
    let included = check.included(Some(&ids));
    let shown = intuitions::figures(&q, &included, &team, check.rules());
    let threshold = check.rules().threshold;
    let predictions = (!shown.predictions.is_empty()).then(|| {
        view! {
            <h3>"How well we predicted ourselves"</h3>
            <table class="figures" data-testid="predictions">
                <thead><tr><th scope="col">"Dimension"</th><th scope="col">"Team's median"</th><th scope="col">"Guessed (median)"</th><th scope="col">"Gap"</th></tr></thead>
                <tbody>
                    {shown.predictions.iter().map(|p| {
                        let title = title_of(&q, &p.dimension);
                        match &p.shown {
                            Some(s) => view! {
                                <tr data-testid="prediction" class:surprise=s.surprise.is_some()>
                                    <th scope="row">{title}</th>
                                    <td>{one_decimal(s.result)}</td>
                                    <td>{one_decimal(s.guessed)}</td>
                                    <td>{format!("{:+.1}, {}", s.median_gap, s.direction.label())}
                                        {s.surprise.map(|d| view! { <strong>{format!(" · surprise: most {}", d.label())}</strong> })}</td>
                                </tr>
                            }.into_any(),
                            None => view! {
                                <tr data-testid="prediction-hidden">
                                    <th scope="row">{title}</th>
                                    <td colspan="3">{format!("{} guessed; shown once the dimension's results are, from {threshold}", p.people)}</td>
                                </tr>
                            }.into_any(),
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <ul class="guesses">
                {shown.statements.iter().filter_map(|s| {
                    let text = q.item(&s.item)?.text.clone();
                    let figures = s.shown.as_ref()?;
                    Some(view! {
                        <li data-testid="statement-guess">"\u{201c}" {text} "\u{201d} Guessed: "
                            {format!("{:.0}% would agree; {:.0}% of {} did.", figures.guessed, figures.agreed, figures.answers)}</li>
                    })
                }).collect_view()}
            </ul>
        }
    });
    let time = q.intuitions.as_ref().and_then(|p| p.time.as_ref()).map(|_| {
        let unfinished = (shown.time_unfinished > 0).then(|| {
            format!(
                " {} unfinished, not counted.",
                crate::ui::count(shown.time_unfinished, "split", "splits")
            )
        });
        if shown.time.is_empty() {
            return view! {
                <h3>"Where the time went"</h3>
                <p data-testid="time-hidden">{format!("Shown once {threshold} people have split all 100 points for both plan and reality.")} {unfinished}</p>
            }.into_any();
        }
        view! {
            <h3>"Where the time went"</h3>
            <p class="hint">"Median points of 100 per category, as planned and as it happened, with the spread (average distance from the median) below. Largest gap first."</p>
            <ul class="time-shares" data-testid="time">
                {shown.time.iter().map(|t| view! {
                    <li data-testid="time-category">
                        <span class="what">{category_text(&q, &t.category)}</span>
                        <span class="pair">
                            <span class="row"><span class="label">"Planned " {format!("{:.0}", t.planned)}</span><span class=share_class("planned", t.planned) aria-hidden="true"></span></span>
                            <span class="row"><span class="label">"Actual " {format!("{:.0}", t.actual)}</span><span class=share_class("actual", t.actual) aria-hidden="true"></span></span>
                        </span>
                        <span class="spread">{format!("gap {:+.0}; spread ±{:.0} / ±{:.0}", t.gap(), t.planned_spread, t.actual_spread)}</span>
                    </li>
                }).collect_view()}
            </ul>
            <p class="hint">{format!("From {} people.", shown.time_people)} {unfinished}</p>
        }.into_any()
    });
    let quiet = shown.quiet.as_ref().map(|quiet| match &quiet.shown {
        Some(s) => view! {
            <h3>"Who stays quiet"</h3>
            <p data-testid="quiet">
                {format!("{} of {} ({:.0}%) held back a concern or an idea at least once.", s.held_back, quiet.people, s.share)}
                {s.guessed.map(|g| format!(" People guessed {g:.0}% (median)."))}
            </p>
        }.into_any(),
        None => view! {
            <h3>"Who stays quiet"</h3>
            <p data-testid="quiet-hidden">{format!("{} answered; shown from {}.", quiet.people, check.rules().statement_answers.max(threshold))}</p>
        }.into_any(),
    });
    view! {
        <section class="intuitions-team" data-testid="intuitions-team">
            <h2>"Our intuitions"</h2>
            {predictions}
            {time}
            {quiet}
        </section>
    }
    .into_any()
}

// ---- One person's own view -------------------------------------------------------------------

/// A person's guesses next to the team's figures: shown on their own results only.
#[component]
pub fn OwnGuesses(
    q: Questionnaire,
    own: Response,
    check: TeamCheck,
    ids: std::collections::BTreeSet<String>,
) -> impl IntoView {
    let included = check.included(Some(&ids));
    let team = teamshape_core::team::figures(&q, &included, check.rules());
    let shown: IntuitionFigures = intuitions::figures(&q, &included, &team, check.rules());
    let mine = intuitions::own_view(&q, &own, &team, &shown);
    if mine.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="own-guesses" data-testid="own-guesses">
            <h2>"Your guesses and the team"</h2>
            <p class="hint">"Only you see this: your guesses are never shown to anyone else."</p>
            <ul>
                {mine.into_iter().map(|g| {
                    let what = if g.about == key::QUIET_GUESS {
                        "Held back at least once".to_string()
                    } else if let Some(item) = q.item(&g.about) {
                        format!("\u{201c}{}\u{201d} agree", item.text)
                    } else {
                        title_of(&q, &g.about)
                    };
                    let percent = q.item(&g.about).is_some() || g.about == key::QUIET_GUESS;
                    let show = |v: f64| if percent { format!("{v:.0}%") } else { one_decimal(v) };
                    let actual = g.actual.map_or_else(|| "not shown yet".to_string(), |a| format!("the team: {}", show(a)));
                    let side = match g.actual {
                        Some(a) if (g.guessed - a).abs() >= if percent { 25.0 } else { intuitions::CLEARLY } => {
                            if g.guessed > a { Direction::GuessedHigher.label() } else { Direction::GuessedLower.label() }
                        }
                        Some(_) => Direction::AboutRight.label(),
                        None => "",
                    };
                    view! { <li data-testid="own-guess">{what} ": you guessed " {show(g.guessed)} ", " {actual} {(!side.is_empty()).then(|| format!(" ({side})"))}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
