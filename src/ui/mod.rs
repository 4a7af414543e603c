//! Leptos components. Each screen is one module; `state` is the one context they share.
//! Depends on `browser` and `domain`; nothing depends on `ui`.

mod copy;
mod home;
mod notices;
mod results;
pub mod route;
pub mod state;
mod survey;
mod team;

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

    // The theme class lives on <html> so the whole page, scrollbars included, follows it.
    Effect::new(move |_| {
        let dark = is_dark(state.settings.with(|s| s.theme));
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
        }
    });

    // After a screen change, move focus to its heading so keyboard and screen reader users
    // start at the top of the new screen, as after a page load.
    Effect::new(move |previous: Option<Screen>| {
        let now = screen.get();
        if previous.is_some_and(|p| p != now) {
            request_animation_frame(|| {
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
            });
        }
        now
    });

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
        <notices::StorageWarning/>
        <notices::DamagedData/>
        <notices::KeptData/>
        <main id="main" class="page" tabindex="-1">
            {move || match screen.get() {
                Screen::Home => view! { <home::Home/> }.into_any(),
                Screen::Survey { response, dimension } => {
                    view! { <survey::SoloSurvey response dimension/> }.into_any()
                }
                Screen::Results { response } => view! { <results::SoloResults response/> }.into_any(),
                Screen::NewTeamCheck => view! { <team::NewTeamCheck/> }.into_any(),
                Screen::TeamCheck { check } => view! { <team::TeamCheckPage check/> }.into_any(),
                Screen::TeamSurvey { check, response, dimension } => {
                    view! { <team::TeamSurvey check response dimension/> }.into_any()
                }
                Screen::HandOver { check } => view! { <team::HandOver check/> }.into_any(),
                Screen::NotFound(hash) => view! { <NotFound hash/> }.into_any(),
            }}
        </main>
        <notices::Notice/>
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
