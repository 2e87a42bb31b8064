//! `linkcase drafts`: the drafts, newest first, as a table or JSON.

use std::fmt::Write as _;

use chrono::{Local, SecondsFormat};
use serde_json::json;

use super::out;
use crate::error::{EXIT_OK, Result};
use crate::store::{Access, DraftSummary, Paths, Store};

/// Arguments of `drafts`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Every change in the interactive form is saved to a draft as you type. A draft that does not
parse is moved aside (<id>.json.corrupt-<time>) and named on stderr; it is never deleted.

Examples:
  linkcase drafts                  the table
  linkcase drafts --json           for scripts: id, updated (UTC), skill_id, progress, errors, summary
  linkcase open 20261122-041500    continue a draft

The folder is LINKCASE_DATA_DIR/drafts when that is set (see linkcase config).

Exit codes: 0 = listed (also when there are none), 2 = the drafts folder cannot be used.")]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> Result<u8> {
    let paths = Paths::from_env()?;
    let store = Store::open(&paths)?;
    let listing = store.list()?;
    for moved in &listing.moved {
        out::note(&format!("linkcase: warning: {moved}"));
    }
    if args.json {
        let rows: Vec<_> = listing.drafts.iter().map(to_json).collect();
        let text = serde_json::to_string_pretty(&rows).unwrap_or_default();
        out::print(&format!("{text}\n"))?;
    } else if listing.drafts.is_empty() {
        out::note(&format!(
            "linkcase: no drafts in {} (linkcase new starts one)",
            store.dir().display()
        ));
    } else {
        out::print(&table(&listing.drafts))?;
    }
    Ok(EXIT_OK)
}

/// The case's summary, the same line the form and `validate` show.
fn summary(draft: &DraftSummary) -> String {
    draft
        .summary
        .map_or_else(|| "?".to_owned(), |s| s.to_string())
}

fn table(drafts: &[DraftSummary]) -> String {
    let width = drafts.iter().map(|d| d.id.len()).max().unwrap_or(0).max(2);
    let skill_width = drafts
        .iter()
        .map(|d| d.skill_id.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    let mut text = format!(
        "{:<width$}  {:<16}  {:<skill_width$}  SUMMARY\n",
        "ID", "UPDATED", "SKILL ID"
    );
    for draft in drafts {
        let updated = draft.updated.with_timezone(&Local).format("%Y-%m-%d %H:%M");
        let skill = if draft.skill_id.is_empty() {
            "-".into()
        } else {
            crate::escape::shown(&draft.skill_id)
        };
        let tag = match draft.access {
            Access::ReadWrite => String::new(),
            Access::ReadOnly { version } => format!("  (read-only: schema {version})"),
            Access::OpenElsewhere(elsewhere) => format!("  ({})", elsewhere.tag()),
        };
        let _ = writeln!(
            text,
            "{:<width$}  {updated:<16}  {skill:<skill_width$}  {}{tag}",
            draft.id,
            summary(draft)
        );
    }
    text
}

fn to_json(draft: &DraftSummary) -> serde_json::Value {
    let (read_only, schema_version) = match draft.access {
        Access::ReadWrite | Access::OpenElsewhere(_) => (false, crate::case::SCHEMA_VERSION),
        Access::ReadOnly { version } => (true, version),
    };
    json!({
        "id": draft.id,
        "updated": draft.updated.to_rfc3339_opts(SecondsFormat::Secs, true),
        "skill_id": draft.skill_id,
        "progress": draft.summary.map(|p| format!("{}/{}", p.done, p.required)),
        "required_done": draft.summary.map(|p| p.done),
        "required": draft.summary.map(|p| p.required),
        "errors": draft.summary.map(|p| p.case.errors),
        "summary": draft.summary,
        "text": draft.summary.map(|s| s.to_string()),
        "read_only": read_only,
        "schema_version": schema_version,
    })
}
