//! `linkcase validate PATH...`: check case files in bulk.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::out;
use crate::case::checklist::field_for_path;
use crate::case::{Class, Finding, Severity, Subject, Summary, Validator};
use crate::error::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Error, Result};
use crate::{escape, files};

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints one line per finding, `FILE: error: skill.id: …` or `FILE: warning: …`; findings
about the account-linking configuration (what `linkcase check` reports) read
`FILE: check error: …` and never fail validation. Then, on stderr, each file's summary and
the totals. Folders are searched for *.json files (not recursively).

Examples:
  linkcase validate case.json
  linkcase validate inbox/ --json > report.json
  pbpaste | linkcase validate -

Exit codes: 0 = every case can be filed (warnings and configuration findings allowed),
1 = some case has errors (incomplete or malformed),
2 = some input is unreadable (not a file, not UTF-8, not JSON, newer schema) or bad usage.")]
pub struct Args {
    /// Case files, or folders of *.json case files; `-` reads one case from standard input.
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
    /// Why it could not be read: the JSON path when there is one, and the message.
    unreadable: Option<(String, String)>,
    findings: Vec<Finding>,
    /// The case's summary, when it could be read.
    summary: Option<Summary>,
}

impl Outcome {
    fn unreadable(path: &Path, error: &Error) -> Self {
        Self {
            path: path.to_owned(),
            code: error.exit_code(),
            unreadable: Some(unreadable(error)),
            findings: Vec::new(),
            summary: None,
        }
    }
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
            Err(e) => outcomes.push(Outcome::unreadable(path, &e)),
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

/// The file itself, or the *.json files of a folder in name order. Symbolic links to
/// regular files are followed; every other entry of a folder is named on stderr with why it
/// was skipped (a folder, a FIFO, a broken link, not `*.json`…).
fn expand(path: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    if files::is_stdin(path) {
        return Ok(vec![path.to_owned()]);
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        let p = entry.path();
        let is_json = p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        match (is_json, std::fs::metadata(&p)) {
            (true, Ok(meta)) if meta.is_file() => found.push(p),
            (true, Ok(meta)) => skipped.push((p, files::kind_of(meta.file_type()).to_owned())),
            (true, Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                skipped.push((p, "a broken symbolic link".to_owned()));
            }
            (true, Err(e)) => skipped.push((p, format!("cannot read: {e}"))),
            (false, _) => skipped.push((p, "not a *.json file".to_owned())),
        }
    }
    skipped.sort();
    for (p, why) in skipped {
        out::note(&format!("linkcase: {}: skipped ({why})", p.display()));
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
        Err(e) => Outcome::unreadable(path, &e),
        Ok(loaded) => {
            let report = validator.validate(&loaded.case);
            let mut findings = report.findings;
            findings.extend(loaded.sanitized.into_iter().map(|p| {
                let subject = field_for_path(&p).map_or(Subject::UnknownKey(p), |f| f.id.into());
                Finding::case(
                    Severity::Warning,
                    "sanitized",
                    subject,
                    "control or bidi characters removed",
                )
            }));
            let code = if report.summary.ready() {
                EXIT_OK
            } else {
                EXIT_FINDINGS
            };
            Outcome {
                path: path.to_owned(),
                code,
                unreadable: None,
                findings,
                summary: Some(report.summary),
            }
        }
    }
}

/// A load or read failure: the JSON path when there is one, and the message.
fn unreadable(error: &Error) -> (String, String) {
    match error {
        Error::Load {
            source: crate::case::LoadError::Shape { path, message },
            ..
        } => (path.clone(), message.clone()),
        Error::Load { source, .. } => (String::new(), source.to_string()),
        Error::Io { source, .. } => (String::new(), format!("cannot read: {source}")),
        other => (String::new(), other.to_string()),
    }
}

/// `error` for the case's findings, `check error` for the configuration's.
fn label(f: &Finding) -> String {
    match f.class {
        Class::Case => f.severity.to_string(),
        Class::Configuration => format!("check {}", f.severity),
    }
}

fn render_lines(outcomes: &[Outcome]) -> String {
    let mut text = String::new();
    for outcome in outcomes {
        // File names, keys and messages come from outside: escaped, so one finding is one line.
        let file = escape::path(&outcome.path);
        if let Some((path, message)) = &outcome.unreadable {
            let (path, message) = (escape::shown(path), escape::shown(message));
            if path.is_empty() {
                let _ = writeln!(text, "{file}: error: {message}");
            } else {
                let _ = writeln!(text, "{file}: error: {path}: {message}");
            }
        }
        for f in &outcome.findings {
            let (key, message) = (f.path(), escape::shown(&f.message));
            let key = escape::shown(&key);
            let _ = write!(text, "{file}: {}: {key}: {message}", label(f));
            if let Some(step) = f.step {
                let _ = write!(text, " [step: {}]", step.id());
            }
            text.push('\n');
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
            let mut findings: Vec<_> = o
                .unreadable
                .iter()
                .map(|(path, message)| {
                    json!({"severity": "error", "class": "case", "rule": "unreadable",
                           "path": path, "message": message, "step": null})
                })
                .collect();
            findings.extend(o.findings.iter().map(|f| {
                json!({"severity": f.severity, "class": f.class, "rule": f.rule,
                       "path": f.path(), "message": f.message, "step": f.step.map(crate::case::Step::id)})
            }));
            json!({"file": o.path.display().to_string(), "status": status,
                   "summary": o.summary, "findings": findings})
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&files).unwrap_or_default();
    text.push('\n');
    text
}

fn summary(outcomes: &[Outcome]) -> String {
    let count = |code| outcomes.iter().filter(|o| o.code == code).count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut text = String::new();
    for outcome in outcomes {
        if let Some(summary) = &outcome.summary {
            let _ = writeln!(text, "{}: {summary}", outcome.path.display());
        }
    }
    let _ = write!(
        text,
        "{}: {} ok, {} with errors",
        plural(outcomes.len(), "file"),
        count(EXIT_OK),
        count(EXIT_FINDINGS)
    );
    if count(EXIT_USAGE) > 0 {
        let _ = write!(text, ", {} unreadable", count(EXIT_USAGE));
    }
    text
}
