//! `linkcase zones [QUERY]`: time zone names, best match first.

use std::fmt::Write as _;

use super::out;
use crate::case::zones;
use crate::error::{EXIT_OK, Error, Result};

/// Arguments of `zones`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Matches fuzzily, with spaces for underscores, and knows common abbreviations (which are
not zones themselves, so they cannot be a case's time zone).

Examples:
  linkcase zones                 every zone name
  linkcase zones new york        America/New_York first
  linkcase zones PST             America/Los_Angeles (PST: Pacific Time)

Exit codes: 0 = something matched, 1 = nothing matched.")]
pub struct Args {
    /// What to look for; several words are joined with spaces.
    #[arg(value_name = "QUERY")]
    query: Vec<String>,
    /// Show at most this many matches (default: 20 with a query, all without).
    #[arg(long, short = 'n', value_name = "N")]
    limit: Option<usize>,
}

pub fn run(args: &Args) -> Result<u8> {
    let query = args.query.join(" ");
    let limit = args.limit.unwrap_or(if query.trim().is_empty() {
        usize::MAX
    } else {
        20
    });
    let matches = zones::search(&query, limit);
    if matches.is_empty() {
        return Err(Error::No(format!(
            "no time zone matches '{}'",
            query.trim()
        )));
    }
    let mut text = String::new();
    for m in matches {
        match m.note {
            Some(note) => {
                let _ = writeln!(text, "{}  ({note})", m.name);
            }
            None => {
                let _ = writeln!(text, "{}", m.name);
            }
        }
    }
    out::print(&text)?;
    Ok(EXIT_OK)
}
