//! The command line (DESIGN §5): argument definitions and dispatch to one module per command.

mod check;
mod config;
mod drafts;
mod export;
mod import;
mod out;
#[cfg(feature = "probe")]
mod probe;
mod shell;
mod utc;
mod validate;
mod zones;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::{EXIT_USAGE, Error};
use crate::tui::Start;

const AFTER_HELP: &str = "\
Examples:
  linkcase                                 continue the most recent draft (or start a case)
  linkcase new                             start a new case in the interactive form
  linkcase open case.json                  work on a case file (as a new draft; the file is kept)
  linkcase drafts                          list the drafts; linkcase open ID continues one
  linkcase config                          show the folders and settings in use
  linkcase validate cases/                 check every *.json case file in a folder
  linkcase export case.json --format markdown -o case.md
  linkcase utc \"2026-11-21 14:03\" --tz America/New_York
  linkcase zones new york
  linkcase completions bash                shell completions (linkcase man: the man page)

Exit codes: 0 = fine, 1 = a case has errors (or the answer is no), 2 = unreadable input or bad usage.";

/// Assemble an Alexa skill account-linking support case.
///
/// linkcase walks Amazon's "if all else fails" checklist for account-linking failures,
/// checks every answer, converts the failure time to UTC, and exports a case that is
/// ready to paste into the contact-us form.
#[derive(Debug, Parser)]
#[command(name = "linkcase", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do; without a command, the interactive form opens on the most recent draft
    /// (or a new case). Every change in the form is saved to its draft as you type.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive form on a new case, saved as a new draft as you type.
    #[command(after_help = "Examples:\n  linkcase new\n  \
        linkcase new --import skill-package/accountLinking.json .ask/ask-states.json\n  \
        linkcase new --plain                      one question a line (also when TERM=dumb)\n  \
        linkcase new --plain < answers.txt        answers one per line, e.g. from a script\n\n\
        Plain mode: Enter keeps the value shown, a new value replaces it, - empties it, ? shows\n\
        the full help; choices are numbered. It saves the draft after every answer and ends\n\
        with the readiness summary and an export where you say.\n\n\
        Exit codes: 0 = done (plain mode: the case can be filed), 1 = an imported file is JSON\n\
        but nothing linkcase imports (plain mode: the case still has errors), 2 = no terminal,\n\
        no folder for drafts, or an unreadable file to import, 130 = Ctrl+C in plain mode.")]
    New {
        /// Start from these files (as `linkcase import`): SMAPI account-linking JSON,
        /// skill-package files, ASK CLI files or a case file. The report opens in the form.
        #[arg(long = "import", value_name = "FILE", num_args = 1..)]
        import: Vec<PathBuf>,
        /// ASK CLI profile to take the skill id from, when a file has several.
        #[arg(long, value_name = "PROFILE", requires = "import")]
        profile: Option<String>,
        /// Ask the checklist as plain lines instead of the full-screen form (screen
        /// readers, dumb terminals, scripts: answers one per line on stdin). Also the
        /// mode whenever TERM=dumb.
        #[arg(long)]
        plain: bool,
    },
    /// Open the interactive form on a draft, or on a case file.
    ///
    /// A draft id (see `linkcase drafts`) continues that draft. A case file is copied
    /// into a new draft, which the form works on: the file itself is never changed
    /// (Ctrl+S in the form saves an export).
    #[command(
        after_help = "Examples:\n  linkcase open 20261122-041500\n  linkcase open case.json\n  \
        linkcase open 20261122-041500 --plain\n\n\
        Exit codes: 0 = done, 1 = not a valid case file (plain mode: or the case still has\n\
        errors), 2 = no such draft or file, unreadable input, or no terminal."
    )]
    Open {
        /// A draft id, or a case file (JSON).
        #[arg(value_name = "ID|FILE")]
        target: PathBuf,
        /// Ask the checklist as plain lines instead of the full-screen form (also the mode
        /// whenever TERM=dumb).
        #[arg(long)]
        plain: bool,
    },
    /// List the drafts, newest first: id, when saved, skill id and the case's summary.
    Drafts(drafts::Args),
    /// Show the folders in use and the effective settings (config.json).
    Config(config::Args),
    /// Check case files against every rule; one line per finding.
    Validate(validate::Args),
    /// Render a case as text (for the contact-us form), Markdown or JSON.
    Export(export::Args),

    /// Convert a local time in a time zone to UTC, refusing to guess at DST changes.
    Utc(utc::Args),
    /// List time zone names matching a query, best first.
    Zones(zones::Args),
    /// Lint the account-linking configuration against the guide's known pitfalls.
    Check(check::Args),
    /// Build a case from SMAPI account-linking JSON, ASK CLI files, or a linkcase export.
    Import(import::Args),
    /// Check the token endpoint live, the way Alexa calls it.
    #[cfg(feature = "probe")]
    Probe(probe::Args),
    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    Completions(shell::CompletionsArgs),
    /// Print the man page, linkcase(1).
    Man(shell::ManArgs),
    /// Hold the clipboard for a copy made before exit (internal; the text comes on stdin).
    #[command(name = crate::clipboard::HOLD_SUBCOMMAND, hide = true)]
    HoldClipboard {
        /// The text holds the password: ask clipboard managers to keep it out of history.
        #[arg(long)]
        secret: bool,
    },
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
        None => form(Start::Resume, false),
        Some(Command::New {
            import,
            profile,
            plain,
        }) if import.is_empty() && profile.is_none() => form(Start::New, plain),
        Some(Command::New {
            import,
            profile,
            plain,
        }) => form(
            Start::Import {
                files: import,
                profile,
            },
            plain,
        ),
        Some(Command::Open { target, plain }) => form(Start::Open(target), plain),
        Some(Command::Drafts(args)) => drafts::run(&args),
        Some(Command::Config(args)) => config::run(&args),
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Utc(args)) => utc::run(&args),
        Some(Command::Zones(args)) => zones::run(&args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        #[cfg(feature = "probe")]
        Some(Command::Probe(args)) => probe::run(&args),
        Some(Command::Completions(args)) => shell::run_completions(&args),
        Some(Command::Man(args)) => shell::run_man(&args),
        Some(Command::HoldClipboard { secret }) => {
            Ok(crate::clipboard::hold_from_stdin(if secret {
                crate::clipboard::Password::Included
            } else {
                crate::clipboard::Password::LeftOut
            }))
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

/// The full-screen form on `start`, or plain mode when asked for or `TERM=dumb`.
fn form(start: Start, plain: bool) -> crate::error::Result<u8> {
    if crate::plain::wanted(plain) {
        crate::plain::run(start)
    } else {
        crate::tui::run(start)
    }
}

/// Prints `linkcase: <error>` on stderr and returns its exit code.
fn report(error: &Error) -> u8 {
    if matches!(error, Error::ClosedPipe) {
        return error.exit_code();
    }
    let message = error.to_string();
    let _ = writeln!(
        std::io::stderr().lock(),
        "linkcase: {}",
        crate::escape::shown(&message)
    );
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

    /// Every visible command, and linkcase itself, shows an example and its exit codes.
    #[test]
    fn every_command_help_has_examples_and_exit_codes() {
        let mut root = Cli::command();
        root.build();
        let mut commands = vec![root.clone()];
        // clap's own `help` subcommand is the only one linkcase does not define.
        commands.extend(
            root.get_subcommands()
                .filter(|c| !c.is_hide_set() && c.get_name() != "help")
                .cloned(),
        );
        assert!(commands.len() > 12, "{} commands", commands.len());
        for mut command in commands {
            let name = command.get_name().to_owned();
            let help = command.render_long_help().to_string();
            let example = help
                .split_once("Examples:\n")
                .and_then(|(_, rest)| rest.lines().next());
            assert!(
                example.is_some_and(|line| line.starts_with("  ") && line.contains("linkcase")),
                "{name} --help: no example"
            );
            assert!(help.contains("Exit codes:"), "{name} --help: no exit codes");
        }
    }
}
