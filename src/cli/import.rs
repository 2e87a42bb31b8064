//! `linkcase import FILE...`: a case from SMAPI and ASK CLI files.

use std::path::PathBuf;

use super::out;
use crate::case::load;
use crate::error::{EXIT_OK, Result};
use crate::files;
use crate::import::import_files;

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Files are recognised by content: SMAPI account-linking JSON (`ask smapi
get-account-linking-info`, or an accountLinkingRequest body), skill-package/accountLinking.json,
skill-package/skill.json, ASK CLI v2 .ask/ask-states.json, ASK CLI v1 .ask/config, a case
file (the starting point: its values win), and linkcase's own text or Markdown export (a case
received as pasted text; every line it cannot read is listed). An export imports back to the
same case, apart from a password it withheld. What each file filled, and what was left out, is
listed on stderr. A clientSecret, or any unknown key named like a secret, is never taken into
the case. The test password of an imported case file is kept with -o FILE, and left out of
standard output.

Examples:
  linkcase import skill-package/accountLinking.json .ask/ask-states.json -o case.json
  ask smapi get-account-linking-info -s SKILL_ID > al.json && linkcase import al.json
  linkcase import .ask/ask-states.json --profile staging
  pbpaste | linkcase import - -o case.json

Exit codes: 0 = imported, 1 = a file is JSON but nothing linkcase imports, 2 = unreadable
input or output, or bad usage (e.g. several ASK CLI profiles and no --profile).")]
pub struct Args {
    /// The files to import; `-` is standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write the case to this file (atomically, mode 0600) instead of stdout.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
    /// ASK CLI profile to take the skill id from, when a file has several.
    #[arg(long, value_name = "PROFILE")]
    profile: Option<String>,
}

pub fn run(args: &Args) -> Result<u8> {
    let imported = import_files(&args.files, args.profile.as_deref())?;
    for note in &imported.report {
        out::note(&format!("linkcase: {note}"));
    }
    for lint in &imported.lints {
        out::note(&format!("linkcase: {lint}"));
    }
    let mut case = imported.case;
    // Keys named like secrets (a clientSecret in a case file) are never taken into the case.
    for path in load::withhold_unknown_secrets(&mut case) {
        out::note(&format!(
            "linkcase: {path}: named like a secret; left out (null)"
        ));
    }
    if let Some(path) = &args.output {
        // A working case file (0600 when new), not an export: a password is kept.
        let json = load::to_json(&case, true);
        files::write_atomic(path, json.as_bytes())?;
        out::note(&format!("linkcase: wrote {}", path.display()));
    } else {
        // Standard output ends up in terminals, logs and pipes: never the password.
        out::print(&load::to_json(&case, false))?;
        if !case.test_account.password.is_empty() {
            out::note(
                "linkcase: the test password was left out of standard output \
                 (-o FILE writes it into a private case file)",
            );
        }
    }
    Ok(EXIT_OK)
}
