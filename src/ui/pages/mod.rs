//! Pages: one module per screen (or group of screens) of the app, each reached by a route
//! (`crate::ui::route::Screen`). They compose the reusable components (`crate::ui::components`)
//! and change things only through the app state's commands (`crate::ui::state`).

pub mod editor;
pub mod history;
pub mod home;
pub mod links;
pub mod results;
pub mod team;
