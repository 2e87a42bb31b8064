//! The integration tests, linked into one binary (as `just` does): one build, one link, and
//! helpers shared through [`support`]. `cargo test --test main MODULE::` runs one module.

mod support;

mod cli;
mod clipboard;
mod drafts;
mod e2e_pty;
#[cfg(unix)]
mod e2e_signals;
#[cfg(unix)]
mod e2e_two_windows;
mod escape;
mod files;
mod import;
mod inputs;
#[cfg(unix)]
mod kill9;
mod lint;
mod pipes;
mod plain;
#[cfg(feature = "probe")]
mod probe;
mod schema;
mod secrets;
mod shell;
mod time_differential;
mod tui;
mod tui_drafts;
mod tui_import;
mod tui_save;
mod tui_snapshots;
mod tui_undo;
