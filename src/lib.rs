//! linkcase: assemble an Alexa skill account-linking support case.
//!
//! [`case`] is the engine (model, checklist, validation, time) shared by the command line
//! and the TUI; [`export`] renders a case for filing; [`cli`] is the command line; [`tui`] is
//! the interactive form.

// No `unwrap`/`expect` in shipped code; tests may use them.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod case;
pub mod cli;
pub mod error;
pub mod export;
pub mod tui;

mod files;

pub use cli::run;
