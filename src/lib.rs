//! linkcase: assemble an Alexa skill account-linking support case.
//!
//! [`case`] is the engine (model, checklist, validation, time) shared by the command line
//! and the TUI; [`export`] renders a case for filing.

pub mod case;
