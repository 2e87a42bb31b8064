//! `linkcase utc TIME --tz ZONE`: one local time to UTC, per DESIGN §3.

use clap::ValueEnum;

use super::out;
use crate::case::friendly::{parse_friendly, wall_clock};
use crate::case::time::{Policy, Resolved, Zone, default_zone_explained, format_utc, resolve};
use crate::error::{EXIT_OK, Error, Result};

/// Arguments of `utc`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints one line, e.g. 2026-11-21T19:03:00Z.

At a DST change a local time can be skipped (a gap) or happen twice (a fold). By default
linkcase refuses to guess: it exits 1 and names both candidates. Choose with
--disambiguation (the rules of JavaScript's Temporal):
  earlier      the earlier instant
  later        the later instant
  compatible   later in a gap, earlier in a fold

Examples:
  linkcase utc \"2026-11-21 14:03\" --tz America/New_York      → 2026-11-21T19:03:00Z
  linkcase utc \"2026-11-01 01:30\" --tz America/New_York --disambiguation later
  linkcase utc 2026-11-21T14:03:00 --tz +05:30
  linkcase utc \"yesterday 14:03\" --tz Europe/Dublin
  linkcase utc now --tz UTC

Exit codes: 0 = converted, 1 = ambiguous under reject, 2 = bad time or zone.")]
pub struct Args {
    /// Local wall-clock time, as the form reads it: YYYY-MM-DD HH:MM[:SS] (a T separator
    /// works too), `now`, `14:03` (today), `yesterday 14:03`.
    #[arg(value_name = "TIME")]
    time: String,
    /// IANA zone (any case), UTC, or an offset like +05:30 or UTC-5. Default: $TZ, else the system zone.
    #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
    tz: Option<String>,
    /// What to do when the time falls in a DST gap or fold.
    #[arg(long, value_enum, default_value_t = Choice::Reject, value_name = "HOW")]
    disambiguation: Choice,
}

/// `--disambiguation` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Choice {
    /// Refuse and name both candidates.
    Reject,
    /// The earlier instant.
    Earlier,
    /// The later instant.
    Later,
    /// Later in a gap, earlier in a fold.
    Compatible,
}

impl From<Choice> for Policy {
    fn from(c: Choice) -> Self {
        match c {
            Choice::Reject => Self::Reject,
            Choice::Earlier => Self::Earlier,
            Choice::Later => Self::Later,
            Choice::Compatible => Self::Compatible,
        }
    }
}

pub fn run(args: &Args) -> Result<u8> {
    let zone = if let Some(tz) = &args.tz {
        Zone::parse(tz).map_err(|e| Error::Usage(format!("--tz: {e}")))?
    } else {
        let (zone, source) = default_zone_explained();
        // Never silently: the zone used, and why that one.
        out::note(&format!("linkcase: zone {zone} ({source})"));
        zone
    };
    // The form's parser, read against the wall clock in the zone asked about.
    let local = parse_friendly(&args.time, wall_clock(&zone, chrono::Utc::now()))
        .map_err(|e| Error::Usage(format!("TIME: {e}")))?;
    let instant = match resolve(local, &zone).pick(args.disambiguation.into()) {
        // `pick` refuses only at a gap or fold, so `Unique` never comes back as an error.
        Ok(instant) | Err(Resolved::Unique(instant)) => instant,
        Err(Resolved::Gap { earlier, later }) => {
            return Err(ambiguous(
                &args.time,
                zone,
                "never existed",
                "the clocks skipped it",
                earlier,
                later,
            ));
        }
        Err(Resolved::Fold { earlier, later }) => {
            return Err(ambiguous(
                &args.time,
                zone,
                "happened twice",
                "the clocks went back",
                earlier,
                later,
            ));
        }
    };
    out::print(&format!("{}\n", format_utc(instant)))?;
    Ok(EXIT_OK)
}

fn ambiguous(
    time: &str,
    zone: Zone,
    what: &str,
    why: &str,
    earlier: chrono::DateTime<chrono::Utc>,
    later: chrono::DateTime<chrono::Utc>,
) -> Error {
    Error::No(format!(
        "{} {what} in {zone} ({why}): earlier = {}, later = {}; \
         choose with --disambiguation earlier|later|compatible",
        time.trim(),
        format_utc(earlier),
        format_utc(later)
    ))
}
