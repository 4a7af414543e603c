//! Reusable components, shown by several pages: the survey form (solo checks, each turn on a
//! shared device, the editor's preview), the intuitions part (its inputs, the team's figures,
//! one's own guesses), the radar chart, and the notices and banners.

pub mod intuitions;
pub mod notices;
pub mod radar;
pub mod survey;
