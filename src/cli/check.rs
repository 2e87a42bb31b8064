//! `linkcase check FILE`: lint the account-linking configuration against the guide's pitfalls.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::out;
use crate::case::{Class, Finding, Severity, Summary, Validator};
use crate::error::{EXIT_FINDINGS, EXIT_OK, Result};
use crate::import::import_files;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
FILE is a case file, or anything `linkcase import` reads (SMAPI account-linking JSON,
skill-package/accountLinking.json…), so a configuration can be checked before a case exists.
Prints one line per configuration finding, `error|warning|hint: FIELD: advice [step: STEP]`;
hints point at the troubleshooting step to look at for the symptoms chosen. Then, on stderr,
the case's summary (the same line `validate`, the form and `drafts` show). Whether the case
itself is complete is `linkcase validate`'s question.

Examples:
  linkcase check case.json
  linkcase check skill-package/accountLinking.json
  linkcase check case.json --json

Exit codes: 0 = no configuration error (warnings and hints allowed), 1 = some configuration
finding is an error (or the file is JSON but not a case or configuration), 2 = unreadable
input or bad usage.")]
pub struct Args {
    /// The case file (or a SMAPI / skill-package account-linking file); `-` is standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print one JSON document instead of lines.
    #[arg(long)]
    json: bool,
    /// ASK CLI profile, when FILE is an ASK CLI file with several.
    #[arg(long, value_name = "PROFILE")]
    profile: Option<String>,
}

/// The configuration findings for one file (those of the case, then those only the raw file
/// shows) and the summary of all its findings.
fn findings(file: &Path, profile: Option<&str>) -> Result<(Vec<Finding>, Summary)> {
    let imported = import_files(&[file.to_owned()], profile)?;
    let mut all = Validator::new().validate(&imported.case).findings;
    all.extend(imported.lints);
    let summary = Summary::of(&imported.case, &all);
    let mut lints: Vec<Finding> = all
        .into_iter()
        .filter(|f| f.class == Class::Configuration)
        .collect();
    lints.sort_by_key(|l| l.severity);
    Ok((lints, summary))
}

pub fn run(args: &Args) -> Result<u8> {
    let (lints, summary) = findings(&args.file, args.profile.as_deref())?;
    let text = if args.json {
        let findings: Vec<_> = lints
            .iter()
            .map(|f| {
                json!({"level": f.severity, "rule": f.rule, "path": f.path(),
                       "step": f.step.map(crate::case::Step::id), "advice": f.message})
            })
            .collect();
        let document = json!({
            "file": args.file.display().to_string(),
            "errors": summary.configuration.errors,
            "warnings": summary.configuration.warnings,
            "hints": summary.configuration.hints,
            "summary": summary,
            "findings": findings,
        });
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    } else {
        lints.iter().fold(String::new(), |mut text, lint| {
            let _ = writeln!(text, "{}", crate::escape::shown(&lint.to_string()));
            text
        })
    };
    out::print(&text)?;
    if !args.json {
        out::note(&format!("linkcase: {}: {summary}", args.file.display()));
    }
    Ok(if lints.iter().any(|l| l.severity == Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
