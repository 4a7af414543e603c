//! teamshape: team maturity diagnostics that show a shape, never a grade.
//!
//! The pure core (questionnaire, answers, scoring, team figures, file format, radar drawing) is
//! its own crate, `teamshape_core` (crates/core), so Cargo enforces that it names no browser
//! type. `browser` wraps the few browser APIs we use. `ui` holds the Leptos components.
//! Dependencies point one way: `ui` -> `browser` -> `teamshape_core`. See ARCHITECTURE.md.

pub mod browser;
pub mod ui;
