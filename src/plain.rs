//! Plain mode (`linkcase new --plain`, `open --plain`, and whenever `TERM=dumb`): the
//! checklist asked one field at a time as plain lines, for screen readers, dumb terminals,
//! serial consoles and scripts. Answers come one per line on standard input, a terminal or
//! not; the draft is saved after every answer, as in the form; the session ends with the
//! readiness summary and an export written where the user says.

mod answer;
mod conversation;
mod hidden;

use std::fmt::Write as _;
use std::io::{self, IsTerminal};
use std::path::PathBuf;

use chrono::Utc;

pub use conversation::{Conversation, Echo, Ended};

use crate::case::time::default_zone;
use crate::case::{Case, Class, Severity, Validator};
use crate::config::Settings;
use crate::error::{EXIT_FINDINGS, EXIT_OK, Error, Result};
use crate::escape;
use crate::export::{self, Format, Options};
use crate::store::{Access, Paths, Store};
use crate::tui::session::{self, Start};

/// Whether plain mode is wanted: asked for, or a terminal that cannot show the form.
#[must_use]
pub fn wanted(asked: bool) -> bool {
    asked || std::env::var_os("TERM").is_some_and(|term| term == "dumb")
}

/// Runs plain mode on the case `start` names; returns the exit code: 0 when the case can be
/// filed, 1 when it still has errors (the draft keeps the answers either way).
pub fn run(start: Start) -> Result<u8> {
    let paths = Paths::from_env()?;
    let mut store = Store::open(&paths)?;
    let target = session::resolve(&store, start)?;
    let settings = Settings::load(&paths.config_file());
    let begin = session::begin(&mut store, &settings.config, target)?;
    if let Access::ReadOnly { .. } | Access::OpenElsewhere(_) = begin.access {
        return Err(Error::Usage(format!(
            "draft {} cannot be changed here ({}); linkcase new --plain starts a new case",
            begin.id.as_deref().unwrap_or("?"),
            match begin.access {
                Access::OpenElsewhere(elsewhere) => elsewhere.to_string(),
                _ => "written by a newer linkcase".to_owned(),
            }
        )));
    }
    if let Some(notice) = &begin.notice {
        note(&notice.text);
    }
    for line in &begin.report {
        note(line);
    }
    let mut case = begin.loaded.case;
    if case.failure.time_zone.trim().is_empty() {
        case.failure.time_zone = settings.config.zone().unwrap_or_else(default_zone).name();
    }
    let echo = if io::stdin().is_terminal() {
        Echo::Hidden
    } else {
        Echo::Plain
    };
    let mut talk = Conversation::new(io::stdin().lock(), io::stdout().lock(), echo, Utc::now);
    let mut id = begin.id;
    let ended = talk.fill(&mut case, &mut |case: &Case| {
        id = Some(store.save(id.as_deref(), case, Utc::now())?);
        Ok(())
    })?;
    finish(&mut talk, &case, id.as_deref(), ended)
}

/// One line on stderr, escaped (it may carry a file name).
fn note(text: &str) {
    use std::io::Write;
    let _ = writeln!(io::stderr().lock(), "linkcase: {}", escape::shown(text));
}

/// The readiness summary, the case's problems, then the export where the user says.
fn finish<R: io::BufRead, W: io::Write>(
    talk: &mut Conversation<R, W>,
    case: &Case,
    id: Option<&str>,
    ended: Ended,
) -> Result<u8> {
    let report = Validator::new().validate(case);
    let mut text = String::from("\n== Readiness ==\n");
    if ended == Ended::InputClosed {
        text.push_str("The input ended before the last field.\n");
    }
    let _ = writeln!(text, "{}", report.summary);
    for finding in report
        .findings
        .iter()
        .filter(|f| f.class == Class::Case && f.severity != Severity::Hint)
    {
        let _ = writeln!(
            text,
            "  {}: {}: {}",
            finding.severity,
            finding.path(),
            escape::shown(&finding.message)
        );
    }
    match id {
        Some(id) => {
            let _ = writeln!(
                text,
                "Saved as draft {id} (linkcase open {id} --plain goes on with it)."
            );
        }
        None => text.push_str("Nothing was changed, so no draft was saved.\n"),
    }
    talk.say(&text)?;
    if ended == Ended::Finished {
        export_where_asked(talk, case)?;
    }
    Ok(if report.summary.ready() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

fn export_where_asked<R: io::BufRead, W: io::Write>(
    talk: &mut Conversation<R, W>,
    case: &Case,
) -> Result<()> {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    let Some(format) = talk
        .choose("Export the case? Pick a format (Enter: no export).", &names)?
        .and_then(|i| Format::ALL.get(i).copied())
    else {
        return Ok(());
    };
    let rendered = export::render(case, format, Options::default());
    let Some(target) = talk.ask_line(&format!(
        "Write it to which file? (Enter: print it here). The password is left out; \
         share it separately. Example: linkcase-case.{}",
        format.extension()
    ))?
    else {
        return talk.say(&format!("\n{rendered}"));
    };
    let path = PathBuf::from(target);
    if path.exists()
        && talk.choose(
            &format!("{} exists. Replace it?", escape::path(&path)),
            &["Replace it", "Keep it (no export)"],
        )? != Some(0)
    {
        return talk.say("Not exported.\n");
    }
    crate::files::write_atomic(&path, rendered.as_bytes())?;
    talk.say(&format!("Wrote {}.\n", escape::path(&path)))
}
