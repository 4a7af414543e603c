//! The home screen: what this is, start or continue a check, earlier runs, team checks, and
//! the user's data (download all, restore).

use crate::browser::files::picked;
use crate::ui::copy;
use crate::ui::navigate;
use crate::ui::route::Screen;
use crate::ui::state::{AppState, use_app};
use crate::ui::survey::jump_after_navigation;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Home() -> impl IntoView {
    let app = use_app();
    let questionnaire = app.questionnaire();
    let total = questionnaire.item_count();
    let description = questionnaire.description;

    let start = move || {
        let id = app.start_response();
        navigate(&Screen::Survey {
            response: id,
            dimension: 0,
        });
    };
    // "Start a check" pressed in the app shell, before the app ran (public/shell.js): do it now.
    Effect::new(move |_| {
        if take_early_start() {
            start();
        }
    });

    // "Your data" comes from a split module: asked for after the first frame, so that no
    // fetch starts before "Start a check" works (e2e/split.spec.mjs).
    let later = RwSignal::new(false);
    request_animation_frame(move || later.set(true));

    // The same markup as the app shell that scripts/shell.mjs writes into index.html.
    view! {
        <h1 tabindex="-1">{copy::HEADING}</h1>
        <p class="lead">{description}</p>
        <p>{copy::INTRO.0} {total} {copy::INTRO.1}</p>
        <div class="actions">
            <ContinueLatest/>
            <button class="primary" data-testid="start" on:click=move |_| start()>
                {copy::START}
            </button>
            <a class="button" href="#/team/new">{copy::TEAM}</a>
        </div>
        <EarlierRuns/>
        <TeamChecks/>
        {move || {
            later
                .get()
                .then(|| view! { <Suspense fallback=|| ()>{Suspend::new(your_data_part())}</Suspense> })
        }}
    }
}

/// "Your data" (download all, restore) from the `data` module with restoring itself: the
/// section is below the lists, and the first load does not carry it. If the module cannot be
/// fetched, a line that says so instead of buttons that would do nothing.
async fn your_data_part() -> AnyView {
    split_call!(your_data()).unwrap_or_else(|_| {
        view! {
            <p class="note" data-testid="your-data-missing">
                "Downloading and restoring your data could not be loaded. Reload when online."
            </p>
        }
        .into_any()
    })
}

#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(data, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn your_data() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(view! { <YourData/> }.into_any())
}

/// Whether "Start a check" was pressed in the app shell; public/shell.js marks it on <html>.
fn take_early_start() -> bool {
    document().document_element().is_some_and(|root| {
        let pressed = root.has_attribute("data-early-start");
        let _ = root.remove_attribute("data-early-start");
        pressed
    })
}

#[component]
fn ContinueLatest() -> impl IntoView {
    let app = use_app();
    move || {
        let latest = app.responses().with(|all| all.last().cloned())?;
        let q = app.questionnaire_of(&latest.questionnaire);
        let total = q.item_count();
        // Pick up at the first statement still open, not at the top of its dimension.
        let (dimension, item) = latest.first_open(&q).map(|(d, id)| (d, id.to_string()))?;
        let screen = Screen::Survey {
            dimension,
            response: latest.id.clone(),
        };
        Some(view! {
            <a class="button primary" data-testid="continue" href=screen.href()
                on:click=move |_| jump_after_navigation(&item)>
                "Continue where you left off (" {latest.answered_count()} " of " {total} " answered)"
            </a>
        })
    }
}

#[component]
fn EarlierRuns() -> impl IntoView {
    let app = use_app();
    view! {
        <section aria-labelledby="runs-heading">
            <h2 id="runs-heading">"Your checks on this device"</h2>
            {move || {
                let runs = app.responses().get();
                if runs.is_empty() {
                    view! { <p class="empty">"None yet. \"Start a check\" takes about ten minutes."</p> }
                        .into_any()
                } else {
                    view! {
                        <ul class="runs" data-testid="runs">
                            {runs
                                .into_iter()
                                .rev()
                                .map(|r| {
                                    let id = r.id.clone();
                                    let total = app.questionnaire_of(&r.questionnaire).item_count();
                                    let results = Screen::Results { response: r.id.clone() }.href();
                                    let answer = Screen::Survey { response: r.id.clone(), dimension: 0 }.href();
                                    view! {
                                        <li>
                                            <span>
                                                "Started " {r.started_at.short()} " UTC · "
                                                {r.answered_count()} " of " {total} " answered"
                                            </span>
                                            <a href=results>"Results"</a>
                                            <a href=answer>"Answers"</a>
                                            <button
                                                class="link danger"
                                                on:click=move |_| {
                                                    let sure = window()
                                                        .confirm_with_message(
                                                            "Delete this check and its answers from this device? This cannot be undone.",
                                                        )
                                                        .unwrap_or(false);
                                                    if sure {
                                                        app.delete_response(&id);
                                                    }
                                                }
                                            >
                                                "Delete"
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn TeamChecks() -> impl IntoView {
    let app = use_app();
    view! {
        <section aria-labelledby="teams-heading">
            <h2 id="teams-heading">"Team checks"</h2>
            {move || {
                let checks = app.checks().get();
                if checks.is_empty() {
                    view! {
                        <p class="empty">
                            "No team checks yet. Create one to fill it together on one device, "
                            "or to merge the files your teammates download."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul class="runs" data-testid="team-checks">
                            {checks
                                .into_iter()
                                .map(|c| {
                                    view! {
                                        <li>
                                            <a href=Screen::TeamCheck { check: c.id.clone() }.href()>{c.name.clone()}</a>
                                            <span>" · " {crate::ui::team::have_answered(c.respondents().count())}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
        <section aria-labelledby="questionnaires-heading">
            <h2 id="questionnaires-heading">"Questionnaires"</h2>
            <p>
                "Make your own questionnaire, or answer one someone sent you. "
                <a href="#/questionnaires" data-testid="questionnaires-link">"Questionnaires"</a>
            </p>
        </section>
    }
}

#[component]
fn YourData() -> impl IntoView {
    let app = use_app();
    let restore = move |ev: leptos::ev::Event| {
        let files = picked(&ev);
        if files.is_empty() {
            return;
        }
        spawn_local(async move {
            match split_call!(restore_files(app, files)) {
                Ok(restore) => restore.await,
                Err(_) => app.say(
                    "Restoring could not start: this part of teamshape could not be loaded. \
                     Check the connection and try again."
                        .to_string(),
                ),
            }
        });
    };
    view! {
        <section aria-labelledby="data-heading">
            <h2 id="data-heading">"Your data"</h2>
            {move || {
                (!app.settings().with(|s| s.eviction_notice_dismissed))
                    .then(|| {
                        view! {
                            <p class="note" data-testid="eviction-notice">
                                "Your answers live only in this browser. Browsers may clear "
                                "them, Safari after seven days without a visit. Download a "
                                "copy to keep them safe. "
                                <button
                                    class="link"
                                    on:click=move |_| app.save_settings(|s| s.eviction_notice_dismissed = true)
                                >
                                    "Got it"
                                </button>
                            </p>
                        }
                    })
            }}
            <div class="actions">
                <button data-testid="download-all" on:click=move |_| app.download_backup()>
                    "Download all my data"
                </button>
                <label class="button">
                    "Restore from file"
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".json,application/json"
                        multiple
                        data-testid="restore"
                        on:change=restore
                    />
                </label>
            </div>
        </section>
    }
}

/// Reads the picked files and restores what they hold. In a wasm module of its own (`data`,
/// see `split` in src/ui/mod.rs): the first load does not need it.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        data,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_data)
    )
)]
pub(crate) fn restore_files(app: AppState, files: Vec<web_sys::File>) -> Restore {
    Ok(Box::pin(app.restore(files)))
}

type Restore = Result<
    std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>,
    leptos::wasm_split::SplitLoaderError,
>;
