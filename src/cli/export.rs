//! `linkcase export FILE`: render a case for filing.

use std::path::PathBuf;

use super::out;
use crate::case::Validator;
use crate::error::{EXIT_OK, Result};
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
\"(password shared separately)\", JSON has null.

Examples:
  linkcase export case.json
  linkcase export case.json --format markdown -o case.md
  linkcase export case.json --include-secrets | xclip -selection clipboard

Exit codes: 0 = exported (errors in the case are listed on stderr), 1 = not a valid case
file, 2 = unreadable input or output.")]
pub struct Args {
    /// The case file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format.
    #[arg(long, short, default_value = "text", value_parser = parse_format, value_name = "FORMAT")]
    format: Format,
    /// Include the test account's password.
    #[arg(long)]
    include_secrets: bool,
    /// Write to this file (atomically, mode 0600) instead of stdout.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
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
        },
    );
    let report = Validator::new().validate(&loaded.case);
    let errors = report.errors().count();
    if errors > 0 {
        out::note(&format!(
            "linkcase: note: {} has {errors} error{} (see `linkcase validate {}`); exported anyway",
            args.file.display(),
            if errors == 1 { "" } else { "s" },
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
        None => out::print(&rendered)?,
    }
    Ok(EXIT_OK)
}
