//! Team checks: create one, fill it together on one device (with a hand-over screen between
//! people), import the files of people who filled it apart, and see the team's shape.

use super::navigate;
use super::results::RadarChart;
use super::route::Screen;
use super::state::{AppState, kept_apart, use_app};
use super::survey::Survey;
use crate::browser::files::{read as read_file, take};
use crate::browser::{self, download, new_id, now};
use crate::domain::format::{self, Document};
use crate::domain::limits::MAX_NAME_UNITS;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::radar::{Line, LineKind, Radar};
use crate::domain::response::{Answer, Response};
use crate::domain::scoring;
use crate::domain::team::{
    Anonymity, DEFAULT_ANONYMITY_THRESHOLD, Merged, TeamCheck, TeamStatistics, agreement,
    statistics, widest_spread,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn not_here() -> AnyView {
    view! {
        <h1 tabindex="-1">"This team check is not on this device"</h1>
        <p>"It may have been deleted, or made in another browser. Its file can be imported from the start page."</p>
        <p><a href="#/">"Go to the start"</a></p>
    }
    .into_any()
}

#[component]
pub fn NewTeamCheck() -> impl IntoView {
    let app = use_app();
    let name = RwSignal::new(String::new());
    let anonymity = RwSignal::new(Anonymity::Anonymous);
    let threshold = RwSignal::new(DEFAULT_ANONYMITY_THRESHOLD.to_string());
    let problem = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = name.get_untracked().trim().to_string();
        if title.is_empty() {
            problem.set(Some(
                "Give the team check a name, for example \"Platform team, Q3\".".into(),
            ));
            return;
        }
        let Ok(min) = threshold.get_untracked().trim().parse::<usize>() else {
            problem.set(Some(
                "The anonymity threshold must be a whole number, such as 3.".into(),
            ));
            return;
        };
        if !(2..=50).contains(&min) {
            problem.set(Some(
                "The anonymity threshold must be between 2 and 50.".into(),
            ));
            return;
        }
        let id = app.create_check(title, anonymity.get_untracked(), min);
        navigate(&Screen::TeamCheck { check: id });
    };
    view! {
        <h1 tabindex="-1">"Create a team check"</h1>
        <p>
            "A team check gathers everyone's answers: filled together on this device, "
            "or filled apart and imported as files. Nothing leaves this browser."
        </p>
        <form class="stack" on:submit=create>
            <label for="check-name">"Name"</label>
            <input
                id="check-name"
                type="text"
                data-testid="check-name"
                placeholder="Platform team, Q3"
                maxlength=MAX_NAME_UNITS
                prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <fieldset class="choice-list">
                <legend>"Anonymity (cannot be changed later)"</legend>
                <label>
                    <input
                        type="radio"
                        name="anonymity"
                        data-testid="anonymous"
                        prop:checked=move || anonymity.get() == Anonymity::Anonymous
                        on:change=move |_| anonymity.set(Anonymity::Anonymous)
                    />
                    " Anonymous: no names are stored, people are \"Respondent 1, 2, …\", and only "
                    "distributions are shown, never one person's answers."
                </label>
                <label>
                    <input
                        type="radio"
                        name="anonymity"
                        data-testid="named"
                        prop:checked=move || anonymity.get() == Anonymity::Named
                        on:change=move |_| anonymity.set(Anonymity::Named)
                    />
                    " Named: people enter their name, and each person's shape can be shown on the radar."
                </label>
            </fieldset>
            <label for="threshold">"Show spread only from this many respondents (anonymous checks)"</label>
            <input
                id="threshold"
                type="number"
                min="2"
                max="50"
                prop:value=threshold
                on:input=move |ev| threshold.set(event_target_value(&ev))
            />
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <div class="actions">
                <button class="primary" type="submit" data-testid="create-check">"Create team check"</button>
                <a class="button" href="#/">"Cancel"</a>
            </div>
        </form>
    }
}

/// Starts a respondent on this device and opens their first dimension.
fn add_respondent(app: AppState, check_id: &str, name: Option<String>) {
    let mut response = app
        .questionnaire
        .with_value(|q| Response::new(new_id(), q, now()));
    response.respondent = name;
    let response_id = response.id.clone();
    app.edit_check(check_id, |c| {
        c.merge([response]);
    });
    browser::set_filling(Some(&response_id));
    navigate(&Screen::TeamSurvey {
        check: check_id.to_string(),
        response: response_id,
        dimension: 0,
    });
}

#[component]
pub fn TeamCheckPage(check: String) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(check.clone());
    let current = Signal::derive(move || app.check(&id.get_value()));
    if current.with_untracked(Option::is_none) {
        return not_here();
    }
    let respondent_name = RwSignal::new(String::new());
    let named =
        move || current.with(|c| c.as_ref().is_some_and(|c| c.anonymity == Anonymity::Named));
    let add = move |_| {
        let name = respondent_name.get_untracked().trim().to_string();
        if named() && name.is_empty() {
            app.notice.set(Some(
                "Enter your name first: this is a named team check.".into(),
            ));
            return;
        }
        add_respondent(app, &id.get_value(), named().then_some(name));
    };
    let export = move |_| {
        let Some(check) = current.get_untracked() else {
            return;
        };
        let at = now();
        let text = app
            .questionnaire
            .with_value(|q| format::write_team_check(q, &check, Some(&at)));
        let name = format::file_name(&format!("team {}", check.name), at.date());
        match download(&name, &text) {
            Ok(()) => app.notice.set(Some(format!("Downloaded {name}."))),
            Err(message) => app.notice.set(Some(message)),
        }
    };
    let delete = move |_| {
        let sure = window()
            .confirm_with_message("Delete this team check and all its answers from this device?")
            .unwrap_or(false);
        if let (true, Some(check)) = (sure, current.get_untracked()) {
            app.delete_check(&check.id);
            app.offer_undo(check);
            navigate(&Screen::Home);
        }
    };

    view! {
        <p class="eyebrow">"Team check"</p>
        <h1 tabindex="-1" data-testid="check-title">{move || current.with(|c| c.as_ref().map(|c| c.name.clone()))}</h1>
        <p data-testid="check-meta">
            {move || current.with(|c| c.as_ref().map(|c| {
                let mode = match c.anonymity {
                    Anonymity::Anonymous => "Anonymous",
                    Anonymity::Named => "Named",
                };
                format!("{mode} · {} respondents · created {} UTC", c.responses.len(), c.created_at.short())
            }))}
        </p>
        <section aria-labelledby="fill-heading" class="panel no-print">
            <h2 id="fill-heading">"Fill it together on this device"</h2>
            <p>"Each person answers in turn. When they finish, their answers are hidden before the next person starts."</p>
            <div class="actions">
                {move || named().then(|| view! {
                    <label>
                        "Your name "
                        <input type="text" data-testid="respondent-name" maxlength=MAX_NAME_UNITS
                            prop:value=respondent_name
                            on:input=move |ev| respondent_name.set(event_target_value(&ev)) />
                    </label>
                })}
                <button class="primary" data-testid="add-answers" on:click=add>"Add my answers"</button>
            </div>
        </section>
        <Import check=id.get_value()/>
        <section aria-labelledby="team-results-heading">
            <h2 id="team-results-heading">"The team's shape"</h2>
            {move || current.get().map(|c| view! { <TeamResults check=c/> })}
        </section>
        <div class="actions no-print">
            <button data-testid="export-check" on:click=export>"Download team result (JSON)"</button>
            <button on:click=|_| { let _ = window().print(); }>"Print or save as PDF"</button>
            <button class="danger" on:click=delete>"Delete team check"</button>
        </div>
    }
    .into_any()
}

/// Lets the event loop run (and the page repaint) between chunks of a large import.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What happened to one imported file.
#[derive(Clone, PartialEq)]
struct FileOutcome {
    name: String,
    ok: bool,
    text: String,
}

/// Reads files into a team check: each file all-or-nothing, one file in memory at a time,
/// merged in batches (one sort per batch), the check saved once at the end.
async fn import_into(
    app: AppState,
    check_id: String,
    files: Vec<web_sys::File>,
    progress: RwSignal<Option<(usize, usize)>>,
    outcomes: RwSignal<Vec<FileOutcome>>,
) {
    let Some(mut working) = app.check(&check_id) else {
        return;
    };
    let total = files.len();
    progress.set(Some((0, total)));
    let questionnaire = app.questionnaire.get_value();
    let limit = browser::tomorrow();
    let mut results = Vec::with_capacity(total);
    // Files read since the last merge: their index in `results` and their responses.
    let mut batch: Vec<(usize, Vec<Response>)> = Vec::new();
    let mut bytes = 0.0;
    for (index, file) in files.into_iter().enumerate() {
        let file = read_file(file, &mut bytes).await;
        let read = file.bytes.and_then(|bytes| {
            let document =
                format::read(&file.name, &bytes, &questionnaire).map_err(|e| e.reason())?;
            format::check_not_after(&document, &limit).map(|()| document)
        });
        let responses = match read {
            Ok(Document::Response(r)) => Ok(vec![r]),
            Ok(Document::TeamCheck(c)) => Ok(c.responses),
            Ok(Document::Backup(_)) => Err(
                "this is a backup of a whole browser; use \"Restore from file\" on the start page"
                    .to_string(),
            ),
            Err(reason) => Err(reason),
        };
        let (ok, text) = match responses {
            // The text is filled in when the batch is merged.
            Ok(responses) => {
                batch.push((results.len(), responses));
                (true, String::new())
            }
            Err(text) => (false, format!("not imported: {text}")),
        };
        results.push(FileOutcome {
            name: file.name,
            ok,
            text,
        });
        if index % 25 == 24 || index + 1 == total {
            merge_outcome(&mut working, std::mem::take(&mut batch), &mut results);
            progress.set(Some((index + 1, total)));
            yield_to_browser().await;
        }
    }
    // Deleted meanwhile (in this tab, from the start page): put it back rather than drop the
    // answers just imported, and say so. Otherwise the working copy joins whatever changed
    // meanwhile as another copy of the same check (conflicts were settled per file above).
    let deleted = app.check(&check_id).is_none();
    app.absorb(Document::TeamCheck(working), false);
    progress.set(None);
    let imported = results.iter().filter(|r| r.ok).count();
    app.notice.set(Some(format!(
        "Imported {imported} of {total} files; {} refused.{}",
        total - imported,
        if deleted {
            " The team check had been deleted meanwhile: it is back, with these answers."
        } else {
            ""
        }
    )));
    outcomes.set(results);
}

/// Merges a batch of files' responses into the working copy and says, per file, what changed.
fn merge_outcome(
    working: &mut TeamCheck,
    batch: Vec<(usize, Vec<Response>)>,
    results: &mut [FileOutcome],
) {
    let counts: Vec<(usize, usize)> = batch.iter().map(|(at, r)| (*at, r.len())).collect();
    let mut merged = working
        .merge(batch.into_iter().flat_map(|(_, r)| r))
        .into_iter();
    for (at, count) in counts {
        let outcomes: Vec<Merged> = merged.by_ref().take(count).collect();
        let of = |kind: fn(&Merged) -> bool| outcomes.iter().filter(|m| kind(m)).count();
        let added = of(|m| *m == Merged::Added);
        let updated = of(|m| *m == Merged::Updated);
        let apart = kept_apart(outcomes);
        let mut text = if added + updated + apart.len() == 0 {
            format!("already imported; nothing changed ({count} responses)")
        } else if added > 0 {
            format!("added {added} of {count} responses")
        } else {
            format!("updated answers of {updated} of {count} responses")
        };
        if !apart.is_empty() {
            text.push_str(&format!(
                "; {} with an id already used by another person's answers, kept as separate \
                 respondents: {}",
                apart.len(),
                apart.join(", ")
            ));
        }
        if let Some(result) = results.get_mut(at) {
            result.text = text;
        }
    }
}

#[component]
fn Import(check: String) -> impl IntoView {
    let app = use_app();
    let check = StoredValue::new(check);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let outcomes = RwSignal::new(Vec::<FileOutcome>::new());
    let dragging = RwSignal::new(false);
    // Leaving mid-import would drop the files not yet merged: ask the browser to warn.
    let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if progress.get_untracked().is_some() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || leaving.remove());
    let start = move |files: Vec<web_sys::File>| {
        spawn_local(import_into(
            app,
            check.get_value(),
            files,
            progress,
            outcomes,
        ));
    };
    let on_pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            start(take(&files));
        }
        input.set_value("");
    };
    view! {
        <section aria-labelledby="import-heading" class="panel no-print">
            <h2 id="import-heading">"Import answers filled apart"</h2>
            <p>
                "Each person fills a check on their own device, downloads their results, and sends "
                "you the file. Import any number at once; importing a file twice changes nothing. "
                "A team check file from another facilitator merges too."
            </p>
            <div
                class="drop-zone"
                class:dragging=dragging
                data-testid="drop-zone"
                on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev| {
                    ev.prevent_default();
                    dragging.set(false);
                    if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                        start(take(&files));
                    }
                }
            >
                <label class="button">
                    "Choose files"
                    <input type="file" class="visually-hidden" multiple accept=".json,application/json"
                        data-testid="import-files" on:change=on_pick />
                </label>
                <span>" or drop them here"</span>
            </div>
            {move || progress.get().map(|(done, total)| view! {
                <p role="status" data-testid="import-progress">
                    "Importing… " {done} " of " {total} " files"
                    <progress max=total value=done></progress>
                </p>
            })}
            {move || {
                let list = outcomes.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="outcomes" data-testid="import-outcomes">
                        {list.into_iter().map(|o| view! {
                            <li class:error=!o.ok><strong>{o.name}</strong> ": " {o.text}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

fn dimension_title(q: &Questionnaire, id: &str) -> String {
    q.dimensions
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.title.clone())
        .unwrap_or_default()
}

fn item_text(q: &Questionnaire, id: &str) -> String {
    q.item(id).map(|i| i.text.clone()).unwrap_or_default()
}

fn range(band: Option<(f64, f64)>) -> String {
    band.map_or_else(|| "–".into(), |(lo, hi)| format!("{lo:.1}–{hi:.1}"))
}

fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "–".into(), |v| format!("{v:.1}"))
}

#[component]
pub fn TeamResults(check: TeamCheck) -> impl IntoView {
    let app = use_app();
    let q = app.questionnaire.get_value();
    let stats: TeamStatistics = statistics(&q, &check.responses);
    let spread_shown = check.shows_spread();
    let named = check.anonymity == Anonymity::Named;
    let n = check.responses.len();
    if n == 0 {
        return view! {
            <p class="empty">"No answers yet. Add answers on this device, or import files."</p>
        }
        .into_any();
    }
    // Named checks only: whose polygons are drawn over the team's shape.
    let overlays = RwSignal::new(Vec::<usize>::new());
    let people: Vec<(usize, String, Vec<Option<f64>>)> = if named {
        check
            .responses
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let own = scoring::score(&q, r).iter().map(|s| s.score).collect();
                (i, check.respondent_label(i), own)
            })
            .collect()
    } else {
        Vec::new()
    };
    let axes: Vec<String> = q.dimensions.iter().map(|d| d.title.clone()).collect();
    let medians: Vec<Option<f64>> = stats.dimensions.iter().map(|d| d.median).collect();
    let band: Option<Vec<Option<(f64, f64)>>> =
        spread_shown.then(|| stats.dimensions.iter().map(|d| d.band).collect());
    let people_for_radar = people.clone();
    let radar = Signal::derive(move || {
        let mut lines = vec![Line {
            kind: LineKind::Main,
            values: medians.clone(),
        }];
        for index in overlays.get() {
            if let Some((_, _, values)) = people_for_radar.iter().find(|p| p.0 == index) {
                lines.push(Line {
                    kind: LineKind::Person(index),
                    values: values.clone(),
                });
            }
        }
        Radar {
            axes: axes.clone(),
            band: band.clone(),
            lines,
        }
    });
    let summary = format!(
        "Radar chart of the team's median per dimension, from {n} respondents, scale 1 to 5.{}",
        if spread_shown {
            " The hatched band shows where the middle 70% of the team's scores lie."
        } else {
            ""
        }
    );
    let differently = widest_spread(&stats);
    let agreed: Vec<(String, Vec<String>)> = agreement(&stats)
        .into_iter()
        .filter_map(|d| q.dimensions.iter().find(|x| x.id == d.dimension))
        .map(|d| (d.title.clone(), d.prompts.clone()))
        .collect();

    view! {
        <p class="why-no-grade">{super::results::WHY_NO_GRADE}</p>
        {(!spread_shown).then(|| view! {
            <p class="note" data-testid="below-threshold">
                "With fewer than " {check.anonymity_threshold} " respondents only the medians are "
                "shown: a band or a count per answer could point at one person."
            </p>
        })}
        <div class="results-grid">
            <RadarChart radar summary=summary/>
            <div class="table-scroll" role="region" aria-label="The team per dimension" tabindex="0">
            <table class="scores" data-testid="team-table">
                <caption>"Per dimension: median score (1 to 5), where the middle 70% lie, and how far apart answers are"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Dimension"</th>
                        <th scope="col">"Median"</th>
                        {spread_shown.then(|| view! { <th scope="col">"Middle 70%"</th> <th scope="col">"Spread"</th> })}
                        <th scope="col">"n"</th>
                        <th scope="col">"Don't know"</th>
                    </tr>
                </thead>
                <tbody>
                    {stats.dimensions.iter().map(|d| view! {
                        <tr class:disagree=spread_shown && d.sees_differently>
                            <th scope="row">{dimension_title(&q, &d.dimension)}</th>
                            <td>{one_decimal(d.median)}</td>
                            {spread_shown.then(|| view! {
                                <td>{range(d.band)}</td>
                                <td>{one_decimal(d.spread)} {d.sees_differently.then_some(" ◆ differs")}</td>
                            })}
                            <td>{d.respondents}</td>
                            <td>{format!("{}%", (d.dont_know_rate * 100.0).round() as u32)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </div>
        {named.then(|| view! {
            <fieldset class="overlays no-print" data-testid="overlays">
                <legend>"Show a person's shape on the radar"</legend>
                {people.into_iter().map(|(index, label, _)| view! {
                    <label>
                        <input type="checkbox" on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            overlays.update(|o| { o.retain(|x| *x != index); if on { o.push(index); } });
                        } />
                        " " {label}
                    </label>
                }).collect_view()}
            </fieldset>
        })}
        {spread_shown.then(|| view! {
            <section aria-labelledby="differently-heading" data-testid="differently">
                <h3 id="differently-heading">"Where you see things differently"</h3>
                {if differently.is_empty() {
                    view! { <p>"Nowhere do answers spread widely (a spread of 0.8 for a dimension, or 1.0 for a statement)."</p> }.into_any()
                } else {
                    view! {
                        <ol>
                            {differently.iter().map(|e| {
                                let what = match &e.item {
                                    None => format!("{} (the dimension as a whole)", dimension_title(&q, &e.dimension)),
                                    Some(item) => format!("\"{}\" ({})", item_text(&q, item), dimension_title(&q, &e.dimension)),
                                };
                                view! { <li>{what} " · spread " {format!("{:.1}", e.spread)}</li> }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        })}
        <section aria-labelledby="agree-heading" data-testid="agree">
            <h3 id="agree-heading">"Where you agree"</h3>
            {if agreed.is_empty() {
                view! { <p>"Not enough answers yet to say where the team agrees."</p> }.into_any()
            } else {
                agreed.into_iter().map(|(title, prompts)| view! {
                    <article class="dimension">
                        <h4>{title}</h4>
                        <ul class="prompts">{prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </article>
                }).collect_view().into_any()
            }}
        </section>
        {spread_shown.then(|| view! { <Distributions stats=stats.clone()/> })}
    }
    .into_any()
}

/// Per item: how many chose each answer. Only shown at or above the anonymity threshold.
#[component]
fn Distributions(stats: TeamStatistics) -> impl IntoView {
    let app = use_app();
    let q = app.questionnaire.get_value();
    view! {
        <section aria-labelledby="distributions-heading" data-testid="distributions">
            <h3 id="distributions-heading">"How the team answered each statement"</h3>
            {stats.dimensions.iter().map(|d| view! {
                <div class="table-scroll" role="region" aria-label=dimension_title(&q, &d.dimension) tabindex="0">
                <table class="distribution">
                    <caption>{dimension_title(&q, &d.dimension)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Statement"</th>
                            <th scope="col"><abbr title="Strongly disagree">"SD"</abbr></th>
                            <th scope="col"><abbr title="Disagree">"D"</abbr></th>
                            <th scope="col"><abbr title="Neither agree nor disagree">"N"</abbr></th>
                            <th scope="col"><abbr title="Agree">"A"</abbr></th>
                            <th scope="col"><abbr title="Strongly agree">"SA"</abbr></th>
                            <th scope="col">"Don't know"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {d.items.iter().map(|i| view! {
                            <tr class:disagree=i.sees_differently>
                                <th scope="row">{item_text(&q, &i.item)}</th>
                                {i.counts.iter().map(|c| view! { <td><Bar count=*c/></td> }).collect_view()}
                                <td><Bar count=i.dont_know/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }).collect_view()}
        </section>
    }
}

#[component]
fn Bar(count: usize) -> impl IntoView {
    // The number carries the meaning; the bar only helps the eye. Its width is a class (w0 to
    // w12 in main.css), not a style attribute, which the Content-Security-Policy would block.
    let width = format!("bar w{}", count.min(12));
    view! { <span class="count">{count}</span> <span class=width aria-hidden="true"></span> }
}

#[component]
pub fn TeamSurvey(check: String, response: String, dimension: usize) -> impl IntoView {
    let app = use_app();
    // On a shared device only the person who started these answers may see them: the id is
    // remembered in this tab when they start, and forgotten at the hand-over.
    if browser::filling().as_deref() != Some(response.as_str()) {
        return view! {
            <h1 tabindex="-1">"These answers are hidden"</h1>
            <p>"On a shared device, answers are hidden once a person hands over, so nobody sees another person's answers."</p>
            <p><a href=Screen::TeamCheck { check }.href()>"Back to the team check"</a></p>
        }
        .into_any();
    }
    let check_id = StoredValue::new(check.clone());
    let response_id = StoredValue::new(response.clone());
    let current = Signal::derive(move || {
        app.check(&check_id.get_value()).and_then(|c| {
            c.responses
                .into_iter()
                .find(|r| r.id == response_id.get_value())
        })
    });
    let edit = move |change: &dyn Fn(&mut Response)| {
        app.edit_check(&check_id.get_value(), |c| {
            if let Some(r) = c
                .responses
                .iter_mut()
                .find(|r| r.id == response_id.get_value())
            {
                change(r);
            }
        });
    };
    let set_answer = Callback::new(move |(item, answer): (String, Option<Answer>)| {
        let at = now();
        edit(&|r| r.set_answer(&item, answer, at.clone()));
    });
    let set_comment = Callback::new(move |(item, comment): (String, String)| {
        let at = now();
        edit(&|r| r.set_comment(&item, comment.clone(), at.clone()));
    });
    let page = Callback::new(move |dimension: usize| {
        Screen::TeamSurvey {
            check: check_id.get_value(),
            response: response_id.get_value(),
            dimension,
        }
        .href()
    });
    let heading = if app
        .check(&check)
        .is_some_and(|c| c.anonymity == Anonymity::Named)
    {
        "Your answers (named team check)"
    } else {
        "Your answers (anonymous team check)"
    };
    view! {
        <Survey
            heading
            response=current
            dimension
            set_answer
            set_comment
            page
            finish=Screen::HandOver { check }.href()
            finish_label="I'm done: hide my answers"
        />
    }
    .into_any()
}

#[component]
pub fn HandOver(check: String) -> impl IntoView {
    let app = use_app();
    // Arriving here ends the last person's turn: their answers cannot be reopened.
    browser::set_filling(None);
    let Some(current) = app.check(&check) else {
        return not_here();
    };
    let named = current.anonymity == Anonymity::Named;
    let id = StoredValue::new(check.clone());
    let name = RwSignal::new(String::new());
    let next = move |_| {
        let entered = name.get_untracked().trim().to_string();
        if named && entered.is_empty() {
            app.notice.set(Some(
                "Enter your name first: this is a named team check.".into(),
            ));
            return;
        }
        add_respondent(app, &id.get_value(), named.then_some(entered));
    };
    view! {
        <h1 tabindex="-1" data-testid="hand-over">"Thank you. Your answers are saved and hidden."</h1>
        <p>"Pass the device to the next person. Nobody can go back to see the answers given so far."</p>
        <p>{current.responses.len()} " people have answered so far."</p>
        <div class="actions">
            {named.then(|| view! {
                <label>"Your name " <input type="text" data-testid="respondent-name" maxlength=MAX_NAME_UNITS
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            })}
            <button class="primary" data-testid="next-person" on:click=next>"Next person: add my answers"</button>
            <a class="button" href=Screen::TeamCheck { check }.href() data-testid="see-team">"Everyone is done: see the team's shape"</a>
        </div>
    }
    .into_any()
}
