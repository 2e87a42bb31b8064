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
  linkcase drafts --json           for scripts: id, updated (UTC), skill_id, progress, errors
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

fn progress(draft: &DraftSummary) -> (String, String) {
    draft
        .progress
        .map_or(("?".to_owned(), "?".to_owned()), |p| {
            (format!("{}/{}", p.done, p.required), p.errors.to_string())
        })
}

fn table(drafts: &[DraftSummary]) -> String {
    let width = drafts.iter().map(|d| d.id.len()).max().unwrap_or(0).max(2);
    let mut text = format!(
        "{:<width$}  {:<16}  {:<8}  {:<6}  SKILL ID\n",
        "ID", "UPDATED", "PROGRESS", "ERRORS"
    );
    for draft in drafts {
        let (progress, errors) = progress(draft);
        let updated = draft.updated.with_timezone(&Local).format("%Y-%m-%d %H:%M");
        let skill = if draft.skill_id.is_empty() {
            "-"
        } else {
            &draft.skill_id
        };
        let tag = match draft.access {
            Access::ReadWrite => String::new(),
            Access::ReadOnly { version } => format!("  (read-only: schema {version})"),
        };
        let _ = writeln!(
            text,
            "{:<width$}  {updated:<16}  {progress:<8}  {errors:<6}  {skill}{tag}",
            draft.id
        );
    }
    text
}

fn to_json(draft: &DraftSummary) -> serde_json::Value {
    let (read_only, schema_version) = match draft.access {
        Access::ReadWrite => (false, crate::case::SCHEMA_VERSION),
        Access::ReadOnly { version } => (true, version),
    };
    json!({
        "id": draft.id,
        "updated": draft.updated.to_rfc3339_opts(SecondsFormat::Secs, true),
        "skill_id": draft.skill_id,
        "progress": draft.progress.map(|p| format!("{}/{}", p.done, p.required)),
        "required_done": draft.progress.map(|p| p.done),
        "required": draft.progress.map(|p| p.required),
        "errors": draft.progress.map(|p| p.errors),
        "read_only": read_only,
        "schema_version": schema_version,
    })
}
