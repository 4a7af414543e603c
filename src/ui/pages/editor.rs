//! Questionnaires: the list of every one this device has (answer it, copy it, edit it, export
//! it, import one), the editor, and its preview, which is the real survey. The rules (what can
//! be saved, generated ids, new versions) are `teamshape_core::editor`; the draft is saved as it
//! is typed (`AppState::save_draft`), so a reload or a closed tab loses nothing.

use crate::browser::files::picked;
use crate::browser::now;
use crate::ui::route::Screen;
use crate::ui::state::{AppState, use_app};
use crate::ui::survey::{Finish, Survey};
use crate::ui::{count, navigate};
use leptos::prelude::*;
use teamshape_core::editor::{self, Draft};
use teamshape_core::questionnaire::{Dimension, Questionnaire};
use teamshape_core::response::{Answer, Response};

#[component]
pub fn Questionnaires() -> impl IntoView {
    let app = use_app();
    let draft_title = app
        .draft()
        .map(|d| title_or_untitled(&d.questionnaire.title));
    // Starting another draft replaces the one in progress: ask first.
    let begin = move |draft: Draft| {
        let replace = !app.draft_unsaved()
            || confirm("You have a questionnaire in progress that is not saved. Replace it?");
        if replace {
            app.save_draft(&draft);
            navigate(&Screen::Editor { preview: false });
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let files = picked(&ev);
        if !files.is_empty() {
            leptos::task::spawn_local(app.restore(files));
        }
    };
    view! {
        <h1 tabindex="-1">"Questionnaires"</h1>
        <p>
            "Answer any questionnaire on this device, make your own from scratch or from a copy, "
            "and send it to your team as a file. A team check carries its questionnaire, so "
            "everyone answers the same statements."
        </p>
        {draft_title.map(|title| view! {
            <p class="note" data-testid="draft-in-progress">
                "In progress: " <strong>{title}</strong> ". "
                <a href=Screen::Editor { preview: false }.href()>"Continue editing"</a>
            </p>
        })}
        <div class="actions">
            <button data-testid="new-questionnaire"
                on:click=move |_| begin(Draft::blank(&app.questionnaire_ids()))>
                "New questionnaire"
            </button>
            <label class="button">
                "Import a questionnaire file"
                <input type="file" class="visually-hidden" accept=".json,application/json"
                    multiple data-testid="import-questionnaire" on:change=import/>
            </label>
        </div>
        <ul class="questionnaires" data-testid="questionnaires">
            {move || app.questionnaires().into_iter().map(|(q, builtin)| {
                let stored = StoredValue::new(q.clone());
                let answer = move |_| {
                    let id = app.start_response_with(&stored.get_value());
                    navigate(&Screen::Survey { response: id, dimension: 0 });
                };
                let copy = move |_| begin(Draft::copy_of(&stored.get_value(), &app.questionnaire_ids()));
                let edit = move |_| begin(Draft::edit(&stored.get_value()));
                let export = move |_| app.share_questionnaire(&stored.get_value());
                view! {
                    <li data-questionnaire=q.id.clone()>
                        <h2>{q.title.clone()}</h2>
                        <p class="hint">
                            {if builtin { "Built in" } else { "Made or imported here" }}
                            " · version " {q.version} " · "
                            {count(q.dimensions.len(), "dimension", "dimensions")} " · "
                            {count(q.item_count(), "statement", "statements")}
                        </p>
                        <p>{q.description.clone()}</p>
                        <div class="actions">
                            <button class="primary" data-testid="answer-questionnaire" on:click=answer>"Answer it"</button>
                            <button data-testid="copy-questionnaire" on:click=copy>"Make a copy to edit"</button>
                            {(!builtin).then(|| view! {
                                <button data-testid="edit-questionnaire" on:click=edit>"Edit"</button>
                                <button data-testid="export-questionnaire" on:click=export>"Export file"</button>
                            })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p><a href="#/">"Back to the start"</a></p>
    }
}

fn title_or_untitled(title: &str) -> String {
    if title.trim().is_empty() {
        "Untitled questionnaire".to_string()
    } else {
        title.trim().to_string()
    }
}

fn nothing_edited() -> AnyView {
    view! {
        <h1 tabindex="-1">"No questionnaire is being edited"</h1>
        <p>
            "Start a new one, or make a copy of one, on the "
            <a href=Screen::Questionnaires.href()>"questionnaires page"</a> "."
        </p>
    }
    .into_any()
}

fn confirm(question: &str) -> bool {
    window().confirm_with_message(question).unwrap_or(false)
}

/// Whether anything was typed into a dimension: removing it then asks first.
fn typed_in(draft: &RwSignal<Draft>, at: usize) -> bool {
    draft.with_untracked(|d| {
        d.questionnaire.dimensions.get(at).is_some_and(|x| {
            !x.title.trim().is_empty()
                || !x.description.trim().is_empty()
                || !x.prompts.is_empty()
                || x.items.iter().any(|i| !i.text.trim().is_empty())
        })
    })
}

/// Finds a dimension of the draft by id (positions change as dimensions move).
fn dimension_mut<'a>(draft: &'a mut Draft, id: &str) -> Option<&'a mut Dimension> {
    draft
        .questionnaire
        .dimensions
        .iter_mut()
        .find(|d| d.id == id)
}

#[component]
pub fn Editor() -> impl IntoView {
    let app = use_app();
    let Some(start) = app.draft() else {
        return nothing_edited();
    };
    let draft = RwSignal::new(start);
    let notes = Memo::new(move |_| draft.with(|d| editor::check(&d.questionnaire)));
    let errors = move || notes.with(|n| n.iter().filter(|n| n.error).count());
    // The saved questionnaire this draft edits, and whether people may have answered it.
    let saved = Memo::new(move |_| {
        draft
            .with(|d| d.base.clone())
            .and_then(|b| app.find_questionnaire(&b.id, b.version))
    });
    let in_use = Memo::new(move |_| {
        draft
            .with(|d| d.base.clone())
            .is_some_and(|b| app.is_in_use(&b))
    });
    let unsaved = move || saved.with(|s| draft.with(|d| s.as_ref() != Some(&d.questionnaire)));
    let save = move |_| match app.save_questionnaire(&draft.get_untracked()) {
        Ok(revision) => {
            let q = &revision.questionnaire;
            app.say(format!(
                "Saved \"{}\", version {}. {}",
                q.title.trim(),
                q.version,
                revision.sentence
            ));
            if let Some(d) = app.draft() {
                draft.set(d);
            }
        }
        Err(message) => app.say(message),
    };
    let export = move |_| match saved.get_untracked() {
        Some(q) if !unsaved() => app.share_questionnaire(&q),
        _ => app.say("Save first: the file holds the saved questionnaire."),
    };
    let discard = move |_| {
        if confirm("Discard this draft? What was saved before stays.") {
            app.discard_draft();
            navigate(&Screen::Questionnaires);
        }
    };
    let (title, description) = draft.with_untracked(|d| {
        (
            d.questionnaire.title.clone(),
            d.questionnaire.description.clone(),
        )
    });
    let dimension_ids = move || {
        draft.with(|d| {
            d.questionnaire
                .dimensions
                .iter()
                .map(|x| x.id.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <p class="eyebrow">"Your questionnaire"</p>
        <h1 tabindex="-1">{move || draft.with(|d| title_or_untitled(&d.questionnaire.title))}</h1>
        <p class="hint" data-testid="draft-saved">
            "Everything you type is kept on this device as you type it. "
            {move || if unsaved() { "Not saved as a questionnaire yet." } else { "Saved." }}
        </p>
        {move || in_use.get().then(|| view! {
            <p class="note" data-testid="new-version-note">
                "People may have answered this questionnaire, so saving makes version "
                {saved.with(|s| s.as_ref().map_or(1, |q| q.version + 1))}
                ", and a statement whose meaning you change becomes a new statement. Fixing a "
                "typo? Tick \"Same meaning\" under it."
            </p>
        })}
        <form class="stack editor" novalidate on:submit=|ev| ev.prevent_default()>
            <label for="q-title">"Title"</label>
            <input id="q-title" type="text" data-testid="q-title" prop:value=title
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    change(app, draft, |d| d.questionnaire.title = text);
                }/>
            <label for="q-description">"What it is for"</label>
            <textarea id="q-description" data-testid="q-description" prop:value=description
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    change(app, draft, |d| d.questionnaire.description = text);
                }></textarea>
            <For
                each=dimension_ids
                key=|id| id.clone()
                children=move |id| view! { <DimensionEditor id draft in_use saved/> }
            />
            <div class="actions">
                <button type="button" data-testid="add-dimension"
                    on:click=move |_| change(app, draft, Draft::add_dimension)>
                    "Add a dimension"
                </button>
            </div>
        </form>
        <section class="editor-notes" aria-labelledby="notes-heading" data-testid="editor-notes">
            <h2 id="notes-heading">"Before saving"</h2>
            <p aria-live="polite" data-testid="error-count">
                {move || match errors() {
                    0 => "Ready to save.".to_string(),
                    n => format!("{} to fix before saving.", count(n, "thing", "things")),
                }}
            </p>
            <ul>
                {move || notes.get().into_iter().map(|note| view! {
                    <li class=if note.error { "error" } else { "warning" }>
                        {if note.error { "To fix: " } else { "Worth a look: " }} {note.text}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <div class="actions">
            <button class="primary" data-testid="save-questionnaire" on:click=save>"Save"</button>
            <a class="button" data-testid="preview" href=Screen::Editor { preview: true }.href()>"Preview"</a>
            <button data-testid="export-draft" on:click=export>"Export file"</button>
            <button class="link" data-testid="discard-draft" on:click=discard>"Discard the draft"</button>
        </div>
        <p><a href=Screen::Questionnaires.href()>"All questionnaires"</a></p>
    }
    .into_any()
}

/// Changes the draft and keeps it on the device at once.
fn change(app: AppState, draft: RwSignal<Draft>, edit: impl FnOnce(&mut Draft)) {
    draft.update(edit);
    draft.with_untracked(|d| app.save_draft(d));
}

#[component]
fn DimensionEditor(
    id: String,
    draft: RwSignal<Draft>,
    in_use: Memo<bool>,
    saved: Memo<Option<Questionnaire>>,
) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(id);
    let edit = move |f: &dyn Fn(&mut Dimension)| {
        change(app, draft, |d| {
            if let Some(dim) = dimension_mut(d, &id.get_value()) {
                f(dim);
            }
        })
    };
    let position = move || {
        draft.with(|d| {
            d.questionnaire
                .dimensions
                .iter()
                .position(|x| x.id == id.get_value())
                .unwrap_or(0)
        })
    };
    let (title, description, prompts) = draft.with_untracked(|d| {
        d.questionnaire
            .dimensions
            .iter()
            .find(|x| x.id == id.get_value())
            .map(|x| (x.title.clone(), x.description.clone(), x.prompts.join("\n")))
            .unwrap_or_default()
    });
    let item_ids = move || {
        draft.with(|d| {
            d.questionnaire
                .dimensions
                .iter()
                .find(|x| x.id == id.get_value())
                .map(|x| x.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let field = move |what: &str| format!("{}-{what}", id.get_value());
    view! {
        <fieldset class="dimension-editor" data-testid="dimension-editor">
            <legend>{move || format!("Dimension {}", position() + 1)}</legend>
            <label for=field("title")>"Name (an axis of the radar)"</label>
            <input id=field("title") type="text" data-testid="d-title" prop:value=title
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    edit(&|dim| dim.title = text.clone());
                }/>
            <label for=field("description")>"What it means"</label>
            <textarea id=field("description") data-testid="d-description" prop:value=description
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    edit(&|dim| dim.description = text.clone());
                }></textarea>
            <label for=field("prompts")>"Questions for the team to discuss (one per line)"</label>
            <textarea id=field("prompts") data-testid="d-prompts" prop:value=prompts
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    edit(&|dim| {
                        dim.prompts = text
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(String::from)
                            .collect();
                    });
                }></textarea>
            <ol class="statement-editors">
                <For
                    each=item_ids
                    key=|item| item.clone()
                    children=move |item| view! { <ItemEditor dimension=id.get_value() item draft in_use saved/> }
                />
            </ol>
            <div class="actions">
                <button type="button" data-testid="add-statement"
                    on:click=move |_| {
                        let at = position();
                        change(app, draft, |d| d.add_item(at));
                    }>
                    "Add a statement"
                </button>
                {move || (position() > 0).then(|| view! {
                    <button type="button" class="link"
                        on:click=move |_| {
                            let at = position();
                            change(app, draft, |d| d.move_up(at));
                        }>
                        "Move up"
                    </button>
                })}
                <button type="button" class="link" data-testid="remove-dimension"
                    on:click=move |_| {
                        let at = position();
                        if typed_in(&draft, at) && !confirm("Remove this dimension and everything typed in it?") {
                            return;
                        }
                        change(app, draft, |d| d.remove_dimension(at));
                    }>
                    "Remove this dimension"
                </button>
            </div>
        </fieldset>
    }
}

#[component]
fn ItemEditor(
    dimension: String,
    item: String,
    draft: RwSignal<Draft>,
    in_use: Memo<bool>,
    saved: Memo<Option<Questionnaire>>,
) -> impl IntoView {
    let app = use_app();
    let (dimension, item) = (StoredValue::new(dimension), StoredValue::new(item));
    // Positions change as statements and dimensions move: found by id at the time of the edit.
    let edit = move |f: &dyn Fn(&mut Draft, usize, usize)| {
        change(app, draft, |d| {
            let at = d
                .questionnaire
                .dimensions
                .iter()
                .position(|x| x.id == dimension.get_value());
            if let Some(at) = at
                && let Some(i) = d.questionnaire.dimensions[at]
                    .items
                    .iter()
                    .position(|x| x.id == item.get_value())
            {
                f(d, at, i);
            }
        })
    };
    let current = move || {
        draft.with(|d| {
            d.questionnaire
                .item(&item.get_value())
                .map(|i| (i.text.clone(), i.reverse))
                .unwrap_or_default()
        })
    };
    let (text, reverse) = draft.with_untracked(|_| current());
    // Changed since it was saved, in a questionnaire people may have answered: the one
    // sentence and the "same meaning" choice appear under it.
    let changed = move || {
        in_use.get()
            && saved.with(|s| {
                s.as_ref()
                    .and_then(|q| q.item(&item.get_value()))
                    .is_some_and(|old| (old.text.clone(), old.reverse) != current())
            })
    };
    let same = move || draft.with(|d| d.same_meaning.contains(&item.get_value()));
    let field = format!("{}-text", item.get_value());
    view! {
        <li class="statement-editor" data-testid="statement-editor">
            <label for=field.clone()>"Statement"</label>
            <textarea id=field data-testid="s-text" prop:value=text
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    edit(&|d, at, i| d.questionnaire.dimensions[at].items[i].text = text.clone());
                }></textarea>
            <label class="inline">
                <input type="checkbox" data-testid="s-reverse" prop:checked=reverse
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit(&|d, at, i| d.questionnaire.dimensions[at].items[i].reverse = on);
                    }/>
                " Reverse-worded (agreeing describes a worse state)"
            </label>
            {move || changed().then(|| view! {
                <p class="hint" data-testid="meaning-changed">
                    {if same() {
                        "Kept as the same statement: answers to it stay comparable."
                    } else {
                        "Saving makes this a new statement: earlier answers to it are not compared with new ones."
                    }}
                </p>
                <label class="inline">
                    <input type="checkbox" data-testid="s-same-meaning" prop:checked=same
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let id = item.get_value();
                            change(app, draft, |d| {
                                if on {
                                    d.same_meaning.insert(id);
                                } else {
                                    d.same_meaning.remove(&id);
                                }
                            });
                        }/>
                    " Same meaning (a typo fix)"
                </label>
            })}
            <button type="button" class="link" data-testid="remove-statement"
                on:click=move |_| {
                    if !current().0.trim().is_empty() && !confirm("Remove this statement?") {
                        return;
                    }
                    edit(&|d, at, i| d.remove_item(at, i));
                }>
                "Remove"
            </button>
        </li>
    }
}

/// The draft as people will see it: the real survey, all statements on one page. Answers here
/// are kept in memory only, and gone when the preview closes.
#[component]
pub fn Preview() -> impl IntoView {
    let Some(draft) = use_app().draft() else {
        return nothing_edited();
    };
    let questionnaire = draft.questionnaire;
    let response = RwSignal::new(Some(Response::new(
        "preview".to_string(),
        &questionnaire,
        now(),
    )));
    let set_answer = Callback::new(move |(item, answer): (String, Option<Answer>)| {
        response.update(|r| {
            if let Some(r) = r {
                r.set_answer(&item, answer, now());
            }
        });
    });
    let set_comment = Callback::new(move |(item, comment): (String, String)| {
        response.update(|r| {
            if let Some(r) = r {
                r.set_comment(&item, comment, now());
            }
        });
    });
    let back = Screen::Editor { preview: false }.href();
    let page = Callback::new(move |_| Screen::Editor { preview: true }.href());
    view! {
        <p class="note" data-testid="preview-note">
            "A preview: this is what people will see. Answers given here are not kept. "
            <a href=back.clone()>"Back to editing"</a>
        </p>
        <Survey
            heading="Preview"
            response
            dimension=0
            set_answer
            set_comment
            page
            finish=back
            ending=Finish { label: "Back to editing", early_label: "Back to editing", is_final: false }
            questionnaire
            all_on_one_page=true
        />
    }
    .into_any()
}
