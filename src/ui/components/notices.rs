//! Banners and small controls shown on every screen.

use crate::browser::now;
use crate::browser::storage::QUOTA_UNITS;
use crate::ui::copy;
use crate::ui::state::{Theme, use_app};
use leptos::prelude::*;
use teamshape_core::format::file_name;

/// Light / dark / system, remembered across visits.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let app = use_app();
    let options = [
        (Theme::System, copy::THEME_SYSTEM),
        (Theme::Light, copy::THEME_LIGHT),
        (Theme::Dark, copy::THEME_DARK),
    ];
    view! {
        <label class="theme-switch">
            {copy::THEME} " "
            <select
                data-testid="theme"
                on:change=move |ev| {
                    let theme = match event_target_value(&ev).as_str() {
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => Theme::System,
                    };
                    app.save_settings(|s| s.theme = theme);
                }
            >
                {options
                    .into_iter()
                    .map(|(theme, label)| {
                        let value = match theme {
                            Theme::System => "system",
                            Theme::Light => "light",
                            Theme::Dark => "dark",
                        };
                        view! {
                            <option
                                value=value
                                selected=move || app.settings().with(|s| s.theme == theme)
                            >
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Saving failed: say so until the visit ends, and offer everything as a file. Before that,
/// from 80 % of the quota on, say how full storage is.
#[component]
pub fn StorageWarning() -> impl IntoView {
    let app = use_app();
    move || {
        let text = match (app.storage_problem().get(), app.usage().get()) {
            (Some(problem), _) => problem.message(),
            (None, Some(used)) => format!(
                "This browser's storage for teamshape is {}% full ({:.1} of about {:.1} million \
                 characters). Download everything now, and delete team checks you no longer \
                 need, before it fills up.",
                used * 100 / QUOTA_UNITS,
                used as f64 / 1e6,
                QUOTA_UNITS as f64 / 1e6
            ),
            (None, None) => return None,
        };
        Some(view! {
            <div class="banner warning" role="alert" data-testid="storage-warning">
                <p>{text}</p>
                <button on:click=move |_| app.download_backup()>"Download everything now"</button>
            </div>
        })
    }
}

/// Saved data this version cannot read, left exactly where it was. One paragraph of text:
/// a list view would cost more wasm than the first-load budget has left.
#[component]
pub fn KeptData() -> impl IntoView {
    let app = use_app();
    move || {
        let kept = app.kept().get();
        (!kept.is_empty()).then(|| {
            let list: Vec<String> = kept
                .iter()
                .map(|k| format!("{} ({})", k.key, k.reason))
                .collect();
            view! {
                <div class="banner warning" role="status" data-testid="kept-data">
                    <p>
                        "Some saved data is not for this version of teamshape. It was kept where "
                        "it is, untouched, and will not be overwritten: " {list.join("; ")}
                    </p>
                </div>
            }
        })
    }
}

/// Stored data that could not be read: it was moved aside, and can be downloaded as it was.
#[component]
pub fn DamagedData() -> impl IntoView {
    let app = use_app();
    move || {
        let damaged = app.damaged().get();
        (!damaged.is_empty()).then(|| {
            view! {
                <div class="banner warning" role="alert" data-testid="damaged-data">
                    <p>
                        "Some saved data could not be read. It was kept aside, untouched, and "
                        "nothing else was changed."
                    </p>
                    <ul>
                        {damaged
                            .into_iter()
                            .map(|d| {
                                let raw = d.raw.clone();
                                let name = file_name("damaged-data", now().date());
                                view! {
                                    <li>
                                        <code>{d.key.clone()}</code> ": " {d.reason.clone()} " "
                                        <button on:click=move |_| {
                                            app.download(&name, &raw, "")
                                        }>"Download it as it was"</button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <button on:click=move |_| app.hide_damaged()>"Hide this"</button>
                </div>
            }
        })
    }
}

/// The result of the last action, announced politely to screen readers.
#[component]
pub fn Notice() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="notice" role="status" aria-live="polite" data-testid="notice">
            {move || {
                app.undo()
                    .get()
                    .map(|check| {
                        let name = check.name.clone();
                        view! {
                            <p>
                                "Deleted team check \"" {name} "\". "
                                <button class="link" data-testid="undo" on:click=move |_| {
                                    app.forget_undo();
                                    app.restore_check(check.clone());
                                }>"Undo"</button>
                            </p>
                        }
                    })
            }}
            {move || {
                app.notice()
                    .get()
                    .map(|text| {
                        view! {
                            <p>{text}</p>
                            <button class="link" on:click=move |_| app.dismiss_notice()>"Dismiss"</button>
                        }
                    })
            }}
        </div>
    }
}
