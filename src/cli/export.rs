//! `linkcase export FILE`: render a case for filing.

use std::path::PathBuf;

use super::out;
use crate::case::Validator;
use crate::clipboard::{Clipboard, Copied, Password};
use crate::error::{EXIT_OK, EXIT_USAGE, Result};
use crate::export::{self, Format, Options};
use crate::files;

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Formats:
  text       for the contact-us form's description box (the guide's items in its order)
  markdown   GitHub-issue-form-like Markdown
  json       the case file itself, with failure.utc filled in

The password is left out unless --include-secrets: text and Markdown say
\"(password shared separately)\", JSON has null (which `linkcase validate` reports as a
warning, \"withheld: add it before filing\", not as an error).

The text export is written for Amazon: facts only. linkcase's checks of the configuration
(what `linkcase check` reports) are in the Markdown export, and in the text export only
with --with-checks.

--copy puts the export on the clipboard instead of printing it (with -o, as well as
writing the file) and says on stderr where it went and whether the password is in it.
On Linux the copy outlives linkcase: a small background process holds it until
something else is copied. Over SSH, or without a system clipboard, it is also sent to
the terminal as OSC 52 (tmux passes that on only with `set-clipboard on`); with
--include-secrets the password then travels in the terminal's byte stream, where a terminal
log, session recording or tmux history may keep it (linkcase says so). With no
clipboard at all nothing is printed instead (the password must not end up in a pipe
or log by surprise): linkcase says why and exits 2.

Examples:
  linkcase export case.json
  linkcase export case.json --format markdown -o case.md
  linkcase export case.json --include-secrets --copy

Exit codes: 0 = exported (errors in the case are listed on stderr), 1 = not a valid case
file, 2 = unreadable input or output, or --copy found no clipboard.")]
pub struct Args {
    /// The case file; `-` reads it from standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format.
    #[arg(long, short, default_value = "text", value_parser = parse_format, value_name = "FORMAT")]
    format: Format,
    /// Include the test account's password.
    #[arg(long)]
    include_secrets: bool,
    /// Add linkcase's configuration checks to the text export (Markdown always has them).
    #[arg(long)]
    with_checks: bool,
    /// Write to this file (atomically, mode 0600) instead of stdout.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Copy to the clipboard instead of printing (with -o: as well as writing the file).
    #[arg(long)]
    copy: bool,
}

fn parse_format(text: &str) -> Result<Format, String> {
    text.parse()
        .map_err(|e: export::UnknownFormat| e.to_string())
}

pub fn run(args: &Args) -> Result<u8> {
    let loaded = files::read_case(&args.file)?;
    let rendered = export::render(
        &loaded.case,
        args.format,
        Options {
            include_secrets: args.include_secrets,
            with_checks: args.with_checks,
        },
    );
    let report = Validator::new().validate(&loaded.case);
    if !report.summary.ready() {
        out::note(&format!(
            "linkcase: note: {}: {} (see `linkcase validate {}`); exported anyway",
            args.file.display(),
            report.summary,
            args.file.display()
        ));
    }
    match &args.output {
        Some(path) => {
            files::write_atomic(path, rendered.as_bytes())?;
            let secrets = if args.include_secrets {
                ", password included"
            } else {
                ""
            };
            out::note(&format!(
                "linkcase: wrote {} ({}{secrets})",
                path.display(),
                args.format
            ));
        }
        None if args.copy => {}
        None => out::print(&rendered)?,
    }
    if args.copy {
        return Ok(copy(&rendered, args));
    }
    Ok(EXIT_OK)
}

/// Copies the export, keeps it past exit, and says where it went; exit 2 if it went nowhere.
fn copy(rendered: &str, args: &Args) -> u8 {
    let password = if args.include_secrets {
        Password::Included
    } else {
        Password::LeftOut
    };
    // OSC 52, if needed, goes to stdout when stdout is a terminal.
    let mut clipboard = Clipboard::new();
    let copied = clipboard.copy_past_exit(rendered, password);
    if let (Some(notice), true) = (clipboard.take_notice(), copied.reached_a_clipboard()) {
        out::note(&format!("linkcase: {notice}"));
    }
    if let Copied::Nowhere(reason) = copied {
        out::note(&format!(
            "linkcase: no clipboard: {reason}; the export is on no clipboard \
             (print it without --copy, or write it with -o FILE)"
        ));
        return EXIT_USAGE;
    }
    out::note(&format!(
        "linkcase: {}: {} export, {}",
        copied.describe(),
        args.format,
        password.describe()
    ));
    if let Some(warning) = osc52_warning(&copied, password) {
        out::note(&format!("linkcase: warning: {warning}"));
    }
    EXIT_OK
}

/// What to say when the password went to the terminal as OSC 52: it travelled in the
/// terminal's byte stream, where logs, recordings and multiplexers can keep it.
fn osc52_warning(copied: &Copied, password: Password) -> Option<&'static str> {
    (matches!(copied, Copied::Osc52 | Copied::Both) && password == Password::Included).then_some(
        "the password went through the terminal (OSC 52): a terminal log, session \
         recording or tmux history may keep it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_sent_over_osc52_is_said_to_be_in_the_terminal_stream() {
        for copied in [Copied::Osc52, Copied::Both] {
            let warning = osc52_warning(&copied, Password::Included).unwrap();
            assert!(warning.contains("OSC 52"), "{warning}");
            assert!(osc52_warning(&copied, Password::LeftOut).is_none());
        }
        assert!(osc52_warning(&Copied::System, Password::Included).is_none());
    }
}
