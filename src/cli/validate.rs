//! `linkcase validate PATH...`: check case files in bulk.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::out;
use crate::case::{Finding, Severity, Validator};
use crate::error::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Error, Result};
use crate::files;

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints one line per finding, `FILE: error: skill.id: …` or `FILE: warning: …`, and a
summary on stderr. Folders are searched for *.json files (not recursively).

Examples:
  linkcase validate case.json
  linkcase validate inbox/ --json > report.json

Exit codes: 0 = no errors (warnings allowed), 1 = some case has errors,
2 = some input is unreadable (not a file, not UTF-8, not JSON, newer schema) or bad usage.")]
pub struct Args {
    /// Case files, or folders of *.json case files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Print one JSON document (an array with one entry per file) instead of lines.
    #[arg(long)]
    json: bool,
}

/// What came of one file.
struct Outcome {
    path: PathBuf,
    /// 0 = fine, 1 = errors in the case, 2 = unreadable.
    code: u8,
    findings: Vec<Finding>,
}

pub fn run(args: &Args) -> Result<u8> {
    let mut outcomes = Vec::new();
    let mut files = Vec::new();
    for path in &args.paths {
        match expand(path) {
            Ok(found) if found.is_empty() && path.is_dir() => {
                out::note(&format!(
                    "linkcase: {}: no *.json files in this folder",
                    path.display()
                ));
            }
            Ok(found) => files.extend(found),
            Err(e) => outcomes.push(Outcome {
                path: path.clone(),
                code: e.exit_code(),
                findings: vec![unreadable(&e)],
            }),
        }
    }
    if files.is_empty() && outcomes.is_empty() {
        return Err(Error::Usage(
            "nothing to validate: no case files were found".to_owned(),
        ));
    }
    let validator = Validator::new();
    outcomes.extend(check_all(&files, &validator));
    outcomes.sort_by(|a, b| a.path.cmp(&b.path));

    let text = if args.json {
        render_json(&outcomes)
    } else {
        render_lines(&outcomes)
    };
    out::print(&text)?;
    if !args.json {
        out::note(&summary(&outcomes));
    }
    Ok(outcomes.iter().map(|o| o.code).max().unwrap_or(EXIT_OK))
}

/// The file itself, or the *.json files of a folder in name order.
fn expand(path: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        let p = entry.path();
        let is_json = p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json && entry.file_type().map_err(io)?.is_file() {
            found.push(p);
        }
    }
    found.sort();
    Ok(found)
}

/// Checks files on every core; the validator (and the zone table) is built once and shared.
fn check_all(files: &[PathBuf], validator: &Validator) -> Vec<Outcome> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| check_one(p, validator))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                // A worker only panics on a bug; join surfaces that panic here instead of losing files.
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn check_one(path: &Path, validator: &Validator) -> Outcome {
    match files::read_case(path) {
        Err(e) => Outcome {
            path: path.to_owned(),
            code: e.exit_code(),
            findings: vec![unreadable(&e)],
        },
        Ok(loaded) => {
            let mut findings = validator.validate(&loaded.case).findings;
            findings.extend(loaded.sanitized.into_iter().map(|p| Finding {
                severity: Severity::Warning,
                path: p,
                message: "control or bidi characters removed".to_owned(),
            }));
            let code = if findings.iter().any(|f| f.severity == Severity::Error) {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            };
            Outcome {
                path: path.to_owned(),
                code,
                findings,
            }
        }
    }
}

/// A load or read failure as a finding: the path is the field when there is one.
fn unreadable(error: &Error) -> Finding {
    let (path, message) = match error {
        Error::Load {
            source: crate::case::LoadError::Shape { path, message },
            ..
        } => (path.clone(), message.clone()),
        Error::Load { source, .. } => (String::new(), source.to_string()),
        Error::Io { source, .. } => (String::new(), format!("cannot read: {source}")),
        other => (String::new(), other.to_string()),
    };
    Finding {
        severity: Severity::Error,
        path,
        message,
    }
}

fn render_lines(outcomes: &[Outcome]) -> String {
    let mut text = String::new();
    for outcome in outcomes {
        for f in &outcome.findings {
            let file = outcome.path.display();
            if f.path.is_empty() {
                let _ = writeln!(text, "{file}: {}: {}", f.severity, f.message);
            } else {
                let _ = writeln!(text, "{file}: {}: {}: {}", f.severity, f.path, f.message);
            }
        }
    }
    text
}

fn render_json(outcomes: &[Outcome]) -> String {
    let files: Vec<_> = outcomes
        .iter()
        .map(|o| {
            let status = match o.code {
                EXIT_OK => "ok",
                EXIT_FINDINGS => "errors",
                _ => "unreadable",
            };
            let findings: Vec<_> = o
                .findings
                .iter()
                .map(|f| json!({"severity": f.severity.to_string(), "path": f.path, "message": f.message}))
                .collect();
            json!({"file": o.path.display().to_string(), "status": status, "findings": findings})
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&files).unwrap_or_default();
    text.push('\n');
    text
}

fn summary(outcomes: &[Outcome]) -> String {
    let count = |code| outcomes.iter().filter(|o| o.code == code).count();
    let warnings: usize = outcomes
        .iter()
        .flat_map(|o| &o.findings)
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut line = format!(
        "{}: {} ok, {} with errors",
        plural(outcomes.len(), "file"),
        count(EXIT_OK),
        count(EXIT_FINDINGS)
    );
    if count(EXIT_USAGE) > 0 {
        let _ = write!(line, ", {} unreadable", count(EXIT_USAGE));
    }
    let _ = write!(line, "; {}", plural(warnings, "warning"));
    line
}
