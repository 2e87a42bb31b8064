//! Tests of plain mode's conversation: one field at a time, in memory.

use super::*;
use crate::case::time::parse_utc;

fn clock() -> DateTime<Utc> {
    parse_utc("2026-11-21T20:00:00Z").unwrap_or_default()
}

/// Asks `id` of `case` with `typed` as the input; returns the transcript and how it ended.
fn ask_one(case: &mut Case, id: FieldId, typed: &str) -> (String, Ended) {
    let mut out = Vec::new();
    let ended = {
        let mut talk = Conversation::new(typed.as_bytes(), &mut out, Echo::Plain, clock);
        talk.ask(case, id.field(), &mut |_| Ok(())).unwrap()
    };
    (String::from_utf8(out).unwrap(), ended)
}

#[test]
fn a_long_text_goes_on_after_a_backslash() {
    let mut case = Case::default();
    let (_, ended) = ask_one(
        &mut case,
        FieldId::Description,
        "First line\\\nsecond line\n",
    );
    assert_eq!(ended, Ended::Finished);
    assert_eq!(case.failure.description, "First line\nsecond line");
    // Shown on one line as the current value.
    assert_eq!(
        current(&case, FieldId::Description.field()),
        "First line / second line"
    );
}

#[test]
fn enter_keeps_the_value_and_a_dash_empties_it() {
    let mut case = Case::default();
    case.skill.name = "Demo".into();
    let (transcript, _) = ask_one(&mut case, FieldId::SkillName, "\n");
    assert!(transcript.contains("  Now: Demo\n> "), "{transcript}");
    assert_eq!(case.skill.name, "Demo");
    ask_one(&mut case, FieldId::SkillName, "-\n");
    assert_eq!(case.skill.name, "");
    case.failure.regions = vec![crate::case::Region::Na];
    ask_one(&mut case, FieldId::Regions, "-\n");
    assert!(case.failure.regions.is_empty());
}

#[test]
fn the_password_is_never_shown_piped_or_as_the_value() {
    let mut case = Case::default();
    let (transcript, _) = ask_one(&mut case, FieldId::Password, "hunter2\n");
    assert!(!transcript.contains("hunter2"), "{transcript}");
    assert!(transcript.contains("> (not shown)\n"));
    assert_eq!(case.test_account.password.expose(), "hunter2");
    assert_eq!(
        current(&case, FieldId::Password.field()),
        "(set, not shown)"
    );
}

#[test]
fn a_changed_time_forgets_the_dst_choice() {
    let mut case = Case::default();
    case.failure.time_zone = "America/New_York".into();
    case.failure.local_time = "2026-11-01 01:30".into();
    case.failure.disambiguation = Some(crate::case::Disambiguation::Later);
    ask_one(&mut case, FieldId::LocalTime, "2026-11-01 01:45\n");
    assert_eq!(case.failure.disambiguation, None);
    let (transcript, _) = ask_one(&mut case, FieldId::Disambiguation, "1\n");
    assert!(
        transcript.contains("  1) Earlier: 2026-11-01 01:45 at UTC-04:00 (2026-11-01T05:45:00Z)"),
        "{transcript}"
    );
    assert_eq!(
        case.failure.disambiguation,
        Some(crate::case::Disambiguation::Earlier)
    );
}

#[test]
fn a_gap_is_asked_in_local_terms_too() {
    let mut case = Case::default();
    case.failure.time_zone = "America/New_York".into();
    case.failure.local_time = "2026-03-08 02:30".into();
    let question = dst_question(&case);
    assert!(
        question.contains("never happened: the clocks skipped it"),
        "{question}"
    );
    assert!(question.contains("1) Earlier: 2026-03-08 01:30 at UTC-05:00 (2026-03-08T06:30:00Z)"));
    assert!(question.contains("2) Later: 2026-03-08 03:30 at UTC-04:00 (2026-03-08T07:30:00Z)"));
}

#[test]
fn a_zone_that_is_no_name_offers_numbered_suggestions() {
    let mut case = Case::default();
    let (transcript, _) = ask_one(&mut case, FieldId::TimeZone, "pst\n1\n");
    assert!(
        transcript.contains("  1) America/Los_Angeles\n"),
        "{transcript}"
    );
    assert_eq!(case.failure.time_zone, "America/Los_Angeles");
}

#[test]
fn the_input_ending_mid_question_ends_the_conversation() {
    let mut case = Case::default();
    let (_, ended) = ask_one(&mut case, FieldId::SkillId, "");
    assert_eq!(ended, Ended::InputClosed);
}

#[test]
fn every_field_is_asked_once_in_table_order_when_enter_is_pressed() {
    let mut case = Case::default();
    case.failure.time_zone = "UTC".into();
    let enters = "\n".repeat(FIELDS.len());
    let mut out = Vec::new();
    let ended = Conversation::new(enters.as_bytes(), &mut out, Echo::Plain, clock)
        .fill(&mut case, &mut |_| Ok(()))
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    let transcript = String::from_utf8(out).unwrap();
    let mut at = 0;
    for field in FIELDS.iter().filter(|f| f.applies.holds(&case)) {
        let heading = if field.kind == FieldKind::Derived {
            format!("\n{}: ", field.label)
        } else {
            format!("\n{} — ", field.label)
        };
        let found = transcript[at..]
            .find(&heading)
            .unwrap_or_else(|| panic!("{} not asked (in order)", field.label));
        at += found + heading.len();
    }
}

#[test]
fn the_one_line_help_is_the_first_sentence() {
    assert_eq!(first_sentence("One. Two."), "One.");
    assert_eq!(
        first_sentence("Copy the ID, e.g. A2Z. Then more."),
        "Copy the ID, e.g. A2Z."
    );
    assert_eq!(first_sentence("No full stop"), "No full stop");
}

#[test]
fn urls_in_the_domain_list_are_offered_as_hostnames_yes_by_default() {
    let mut case = Case::default();
    let (transcript, ended) = ask_one(
        &mut case,
        FieldId::Domains,
        "https://CDN.Example.com/x, fonts.example.net api.example.com:8443\n\n",
    );
    assert_eq!(ended, Ended::Finished);
    assert!(
        transcript.contains(
            "  Domain List entries are bare hostnames:\n    https://CDN.Example.com/x → cdn.example.com\n    api.example.com:8443 → api.example.com\n  Use the hostnames? [Y/n] \n  Enter them the same way in the developer console.\n"
        ),
        "{transcript}"
    );
    assert_eq!(
        case.account_linking.domains,
        ["cdn.example.com", "fonts.example.net", "api.example.com"]
    );
}

#[test]
fn no_keeps_the_domain_list_entries_as_typed_and_anything_else_asks_again() {
    let mut case = Case::default();
    let (transcript, _) = ask_one(
        &mut case,
        FieldId::Domains,
        "https://cdn.example.com\nmaybe\nn\n",
    );
    assert!(transcript.contains("  Type y or n.\n"), "{transcript}");
    assert_eq!(case.account_linking.domains, ["https://cdn.example.com"]);
    // The check still says what is wrong with it.
    assert!(transcript.contains("check error:"), "{transcript}");
    let mut scopes = Case::default();
    let (transcript, _) = ask_one(&mut scopes, FieldId::Scopes, "https://example.com/scope\n");
    assert!(
        !transcript.contains("hostnames"),
        "only the Domain List: {transcript}"
    );
}
