//! The case engine: model, checklist, validation, time conversion and sanitizing.
//! Nothing here knows about terminals; the CLI and the TUI both build on it.

pub mod checklist;
pub mod load;
pub mod model;
pub mod sanitize;
pub mod time;
pub mod validate;
pub mod zones;

pub use checklist::{FIELDS, Field, FieldId, FieldKind, Required, Section};
pub use load::{LoadError, Loaded};
pub use model::*;
pub use validate::{Finding, Report, Severity, Validator};
