//! teamshape: team maturity diagnostics that show a shape, never a grade.
//!
//! `domain` is the pure core (questionnaire, answers, scoring, team statistics, file format,
//! radar drawing). `browser` wraps the few browser APIs we use. `ui` holds the Leptos components.
//! Dependencies point one way: `ui` -> `browser` -> `domain`. See ARCHITECTURE.md.

pub mod browser;
pub mod domain;
pub mod ui;
