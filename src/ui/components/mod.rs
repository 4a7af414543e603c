//! Reusable components, shown by several pages: the survey form (solo checks, each turn on a
//! shared device, the editor's preview), the radar chart, and the notices and banners.

pub mod notices;
pub mod radar;
pub mod survey;
