//! Local time + zone → UTC (DESIGN §3), with DST gaps and folds resolved the way
//! JavaScript's Temporal does (`compatible` / `earlier` / `later` / `reject`).

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;

use super::model::Disambiguation;
use super::sanitize::excerpt;
use super::zones;

/// A time zone a case can name: an IANA zone or a fixed offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// An IANA zone (`UTC` is `Tz::UTC`).
    Named(Tz),
    /// A fixed offset such as `+05:30` or `UTC-5`.
    Fixed(FixedOffset),
}

impl Zone {
    /// Parses an IANA name (any case), `UTC`, or an offset: `+05:30`, `-0800`, `+5`,
    /// `UTC-5`, `UTC+05:30`, `GMT+1`.
    pub fn parse(input: &str) -> Result<Self, ZoneError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(ZoneError::Empty);
        }
        if zones::is_abbreviation(text) {
            return Err(ZoneError::Abbreviation {
                input: text.to_owned(),
                suggestions: zones::suggest(text, 3),
            });
        }
        if let Some(tz) = zones::lookup(text) {
            return Ok(Self::Named(tz));
        }
        let offset = ["UTC", "utc", "GMT", "gmt", ""].iter().find_map(|prefix| {
            text.strip_prefix(prefix)
                .filter(|rest| rest.starts_with(['+', '-']))
        });
        if let Some(offset) = offset {
            return parse_offset(offset)
                .map(Self::Fixed)
                .ok_or_else(|| ZoneError::BadOffset(text.to_owned()));
        }
        Err(ZoneError::Unknown {
            input: text.to_owned(),
            suggestions: zones::suggest(text, 3),
        })
    }

    /// The canonical spelling to store: the IANA name, `UTC`, or `+05:30`.
    #[must_use]
    pub fn name(&self) -> String {
        self.to_string()
    }

    /// The offset from UTC in effect at `instant`.
    #[must_use]
    pub fn offset_at(&self, instant: DateTime<Utc>) -> FixedOffset {
        match self {
            Self::Named(tz) => tz.offset_from_utc_datetime(&instant.naive_utc()).fix(),
            Self::Fixed(offset) => *offset,
        }
    }

    /// The zone's abbreviation at `instant` (`EDT`), when it has a real one (tzdb writes
    /// `+0530`-like numbers for zones without one; those are left out).
    #[must_use]
    pub fn abbreviation_at(&self, instant: DateTime<Utc>) -> Option<String> {
        match self {
            Self::Named(tz) => {
                let name = tz
                    .offset_from_utc_datetime(&instant.naive_utc())
                    .to_string();
                name.chars()
                    .all(|c| c.is_ascii_alphabetic())
                    .then_some(name)
            }
            Self::Fixed(_) => None,
        }
    }

    /// Every instant whose wall clock in this zone reads `local`: none (gap), one, or two (fold).
    fn candidates(self, local: NaiveDateTime) -> Vec<DateTime<Utc>> {
        let result = match self {
            Self::Named(tz) => tz
                .from_local_datetime(&local)
                .map(|t| t.with_timezone(&Utc)),
            Self::Fixed(offset) => offset
                .from_local_datetime(&local)
                .map(|t| t.with_timezone(&Utc)),
        };
        match result {
            chrono::LocalResult::Single(t) => vec![t],
            chrono::LocalResult::Ambiguous(a, b) => vec![a.min(b), a.max(b)],
            chrono::LocalResult::None => vec![],
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Named(tz) => f.write_str(tz.name()),
            Self::Fixed(offset) => {
                let secs = offset.local_minus_utc();
                let sign = if secs < 0 { '-' } else { '+' };
                let abs = secs.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
            }
        }
    }
}

impl FromStr for Zone {
    type Err = ZoneError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// `+05:30`, `-0800`, `+5`, `-05` → offset; at most ±18:00 like chrono.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    // Byte slicing below is only sound on ASCII.
    if !digits.is_ascii() {
        return None;
    }
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if minutes >= 60 || hours > 18 || (hours == 18 && minutes > 0) {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Why a zone was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoneError {
    /// Nothing given.
    #[error("no time zone given")]
    Empty,
    /// An offset out of range or malformed.
    #[error("{} is not an offset: expected +HH:MM or UTC±H, at most ±18:00", excerpt(.0))]
    BadOffset(String),
    /// An abbreviation such as PST: ambiguous, so not accepted as a zone.
    #[error("'{input}' is an abbreviation, not a time zone; choose a zone such as {}", .suggestions.join(", "))]
    Abbreviation {
        /// What was typed.
        input: String,
        /// Zones it usually means.
        suggestions: Vec<String>,
    },
    /// Not a zone name we know.
    #[error("unknown time zone {}{}", excerpt(.input), suggestion_text(.suggestions))]
    Unknown {
        /// What was typed.
        input: String,
        /// Zones that might have been meant.
        suggestions: Vec<String>,
    },
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        ": expected an IANA name such as America/New_York, UTC, or +05:30".to_owned()
    } else {
        format!(" (did you mean {}?)", suggestions.join(", "))
    }
}

/// Parses `YYYY-MM-DD HH:MM[:SS]` (or with `T`) into a wall-clock time.
pub fn parse_local(input: &str) -> Result<NaiveDateTime, TimeError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(TimeError::Empty);
    }
    let bad = || TimeError::Format(text.to_owned());
    let impossible = |why: String| TimeError::Impossible {
        input: text.to_owned(),
        why,
    };
    let (date, time) = text.split_once([' ', 'T', 't']).ok_or_else(bad)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| impossible_date(date).map_or_else(bad, impossible))?;
    if !(1900..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(bad());
    }
    let time = time.trim();
    let time = NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .map_err(|_| bad())?;
    // chrono accepts a leap second (":60"); a wall clock never shows one.
    if chrono::Timelike::nanosecond(&time) != 0 {
        return Err(impossible(
            "second 60 is a leap second, which clocks never show".to_owned(),
        ));
    }
    Ok(date.and_time(time))
}

/// Why a well-formed `YYYY-MM-DD` is not a date (`2026-02-29`, `2026-13-01`), if it is
/// well-formed; `None` for anything else.
fn impossible_date(date: &str) -> Option<String> {
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts[..] else { return None };
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return None;
    }
    let (year, month, day): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}"));
    }
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let days = chrono::Datelike::day(&next?.pred_opt()?);
    let name = NaiveDate::from_ymd_opt(year, month, 1)?.format("%B %Y");
    (day == 0 || day > days).then(|| format!("{name} has {days} days"))
}

/// The canonical stored form of a local time: `YYYY-MM-DD HH:MM` or `…:SS` when seconds are set.
#[must_use]
pub fn format_local(local: NaiveDateTime) -> String {
    if chrono::Timelike::second(&local) == 0 {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// Why a local time was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Nothing given.
    #[error("no time given")]
    Empty,
    /// Not `YYYY-MM-DD HH:MM[:SS]`, or not a real date.
    #[error("expected YYYY-MM-DD HH:MM[:SS], e.g. 2026-11-21 14:03, got {}", excerpt(.0))]
    Format(String),
    /// Well-formed, but no clock ever showed it (`2026-02-29`, `23:59:60`).
    #[error("{} never happened: {why}", excerpt(.input))]
    Impossible {
        /// What was given.
        input: String,
        /// Why it cannot be.
        why: String,
    },
}

/// How to pick an instant at a DST gap or fold (Temporal's `disambiguation` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// Refuse: the caller must choose.
    #[default]
    Reject,
    /// The earlier instant.
    Earlier,
    /// The later instant.
    Later,
    /// `later` in a gap, `earlier` in a fold.
    Compatible,
}

impl From<Disambiguation> for Policy {
    fn from(d: Disambiguation) -> Self {
        match d {
            Disambiguation::Earlier => Self::Earlier,
            Disambiguation::Later => Self::Later,
        }
    }
}

/// What a local time means in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// Exactly one instant.
    Unique(DateTime<Utc>),
    /// The clock skipped this time; Temporal's two readings of it.
    Gap {
        /// Shifted back by the gap (the offset after the change).
        earlier: DateTime<Utc>,
        /// Shifted forward by the gap (the offset before the change).
        later: DateTime<Utc>,
    },
    /// The clock showed this time twice.
    Fold {
        /// The first time (offset before the change).
        earlier: DateTime<Utc>,
        /// The second time (offset after the change).
        later: DateTime<Utc>,
    },
}

impl Resolved {
    /// The instant `policy` picks, or the two candidates when it is `Reject` and there is a choice.
    pub fn pick(self, policy: Policy) -> Result<DateTime<Utc>, Self> {
        match (self, policy) {
            (Self::Unique(t), _) => Ok(t),
            (_, Policy::Reject) => Err(self),
            (Self::Gap { earlier, .. } | Self::Fold { earlier, .. }, Policy::Earlier)
            | (Self::Fold { earlier, .. }, Policy::Compatible) => Ok(earlier),
            (Self::Gap { later, .. } | Self::Fold { later, .. }, Policy::Later)
            | (Self::Gap { later, .. }, Policy::Compatible) => Ok(later),
        }
    }

    /// Whether the local time needs a disambiguation.
    #[must_use]
    pub const fn is_ambiguous(self) -> bool {
        !matches!(self, Self::Unique(_))
    }
}

/// Resolves `local` in `zone` (Temporal's `GetPossibleInstantsFor` + `DisambiguatePossibleInstants`).
#[must_use]
pub fn resolve(local: NaiveDateTime, zone: &Zone) -> Resolved {
    let candidates = zone.candidates(local);
    match candidates.as_slice() {
        [one] => Resolved::Unique(*one),
        [first, .., last] => Resolved::Fold {
            earlier: *first,
            later: *last,
        },
        [] => {
            // A gap. Temporal measures it as the offset a day after minus the offset a day
            // before, then reads the wall clock shifted back / forward by that much.
            let as_utc = local.and_utc();
            let before = zone.offset_at(as_utc - Duration::days(1)).local_minus_utc();
            let after = zone.offset_at(as_utc + Duration::days(1)).local_minus_utc();
            let gap = Duration::seconds(i64::from(after - before));
            let earlier = zone.candidates(local - gap).first().copied();
            let later = zone.candidates(local + gap).last().copied();
            match (earlier, later) {
                (Some(earlier), Some(later)) => Resolved::Gap { earlier, later },
                // Two changes within a day (never in tzdb 1900–2037); fall back to reading
                // the wall clock with the offsets on either side, which is what the gap means.
                _ => Resolved::Gap {
                    earlier: (local - Duration::seconds(i64::from(after))).and_utc(),
                    later: (local - Duration::seconds(i64::from(before))).and_utc(),
                },
            }
        }
    }
}

/// What one reading of an ambiguous local time means, in the words of the place: e.g.
/// `01:30 EDT (UTC−4), before the clocks went back → 05:30Z`. `None` when the time is not
/// ambiguous. The zone's abbreviation is the one in force at the instant whose offset the
/// reading uses (at a gap, the other candidate's).
#[must_use]
pub fn describe_reading(
    local: NaiveDateTime,
    zone: &Zone,
    resolved: Resolved,
    which: Disambiguation,
) -> Option<String> {
    let (earlier, later, gap) = match resolved {
        Resolved::Unique(_) => return None,
        Resolved::Gap { earlier, later } => (earlier, later, true),
        Resolved::Fold { earlier, later } => (earlier, later, false),
    };
    let instant = match which {
        Disambiguation::Earlier => earlier,
        Disambiguation::Later => later,
    };
    // The offset the reading applies to the wall clock, and the instant it is in force at.
    let offset_seconds = (local - instant.naive_utc()).num_seconds();
    let in_force = if gap {
        match which {
            Disambiguation::Earlier => later,
            Disambiguation::Later => earlier,
        }
    } else {
        instant
    };
    let abbreviation = zone.abbreviation_at(in_force);
    let when = match (gap, which) {
        (false, Disambiguation::Earlier) => "before the clocks went back",
        (false, Disambiguation::Later) => "after the clocks went back",
        (true, Disambiguation::Earlier) => "read as if the clocks had already gone forward",
        (true, Disambiguation::Later) => "read as if the clocks had not yet gone forward",
    };
    let clock = if chrono::Timelike::second(&local) == 0 {
        local.format("%H:%M")
    } else {
        local.format("%H:%M:%S")
    };
    let name = abbreviation.map_or_else(String::new, |a| format!("{a} "));
    Some(format!(
        "{clock} {name}({}), {when} → {}",
        utc_offset(offset_seconds),
        instant.format("%H:%MZ")
    ))
}

/// `UTC−4`, `UTC+5:30`, `UTC±0` (with a true minus sign).
#[must_use]
pub fn utc_offset(seconds: i64) -> String {
    let sign = if seconds < 0 { '−' } else { '+' };
    let minutes = seconds.abs() / 60;
    match (minutes / 60, minutes % 60) {
        (0, 0) => "UTC±0".to_owned(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

/// RFC 3339 in UTC with whole seconds and `Z`: `2026-11-21T19:03:00Z`.
#[must_use]
pub fn format_utc(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Parses the `failure.utc` form written by [`format_utc`] (any RFC 3339 is accepted).
#[must_use]
pub fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Where the default zone came from, for saying which zone is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneSource {
    /// `$TZ`, as a zone name or offset.
    Env,
    /// `$TZ` as a POSIX rule (`EST5EDT,M3.2.0,M11.1.0`, `JST-9`), read as this zone.
    EnvPosix(String),
    /// `$TZ` was set but not understood (its value): the system's zone is used instead.
    EnvNotUnderstood(String),
    /// The system's zone.
    System,
    /// Nothing known: UTC.
    Fallback,
}

impl fmt::Display for ZoneSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Env => f.write_str("from $TZ"),
            Self::EnvPosix(tz) => write!(f, "from the POSIX rule in $TZ, {}", excerpt(tz)),
            Self::EnvNotUnderstood(tz) => write!(
                f,
                "$TZ={} is not understood, so the system's zone",
                excerpt(tz)
            ),
            Self::System => f.write_str("the system's zone"),
            Self::Fallback => f.write_str("no $TZ and no system zone, so UTC"),
        }
    }
}

/// The zone a case starts with when none is chosen: `$TZ` if set (a zone name, an offset,
/// or a POSIX rule this can read), else the system's zone, else UTC.
#[must_use]
pub fn default_zone() -> Zone {
    default_zone_explained().0
}

/// [`default_zone`], and where it came from (an unreadable `$TZ` is said, never ignored).
#[must_use]
pub fn default_zone_explained() -> (Zone, ZoneSource) {
    let system = || {
        iana_time_zone::get_timezone()
            .ok()
            .and_then(|tz| Zone::parse(&tz).ok())
    };
    zone_from(std::env::var("TZ").ok().as_deref(), system)
}

/// [`default_zone_explained`] with `$TZ` and the system's zone given.
pub fn zone_from(tz: Option<&str>, system: impl FnOnce() -> Option<Zone>) -> (Zone, ZoneSource) {
    let mut not_understood = None;
    if let Some(raw) = tz.filter(|t| !t.trim().is_empty()) {
        // `TZ=:Europe/Paris` and `TZ=/usr/share/zoneinfo/Europe/Paris` are both common.
        let tz = raw.trim().trim_start_matches(':');
        let tz = tz.split_once("zoneinfo/").map_or(tz, |(_, name)| name);
        if let Ok(zone) = Zone::parse(tz) {
            return (zone, ZoneSource::Env);
        }
        if let Some(zone) = posix_zone(tz) {
            return (zone, ZoneSource::EnvPosix(raw.to_owned()));
        }
        not_understood = Some(raw.to_owned());
    }
    let (zone, source) = match system() {
        Some(zone) => (zone, ZoneSource::System),
        None => (Zone::Named(Tz::UTC), ZoneSource::Fallback),
    };
    match not_understood {
        Some(raw) => (zone, ZoneSource::EnvNotUnderstood(raw)),
        None => (zone, source),
    }
}

/// A POSIX `TZ` rule read as a zone: `NAME±H[:MM]` without daylight saving is that fixed
/// offset (POSIX counts west as positive: `JST-9` is UTC+9); the US rules
/// (`EST5EDT,M3.2.0,M11.1.0` and the like) are the tz database's zones of the same name,
/// whose rules they are. Anything else: `None`.
fn posix_zone(tz: &str) -> Option<Zone> {
    let (head, rules) = tz.split_once(',').unwrap_or((tz, ""));
    let us_rules = matches!(
        rules,
        "" | "M3.2.0,M11.1.0" | "M3.2.0/2,M11.1.0/2" | "M3.2.0/2:00:00,M11.1.0/2:00:00"
    );
    if us_rules
        && let Some(zone) = ["EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT"]
            .iter()
            .find(|z| z.eq_ignore_ascii_case(head))
            .and_then(|z| Zone::parse(z).ok())
    {
        return Some(zone);
    }
    if !rules.is_empty() {
        return None;
    }
    // NAME then offset: `JST-9`, `<+0530>-5:30`.
    let rest = if let Some(quoted) = head.strip_prefix('<') {
        quoted.split_once('>')?.1
    } else {
        let name_len = head.find(|c: char| !c.is_ascii_alphabetic())?;
        if name_len < 3 {
            return None;
        }
        &head[name_len..]
    };
    let (west, digits) = match rest.as_bytes().first()? {
        b'+' => (true, &rest[1..]),
        b'-' => (false, &rest[1..]),
        _ => (true, rest),
    };
    let mut parts = digits.split(':');
    let hours: i32 = parts.next()?.parse().ok()?;
    let minutes: i32 = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    if parts.next().is_some() || !(0..=24).contains(&hours) || !(0..60).contains(&minutes) {
        return None;
    }
    let seconds = (hours * 3600 + minutes * 60) * if west { -1 } else { 1 };
    FixedOffset::east_opt(seconds).map(Zone::Fixed)
}

/// Why a case's failure time has no single UTC instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// `failure.local_time` does not parse.
    Time(TimeError),
    /// `failure.time_zone` does not parse.
    Zone(ZoneError),
    /// A gap or fold and no `failure.disambiguation`.
    Ambiguous(Resolved),
}

impl super::model::Failure {
    /// What `local_time` in `time_zone` means, before any disambiguation.
    pub fn resolve(&self) -> Result<(Resolved, Zone), Unresolved> {
        let local = parse_local(&self.local_time).map_err(Unresolved::Time)?;
        let zone = Zone::parse(&self.time_zone).map_err(Unresolved::Zone)?;
        Ok((resolve(local, &zone), zone))
    }

    /// The failure time in UTC, using `disambiguation` at a gap or fold.
    pub fn utc_instant(&self) -> Result<DateTime<Utc>, Unresolved> {
        let (resolved, _) = self.resolve()?;
        let policy = self.disambiguation.map_or(Policy::Reject, Policy::from);
        resolved.pick(policy).map_err(Unresolved::Ambiguous)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reading_of_an_ambiguous_time_is_said_in_local_terms() {
        let zone = Zone::parse("America/New_York").unwrap();
        let say = |text: &str, which| {
            let local = parse_local(text).unwrap();
            describe_reading(local, &zone, resolve(local, &zone), which).unwrap()
        };
        // The fold in November: 01:30 happened twice.
        assert_eq!(
            say("2026-11-01 01:30", Disambiguation::Earlier),
            "01:30 EDT (UTC−4), before the clocks went back → 05:30Z"
        );
        assert_eq!(
            say("2026-11-01 01:30", Disambiguation::Later),
            "01:30 EST (UTC−5), after the clocks went back → 06:30Z"
        );
        // The gap in March: 02:30 never happened.
        assert_eq!(
            say("2026-03-08 02:30", Disambiguation::Earlier),
            "02:30 EDT (UTC−4), read as if the clocks had already gone forward → 06:30Z"
        );
        assert_eq!(
            say("2026-03-08 02:30", Disambiguation::Later),
            "02:30 EST (UTC−5), read as if the clocks had not yet gone forward → 07:30Z"
        );
        let ordinary = parse_local("2026-07-01 12:00").unwrap();
        let unique = resolve(ordinary, &zone);
        assert_eq!(
            describe_reading(ordinary, &zone, unique, Disambiguation::Earlier),
            None
        );
    }

    #[test]
    fn half_hour_zones_say_their_minutes() {
        assert_eq!(utc_offset(-4 * 3600), "UTC−4");
        assert_eq!(utc_offset(5 * 3600 + 1800), "UTC+5:30");
        assert_eq!(utc_offset(0), "UTC±0");
        // Lord Howe moves by half an hour, and has no letters for its offsets.
        let zone = Zone::parse("Australia/Lord_Howe").unwrap();
        let local = parse_local("2026-04-05 01:45").unwrap();
        let text =
            describe_reading(local, &zone, resolve(local, &zone), Disambiguation::Later).unwrap();
        assert!(text.starts_with("01:45 (UTC+10:30)"), "{text}");
    }

    #[test]
    fn a_posix_tz_is_used_or_said_to_be_not_understood() {
        let berlin = || Zone::parse("Europe/Berlin").ok();
        let (zone, source) = zone_from(Some("EST5EDT,M3.2.0,M11.1.0"), berlin);
        assert_eq!(zone.name(), "EST5EDT");
        assert!(matches!(source, ZoneSource::EnvPosix(_)));
        let local = parse_local("2026-07-01 12:00").unwrap();
        let Resolved::Unique(utc) = resolve(local, &zone) else {
            panic!("unique")
        };
        assert_eq!(format_utc(utc), "2026-07-01T16:00:00Z");
        let (zone, _) = zone_from(Some("JST-9"), berlin);
        assert_eq!(zone, Zone::parse("+09:00").unwrap());
        let (zone, source) = zone_from(Some("Mars/Olympus_Mons"), berlin);
        assert_eq!(zone.name(), "Europe/Berlin");
        assert_eq!(
            source.to_string(),
            "$TZ='Mars/Olympus_Mons' is not understood, so the system's zone"
        );
        let (_, source) = zone_from(Some("EST5EDT,M4.1.0,M10.5.0"), berlin);
        assert!(matches!(source, ZoneSource::EnvNotUnderstood(_)));
        assert_eq!(zone_from(Some(":Europe/Paris"), berlin).1, ZoneSource::Env);
    }

    #[test]
    fn impossible_but_well_formed_times_say_why() {
        let err = parse_local("2026-02-29 10:00").unwrap_err();
        assert_eq!(
            err.to_string(),
            "'2026-02-29 10:00' never happened: February 2026 has 28 days"
        );
        assert!(parse_local("2028-02-29 10:00").is_ok());
        let err = parse_local("2026-04-31 10:00").unwrap_err().to_string();
        assert!(err.ends_with("April 2026 has 30 days"), "{err}");
        let err = parse_local("2026-13-01 10:00").unwrap_err().to_string();
        assert!(err.ends_with("there is no month 13"), "{err}");
        let err = parse_local("2026-12-31 23:59:60").unwrap_err().to_string();
        assert!(err.contains("leap second"), "{err}");
        // Not well-formed: still the format error.
        assert!(matches!(
            parse_local("2026-2-29 10:00"),
            Err(TimeError::Format(_))
        ));
    }

    fn utc(text: &str) -> DateTime<Utc> {
        parse_utc(text).unwrap()
    }

    fn resolve_in(local: &str, zone: &str) -> Resolved {
        resolve(parse_local(local).unwrap(), &Zone::parse(zone).unwrap())
    }

    #[test]
    fn converts_an_ordinary_new_york_afternoon() {
        let r = resolve_in("2026-11-21 14:03", "America/New_York");
        assert_eq!(r, Resolved::Unique(utc("2026-11-21T19:03:00Z")));
    }

    #[test]
    fn new_york_gap_matches_the_design_table() {
        let r = resolve_in("2026-03-08 02:30", "America/New_York");
        assert_eq!(r.pick(Policy::Earlier), Ok(utc("2026-03-08T06:30:00Z")));
        assert_eq!(r.pick(Policy::Later), Ok(utc("2026-03-08T07:30:00Z")));
        assert_eq!(r.pick(Policy::Compatible), Ok(utc("2026-03-08T07:30:00Z")));
        assert!(r.pick(Policy::Reject).is_err());
    }

    #[test]
    fn new_york_fold_matches_the_design_table() {
        let r = resolve_in("2026-11-01 01:30", "America/New_York");
        assert_eq!(r.pick(Policy::Earlier), Ok(utc("2026-11-01T05:30:00Z")));
        assert_eq!(r.pick(Policy::Later), Ok(utc("2026-11-01T06:30:00Z")));
        assert_eq!(r.pick(Policy::Compatible), Ok(utc("2026-11-01T05:30:00Z")));
        assert!(matches!(r, Resolved::Fold { .. }));
    }

    #[test]
    fn dublin_negative_dst_gap_and_fold() {
        // Europe/Dublin models winter as the "daylight" period (negative DST); the wall clock
        // still jumps 01:00 → 02:00 in March and repeats 01:xx in October.
        let gap = resolve_in("2026-03-29 01:30", "Europe/Dublin");
        assert_eq!(gap.pick(Policy::Earlier), Ok(utc("2026-03-29T00:30:00Z")));
        assert_eq!(gap.pick(Policy::Later), Ok(utc("2026-03-29T01:30:00Z")));
        let fold = resolve_in("2026-10-25 01:30", "europe/dublin");
        assert_eq!(fold.pick(Policy::Earlier), Ok(utc("2026-10-25T00:30:00Z")));
        assert_eq!(fold.pick(Policy::Later), Ok(utc("2026-10-25T01:30:00Z")));
    }

    #[test]
    fn apia_skipped_2011_12_30_entirely() {
        let r = resolve_in("2011-12-30 12:00", "Pacific/Apia");
        // Offsets -10 before, +14 after: a 24-hour gap.
        assert_eq!(r.pick(Policy::Earlier), Ok(utc("2011-12-29T22:00:00Z")));
        assert_eq!(r.pick(Policy::Later), Ok(utc("2011-12-30T22:00:00Z")));
    }

    #[test]
    fn lord_howe_half_hour_gap_and_fold() {
        // Lord Howe moves between +10:30 and +11:00.
        let gap = resolve_in("2026-10-04 02:15", "Australia/Lord_Howe");
        assert_eq!(gap.pick(Policy::Earlier), Ok(utc("2026-10-03T15:15:00Z")));
        assert_eq!(gap.pick(Policy::Later), Ok(utc("2026-10-03T15:45:00Z")));
        let fold = resolve_in("2026-04-05 01:45", "Australia/Lord_Howe");
        assert_eq!(fold.pick(Policy::Earlier), Ok(utc("2026-04-04T14:45:00Z")));
        assert_eq!(fold.pick(Policy::Later), Ok(utc("2026-04-04T15:15:00Z")));
    }

    #[test]
    fn parses_fixed_offsets_in_every_spelling() {
        for (input, secs) in [
            ("+05:30", 19800),
            ("UTC-5", -18000),
            ("-0800", -28800),
            ("GMT+1", 3600),
            ("utc+05:45", 20700),
        ] {
            assert_eq!(
                Zone::parse(input),
                Ok(Zone::Fixed(FixedOffset::east_opt(secs).unwrap())),
                "{input}"
            );
        }
        assert_eq!(Zone::parse("+05:30").unwrap().to_string(), "+05:30");
        assert!(matches!(
            Zone::parse("+19:00"),
            Err(ZoneError::BadOffset(_))
        ));
        assert!(matches!(Zone::parse("+5:75"), Err(ZoneError::BadOffset(_))));
    }

    #[test]
    fn zone_names_are_case_insensitive_and_canonical() {
        assert_eq!(
            Zone::parse("america/new_york").unwrap().to_string(),
            "America/New_York"
        );
        assert_eq!(Zone::parse("utc").unwrap().to_string(), "UTC");
        assert!(matches!(
            Zone::parse("Mars/Olympus"),
            Err(ZoneError::Unknown { .. })
        ));
    }

    #[test]
    fn abbreviations_are_not_zones_even_where_tzdb_has_the_name() {
        for abbr in ["PST", "cet", "EST", "IST"] {
            let err = Zone::parse(abbr).unwrap_err();
            assert!(
                matches!(err, ZoneError::Abbreviation { .. }),
                "{abbr}: {err}"
            );
        }
        let message = Zone::parse("PST").unwrap_err().to_string();
        assert!(
            message.contains("abbreviation") && message.contains("America/Los_Angeles"),
            "{message}"
        );
        assert_eq!(Zone::parse("UTC").unwrap().to_string(), "UTC");
    }

    #[test]
    fn parses_local_times_with_space_or_t_and_optional_seconds() {
        let expected = NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(14, 3, 0)
            .unwrap();
        assert_eq!(parse_local("2026-11-21 14:03"), Ok(expected));
        assert_eq!(parse_local("2026-11-21T14:03:00"), Ok(expected));
        assert_eq!(format_local(expected), "2026-11-21 14:03");
        for bad in [
            "",
            "2026-11-21",
            "2026-02-30 10:00",
            "21/11/2026 14:03",
            "2026-11-21 24:00",
            "2026-11-21 23:59:60",
        ] {
            assert!(parse_local(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_utc_as_rfc3339_whole_seconds() {
        assert_eq!(
            format_utc(utc("2026-11-21T19:03:00.75Z")),
            "2026-11-21T19:03:00Z"
        );
    }

    use proptest::prelude::*;

    /// Any whole-second wall-clock time from 1900-01-01 00:00:00 to 2100-12-31 23:59:59.
    fn any_local() -> impl Strategy<Value = NaiveDateTime> {
        (-2_208_988_800_i64..4_133_980_800_i64)
            .prop_map(|secs| DateTime::from_timestamp(secs, 0).unwrap().naive_utc())
    }

    fn any_tz() -> impl Strategy<Value = Tz> {
        proptest::sample::select(chrono_tz::TZ_VARIANTS.to_vec())
    }

    /// A wall-clock time within a few hours of one of `tz`'s transitions after
    /// `year`-01-01 (per jiff's tzdb, which only serves to aim at the edges), or any time.
    fn near_a_transition(tz: Tz, year: i32, delta_secs: i64) -> NaiveDateTime {
        let start = NaiveDate::from_ymd_opt(year, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        let jiff_tz = jiff::tz::TimeZone::get(tz.name()).unwrap();
        let from = jiff::Timestamp::from_second(start.timestamp()).unwrap();
        let at = jiff_tz
            .following(from)
            .next()
            .map_or(start.timestamp(), |t| t.timestamp().as_second());
        let at = DateTime::from_timestamp(at, 0).unwrap();
        let wall = Zone::Named(tz).offset_at(at);
        (at.naive_utc() + Duration::seconds(i64::from(wall.local_minus_utc()) + delta_secs))
            .min(parse_local("2100-12-31 23:59:59").unwrap())
    }

    fn check_invariants(local: NaiveDateTime, tz: Tz) -> Result<(), TestCaseError> {
        let resolved = resolve(local, &Zone::Named(tz));
        let earlier = resolved.pick(Policy::Earlier).unwrap();
        let later = resolved.pick(Policy::Later).unwrap();
        prop_assert!(earlier <= later, "{local} in {tz}: {resolved:?}");
        let compatible = resolved.pick(Policy::Compatible).unwrap();
        prop_assert!(compatible == earlier || compatible == later);
        prop_assert_eq!(
            resolved.pick(Policy::Reject).is_ok(),
            !resolved.is_ambiguous()
        );
        match resolved {
            Resolved::Unique(t) => {
                prop_assert_eq!(t.with_timezone(&tz).naive_local(), local, "{}", tz);
            }
            Resolved::Fold { earlier, later } => {
                prop_assert!(earlier < later, "{local} in {tz}: {resolved:?}");
                for t in [earlier, later] {
                    prop_assert_eq!(t.with_timezone(&tz).naive_local(), local, "{}", tz);
                }
            }
            Resolved::Gap { earlier, later } => {
                prop_assert!(earlier < later, "{local} in {tz}: {resolved:?}");
                // The picks are real instants whose wall clocks straddle the skipped time.
                prop_assert!(earlier.with_timezone(&tz).naive_local() < local);
                prop_assert!(later.with_timezone(&tz).naive_local() > local);
            }
        }
        Ok(())
    }

    #[test]
    fn zone_parse_rejects_a_sign_followed_by_multibyte_characters() {
        // Found by `zone_parse_never_panics` (split_at(2) inside a character): a case
        // file's `failure.time_zone` must not be able to crash `linkcase validate` (exit 101).
        for input in [
            "-\u{2ebf0}",
            "+a\u{20ac}",
            "UTC+\u{e9}\u{e9}",
            "GMT-1\u{e9}",
        ] {
            assert!(
                matches!(Zone::parse(input), Err(ZoneError::BadOffset(_))),
                "{input}"
            );
        }
    }

    proptest! {
        #[test]
        fn parse_local_never_panics(input in any::<String>()) {
            let _ = parse_local(&input);
        }

        #[test]
        fn well_formed_dates_parse_or_say_why(y in 1900u32..2100, m in 0u32..15, d in 0u32..33) {
            let text = format!("{y:04}-{m:02}-{d:02} 10:00");
            match parse_local(&text) {
                Ok(_) | Err(TimeError::Impossible { .. }) => {}
                Err(other) => prop_assert!(false, "{text}: {other}"),
            }
        }

        #[test]
        fn any_tz_value_gives_a_zone_and_never_panics(tz in any::<String>()) {
            let _ = zone_from(Some(&tz), || None);
        }

        #[test]
        fn posix_like_tz_values_never_panic(tz in "<?[A-Za-z+0-9]{0,5}>?[+-]?[0-9]{0,3}(:[0-9]{0,3}){0,3}(,M[0-9.]{0,8}(/[0-9:]{0,8})?){0,2}") {
            let _ = zone_from(Some(&tz), || None);
        }

        #[test]
        fn parse_local_never_panics_on_near_misses(input in "[0-9]{0,6}[-/T :]{0,2}[0-9: T.+-]{0,16}") {
            if let Ok(local) = parse_local(&input) {
                prop_assert_eq!(parse_local(&format_local(local)), Ok(local));
            }
        }

        #[test]
        fn zone_parse_never_panics(input in any::<String>()) {
            let _ = Zone::parse(&input);
        }

        #[test]
        fn zone_parse_never_panics_on_offset_like_input(
            input in "(UTC|GMT|utc|gmt|Etc/GMT)?[+-]?[0-9]{0,5}:?[0-9]{0,3}",
        ) {
            if let Ok(zone) = Zone::parse(&input) {
                // What is stored parses back to the same zone.
                prop_assert_eq!(Zone::parse(&zone.name()), Ok(zone));
            }
        }

        #[test]
        fn earlier_is_never_after_later_and_unique_times_keep_their_wall_clock(
            local in any_local(),
            tz in any_tz(),
        ) {
            check_invariants(local, tz)?;
        }

        #[test]
        fn invariants_hold_at_dst_edges(
            tz in any_tz(),
            year in 1900_i32..2100,
            delta_secs in -3 * 3600_i64..3 * 3600,
        ) {
            check_invariants(near_a_transition(tz, year, delta_secs), tz)?;
        }
    }
}
