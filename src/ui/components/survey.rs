//! Answering: one dimension at a time, each item a labelled radio group plus an optional
//! comment. Used for solo checks and for each respondent of a team check on a shared device.

use crate::browser::now;
use crate::ui::route::Screen;
use crate::ui::state::use_app;
use crate::ui::{count, navigate};
use leptos::prelude::*;
use teamshape_core::limits::{MAX_TEXT_UNITS, clip, utf16_len};
use teamshape_core::questionnaire::{
    DOESNT_APPLY_LABEL, DONT_KNOW_LABEL, Item, Questionnaire, SCALE_LABELS,
};
use teamshape_core::response::{Answer, Guess, Response};

#[component]
pub fn SoloSurvey(response: String, dimension: usize) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(response.clone());
    let current = Signal::derive(move || app.response(&id.get_value()));
    let set_answer = Callback::new(move |(item, answer): (String, Option<Answer>)| {
        app.edit_response(&id.get_value(), |r| r.set_answer(&item, answer, now()));
    });
    let set_comment = Callback::new(move |(item, comment): (String, String)| {
        app.edit_response(&id.get_value(), |r| r.set_comment(&item, comment, now()));
    });
    let set_guess = Callback::new(move |(key, guess): (String, Option<Guess>)| {
        app.edit_response(&id.get_value(), |r| r.set_guess(&key, guess, now()));
    });
    let page = Callback::new(move |dimension: usize| {
        Screen::Survey {
            response: id.get_value(),
            dimension,
        }
        .href()
    });
    let finish = Screen::Results { response }.href();
    view! {
        <Survey
            heading="Your answers"
            response=current
            dimension
            set_answer
            set_comment
            set_guess
            page
            finish
            ending=Finish { label: "See results", early_label: "See results now", is_final: false }
        />
        <StartOver/>
    }
}

/// Starts a fresh solo check after a confirmation; the current one stays in the list.
#[component]
pub fn StartOver() -> impl IntoView {
    let app = use_app();
    view! {
        <p class="no-print">
            <button
                class="link"
                data-testid="start-over"
                on:click=move |_| {
                    let sure = window()
                        .confirm_with_message(
                            "Start a new check from scratch? These answers stay saved under \"Your checks on this device\".",
                        )
                        .unwrap_or(false);
                    if sure {
                        let id = app.start_response();
                        navigate(&Screen::Survey { response: id, dimension: 0 });
                    }
                }
            >
                "Start over"
            </button>
        </p>
    }
}

thread_local! {
    /// A statement to move to once the next screen is shown (see `take_jump`): set by links
    /// that lead to the first open statement, so the person lands on it, not at the top.
    static JUMP: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Asks for the statement `item` to get focus after the coming screen change.
pub fn jump_after_navigation(item: &str) {
    JUMP.with(|jump| *jump.borrow_mut() = Some(item.to_string()));
}

/// Moves focus to a pending statement, if any (called once the new screen is in the DOM).
pub fn take_jump() -> bool {
    JUMP.with(|jump| jump.borrow_mut().take())
        .is_some_and(|item| focus_item(&item))
}

/// Focuses the first answer of a statement on the page, scrolling it into view.
fn focus_item(item: &str) -> bool {
    use wasm_bindgen::JsCast;
    // Item ids are checked on reading (letters, digits, `-`, `_`, `.`): safe inside quotes.
    let selector = format!("[data-item=\"{item}\"] input");
    document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|input| input.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|input| {
            let _ = input.focus();
            input.scroll_into_view_with_bool(false);
            true
        })
}

/// How the answers of one survey end.
#[derive(Clone, Copy)]
pub struct Finish {
    /// The last page's main button.
    pub label: &'static str,
    /// The link on every other page.
    pub early_label: &'static str,
    /// Finishing cannot be undone (a turn on a shared device): with statements still open, it
    /// asks first, and offers to go back to them.
    pub is_final: bool,
}

#[component]
pub fn Survey(
    heading: &'static str,
    #[prop(into)] response: Signal<Option<Response>>,
    dimension: usize,
    set_answer: Callback<(String, Option<Answer>)>,
    set_comment: Callback<(String, String)>,
    /// The link to a dimension's page.
    page: Callback<usize, String>,
    /// Where "next" leads after the last dimension.
    finish: String,
    ending: Finish,
    /// A questionnaire not (yet) in the catalog: the editor's preview.
    #[prop(optional)]
    questionnaire: Option<Questionnaire>,
    /// Every statement on one page, whatever the settings say (the editor's preview).
    #[prop(optional)]
    all_on_one_page: bool,
    /// Answers to the optional intuitions part (issue 14), asked on the last page; none in the
    /// editor's preview.
    #[prop(optional)]
    set_guess: Option<Callback<(String, Option<Guess>)>>,
) -> impl IntoView {
    let app = use_app();
    // The questionnaire this response was made with (a v1 check keeps its v1 statements).
    let questionnaire = questionnaire.unwrap_or_else(|| {
        response
            .with_untracked(|r| r.as_ref().map(|r| r.questionnaire.clone()))
            .map_or_else(|| app.questionnaire(), |q| app.questionnaire_of(&q))
    });
    let count = questionnaire.dimensions.len();
    let total = questionnaire.item_count();
    let Some(dim) = questionnaire.dimensions.get(dimension).cloned() else {
        return view! {
            <h1 tabindex="-1">"There is no such dimension"</h1>
            <p><a href=page.run(0)>"Go to the first dimension"</a></p>
        }
        .into_any();
    };
    if response.with_untracked(Option::is_none) {
        return view! {
            <h1 tabindex="-1">"These answers are not on this device"</h1>
            <p>"They may have been deleted, or made in another browser."</p>
            <p><a href="#/">"Go to the start"</a></p>
        }
        .into_any();
    }
    // On a laptop, a turn on a shared device shows every statement on one page: fewer clicks
    // for each person in a workshop. The person can switch, and the choice is remembered.
    let one_page = all_on_one_page
        || ending.is_final
            && app
                .settings()
                .with_untracked(|s| s.one_page)
                .unwrap_or_else(wide_screen);
    let sections: Vec<(Option<String>, String, Vec<Item>)> = if one_page {
        questionnaire
            .dimensions
            .iter()
            .map(|d| {
                (
                    Some(d.title.clone()),
                    d.description.clone(),
                    d.items.clone(),
                )
            })
            .collect()
    } else {
        vec![(None, dim.description.clone(), dim.items.clone())]
    };
    let here: Vec<String> = sections
        .iter()
        .flat_map(|(_, _, items)| items.iter().map(|i| i.id.clone()))
        .collect();
    let answered = move || response.with(|r| r.as_ref().map_or(0, Response::answered_count));
    let open_here = move || {
        response.with(|r| {
            r.as_ref().map_or(0, |r| {
                here.iter().filter(|id| r.answer(id).is_none()).count()
            })
        })
    };
    let stored = StoredValue::new(questionnaire.clone());
    let first_open = move || {
        response.with(|r| {
            let r = r.as_ref()?;
            stored.with_value(|q| r.first_open(q).map(|(d, id)| (d, id.to_string())))
        })
    };
    // To the first open statement: on this page, focus it; elsewhere, go there and land on it.
    let go_to_open = move |_| {
        if let Some((d, item)) = first_open() {
            if one_page || d == dimension {
                focus_item(&item);
            } else {
                jump_after_navigation(&item);
                if let Some(window) = web_sys::window() {
                    let _ = window.location().set_hash(&page.run(d));
                }
            }
        }
    };
    let confirming = RwSignal::new(false);
    let finish_href = StoredValue::new(finish);
    // A final finish with statements open asks first; otherwise the link just goes.
    let on_finish = move |ev: leptos::ev::MouseEvent| {
        if ending.is_final && total > answered() {
            ev.prevent_default();
            confirming.set(true);
        }
    };
    let last = one_page || dimension + 1 == count;
    let next = if last {
        finish_href.get_value()
    } else {
        page.run(dimension + 1)
    };

    view! {
        <p class="eyebrow">{heading}</p>
        <h1 tabindex="-1">{if one_page { "All statements".to_string() } else { dim.title.clone() }}</h1>
        <div class="progress" data-testid="progress">
            <span>
                {(!one_page).then(|| format!("Dimension {} of {count} · ", dimension + 1))}
                {answered} " of " {total} " answered"
            </span>
            <progress max=total value=answered aria-hidden="true"></progress>
        </div>
        {sections.into_iter().map(|(title, description, items)| view! {
            {title.map(|title| view! { <h2>{title}</h2> })}
            <p class="dimension-description">{description}</p>
            <form class="items" autocomplete="off" on:submit=|ev| ev.prevent_default()>
                // Keyed by item id: moving to another dimension must create fresh radio groups.
                // Patching the previous page's inputs in place mixes two radio groups' states.
                <For
                    each=move || items.clone()
                    key=|item| item.id.clone()
                    children=move |item| view! { <ItemQuestion item response set_answer set_comment/> }
                />
            </form>
        }).collect_view()}
        {set_guess.filter(|_| last).map(|set_guess| view! {
            <super::intuitions::IntuitionsPart questionnaire=questionnaire.clone() response set_guess/>
        })}
        <p class="hint" data-testid="open-here" aria-live="polite">
            {move || {
                let open = open_here();
                (open > 0).then(|| view! {
                    {statements(open)} " on this page " {if open == 1 { "is" } else { "are" }}
                    " still open. "
                    <button class="link" on:click=go_to_open>"Go to the first"</button>
                })
            }}
        </p>
        {move || confirming.get().then(|| view! {
            <div class="note" role="alert" data-testid="finish-confirm">
                <p>
                    {move || statements(total - answered())}
                    " still open. Once you finish, your answers are hidden and nobody can reopen them, you included."
                </p>
                <div class="actions">
                    <button class="primary" on:click=go_to_open data-testid="answer-open">"Answer them first"</button>
                    <a class="button" href=finish_href.get_value() data-testid="finish-anyway">"Finish anyway"</a>
                </div>
            </div>
        })}
        <nav class="pager" aria-label="Dimensions">
            {(!one_page && dimension > 0).then(|| view! {
                <a class="button" href=page.run(dimension - 1) data-testid="back">"Back"</a>
            })}
            <a class="button primary" href=next data-testid="next"
                on:click=move |ev| if last { on_finish(ev) }>
                {if last { ending.label } else { "Next" }}
            </a>
            {(!last).then(|| view! {
                <a class="link" href=finish_href.get_value() data-testid="results-now" on:click=on_finish>
                    {ending.early_label}
                </a>
            })}
            {ending.is_final.then(|| view! {
                <button class="link" data-testid="layout"
                    on:click=move |_| app.save_settings(|s| s.one_page = Some(!one_page))>
                    {if one_page { "One dimension at a time" } else { "All statements on one page" }}
                </button>
            })}
        </nav>
    }
    .into_any()
}

/// A laptop or larger: room for every statement on one page.
fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 768.0)
}

/// "1 statement", "4 statements".
fn statements(n: usize) -> String {
    count(n, "statement", "statements")
}

#[component]
fn ItemQuestion(
    item: Item,
    response: Signal<Option<Response>>,
    set_answer: Callback<(String, Option<Answer>)>,
    set_comment: Callback<(String, String)>,
) -> impl IntoView {
    let id = StoredValue::new(item.id.clone());
    let current = move || response.with(|r| r.as_ref().and_then(|r| r.answer(&id.get_value())));
    let comment = move || {
        response.with(|r| {
            r.as_ref()
                .map(|r| r.comment(&id.get_value()).to_string())
                .unwrap_or_default()
        })
    };
    let name = format!("answer-{}", item.id);
    let comment_id = format!("comment-{}", item.id);
    let count_id = format!("count-{}", item.id);
    let choices: Vec<(Answer, &'static str)> = (1..=5)
        .map(|v| (Answer::Scale(v), SCALE_LABELS[usize::from(v - 1)]))
        .chain([
            (Answer::DontKnow, DONT_KNOW_LABEL),
            (Answer::DoesntApply, DOESNT_APPLY_LABEL),
        ])
        .collect();
    view! {
        <fieldset class="item" data-testid="item" data-item=item.id.clone()>
            <legend>{item.text.clone()}</legend>
            <div class="scale">
                {choices
                    .into_iter()
                    .map(|(answer, label)| {
                        let value = match answer {
                            Answer::Scale(v) => v.to_string(),
                            Answer::DontKnow => "dont_know".to_string(),
                            Answer::DoesntApply => "doesnt_apply".to_string(),
                        };
                        // Both answers off the scale share the style that sets them apart. On a
                        // phone the scale is one row: the number shows, and the words only at
                        // both ends; the words stay the answer's name for screen readers.
                        let apart = !matches!(answer, Answer::Scale(_));
                        let (number, end) = match answer {
                            Answer::Scale(v) => (Some(v), v == 1 || v == 5),
                            _ => (None, true),
                        };
                        view! {
                            <label class="choice" class:dont-know=apart class:end=end>
                                <input
                                    type="radio"
                                    name=name.clone()
                                    value=value
                                    prop:checked=move || current() == Some(answer)
                                    on:change=move |_| set_answer.run((id.get_value(), Some(answer)))
                                />
                                <span class="n" aria-hidden="true">{number}</span>
                                <span class="t">{label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <details class="comment" open=move || !comment().is_empty()>
                <summary>"Add a comment"</summary>
                <label for=comment_id.clone()>"Your comment (optional)"</label>
                // The limit the reader applies, enforced here (maxlength, and clipped should a
                // browser let more through), with a counter: never found out on reload.
                <textarea
                    id=comment_id
                    rows="2"
                    maxlength=MAX_TEXT_UNITS
                    aria-describedby=count_id.clone()
                    prop:value=comment
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        set_comment.run((id.get_value(), clip(&text, MAX_TEXT_UNITS).to_string()))
                    }
                ></textarea>
                <span class="counter" id=count_id data-testid="comment-count">
                    {move || format!("{} / {}", grouped(utf16_len(&comment())), grouped(MAX_TEXT_UNITS))}
                </span>
            </details>
        </fieldset>
    }
}

/// 9950 as "9,950".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
