//! Leptos components. Each screen is one module; `state` is the one context they share.
//! Depends on `browser` and `domain`; nothing depends on `ui`.

/// Calls a function of a `#[wasm_split]` group (see `split` below): with the `split` feature it
/// is async and loads its module first; without it, a plain call. Either way a `Result`, `Err`
/// when the module could not be fetched.
macro_rules! split_call {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}

mod components;
mod copy;
mod pages;
pub mod route;
pub mod state;

use components::{intuitions, notices, radar, survey};
use pages::{editor, history, home, links, results, team};

use leptos::prelude::*;
use route::Screen;
use state::{AppState, Theme};
use teamshape_core::catalog::Catalog;

/// Starts the app in place of the app shell (index.html's `#shell`, written at build time by
/// scripts/shell.mjs with the same words and markup as the home screen). The app is mounted and
/// the shell removed in the same task, so no frame shows both or neither.
pub fn start() {
    leptos::mount::mount_to_body(App);
    if let Some(shell) = document().get_element_by_id("shell") {
        shell.remove();
    }
}

/// "1 check", "0 checks": a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Goes to a screen by setting the hash, so the browser's history and reload work.
pub fn navigate(screen: &Screen) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&screen.href());
    }
}

fn current_screen() -> Screen {
    Screen::from_hash(&location_hash_text())
}

fn location_hash_text() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Whether the page is dark now: the manual switch, or else the system setting.
pub fn is_dark(theme: Theme) -> bool {
    match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => system_prefers_dark(),
    }
}

#[component]
pub fn App() -> impl IntoView {
    match Catalog::builtin() {
        Ok(catalog) => view! { <Loaded catalog/> }.into_any(),
        Err(problem) => view! {
            <main id="main" class="page">
                <h1>"teamshape could not start"</h1>
                <p role="alert">{problem}</p>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn Loaded(catalog: Catalog) -> impl IntoView {
    let state = AppState::load(catalog);
    provide_context(state);

    let screen = RwSignal::new(current_screen());
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        screen.set(current_screen())
    });
    let _ = window_event_listener(leptos::ev::storage, move |event| {
        if let Some(key) = event.key() {
            state.on_storage_event(&key, event.new_value());
        }
    });

    // Changes that wait for the writer's module (`AppState::persist`) are only in this tab:
    // closing it then would lose them, so the browser asks first.
    let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if state.unsaved() {
            ev.prevent_default();
        }
    });

    // The theme class lives on <html> so the whole page, scrollbars included, follows it.
    Effect::new(move |_| {
        let dark = is_dark(state.settings().with(|s| s.theme));
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
        }
    });

    // After a screen change, move focus to its heading so keyboard and screen reader users
    // start at the top of the new screen, as after a page load. A screen whose module is still
    // loading gets it when it is shown (`lazy_screen`).
    Effect::new(move |previous: Option<Screen>| {
        let now = screen.get();
        if previous.is_some_and(|p| p != now) {
            FOCUS_PENDING.set(true);
            request_animation_frame(focus_new_screen);
        }
        now
    });

    // Once the first screen is up, fetch and start the other screens' modules: opening one
    // then does not wait for the network (a phone's round trip and download), and it is in
    // memory before the person goes offline. The survey's at once, after the first frame: it
    // is what "Start a check" opens, and the writer's. The rest when the browser is idle.
    #[cfg(feature = "split")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        // The writer too: the first answer is saved by it (`AppState::persist`).
        state.flush();
        leptos::task::spawn_local(async {
            let _ = split::preload_survey().await;
        });
        let warm = wasm_bindgen::closure::Closure::once_into_js(|| {
            leptos::task::spawn_local(async {
                let _ = split::preload_results().await;
                let _ = split::preload_team().await;
                let _ = home::preload_data().await;
                let _ = split::preload_more().await;
                let _ = split::preload_editor().await;
                let _ = split::preload_history().await;
            })
        });
        let Some(w) = web_sys::window() else { return };
        // Safari has no requestIdleCallback.
        if js_sys::Reflect::has(&w, &"requestIdleCallback".into()).unwrap_or(false) {
            let _ = w.request_idle_callback(warm.unchecked_ref());
        } else {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(warm.unchecked_ref(), 500);
        }
    });

    // Bumped by "Try again" on a screen whose module could not be loaded: renders it anew.
    let retry = RwSignal::new(0u32);

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                use wasm_bindgen::JsCast;
                if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                    let _ = main.focus();
                }
            }
        }>{copy::SKIP}</a>
        <header class="top-bar no-print">
            <a class="brand" href="#/">{copy::BRAND}</a>
            <notices::ThemeSwitch/>
        </header>
        {lazy_notice(
            Memo::new(move |_| {
                state.storage_problem().with(Option::is_some) || state.usage().with(Option::is_some)
            }),
            Notice::Storage,
        )}
        {lazy_notice(Memo::new(move |_| !state.damaged().with(Vec::is_empty)), Notice::Damaged)}
        {lazy_notice(Memo::new(move |_| !state.kept().with(Vec::is_empty)), Notice::Kept)}
        <main id="main" class="page" tabindex="-1">
            {move || {
                retry.track();
                match screen.get() {
                    Screen::Home => view! { <home::Home/> }.into_any(),
                    screen => lazy_screen(screen, retry),
                }
            }}
        </main>
        <notices::Notice/>
    }
}

thread_local! {
    /// Set by a screen change, cleared once the new screen's heading has focus.
    static FOCUS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Moves focus to the new screen's heading (or the statement a link asked for), once the
/// screen is in the DOM: not while its module is still loading.
fn focus_new_screen() {
    if !FOCUS_PENDING.get()
        || document()
            .query_selector("main .loading")
            .ok()
            .flatten()
            .is_some()
    {
        return;
    }
    FOCUS_PENDING.set(false);
    // A link to the first open statement lands on it instead.
    if survey::take_jump() {
        return;
    }
    if let Ok(Some(heading)) = document().query_selector("main h1") {
        use wasm_bindgen::JsCast;
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let _ = heading.focus();
        }
    }
}

/// Every screen but the home screen, from a wasm module of its own (scripts/build-wasm.sh):
/// "Loading…" until the module is there (at once once it is), and if it cannot be fetched
/// (offline before the service worker had it), a message and "Try again" instead of a
/// broken app. Without the `split` feature the screens are plain functions.
fn lazy_screen(screen: Screen, retry: RwSignal<u32>) -> AnyView {
    let shown = Suspend::new(async move {
        let view = split::screen(screen).await;
        request_animation_frame(focus_new_screen);
        match view {
            Some(view) => view,
            None => view! {
                <h1 tabindex="-1">"This screen could not be loaded"</h1>
                <p role="alert">
                    "teamshape fetches each screen the first time it is opened, and this one "
                    "did not arrive. Check the connection and try again. Your answers are saved."
                </p>
                <p><button class="primary" on:click=move |_| retry.update(|n| *n += 1)>"Try again"</button></p>
            }
            .into_any(),
        }
    });
    view! { <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>{shown}</Suspense> }
        .into_any()
}

#[derive(Clone, Copy)]
enum Notice {
    Storage,
    Damaged,
    Kept,
}

/// A banner from the `more` module, while `shown` holds. If the module cannot be fetched, a
/// plain warning instead, so a storage problem, damaged or kept data is never passed over in
/// silence.
fn lazy_notice(shown: Memo<bool>, which: Notice) -> impl IntoView {
    move || {
        shown.get().then(|| {
            let part = Suspend::new(async move {
                split_call!(split::notice_part(which)).unwrap_or_else(|_| {
                    view! {
                        <div class="banner warning" role="alert">
                            <p>"Some saved data needs your attention, but this part of teamshape could not be loaded. Reload when online."</p>
                        </div>
                    }
                    .into_any()
                })
            });
            view! { <Suspense fallback=|| ()>{part}</Suspense> }
        })
    }
}

/// The screens' modules: each group is one wasm module, fetched the first time one of its
/// screens is shown (or earlier, when the browser is idle). `fallible`: a module that cannot
/// be fetched gives an error instead of aborting the whole app.
mod split {
    use super::{NotFound, Screen, editor, history, links, results, survey, team};
    use leptos::prelude::*;
    #[cfg(feature = "split")]
    use leptos::wasm_split::wasm_split;

    /// The screen's view, or `None` when its module could not be loaded.
    pub async fn screen(screen: Screen) -> Option<AnyView> {
        match screen {
            Screen::Survey { .. } => split_call!(survey_screen(screen)).ok(),
            Screen::Results { .. } => split_call!(results_screen(screen)).ok(),
            Screen::NewTeamCheck
            | Screen::TeamCheck { .. }
            | Screen::TeamSurvey { .. }
            | Screen::HandOver { .. }
            // Links (issue 15) in the team module: opening an invitation leads to its survey
            // and a response link to a team check, both there already; a module of their own
            // would cost the first load its loader.
            | Screen::Link(_) => split_call!(team_screen(screen)).ok(),
            Screen::Questionnaires | Screen::Editor { .. } => {
                split_call!(editor_screen(screen)).ok()
            }
            Screen::History { .. } | Screen::MyHistory => split_call!(history_screen(screen)).ok(),
            Screen::Home | Screen::NotFound(_) => split_call!(more_screen(screen)).ok(),
        }
    }

    /// Issue 13: a team's checks over time, and one's own.
    #[cfg_attr(feature = "split", wasm_split(history, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_history)))]
    pub(super) fn history_screen(screen: Screen) -> Loaded {
        Ok(match screen {
            Screen::History { team } => view! { <history::TeamHistory team/> }.into_any(),
            Screen::MyHistory => view! { <history::MyHistory/> }.into_any(),
            _ => ().into_any(),
        })
    }

    pub(super) type Loaded = Result<AnyView, leptos::wasm_split::SplitLoaderError>;

    #[cfg_attr(feature = "split", wasm_split(survey, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_survey)))]
    pub(super) fn survey_screen(screen: Screen) -> Loaded {
        Ok(match screen {
            Screen::Survey {
                response,
                dimension,
            } => view! { <survey::SoloSurvey response dimension/> }.into_any(),
            _ => ().into_any(),
        })
    }

    #[cfg_attr(feature = "split", wasm_split(results, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_results)))]
    pub(super) fn results_screen(screen: Screen) -> Loaded {
        Ok(match screen {
            Screen::Results { response } => view! { <results::SoloResults response/> }.into_any(),
            _ => ().into_any(),
        })
    }

    #[cfg_attr(feature = "split", wasm_split(team, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_team)))]
    pub(super) fn team_screen(screen: Screen) -> Loaded {
        Ok(match screen {
            Screen::NewTeamCheck => view! { <team::NewTeamCheck/> }.into_any(),
            Screen::TeamCheck { check } => view! { <team::TeamCheckPage check/> }.into_any(),
            Screen::TeamSurvey {
                check,
                response,
                dimension,
            } => view! { <team::TeamSurvey check response dimension/> }.into_any(),
            Screen::HandOver { check } => view! { <team::HandOver check/> }.into_any(),
            Screen::Link(path) => links::screen(&path),
            _ => ().into_any(),
        })
    }

    #[cfg_attr(feature = "split", wasm_split(editor, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_editor)))]
    pub(super) fn editor_screen(screen: Screen) -> Loaded {
        Ok(match screen {
            Screen::Questionnaires => view! { <editor::Questionnaires/> }.into_any(),
            Screen::Editor { preview: false } => view! { <editor::Editor/> }.into_any(),
            Screen::Editor { preview: true } => view! { <editor::Preview/> }.into_any(),
            _ => ().into_any(),
        })
    }

    /// The banners about storage (full, refused, nearly full) and about stored data this
    /// version could not read or will not touch: shown only when there is some, so their
    /// module is fetched then (or when idle).
    #[cfg_attr(feature = "split", wasm_split(more, wasm_split_path = ::leptos::wasm_split, fallible))]
    pub(super) fn notice_part(which: super::Notice) -> Loaded {
        Ok(match which {
            super::Notice::Storage => view! { <super::notices::StorageWarning/> }.into_any(),
            super::Notice::Damaged => view! { <super::notices::DamagedData/> }.into_any(),
            super::Notice::Kept => view! { <super::notices::KeptData/> }.into_any(),
        })
    }

    /// The rarely seen rest: a link that leads nowhere.
    #[cfg_attr(feature = "split", wasm_split(more, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_more)))]
    pub(super) fn more_screen(screen: Screen) -> Loaded {
        Ok(match screen {
            Screen::NotFound(hash) => view! { <NotFound hash/> }.into_any(),
            _ => ().into_any(),
        })
    }
}

#[component]
fn NotFound(hash: String) -> impl IntoView {
    view! {
        <h1 tabindex="-1">"There is nothing here"</h1>
        <p>"The link " <code>{hash}</code> " does not lead to a screen of teamshape."</p>
        <p><a href="#/">"Go to the start"</a></p>
    }
}
