//! Team checks (in progress).

use leptos::prelude::*;

#[component]
pub fn NewTeamCheck() -> impl IntoView {
    view! { <h1 tabindex="-1">"New team check"</h1> }
}

#[component]
pub fn TeamCheckPage(check: String) -> impl IntoView {
    view! { <h1 tabindex="-1">"Team check " {check}</h1> }
}

#[component]
pub fn TeamSurvey(check: String, response: String, dimension: usize) -> impl IntoView {
    let _ = (response, dimension);
    view! { <h1 tabindex="-1">"Team check " {check}</h1> }
}

#[component]
pub fn HandOver(check: String) -> impl IntoView {
    view! { <h1 tabindex="-1">"Hand over " {check}</h1> }
}
