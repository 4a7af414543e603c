//! The pure core: no browser types, tested natively with `cargo test`.
//! Nothing in here may depend on `crate::browser` or `crate::ui`.

pub mod catalog;
pub mod csv;
pub mod editor;
#[cfg(test)]
mod fixtures;
pub mod format;
pub mod intuitions;
pub mod limits;
pub mod link;
pub mod questionnaire;
pub mod radar;
pub mod response;
pub mod scoring;
pub mod team;
pub mod time;
pub mod trend;
