//! `linkcase check FILE`: lint the account-linking configuration against the guide's pitfalls.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::out;
use crate::error::{EXIT_FINDINGS, EXIT_OK, Result};
use crate::import::import_files;
use crate::lint::{self, Level, Lint};

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
FILE is a case file, or anything `linkcase import` reads (SMAPI account-linking JSON,
skill-package/accountLinking.json…), so a configuration can be checked before a case exists.
Prints one line per finding, `error|warning|hint: FIELD: advice [step: STEP]`; hints point
at the troubleshooting step to look at for the symptoms chosen.

Examples:
  linkcase check case.json
  linkcase check skill-package/accountLinking.json
  linkcase check case.json --json

Exit codes: 0 = no error (warnings and hints allowed), 1 = some finding is an error (or the
file is JSON but not a case or configuration), 2 = unreadable input or bad usage.")]
pub struct Args {
    /// The case file (or a SMAPI / skill-package account-linking file).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print one JSON document instead of lines.
    #[arg(long)]
    json: bool,
    /// ASK CLI profile, when FILE is an ASK CLI file with several.
    #[arg(long, value_name = "PROFILE")]
    profile: Option<String>,
}

/// Every finding for one file: the lints of the case, then those only the raw file shows.
fn findings(file: &Path, profile: Option<&str>) -> Result<Vec<Lint>> {
    let imported =
        import_files(&[file.to_owned()], profile).map_err(|e| super::import::to_error(&e))?;
    let mut lints = lint::lint(&imported.case);
    lints.extend(imported.lints);
    lints.sort_by_key(|l| l.level);
    Ok(lints)
}

pub fn run(args: &Args) -> Result<u8> {
    let lints = findings(&args.file, args.profile.as_deref())?;
    let text = if args.json {
        let document = json!({
            "file": args.file.display().to_string(),
            "errors": count(&lints, Level::Error),
            "warnings": count(&lints, Level::Warning),
            "hints": count(&lints, Level::Hint),
            "findings": lints,
        });
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    } else {
        lints.iter().fold(String::new(), |mut text, lint| {
            let _ = writeln!(text, "{lint}");
            text
        })
    };
    out::print(&text)?;
    if !args.json {
        out::note(&format!(
            "linkcase: {}: {} error(s), {} warning(s), {} hint(s)",
            args.file.display(),
            count(&lints, Level::Error),
            count(&lints, Level::Warning),
            count(&lints, Level::Hint)
        ));
    }
    Ok(if lint::has_errors(&lints) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn count(lints: &[Lint], level: Level) -> usize {
    lints.iter().filter(|l| l.level == level).count()
}
