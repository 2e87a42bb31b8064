//! Smaller input fixes (issue 9, item 12): a negative `--tz`, a POSIX or unreadable `$TZ`,
//! impossible times, a byte order mark, and a config file with one bad key.

use std::fs;

use crate::support::linkcase_in as linkcase;

use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn a_negative_offset_after_tz_is_a_value_not_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    linkcase(dir.path())
        .args(["utc", "2026-11-21 14:03", "--tz", "-05:00"])
        .assert()
        .code(0)
        .stdout("2026-11-21T19:03:00Z\n");
}

#[test]
fn a_posix_tz_is_used_and_the_zone_named() {
    let dir = tempfile::tempdir().unwrap();
    linkcase(dir.path())
        .env("TZ", "EST5EDT,M3.2.0,M11.1.0")
        .args(["utc", "2026-11-21 14:03"])
        .assert()
        .code(0)
        .stdout("2026-11-21T19:03:00Z\n")
        .stderr(contains("zone EST5EDT (from the POSIX rule in $TZ"));
}

#[test]
fn an_unreadable_tz_is_said_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    linkcase(dir.path())
        .env("TZ", "Nowhere/Atlantis")
        .args(["utc", "2026-11-21 14:03"])
        .assert()
        .code(0)
        .stderr(contains("$TZ='Nowhere/Atlantis' is not understood"));
}

#[test]
fn impossible_times_get_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    linkcase(dir.path())
        .args(["utc", "2026-02-29 10:00", "--tz", "UTC"])
        .assert()
        .code(2)
        .stderr(contains("February 2026 has 28 days"));
    linkcase(dir.path())
        .args(["utc", "2026-12-31 23:59:60", "--tz", "UTC"])
        .assert()
        .code(2)
        .stderr(contains("leap second"));
}

#[test]
fn a_case_file_with_a_byte_order_mark_validates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.json");
    let text = format!("\u{feff}{}", include_str!("fixtures/example.json"));
    fs::write(&path, text).unwrap();
    linkcase(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(contains("not JSON").not());
}
