//! linkcase: assemble an Alexa skill account-linking support case.
//!
//! [`case`] is the engine (model, checklist, validation, time) shared by the command line
//! and the TUI; [`export`] renders a case for filing; [`cli`] is the command line; [`tui`] is
//! the interactive form; [`store`] keeps drafts on disk and [`config`] the settings.

// No `unwrap`/`expect` in shipped code; tests may use them.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod case;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod error;
pub mod escape;
pub mod export;
pub mod import;
pub mod lint;
pub mod plain;
#[cfg(feature = "probe")]
pub mod probe;
pub mod store;
pub mod tui;

mod files;

pub use cli::run;
