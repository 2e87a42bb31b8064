//! The command line (DESIGN §5): argument definitions and dispatch to one module per command.

mod export;
mod out;
mod utc;
mod validate;
mod zones;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::case::Case;
use crate::error::{EXIT_USAGE, Error};

const AFTER_HELP: &str = "\
Examples:
  linkcase                                 fill in a new case in the interactive form
  linkcase open case.json                  continue a case file in the form
  linkcase validate cases/                 check every *.json case file in a folder
  linkcase export case.json --format markdown -o case.md
  linkcase utc \"2026-11-21 14:03\" --tz America/New_York
  linkcase zones new york

Exit codes: 0 = fine, 1 = a case has errors (or the answer is no), 2 = unreadable input or bad usage.";

/// Assemble an Alexa skill account-linking support case.
///
/// linkcase walks Amazon's "if all else fails" checklist for account-linking failures,
/// checks every answer, converts the failure time to UTC, and exports a case that is
/// ready to paste into the contact-us form.
#[derive(Debug, Parser)]
#[command(name = "linkcase", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do; without a command, the interactive form opens on a new case.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive form on a new case.
    New,
    /// Open the interactive form on a case file.
    Open {
        /// The case file (JSON).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Check case files against every rule; one line per finding.
    Validate(validate::Args),
    /// Render a case as text (for the contact-us form), Markdown or JSON.
    Export(export::Args),

    /// Convert a local time in a time zone to UTC, refusing to guess at DST changes.
    Utc(utc::Args),
    /// List time zone names matching a query, best first.
    Zones(zones::Args),
}

/// Parses `args` (including the program name) and runs the command; returns the exit code.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            return u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE);
        }
    };
    let result = match cli.command {
        None | Some(Command::New) => crate::tui::run(Case::default()),
        Some(Command::Open { file }) => {
            crate::files::read_case(&file).and_then(crate::tui::run_loaded)
        }
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Utc(args)) => utc::run(&args),
        Some(Command::Zones(args)) => zones::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

/// Prints `linkcase: <error>` on stderr and returns its exit code.
fn report(error: &Error) -> u8 {
    let _ = writeln!(std::io::stderr().lock(), "linkcase: {error}");
    error.exit_code()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
