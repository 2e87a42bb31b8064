//! Reading exports back: the round trip over generated valid cases (export → import gives the
//! same case, apart from the withheld password), what is reported, and bad input.

use proptest::prelude::*;

use super::*;
use crate::case::model::{
    GrantType, Platform, Region, SkillKind, SkillStage, Step, StepState, Symptom, TokenScheme,
};
use crate::case::time::format_local;
use crate::case::{Case, Validator};
use crate::export::{Format, Options, render};
use crate::import::{Imported, Outcome};

/// Imports `text` as `import` does a file.
fn import_text(text: &str) -> Option<Imported> {
    let source = recognise(text)?;
    let mut filler = Filler::new();
    filler.set_file(std::path::Path::new("-"), source);
    import(text, source, &mut filler);
    Some(filler.finish())
}

fn word() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9]{0,9}"
}

/// Words separated by single spaces: one line of text, trimmed, as a person types it.
fn line_of_text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..5).prop_map(|w| w.join(" "))
}

/// A long text: lines of words, possibly with a blank line or an indented line inside.
fn long_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => line_of_text(),
            1 => Just(String::new()),
            1 => line_of_text().prop_map(|l| format!("    {l}")),
        ],
        1..5,
    )
    .prop_map(|lines| lines.join("\n").trim().to_owned())
    .prop_filter("some text", |t| !t.is_empty())
}

fn optional(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), text]
}

fn subset<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(any::<bool>(), all.len()).prop_map(move |keep| {
        all.iter()
            .zip(keep)
            .filter_map(|(v, k)| k.then_some(*v))
            .collect()
    })
}

fn one_of<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

fn host() -> impl Strategy<Value = String> {
    "[a-z]{1,8}\\.example\\.(com|net|org)"
}

/// A valid case, as the form leaves it: fields that cannot apply are empty, the steps that
/// cannot apply are `not_applicable`, and no step is `not_applicable` against a fact of the
/// configuration.
fn valid_case() -> impl Strategy<Value = Case> {
    let skill = (
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        prop::option::of(one_of(SkillStage::ALL)),
        optional(line_of_text()),
        prop::option::of(one_of(SkillKind::ALL)),
        prop::option::of(any::<bool>()),
    );
    let account = ("[a-z]{1,8}@example\\.com", "[A-Za-z0-9!#]{1,16}");
    let failure = (
        "A[0-9A-Z]{12,13}",
        (
            2020i32..2026,
            1u32..=12,
            1u32..=28,
            0u32..24,
            0u32..60,
            prop_oneof![Just(0u32), 1u32..60],
        ),
        prop::sample::select(vec![
            "UTC",
            "America/New_York",
            "Europe/Dublin",
            "Australia/Lord_Howe",
            "Pacific/Apia",
            "Asia/Kolkata",
            "+05:30",
            "-03:00",
        ]),
        any::<bool>(),
        (
            subset(Region::ALL),
            subset(Platform::ALL),
            "2\\.2\\.[0-9]{6}\\.0",
            optional(line_of_text()),
        ),
        subset(Symptom::ALL),
        long_text(),
        optional("https://files\\.example\\.com/[a-z]{1,8}\\.png"),
    );
    let linking = (
        one_of(GrantType::ALL),
        prop::collection::vec(host(), 0..4),
        prop::option::of(one_of(TokenScheme::ALL)),
        prop::option::of(360i64..100_000),
        optional("[a-z][a-z0-9-]{0,15}"),
        prop::collection::vec("[a-z]{1,8}(\\.[a-z]{1,8})?", 0..4),
        prop::collection::vec(prop::option::of(one_of(StepState::ALL)), Step::ALL.len()),
        optional(long_text()),
    );
    // Vendor id and app-to-app linking.
    let app = (
        optional("M[0-9A-Z]{9,13}"),
        prop::collection::vec("https://app\\.example\\.com/[a-z]{1,8}", 0..3),
        optional("https://auth\\.example\\.com/ios/[a-z]{1,8}"),
        optional("https://auth\\.example\\.com/android/[a-z]{1,8}"),
    );
    (skill, account, failure, linking, app).prop_map(|(skill, account, failure, linking, app)| {
        let mut case = Case::default();
        case.skill.id = format!("amzn1.ask.skill.{}", skill.0);
        case.skill.stage = skill.1;
        case.skill.name = skill.2;
        case.skill.kind = skill.3;
        case.test_account.username = account.0;
        case.test_account.password = Secret::new(account.1);
        case.test_account.not_amazon_credentials = true;
        let f = &mut case.failure;
        f.customer_id = failure.0;
        let (year, month, day, hour, minute, second) = failure.1;
        let local = chrono::NaiveDate::from_ymd_opt(year, month, day)
            .and_then(|date| date.and_hms_opt(hour, minute, second))
            .unwrap_or_default();
        f.local_time = format_local(local);
        f.time_zone = Zone::parse(failure.2).map(|z| z.name()).unwrap_or_default();
        (f.regions, f.platforms, f.app_version, f.browser) = failure.4;
        if f.regions.is_empty() {
            f.regions.push(Region::Eu);
        }
        if f.platforms.is_empty() {
            f.platforms.push(Platform::Ios);
        }
        f.symptoms = failure.5;
        if f.symptoms.is_empty() {
            f.symptoms.push(Symptom::Other);
        }
        f.description = failure.6;
        f.screenshot_url = failure.7;
        if matches!(f.resolve(), Ok((resolved, _)) if resolved.is_ambiguous()) {
            f.disambiguation = Some(if failure.3 {
                Disambiguation::Earlier
            } else {
                Disambiguation::Later
            });
        }
        f.utc = f.utc_instant().ok().map(format_utc);
        let al = &mut case.account_linking;
        al.grant_type = Some(linking.0);
        al.authorization_url = "https://auth.example.com/oauth2/authorize".to_owned();
        al.domains = linking.1;
        al.domains.dedup();
        if linking.0 == GrantType::AuthCode {
            al.access_token_url = "https://auth.example.com/oauth2/token".to_owned();
        }
        al.access_token_scheme = linking.2;
        al.default_token_expiration_seconds = linking.3;
        al.client_id = linking.4;
        al.scopes = linking.5;
        for (step, state) in Step::ALL.iter().zip(linking.6) {
            case.steps_tried.set(*step, state);
        }
        case.notes = linking.7;
        value::set_text(&mut case, FieldId::VendorId, &app.0);
        if let Some(urls) = value::list_mut(&mut case, FieldId::AppRedirectUrls) {
            *urls = app.1;
            urls.dedup();
        }
        value::set_text(&mut case, FieldId::IosAuthorizationUrl, &app.2);
        value::set_text(&mut case, FieldId::AndroidAuthorizationUrl, &app.3);
        case.skill.send_alexa_events = skill.4;
        clear_what_cannot_apply(&mut case);
        // Every import withdraws a `not_applicable` answer the configuration contradicts
        // (and reports it): a case that holds one does not come back unchanged from any
        // import, a JSON case file included.
        crate::lint::reopen_contradicted_steps(&mut case);
        case
    })
}

/// Empties every field that cannot apply, and marks the steps that cannot apply
/// `not_applicable`, as the form and the importers do.
fn clear_what_cannot_apply(case: &mut Case) {
    for field in FIELDS {
        if field.applies.holds(case) {
            continue;
        }
        match field.id {
            FieldId::Step(step) => case.steps_tried.set(step, Some(StepState::NotApplicable)),
            id => {
                value::set_text(case, id, "");
                if let Some(list) = value::list_mut(case, id) {
                    list.clear();
                }
                for i in 0..options(field.kind).len() {
                    if value::is_chosen(case, id, i) {
                        value::toggle(case, id, i);
                    }
                }
            }
        }
    }
}

/// What the import of an export must give: the case, with the password withheld.
fn withheld(case: &Case) -> Case {
    let mut expected = case.clone();
    expected.test_account.password = Secret::withheld();
    expected
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_text_export_imports_back_to_the_same_case(case in valid_case()) {
        prop_assume!(Validator::new().validate(&case).summary.ready());
        let text = render(&case, Format::Text, Options::default());
        let imported = import_text(&text).expect("recognised as an export");
        prop_assert_eq!(&imported.case, &withheld(&case), "{}", text);
        // With the password included, it comes back too.
        let secret = render(&case, Format::Text, Options { include_secrets: true, with_checks: true });
        let imported = import_text(&secret).expect("recognised");
        prop_assert_eq!(&imported.case, &case, "{}", secret);
    }

    #[test]
    fn a_markdown_export_imports_back_to_the_same_case(case in valid_case()) {
        prop_assume!(Validator::new().validate(&case).summary.ready());
        let markdown = render(&case, Format::Markdown, Options::default());
        let imported = import_text(&markdown).expect("recognised as an export");
        prop_assert_eq!(&imported.case, &withheld(&case), "{}", markdown);
    }

    #[test]
    fn any_text_imports_without_panicking(text in any::<String>()) {
        if let Some(imported) = import_text(&crate::case::sanitize::sanitize(&text)) {
            prop_assert!(imported.case.failure.regions.len() <= Region::ALL.len());
        }
    }

    #[test]
    fn export_like_lines_with_noise_never_panic(
        lines in prop::collection::vec(
            prop_oneof![
                Just("Skill ID: ".to_owned()),
                Just("Description:".to_owned()),
                Just("### Description".to_owned()),
                Just("```text".to_owned()),
                Just("Steps already tried:".to_owned()),
                Just("- : ".to_owned()),
                Just("Time of failure (UTC): x (entered as )".to_owned()),
                Just("What happened: Other, , Other".to_owned()),
                Just("Region(s): NA, XX".to_owned()),
                "[ -~]{0,30}",
            ],
            0..20,
        )
    ) {
        let _ = import_text(&lines.join("\n"));
    }
}

#[test]
fn the_example_case_round_trips_through_both_formats() {
    let case = crate::export::tests::example_case();
    for format in [Format::Text, Format::Markdown] {
        let out = render(&case, format, Options::default());
        let imported = import_text(&out).unwrap();
        assert_eq!(imported.case, withheld(&case), "{format}:\n{out}");
    }
}

#[test]
fn what_could_not_be_read_is_reported_by_line() {
    let text = "Skill ID: amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff\n\
                Favourite colour: blue\n\
                Skill stage: Sideways\n";
    let imported = import_text(text).unwrap();
    assert_eq!(
        imported.case.skill.id,
        "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff"
    );
    let ignored: Vec<String> = imported
        .report
        .iter()
        .filter(|n| matches!(n.outcome, Outcome::Ignored(_)))
        .map(ToString::to_string)
        .collect();
    assert!(
        ignored
            .iter()
            .any(|n| n.contains("line 2") && n.contains("no label linkcase knows")),
        "{ignored:?}"
    );
    assert!(
        ignored
            .iter()
            .any(|n| n.contains("Skill stage") && n.contains("'Sideways'")),
        "{ignored:?}"
    );
}

#[test]
fn a_utc_line_that_disagrees_with_its_local_time_is_reported() {
    let text = "Time of failure (UTC): 2026-11-21 20:03:00 UTC (entered as 2026-11-21 14:03 America/New_York)\n";
    let imported = import_text(text).unwrap();
    assert_eq!(imported.case.failure.local_time, "2026-11-21 14:03");
    assert!(
        imported.report.iter().any(|n| n
            .to_string()
            .contains("does not follow from the local time")),
        "{:?}",
        imported.report
    );
}

#[test]
fn prose_and_json_are_not_exports() {
    assert_eq!(recognise("Hello, this is my case."), None);
    assert_eq!(recognise("{\"skill\": 1}"), None);
    assert_eq!(recognise("\n\nSkill ID: x"), Some(Source::TextExport));
    assert_eq!(
        recognise("### Description\n\nx"),
        Some(Source::MarkdownExport)
    );
}
