//! The case engine: model, checklist, validation, time conversion and sanitizing.
//! Nothing here knows about terminals; the CLI and the TUI both build on it.

pub mod checklist;
pub mod findings;
pub mod friendly;
pub mod load;
pub mod model;
pub mod redirect;
pub mod sanitize;
pub mod schema;
pub mod time;
pub mod validate;
pub mod value;
pub mod zones;

pub use checklist::{FIELDS, Field, FieldId, FieldKind, Place, Required, Section, When};
pub use findings::{Class, Counts, Finding, Severity, Subject, Summary};
pub use load::{LoadError, Loaded};
pub use model::*;
pub use validate::{Report, Validator};
