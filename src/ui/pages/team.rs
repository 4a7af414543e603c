//! Team checks: create one, fill it together on one device (with a hand-over screen between
//! people), import the files of people who filled it apart, and see the team's shape.

use crate::browser::files::{picked, take};
use crate::browser::{self, now};
use crate::ui::count;
use crate::ui::navigate;
use crate::ui::radar::RadarChart;
use crate::ui::route::Screen;
use crate::ui::state::{AppState, FileOutcome, Incoming, use_app};
use crate::ui::survey::{Finish, Survey};
use leptos::prelude::*;
use leptos::task::spawn_local;
use teamshape_core::limits::MAX_NAME_UNITS;
use teamshape_core::questionnaire::{
    DOESNT_APPLY_LABEL, DONT_KNOW_LABEL, Questionnaire, SCALE_LABELS,
};
use teamshape_core::radar::{Line, LineKind, Radar};
use teamshape_core::response::{Answer, Response};
use teamshape_core::scoring;
use teamshape_core::team::{
    Anonymity, DEFAULT_ANONYMITY_THRESHOLD, MIN_ANONYMITY_THRESHOLD, Shown, TeamCheck, TeamFigures,
    agreement, comments, differences, figures,
};

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
    // The full check or the pulse (and any other questionnaire this device knows), newest
    // versions only; the default first and chosen.
    let choices = app.choices();
    let chosen = RwSignal::new(0usize);
    let options = StoredValue::new(choices.clone());
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
        if !(MIN_ANONYMITY_THRESHOLD..=50).contains(&min) {
            problem.set(Some(format!(
                "The anonymity threshold must be between {MIN_ANONYMITY_THRESHOLD} and 50."
            )));
            return;
        }
        let Some(questionnaire) = options.with_value(|o| o.get(chosen.get_untracked()).cloned())
        else {
            return;
        };
        let id = app.create_check(title, &questionnaire, anonymity.get_untracked(), min);
        navigate(&Screen::TeamCheck { check: id });
    };
    view! {
        <h1 tabindex="-1">"Create a team check"</h1>
        <p>
            "A team check gathers everyone's answers: filled together on this device, "
            "or filled apart and imported as files. Nothing leaves this browser."
        </p>
        // novalidate: our own messages say what is wrong, in words, for every field.
        <form class="stack" novalidate on:submit=create>
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
            <fieldset class="choice-list" data-testid="questionnaire-choice">
                <legend>"Questionnaire"</legend>
                {choices.into_iter().enumerate().map(|(index, q)| view! {
                    <label>
                        <input
                            type="radio"
                            name="questionnaire"
                            value=q.id.clone()
                            prop:checked=move || chosen.get() == index
                            on:change=move |_| chosen.set(index)
                        />
                        " " <strong>{q.title.clone()}</strong> " (" {count(q.item_count(), "statement", "statements")} "): "
                        {q.description.clone()}
                    </label>
                }).collect_view()}
            </fieldset>
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
                    " Anonymous: no names are stored, and the figures never show one person's "
                    "answers. Whoever merges the files can open each file."
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
            <label for="threshold">"Show results from this many people (anonymous checks)"</label>
            <input
                id="threshold"
                type="number"
                data-testid="threshold"
                min=MIN_ANONYMITY_THRESHOLD
                max="50"
                aria-describedby="threshold-help"
                prop:value=threshold
                on:input=move |ev| threshold.set(event_target_value(&ev))
            />
            <p id="threshold-help" class="hint">
                "A dimension shows its figures once this many people have answered it. More "
                "protects people better; in a small team, fewer shows results sooner. Never fewer "
                "than " {MIN_ANONYMITY_THRESHOLD} "."
            </p>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <div class="actions">
                <button class="primary" type="submit" data-testid="create-check">"Create team check"</button>
                <a class="button" href="#/">"Cancel"</a>
            </div>
        </form>
    }
}

/// Starts a respondent on this device and opens their first dimension; returns their id.
pub(crate) fn add_respondent(
    app: AppState,
    check_id: &str,
    name: Option<String>,
) -> Option<String> {
    let response = app.start_respondent(check_id, name)?;
    navigate(&Screen::TeamSurvey {
        check: check_id.to_string(),
        response: response.clone(),
        dimension: 0,
    });
    Some(response)
}

/// "1 person", "3 people".
pub fn people(n: usize) -> String {
    count(n, "person", "people")
}

/// "1 person has answered", "3 people have answered".
pub fn have_answered(n: usize) -> String {
    format!(
        "{} {} answered",
        people(n),
        if n == 1 { "has" } else { "have" }
    )
}

#[component]
pub fn TeamCheckPage(check: String) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(check.clone());
    let current = Signal::derive(move || app.check(&id.get_value()));
    let Some(first) = current.get_untracked() else {
        return not_here();
    };
    // Who the shown figures include: hidden until revealed on this device, then changed only
    // by two new people at a time (team::next_shown). Followed after every change to the check.
    let shown = RwSignal::new(app.shown(&first, false));
    Effect::new(move |_| {
        if let Some(check) = current.get() {
            let next = app.shown(&check, false);
            if shown.get_untracked() != next {
                shown.set(next);
            }
        }
    });
    let reveal = move |_| {
        if let Some(check) = current.get_untracked() {
            shown.set(app.shown(&check, true));
        }
    };
    let respondent_name = RwSignal::new(String::new());
    let named =
        move || current.with(|c| c.as_ref().is_some_and(|c| c.anonymity == Anonymity::Named));
    let add = move |_| {
        let name = respondent_name.get_untracked().trim().to_string();
        if named() && name.is_empty() {
            app.say("Enter your name first: this is a named team check.");
            return;
        }
        add_respondent(app, &id.get_value(), named().then_some(name));
    };
    let export = move |_| {
        if let Some(check) = current.get_untracked() {
            app.export_check(&check);
        }
    };
    let export_summary = move |_| {
        if let (Some(check), Some(shown)) = (current.get_untracked(), shown.get_untracked()) {
            let q = app.questionnaire_of(&check.questionnaire);
            app.export_summary(&check, shown_figures(&q, &check, &shown));
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
                let empty = match c.started_empty() {
                    0 => String::new(),
                    n => format!(" · {} started, nothing answered yet", people(n)),
                };
                format!(
                    "{mode} · {}{empty} · created {} UTC",
                    have_answered(c.respondents().count()),
                    c.created_at.short()
                )
            }))}
        </p>
        {move || current.with(|c| c.as_ref().and_then(|c| {
            (c.anonymity == Anonymity::Anonymous && c.anonymity_threshold < MIN_ANONYMITY_THRESHOLD).then(|| view! {
                <p class="note" data-testid="threshold-raised">
                    "This check's file asks to show results from " {people(c.anonymity_threshold)}
                    ". teamshape never shows them from fewer than " {MIN_ANONYMITY_THRESHOLD}
                    ", so it uses " {MIN_ANONYMITY_THRESHOLD} "."
                </p>
            })
        }))}
        <crate::ui::history::TeamOf check=id.get_value()/>
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
        <crate::ui::links::Invite check=first/>
        <Import check=id.get_value()/>
        <section aria-labelledby="team-results-heading">
            <h2 id="team-results-heading">"The team's shape"</h2>
            {move || match (current.get(), shown.get()) {
                (Some(check), Some(shown)) => view! { <TeamResults check shown/> }.into_any(),
                _ => view! {
                    <div class="panel" data-testid="results-hidden">
                        <p>
                            "The results are hidden until you show them, so that nobody watches "
                            "them change while people are answering. Show them when everyone is done."
                        </p>
                        <button class="primary" data-testid="reveal" on:click=reveal>"Show the team's results"</button>
                    </div>
                }.into_any(),
            }}
        </section>
        <crate::ui::history::Experiments check=id.get_value()/>
        <div class="actions no-print">
            {move || shown.with(Option::is_some).then(|| view! {
                <button data-testid="export-summary" on:click=export_summary>"Download the summary (JSON, safe to share)"</button>
            })}
            <button data-testid="export-check" on:click=export>"Download all answers (JSON, for merging)"</button>
            <button on:click=|_| { let _ = window().print(); }>"Print or save as PDF"</button>
            <button class="danger" on:click=delete>"Delete team check"</button>
        </div>
        <p class="hint no-print">
            "The summary holds only what this page shows. \"All answers\" holds everyone's "
            "answers, without names: send it only to someone who merges the team's files."
        </p>
    }
    .into_any()
}

/// The figures of the respondents `shown` includes, under the check's anonymity rules.
fn shown_figures(q: &Questionnaire, check: &TeamCheck, shown: &Shown) -> TeamFigures {
    figures(q, &check.included(Some(&shown.ids)), check.rules())
}

#[component]
fn Import(check: String) -> impl IntoView {
    let app = use_app();
    let check = StoredValue::new(check);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let outcomes = RwSignal::new(Vec::<FileOutcome>::new());
    let check_id = check.get_value();
    let dragging = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    // Leaving mid-import would drop the files not yet merged: ask the browser to warn.
    let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if progress.get_untracked().is_some() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || leaving.remove());
    let start = move |files: Vec<Incoming>| {
        spawn_local(async move {
            // A file of another team check is added only when the person says so.
            let ask = |question: &str| window().confirm_with_message(question).unwrap_or(false);
            let results = app
                .import_into_check(check.get_value(), files, progress, ask)
                .await;
            outcomes.set(results);
        });
    };
    // Every import of this visit, with a way to take it back.
    let imports = move || {
        let list: Vec<(usize, String, usize)> = app.imports().with(|all| {
            all.iter()
                .enumerate()
                .filter(|(_, r)| r.check == check_id)
                .map(|(i, r)| {
                    (
                        i,
                        r.label.clone(),
                        r.changes.added.len() + r.changes.updated.len(),
                    )
                })
                .collect()
        });
        (!list.is_empty()).then(|| view! {
            <h3>"Imports since this page was opened"</h3>
            <ul class="runs" data-testid="imports">
                {list.into_iter().map(|(index, label, changed)| view! {
                    <li>
                        <span>{label}</span>
                        <button class="link" data-testid="take-back" on:click=move |_| {
                            let sure = window()
                                .confirm_with_message(&format!(
                                    "Remove what this import added or changed ({})? The files themselves are not touched.",
                                    count(changed, "response", "responses")
                                ))
                                .unwrap_or(false);
                            if sure {
                                app.take_back_import(index);
                            }
                        }>"Remove what this import added"</button>
                    </li>
                }).collect_view()}
            </ul>
        })
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let files = picked(&ev);
        if !files.is_empty() {
            start(files.into_iter().map(Incoming::File).collect());
        }
    };
    view! {
        <section aria-labelledby="import-heading" class="panel no-print">
            <h2 id="import-heading">"Import answers filled apart"</h2>
            <p>
                "Each person fills a check on their own device and sends you a link to their answers "
                "(paste it below) or their file. Import any number at once; importing twice changes nothing. "
                "A team check file from another facilitator merges too; a file of another team "
                "check is added only if you confirm it."
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
                        start(take(&files).into_iter().map(Incoming::File).collect());
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
            // Issue 15: links pasted (one, many, or a whole chat) go through the same import.
            <h3>"Paste answers"</h3>
            <label for="paste-links">"Links to answers, or a whole chat with links in it"</label>
            <textarea id="paste-links" rows="4" data-testid="paste-links"
                prop:value=pasted on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            <div class="actions">
                <button data-testid="add-links" on:click=move |_| {
                    let links = crate::ui::links::pasted_links(&pasted.get_untracked());
                    if links.is_empty() {
                        app.say("No links to answers found in the pasted text.");
                    } else {
                        pasted.set(String::new());
                        start(links);
                    }
                }>"Add answers from the links"</button>
            </div>
            {move || progress.get().map(|(done, total)| view! {
                <p role="status" data-testid="import-progress">
                    "Importing… " {done} " of " {count(total, "file", "files")}
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
            {imports}
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

fn one_decimal(value: f64) -> String {
    format!("{value:.1}")
}

/// The room view: the team's results section in full screen, focused so that the arrow keys
/// page through the dimensions. The Fullscreen API gives Escape and the exit.
fn enter_room(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let room = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|button| button.closest(".room").ok().flatten())
        .and_then(|room| room.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(room) = room {
        let _ = room.request_fullscreen();
        let _ = room.focus();
    }
}

/// Marks a reverse-worded statement wherever it is listed with answers: there, agreeing
/// describes the less good state.
fn reverse_mark(q: &Questionnaire, item: &str) -> impl IntoView + use<> {
    q.item(item).filter(|i| i.reverse).map(|_| {
        view! {
            <span class="reverse" title="Reverse-worded: agreeing describes the less good state">
                " (reverse-worded)"
            </span>
        }
    })
}

#[component]
pub fn TeamResults(check: TeamCheck, shown: Shown) -> impl IntoView {
    let app = use_app();
    let q = app.questionnaire_of(&check.questionnaire);
    let figures = shown_figures(&q, &check, &shown);
    let named = check.anonymity == Anonymity::Named;
    let waiting = shown.waiting.then(|| {
        view! {
            <p class="note" data-testid="waiting">
                "One more person has answered since these results were shown. They update when one "
                "more person is in, so that no one's answers can be read from the change."
            </p>
        }
    });
    // Also with nobody yet: the list says how many each dimension needs.
    if !figures.any_shown() {
        return view! {
            {waiting}
            <div class="note" data-testid="below-threshold">
                <p>
                    {have_answered(figures.people)} ". Results appear for each dimension once "
                    {people(figures.threshold)} " have answered it, so that no one's answers can "
                    "be read off them."
                </p>
                <ul>
                    {figures.dimensions.iter().map(|d| view! {
                        <li>{dimension_title(&q, &d.dimension)} ": " {people(d.more_needed)} " more needed"</li>
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any();
    }
    // Named checks only: whose polygons are drawn over the team's shape.
    let overlays = RwSignal::new(Vec::<usize>::new());
    let persons: Vec<(usize, String, Vec<Option<f64>>)> = if named {
        check
            .responses
            .iter()
            .enumerate()
            .filter(|(_, r)| r.answered_count() > 0)
            .map(|(i, r)| {
                let own = scoring::score(&q, r).iter().map(|s| s.score).collect();
                (i, check.respondent_label(i), own)
            })
            .collect()
    } else {
        Vec::new()
    };
    let axes: Vec<String> = q.dimensions.iter().map(|d| d.title.clone()).collect();
    let medians: Vec<Option<f64>> = figures
        .dimensions
        .iter()
        .map(|d| d.shown.as_ref().map(|s| s.median))
        .collect();
    let dots: Vec<Vec<f64>> = figures
        .dimensions
        .iter()
        .map(|d| {
            d.shown
                .as_ref()
                .map(|s| s.scores.clone())
                .unwrap_or_default()
        })
        .collect();
    let people_for_radar = persons.clone();
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
            dots: dots.clone(),
            lines,
        }
    });
    let summary = format!(
        "Radar chart of the team's median per dimension, from {}, scale 1 to 5. The diamonds on \
         each axis are people's scores in that dimension, not linked across dimensions.",
        people(figures.people)
    );
    let differently = differences(&figures);
    let differently_count = differently.len();
    let agreed: Vec<(String, Vec<String>)> = agreement(&figures)
        .into_iter()
        .filter_map(|d| q.dimensions.iter().find(|x| x.id == d.dimension))
        .map(|d| (d.title.clone(), d.prompts.clone()))
        .collect();
    let shapes_named = figures.people >= teamshape_core::team::MIN_PEOPLE_FOR_SHAPE;
    let wall = comments(&q, &check.included(Some(&shown.ids)), &figures);
    let show_all = RwSignal::new(false);
    let room_pages: Vec<(String, String, Vec<String>)> = figures
        .dimensions
        .iter()
        .filter_map(|d| {
            q.dimensions
                .iter()
                .find(|x| x.id == d.dimension)
                .map(|x| (d, x))
        })
        .map(|(d, x)| {
            let line = match &d.shown {
                Some(s) => format!(
                    "Median {} · {} · {}",
                    one_decimal(s.median),
                    people(d.people),
                    s.shape
                        .map_or("too few people to name a shape", |shape| shape.label())
                ),
                None => format!("Hidden: {} more needed", people(d.more_needed)),
            };
            (x.title.clone(), line, x.prompts.clone())
        })
        .collect();
    let room_count = room_pages.len();
    let room_page = RwSignal::new(0usize);
    let room_keys = move |ev: leptos::ev::KeyboardEvent| {
        let last = room_count.saturating_sub(1);
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " => {
                (room_page.get_untracked() + 1).min(last)
            }
            "ArrowLeft" | "ArrowUp" | "PageUp" => room_page.get_untracked().saturating_sub(1),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        room_page.set(to);
    };

    view! {
        {waiting}
        <p class="why-no-grade">{crate::ui::results::WHY_NO_GRADE}</p>
        // The room view is this section in full screen, for a projector: who and when, the
        // radar and its legend, the biggest differences, and the dimensions one by one.
        <section class="room" data-testid="room" tabindex="-1" aria-label="Room view" on:keydown=room_keys>
        <div class="room-only room-head">
            <h2>{check.name.clone()}</h2>
            <p>{check.created_at.date().to_string()} " · " {have_answered(figures.people)}</p>
        </div>
        <div class="results-grid">
            <RadarChart radar summary=summary present=false/>
            <div class="room-only room-side">
                <h3>"Biggest differences"</h3>
                {if differently.is_empty() {
                    view! { <p>"None named: people are close together, or fewer than 5 answered."</p> }.into_any()
                } else {
                    view! { <ol>{differently.iter().take(3).map(|e| {
                        let what = match &e.item {
                            None => dimension_title(&q, &e.dimension),
                            Some(item) => format!("\"{}\"", item_text(&q, item)),
                        };
                        view! { <li>{what} ": " {e.shape.label()}</li> }
                    }).collect_view()}</ol> }.into_any()
                }}
                <div aria-live="polite" data-testid="room-dimension">
                    {move || room_pages.get(room_page.get()).cloned().map(|(title, line, prompts)| view! {
                        <h3>{title}</h3>
                        <p>{line}</p>
                        <ul>{prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    })}
                    <p class="hint">"← → or Page Up / Page Down: dimension " {move || room_page.get() + 1} " of " {room_count} " · Esc leaves"</p>
                </div>
            </div>
            <div class="table-scroll" role="region" aria-label="The team per dimension" tabindex="0">
            <table class="scores" data-testid="team-table">
                <caption>"Per dimension: the median score (1 to 5), how many people, and how their answers lie"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Dimension"</th>
                        <th scope="col">"Median"</th>
                        <th scope="col">"People"</th>
                        <th scope="col">"How answers lie"</th>
                        <th scope="col">"Don't know"</th>
                        <th scope="col">"Doesn't apply"</th>
                    </tr>
                </thead>
                <tbody>
                    // One row shape for shown and hidden dimensions: fewer view types, less wasm.
                    {figures.dimensions.iter().map(|d| {
                        let (median, lie, (dont_know, doesnt_apply), differs) = match &d.shown {
                            Some(s) => (
                                one_decimal(s.median),
                                match s.shape {
                                    Some(shape) => format!("{} (±{:.1})", shape.label(), s.average_deviation),
                                    None => format!("±{:.1}", s.average_deviation),
                                },
                                (
                                    format!("{} of {}", s.dont_know, s.answers),
                                    format!("{} of {}", s.doesnt_apply, s.answers),
                                ),
                                s.shape.is_some_and(|x| x != teamshape_core::team::Shape::CloseTogether),
                            ),
                            None => (
                                "hidden".to_string(),
                                format!("{} more needed", people(d.more_needed)),
                                (String::new(), String::new()),
                                false,
                            ),
                        };
                        view! {
                            <tr class:disagree=differs>
                                <th scope="row">{dimension_title(&q, &d.dimension)}</th>
                                <td>{median}</td>
                                <td>{d.people}</td>
                                <td>{lie}</td>
                                <td>{dont_know}</td>
                                <td>{doesnt_apply}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </div>
        <Legend overlays labels=persons.iter().map(|(i, label, _)| (*i, label.clone())).collect()/>
        <button class="link no-print" data-testid="room-view" on:click=enter_room>"Room view (full screen)"</button>
        </section>
        {named.then(|| view! {
            <fieldset class="overlays no-print" data-testid="overlays">
                <legend>"Show a person's shape on the radar"</legend>
                {persons.into_iter().map(|(index, label, _)| view! {
                    <label>
                        <input type="checkbox" on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            overlays.update(|o| { o.retain(|x| *x != index); if on { o.push(index); } });
                        } />
                        " " <Swatch kind=LineKind::Person(index)/> " " {label}
                    </label>
                }).collect_view()}
            </fieldset>
        })}
        <section aria-labelledby="differently-heading" data-testid="differently">
            <h3 id="differently-heading">"Where you see things differently"</h3>
            // One shape whatever the case, rather than a view per case: less wasm.
            <p>{if !shapes_named {
                format!("From {} people up, teamshape names where you agree and where you see things differently.", teamshape_core::team::MIN_PEOPLE_FOR_SHAPE)
            } else if differently_count == 0 {
                "Nowhere: in every dimension and statement with enough answers, people are close together.".to_string()
            } else {
                "Most worth talking about first.".to_string()
            }}</p>
                    <ol>
                        {differently.iter().enumerate().map(|(index, e)| {
                            let what = match &e.item {
                                None => format!("{} (the dimension as a whole)", dimension_title(&q, &e.dimension)),
                                Some(item) => format!("\"{}\" ({})", item_text(&q, item), dimension_title(&q, &e.dimension)),
                            };
                            let mark = e.item.as_deref().map(|i| reverse_mark(&q, i));
                            // The five most worth talking about first; the rest on request.
                            let hidden = move || index >= 5 && !show_all.get();
                            view! { <li hidden=hidden>{what} {mark} ": " <strong>{e.shape.label()}</strong></li> }
                        }).collect_view()}
                    </ol>
                    {(differently_count > 5).then(|| view! {
                        <button class="link no-print" data-testid="show-all-differences"
                            aria-expanded=move || show_all.get().to_string()
                            on:click=move |_| show_all.update(|v| *v = !*v)>
                            {move || if show_all.get() { "Show the first 5 only".to_string() } else { format!("Show all {differently_count}") }}
                        </button>
                    })}
        </section>
        <section aria-labelledby="agree-heading" data-testid="agree">
            <h3 id="agree-heading">"Where you agree"</h3>
            {agreed.is_empty().then_some(view! {
                <p>{if shapes_named { "No dimension where people are close together." } else { "From 5 people up, as above." }}</p>
            })}
            {agreed.into_iter().map(|(title, prompts)| view! {
                <article class="dimension">
                    <h4>{title}</h4>
                    <ul class="prompts">{prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </article>
            }).collect_view()}
        </section>
        {(!wall.is_empty()).then(|| view! {
            <section aria-labelledby="comments-heading" data-testid="comments">
                <h3 id="comments-heading">"What people wrote"</h3>
                <p class="hint">"In no particular order, and only for dimensions that show their figures."</p>
                {wall.into_iter().map(|(dimension, texts)| view! {
                    <article class="dimension">
                        <h4>{dimension_title(&q, &dimension)}</h4>
                        <ul class="comments">{texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    </article>
                }).collect_view()}
            </section>
        })}
        <crate::ui::intuitions::IntuitionsTeam q=q.clone() check=check.clone() ids=shown.ids.clone() team=figures.clone()/>
        <Distributions figures q/>
    }
    .into_any()
}

/// What each mark on the team's radar means, printed with it: the median, the dots, and each
/// person shown, with swatches drawn by the chart's own code.
#[component]
fn Legend(overlays: RwSignal<Vec<usize>>, labels: Vec<(usize, String)>) -> impl IntoView {
    view! {
        <ul class="legend" data-testid="legend">
            <li><Swatch kind=LineKind::Main/> " The team's median"</li>
            <li><span class="dot-swatch" aria-hidden="true">"◇"</span> " One person's score in that dimension (not linked across dimensions)"</li>
            {move || {
                overlays.get().into_iter().filter_map(|index| {
                    labels.iter().find(|(i, _)| *i == index).map(|(_, label)| view! {
                        <li><Swatch kind=LineKind::Person(index)/> " " {label.clone()}</li>
                    })
                }).collect_view()
            }}
        </ul>
    }
}

/// A line's swatch as an inline SVG drawn by plotters (which escapes any text), in the theme's
/// palette.
#[component]
fn Swatch(kind: LineKind) -> impl IntoView {
    let app = use_app();
    let svg = move || {
        let palette = if crate::ui::is_dark(app.settings().with(|s| s.theme)) {
            teamshape_core::radar::DARK
        } else {
            teamshape_core::radar::LIGHT
        };
        teamshape_core::radar::swatch(kind, &palette).unwrap_or_default()
    };
    view! { <span class="swatch" aria-hidden="true" inner_html=svg></span> }
}

/// Per statement: how many chose each answer, from enough answers on that statement only.
#[component]
fn Distributions(figures: TeamFigures, q: Questionnaire) -> impl IntoView {
    let min_answers = figures.statement_answers;
    view! {
        <section aria-labelledby="distributions-heading" data-testid="distributions">
            <h3 id="distributions-heading">"How the team answered each statement"</h3>
            {figures.dimensions.iter().filter_map(|d| d.shown.as_ref().map(|s| (d, s))).map(|(d, s)| {
                let hidden = s.items.iter().filter(|i| i.counts.is_none()).count();
                view! {
                <div class="table-scroll" role="region" aria-label=dimension_title(&q, &d.dimension) tabindex="0">
                // No table at all when every statement's counts are hidden.
                {(hidden < s.items.len()).then(|| view! {
                <table class="distribution">
                    <caption>{dimension_title(&q, &d.dimension)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Statement"</th>
                            {SCALE_LABELS.iter().map(|label| view! { <th scope="col">{*label}</th> }).collect_view()}
                            <th scope="col">{DONT_KNOW_LABEL}</th>
                            <th scope="col">{DOESNT_APPLY_LABEL}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {s.items.iter().filter_map(|i| i.counts.as_ref().map(|c| (i, c))).map(|(i, c)| view! {
                            <tr class:disagree=c.shape.is_some_and(|x| x != teamshape_core::team::Shape::CloseTogether)>
                                <th scope="row">{item_text(&q, &i.item)} {reverse_mark(&q, &i.item)}</th>
                                {c.scale.iter().map(|n| view! { <td><Bar count=*n/></td> }).collect_view()}
                                <td><Bar count=c.dont_know/></td>
                                <td><Bar count=c.doesnt_apply/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                })}
                {(hidden > 0).then(|| view! {
                    <p class="hint" data-testid="counts-hidden">
                        {dimension_title(&q, &d.dimension)} ": counts hidden for " {hidden} " of "
                        {count(s.items.len(), "statement", "statements")} ", with fewer than " {min_answers} " answers on the scale."
                    </p>
                })}
                </div>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn Bar(count: usize) -> impl IntoView {
    // The number carries the meaning; the bar only helps the eye. Its width is a class (w0 to
    // w12 in main.css), not a style attribute, which the Content-Security-Policy would block.
    let width = format!("bar w{}", count.min(12));
    let people = if count == 1 { "person" } else { "people" };
    view! {
        <span class="count">{count} <span class="visually-hidden">" " {people}</span></span>
        <span class=width aria-hidden="true"></span>
    }
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
    let set_guess = Callback::new(
        move |(key, guess): (String, Option<teamshape_core::response::Guess>)| {
            let at = now();
            edit(&|r| r.set_guess(&key, guess.clone(), at.clone()));
        },
    );
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
    // Switching between one page and a page per dimension draws the survey again.
    let layout = Memo::new(move |_| app.settings().with(|s| s.one_page));
    // Invited on one's own device (issue 15): the survey ends at "Share my answers".
    let joined = browser::joined().as_deref() == Some(response.as_str());
    let finish = if joined {
        crate::ui::links::LinkScreen::Share {
            check: Some(check),
            response,
        }
        .href()
    } else {
        Screen::HandOver { check }.href()
    };
    view! {
        {move || {
            // `get`, not `track`: a memo only recomputes, and so only notifies, when read.
            let _ = layout.get();
            view! {
                <Survey
                    heading
                    response=current
                    dimension
                    set_answer
                    set_comment
                    set_guess
                    page
                    finish=finish.clone()
                    ending=if joined {
                        Finish {
                            label: "Done: share my answers",
                            early_label: "Finish and share",
                            is_final: true,
                        }
                    } else {
                        Finish {
                            label: "I'm done: hide my answers",
                            early_label: "Finish my turn",
                            is_final: true,
                        }
                    }
                />
            }
        }}
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
            app.say("Enter your name first: this is a named team check.");
            return;
        }
        add_respondent(app, &id.get_value(), named.then_some(entered));
    };
    view! {
        <h1 tabindex="-1" data-testid="hand-over">"Thank you. Your answers are saved and hidden."</h1>
        <p>"Pass the device to the next person. Nobody can go back to see the answers given so far."</p>
        <p>{have_answered(current.respondents().count())} " so far."</p>
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
