//! Friendly input for the failure time: `now`, `14:03` (today), `yesterday 14:03`, or the
//! stored form `YYYY-MM-DD HH:MM[:SS]`. The result is stored with `time::format_local`.

use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Timelike, Utc};

use crate::case::time::{TimeError, Zone, parse_local};

/// The wall clock in `zone` at `instant`: what `now` and `14:03` are read against.
#[must_use]
pub fn wall_clock(zone: &Zone, instant: DateTime<Utc>) -> NaiveDateTime {
    instant
        .with_timezone(&zone.offset_at(instant))
        .naive_local()
}

/// Reads `input` as a wall-clock time, with `now` the current wall clock in the case's zone.
pub fn parse_friendly(input: &str, now: NaiveDateTime) -> Result<NaiveDateTime, TimeError> {
    let text = input.trim();
    let lower = text.to_ascii_lowercase();
    if lower == "now" {
        return Ok(now
            .with_second(0)
            .unwrap_or(now)
            .with_nanosecond(0)
            .unwrap_or(now));
    }
    let (day, rest) = if let Some(rest) = lower.strip_prefix("today") {
        (now.date(), rest.trim())
    } else if let Some(rest) = lower.strip_prefix("yesterday") {
        (now.date() - Duration::days(1), rest.trim())
    } else {
        (now.date(), lower.as_str())
    };
    let time = NaiveTime::parse_from_str(rest, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(rest, "%H:%M:%S"))
        .ok()
        .filter(|t| t.nanosecond() == 0);
    match time {
        Some(time) => Ok(day.and_time(time)),
        None => parse_local(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::time::format_local;

    fn now() -> NaiveDateTime {
        parse_local("2026-11-21 15:47:12").unwrap()
    }

    fn read(input: &str) -> Result<String, TimeError> {
        parse_friendly(input, now()).map(format_local)
    }

    #[test]
    fn now_is_the_current_minute() {
        assert_eq!(read(" Now ").unwrap(), "2026-11-21 15:47");
    }

    #[test]
    fn a_bare_clock_time_is_today() {
        assert_eq!(read("14:03").unwrap(), "2026-11-21 14:03");
        assert_eq!(read("9:05:30").unwrap(), "2026-11-21 09:05:30");
        assert_eq!(read("yesterday 23:10").unwrap(), "2026-11-20 23:10");
    }

    #[test]
    fn the_full_form_is_kept() {
        assert_eq!(read("2026-03-08T02:30").unwrap(), "2026-03-08 02:30");
    }

    #[test]
    fn nonsense_gets_the_engines_error() {
        assert!(matches!(read("teatime"), Err(TimeError::Format(_))));
        assert!(matches!(read("25:00"), Err(TimeError::Format(_))));
        assert_eq!(read(""), Err(TimeError::Empty));
    }
}
