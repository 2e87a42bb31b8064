//! Local time + zone → UTC (DESIGN §3), with DST gaps and folds resolved the way
//! JavaScript's Temporal does (`compatible` / `earlier` / `later` / `reject`).

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;

use super::model::Disambiguation;
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
    #[error("'{0}' is not an offset: expected +HH:MM or UTC±H, at most ±18:00")]
    BadOffset(String),
    /// Not a zone name we know.
    #[error("unknown time zone '{input}'{}", suggestion_text(.suggestions))]
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
    let (date, time) = text.split_once([' ', 'T', 't']).ok_or_else(bad)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad())?;
    if !(1900..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(bad());
    }
    let time = time.trim();
    let time = NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .map_err(|_| bad())?;
    // chrono accepts a leap second (":60"); a wall clock never shows one.
    if chrono::Timelike::nanosecond(&time) != 0 {
        return Err(bad());
    }
    Ok(date.and_time(time))
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
    #[error("expected YYYY-MM-DD HH:MM[:SS], e.g. 2026-11-21 14:03, got '{0}'")]
    Format(String),
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

/// The zone to offer when none is given: `$TZ`, else the system zone, else UTC.
#[must_use]
pub fn default_zone() -> Zone {
    let from_env = std::env::var("TZ").ok().and_then(|tz| {
        // `TZ=:Europe/Paris` and `TZ=/usr/share/zoneinfo/Europe/Paris` are both common.
        let tz = tz.trim_start_matches(':');
        let tz = tz.split_once("zoneinfo/").map_or(tz, |(_, name)| name);
        Zone::parse(tz).ok()
    });
    from_env
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|tz| Zone::parse(&tz).ok())
        })
        .unwrap_or(Zone::Named(Tz::UTC))
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
        assert!(matches!(Zone::parse("PST"), Err(ZoneError::Unknown { .. })));
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
}
