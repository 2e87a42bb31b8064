//! What the text and Markdown exports show for each item of a case, in the guide's order:
//! one list of labelled values that both renderers lay out, so the two never disagree.
//! Labels come from the checklist table; only the guide's composite items have their own.

use chrono::{DateTime, Utc};

use super::Options;
use crate::case::checklist::{self, FIELDS, Field, FieldId, FieldKind, Place, Section};
use crate::case::redirect;
use crate::case::sanitize::sanitize;
use crate::case::time::{
    Resolved, TimeError, Unresolved, Zone, ZoneError, format_local, parse_local,
};
use crate::case::value::{self as field_value, options};
use crate::case::{Case, Class, Disambiguation, Failure, Subject, Validator};

/// The guide's "Account linking test credentials": username and password on one line.
pub(crate) const CREDENTIALS_LABEL: &str = "Account linking test credentials";
/// What stands in for the password unless secrets are included.
pub(crate) const PASSWORD_WITHHELD: &str = "(password shared separately)";
/// What an empty required item shows.
pub(crate) const MISSING: &str = "(missing)";
/// What an empty Domain List shows: the guide asks for it, so "none" is an answer.
pub(crate) const NO_DOMAINS: &str = "(none)";
/// What a troubleshooting step that could apply, but was never answered, shows.
pub(crate) const NOT_ANSWERED: &str = "Not answered";

/// The value of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// One line, already flattened and trimmed.
    Line(String),
    /// Long text that may span lines; blank lines at either end and trailing spaces removed.
    Text(String),
    /// A required item with no value.
    Missing,
    /// An optional item with no value.
    Empty,
}

/// One labelled item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// What the item is called in the export.
    pub label: &'static str,
    /// What it shows.
    pub value: Value,
}

/// How a block's items are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One labelled value each.
    Fields,
    /// A short list under the block's title (the steps tried, the checks).
    Checklist,
}

/// A run of items, optionally under a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// Shown above the items.
    pub title: Option<&'static str>,
    /// How the items are laid out.
    pub layout: Layout,
    /// The items, in order.
    pub items: Vec<Item>,
}

/// The title of the block of configuration findings.
pub(crate) const CHECKS_TITLE: &str = "Checks";
/// What the checks block shows when no lint fires.
const NO_FINDINGS: &str = "no known pitfall found in the configuration above";
/// What the checks block shows before there is a configuration to check.
const NOTHING_TO_CHECK: &str = "nothing to check yet: no account-linking configuration";

/// The fields with this place that can apply to `case`, in table order.
fn placed(case: &Case, place: impl Fn(Place) -> bool) -> impl Iterator<Item = &'static Field> {
    FIELDS
        .iter()
        .filter(move |f| place(f.place) && f.applies.holds(case))
}

/// Everything an export shows, in order: the guide's items and the extra context, the
/// account-linking configuration, linkcase's checks of it (when `checks`), the steps
/// already tried, and the notes. All of it from the field table's places.
pub(crate) fn blocks(case: &Case, options: Options, checks: bool) -> Vec<Block> {
    let mut guide: Vec<&Field> = placed(case, |p| matches!(p, Place::Guide(_))).collect();
    guide.sort_by_key(|f| f.place);
    let mut configuration: Vec<&Field> =
        placed(case, |p| matches!(p, Place::Configuration(_))).collect();
    configuration.sort_by_key(|f| f.place);
    let mut out = vec![
        Block {
            title: None,
            layout: Layout::Fields,
            items: guide.iter().map(|f| item(case, f, options)).collect(),
        },
        Block {
            title: Some(Section::Configuration.title()),
            layout: Layout::Fields,
            items: configuration
                .iter()
                .flat_map(|f| {
                    let mut items = vec![item(case, f, options)];
                    // Right under the vendor id: the redirect URLs it makes.
                    if f.id == FieldId::VendorId {
                        items.extend(alexa_redirect_item(case));
                    }
                    items
                })
                .collect(),
        },
    ];
    if checks {
        out.push(Block {
            title: Some(CHECKS_TITLE),
            layout: Layout::Checklist,
            items: check_items(case),
        });
    }
    out.extend([
        Block {
            title: Some(Section::StepsTried.title()),
            layout: Layout::Checklist,
            items: placed(case, |p| p == Place::Steps)
                .map(|f| {
                    let value = match field_value::get(case, f.id) {
                        field_value::Value::Choice(Some(_)) => item(case, f, options).value,
                        _ => Value::Line(NOT_ANSWERED.to_owned()),
                    };
                    Item {
                        label: f.label,
                        value,
                    }
                })
                .collect(),
        },
        Block {
            title: None,
            layout: Layout::Fields,
            items: placed(case, |p| p == Place::Notes)
                .map(|f| item(case, f, options))
                .collect(),
        },
    ]);
    out
}

/// The label of the Alexa redirect URLs derived from the vendor id.
pub(crate) const ALEXA_REDIRECT_LABEL: &str = "Alexa Redirect URLs";

/// The Alexa redirect URLs of the chosen regions, once the vendor id is known.
fn alexa_redirect_item(case: &Case) -> Option<Item> {
    let urls = redirect::alexa_redirect_urls(case);
    (!urls.is_empty()).then(|| Item {
        label: ALEXA_REDIRECT_LABEL,
        value: Value::Line(
            urls.iter()
                .map(|(region, url)| format!("{} ({})", one_line(url), region.id()))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    })
}

/// The summary, then one item per configuration finding (`Error: Domain List — message
/// (step: …)`), or one saying nothing was found.
fn check_items(case: &Case) -> Vec<Item> {
    let report = Validator::new().validate(case);
    let mut items = vec![Item {
        label: "Summary",
        value: Value::Line(report.summary.to_string()),
    }];
    let linking = &case.account_linking;
    if linking.grant_type.is_none()
        && linking.authorization_url.trim().is_empty()
        && linking.access_token_url.trim().is_empty()
    {
        items.push(Item {
            label: "Result",
            value: Value::Line(NOTHING_TO_CHECK.to_owned()),
        });
        return items;
    }
    let lints: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.class == Class::Configuration)
        .collect();
    if lints.is_empty() {
        items.push(Item {
            label: "Result",
            value: Value::Line(NO_FINDINGS.to_owned()),
        });
    }
    items.extend(lints.iter().map(|lint| {
        let step = lint
            .step
            .map(|s| format!(" (step: {})", s.label()))
            .unwrap_or_default();
        let about = match &lint.subject {
            Subject::Field(id) => checklist::field(*id).label.to_owned(),
            Subject::Entry(id, i) => format!("{} entry {}", checklist::field(*id).label, i + 1),
            Subject::UnknownKey(key) => key.clone(),
        };
        Item {
            label: match lint.severity {
                crate::case::Severity::Error => "Error",
                crate::case::Severity::Warning => "Warning",
                crate::case::Severity::Hint => "Hint",
            },
            value: Value::Line(one_line(&format!("{about} — {}{step}", lint.message))),
        }
    }));
    items
}

/// One field's item: its label and value, the guide's composite items (credentials, the
/// failure time, regions by code, the Domain List's "none") included.
fn item(case: &Case, field: &Field, options: Options) -> Item {
    let required = field.required.holds(case);
    let value = match field.id {
        FieldId::Username => {
            return Item {
                label: CREDENTIALS_LABEL,
                value: credentials(case, options),
            };
        }
        FieldId::Utc => failure_time(&case.failure),
        FieldId::Regions => joined(case.failure.regions.iter().map(|r| r.id()), required),
        FieldId::Domains if case.account_linking.domains.is_empty() => {
            Value::Line(NO_DOMAINS.to_owned())
        }
        FieldId::TokenExpiration => or_empty(
            case.account_linking
                .default_token_expiration_seconds
                .map(|secs| format!("{secs} seconds")),
            required,
        ),
        _ => generic(case, field, required),
    };
    Item {
        label: field.label,
        value,
    }
}

/// A field's value by its kind: text as typed, choices by their labels, lists joined.
fn generic(case: &Case, field: &Field, required: bool) -> Value {
    let label_of = |id: &'static str| -> &'static str {
        options(field.kind)
            .iter()
            .find(|o| o.id == id)
            .map_or(id, |o| o.label)
    };
    match field_value::get(case, field.id) {
        field_value::Value::Text(text) if field.kind == FieldKind::LongText => {
            long_text(text, required)
        }
        field_value::Value::Text(text) => or_empty(Some(one_line(text)), required),
        field_value::Value::Choice(id) => or_empty(id.map(|id| label_of(id).to_owned()), required),
        field_value::Value::Multi(ids) => joined(ids.into_iter().map(label_of), required),
        field_value::Value::List(entries) => joined(entries.iter().map(String::as_str), required),
        field_value::Value::Number(n) => or_empty(n.map(|n| n.to_string()), required),
        field_value::Value::Derived(text) => or_empty(text.map(one_line), required),
        field_value::Value::Confirm(yes) => or_empty(yes.then(|| "Yes".to_owned()), required),
        // The password only ever appears inside the credentials line.
        field_value::Value::Secret(_) => Value::Empty,
    }
}

/// `Missing` or `Empty` for a blank value, as `required` says.
fn or_empty(text: Option<String>, required: bool) -> Value {
    match text.map(|t| one_line(&t)) {
        Some(text) if !text.is_empty() => Value::Line(text),
        _ if required => Value::Missing,
        _ => Value::Empty,
    }
}

/// `text` on one line, sanitized and trimmed: line breaks and tabs become spaces.
pub(crate) fn one_line(text: &str) -> String {
    sanitize(text)
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A list on one line, comma-separated; blank entries are skipped.
fn joined<'a>(entries: impl Iterator<Item = &'a str>, required: bool) -> Value {
    let entries: Vec<String> = entries
        .map(one_line)
        .filter(|entry| !entry.is_empty())
        .collect();
    or_empty(Some(entries.join(", ")), required)
}

/// Long text as typed, minus banned characters, trailing spaces and blank edge lines.
fn long_text(text: &str, required: bool) -> Value {
    let text = sanitize(text);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let start = lines.iter().position(|l| !l.is_empty());
    let end = lines.iter().rposition(|l| !l.is_empty());
    match (start, end) {
        (Some(start), Some(end)) => Value::Text(lines[start..=end].join("\n")),
        _ if required => Value::Missing,
        _ => Value::Empty,
    }
}

fn credentials(case: &Case, options: Options) -> Value {
    let account = &case.test_account;
    let username = one_line(&account.username);
    if username.is_empty() && account.password.is_empty() {
        return Value::Missing;
    }
    let password = if options.include_secrets {
        // Not trimmed: spaces at either end may be part of the password.
        sanitize(account.password.expose())
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    } else {
        PASSWORD_WITHHELD.to_owned()
    };
    let or_missing = |text: String| {
        if text.is_empty() {
            MISSING.to_owned()
        } else {
            text
        }
    };
    Value::Line(format!(
        "{} / {}",
        or_missing(username),
        or_missing(password)
    ))
}

/// An instant as the failure-time item shows it: `2026-11-21 19:03:00 UTC`.
pub(crate) fn human_utc(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// The failure time in UTC with what was entered, or an honest "unknown (…)" saying why
/// there is no single instant. Never guesses at a DST gap or fold.
fn failure_time(failure: &Failure) -> Value {
    let raw_time = one_line(&failure.local_time);
    if raw_time.is_empty() {
        return Value::Missing;
    }
    let raw_zone = one_line(&failure.time_zone);
    // Canonical spellings when they parse, else what was typed.
    let local = parse_local(&raw_time).map_or_else(|_| raw_time.clone(), format_local);
    let zone = Zone::parse(&raw_zone).map_or_else(|_| raw_zone.clone(), |z| z.name());
    let entered = format!("{local} {zone}");
    let resolved = match failure.resolve() {
        Ok((resolved, _)) | Err(Unresolved::Ambiguous(resolved)) => resolved,
        Err(Unresolved::Time(TimeError::Empty)) => return Value::Missing,
        Err(Unresolved::Time(TimeError::Format(_) | TimeError::Impossible { .. })) => {
            return unknown(&format!(
                "\"{raw_time}\" {zone}: not a date and time like 2026-11-21 14:03"
            ));
        }
        Err(Unresolved::Zone(ZoneError::Empty)) => {
            return unknown(&format!("{local} with no time zone"));
        }
        Err(Unresolved::Zone(ZoneError::BadOffset(_) | ZoneError::Unknown { .. })) => {
            return unknown(&format!("{local} \"{raw_zone}\": not a known time zone"));
        }
        Err(Unresolved::Zone(ZoneError::Abbreviation { .. })) => {
            return unknown(&format!(
                "{local} \"{raw_zone}\": an abbreviation, not a time zone"
            ));
        }
    };
    match (resolved, failure.disambiguation) {
        (Resolved::Unique(instant), _) => {
            Value::Line(format!("{} (entered as {entered})", human_utc(instant)))
        }
        (Resolved::Fold { earlier, later }, None) => unknown(&format!(
            "{entered} is ambiguous: the clocks showed that time twice, at {} and at {}",
            human_utc(earlier),
            human_utc(later)
        )),
        (Resolved::Gap { earlier, later }, None) => unknown(&format!(
            "{entered} is ambiguous: the clocks skipped that time; it reads as {} or as {}",
            human_utc(earlier),
            human_utc(later)
        )),
        (Resolved::Fold { earlier, later }, Some(choice)) => {
            let (instant, which) = pick(earlier, later, choice);
            Value::Line(format!(
                "{} (entered as {entered}, the {which} of two)",
                human_utc(instant)
            ))
        }
        (Resolved::Gap { earlier, later }, Some(choice)) => {
            let (instant, which) = pick(earlier, later, choice);
            Value::Line(format!(
                "{} (entered as {entered}, a time the clocks skipped, read as the {which} of two)",
                human_utc(instant)
            ))
        }
    }
}

fn pick(
    earlier: DateTime<Utc>,
    later: DateTime<Utc>,
    choice: Disambiguation,
) -> (DateTime<Utc>, &'static str) {
    match choice {
        Disambiguation::Earlier => (earlier, "earlier"),
        Disambiguation::Later => (later, "later"),
    }
}

fn unknown(why: &str) -> Value {
    Value::Line(format!("unknown ({why})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{example_case, fold_case, gap_case};

    fn time_of(case: &Case) -> Value {
        failure_time(&case.failure)
    }

    fn line_of(text: &str) -> Value {
        Value::Line(text.to_owned())
    }

    #[test]
    fn time_shows_utc_and_what_was_entered() {
        assert_eq!(
            time_of(&example_case()),
            line_of("2026-11-21 19:03:00 UTC (entered as 2026-11-21 14:03 America/New_York)")
        );
    }

    #[test]
    fn time_in_a_fold_names_the_chosen_instant() {
        let mut case = fold_case();
        assert_eq!(
            time_of(&case),
            line_of(
                "2026-11-01 05:30:00 UTC (entered as 2026-11-01 01:30 America/New_York, \
                 the earlier of two)"
            )
        );
        case.failure.disambiguation = Some(Disambiguation::Later);
        assert!(
            matches!(time_of(&case), Value::Line(t) if t.starts_with("2026-11-01 06:30:00 UTC"))
        );
    }

    #[test]
    fn time_in_a_gap_without_a_choice_is_unknown_and_names_both_readings() {
        assert_eq!(
            time_of(&gap_case()),
            line_of(
                "unknown (2026-03-08 02:30 America/New_York is ambiguous: the clocks skipped \
                 that time; it reads as 2026-03-08 06:30:00 UTC or as 2026-03-08 07:30:00 UTC)"
            )
        );
        let mut case = gap_case();
        case.failure.disambiguation = Some(Disambiguation::Later);
        assert_eq!(
            time_of(&case),
            line_of(
                "2026-03-08 07:30:00 UTC (entered as 2026-03-08 02:30 America/New_York, a time \
                 the clocks skipped, read as the later of two)"
            )
        );
    }

    #[test]
    fn time_with_bad_input_says_what_is_wrong_without_guessing() {
        let mut case = example_case();
        case.failure.time_zone = "Mars/Olympus".to_owned();
        assert_eq!(
            time_of(&case),
            line_of("unknown (2026-11-21 14:03 \"Mars/Olympus\": not a known time zone)")
        );
        case.failure.time_zone = "PST".to_owned();
        assert_eq!(
            time_of(&case),
            line_of("unknown (2026-11-21 14:03 \"PST\": an abbreviation, not a time zone)")
        );
        case.failure.time_zone = "  ".to_owned();
        assert_eq!(
            time_of(&case),
            line_of("unknown (2026-11-21 14:03 with no time zone)")
        );
        case.failure.local_time = "yesterday\nafternoon".to_owned();
        case.failure.time_zone = "america/new_york".to_owned();
        assert_eq!(
            time_of(&case),
            line_of(
                "unknown (\"yesterday afternoon\" America/New_York: not a date and time like \
                 2026-11-21 14:03)"
            )
        );
        case.failure.local_time = String::new();
        assert_eq!(time_of(&case), Value::Missing);
    }

    #[test]
    fn app_version_is_required_only_for_the_mobile_apps() {
        let mut case = example_case();
        case.failure.app_version = String::new();
        let version = |case: &Case| {
            blocks(case, Options::default(), false)[0]
                .items
                .iter()
                .find(|i| i.label == checklist::field(FieldId::AppVersion).label)
                .map(|i| i.value.clone())
        };
        assert_eq!(version(&case), Some(Value::Missing));
        case.failure.platforms = vec![
            crate::case::Platform::Android,
            crate::case::Platform::Browser,
        ];
        assert_eq!(version(&case), Some(Value::Missing));
        // Only the web app: the app version cannot apply, and the item is not exported.
        case.failure.platforms = vec![crate::case::Platform::Browser];
        assert_eq!(version(&case), None);
    }

    #[test]
    fn long_text_drops_blank_edges_and_trailing_spaces() {
        let value = long_text("\n  \nfirst  \n\n\tsecond\n\n", true);
        assert_eq!(value, Value::Text("first\n\n\tsecond".to_owned()));
        assert_eq!(long_text(" \n ", true), Value::Missing);
        assert_eq!(long_text("", false), Value::Empty);
    }
}
