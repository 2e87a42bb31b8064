//! What one typed line means for one field of the checklist: a pure function of the field's
//! kind, so every kind the table has is answered the same way, and new fields just work.

use chrono::NaiveDateTime;

use crate::case::friendly::parse_friendly;
use crate::case::model::ChoiceOption;
use crate::case::time::{Zone, format_local};
use crate::case::{Field, FieldKind, value, zones};

/// A typed line, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `-`: empty the field.
    Clear,
    /// New text for a text-like field (text, secret, long text, URL, number).
    Text(String),
    /// The local time, in the stored form.
    Time(String),
    /// A time zone, by its name.
    Zone(String),
    /// A zone that did not parse: the zones it may have meant, best first.
    Suggest(Vec<String>),
    /// These options (indices into [`value::options`]), exactly: one for a single choice.
    Pick(Vec<usize>),
    /// The entries of a list, in order.
    Entries(Vec<String>),
}

/// Why a typed line is no answer for the field; shown, and the field is asked again.
pub type Refusal = String;

/// What an answer is read against: the wall clock in the case's zone (for `now`, `14:03`),
/// and the zones suggested for the previous answer (so `2` can pick one).
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The wall clock in the case's zone.
    pub now: NaiveDateTime,
    /// Zones offered after a zone that did not parse.
    pub suggestions: Vec<String>,
}

/// Reads `typed` (not empty, not `?`) as an answer for `field`.
pub fn read(field: &Field, typed: &str, context: &Context) -> Result<Answer, Refusal> {
    let typed = typed.trim();
    if typed == "-" {
        return Ok(Answer::Clear);
    }
    match field.kind {
        FieldKind::Text | FieldKind::Secret | FieldKind::LongText | FieldKind::Url => {
            Ok(Answer::Text(typed.to_owned()))
        }
        FieldKind::Number => typed
            .parse::<i64>()
            .map(|n| Answer::Text(n.to_string()))
            .map_err(|_| format!("{} is not a whole number", excerpt(typed))),
        FieldKind::LocalTime => parse_friendly(typed, context.now)
            .map(|local| Answer::Time(format_local(local)))
            .map_err(|e| e.to_string()),
        FieldKind::Zone => zone(typed, context),
        FieldKind::Choice(_) | FieldKind::YesNo | FieldKind::Confirm => {
            let options = value::options(field.kind);
            match picks(options, typed)?.as_slice() {
                [one] => Ok(Answer::Pick(vec![*one])),
                _ => Err(format!("one answer, a number from 1 to {}", options.len())),
            }
        }
        FieldKind::Multi(options) => picks(options, typed).map(Answer::Pick),
        FieldKind::List => Ok(Answer::Entries(
            typed
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|entry| !entry.is_empty())
                .map(str::to_owned)
                .collect(),
        )),
        FieldKind::Derived => Err("worked out by linkcase, not typed".to_owned()),
    }
}

fn zone(typed: &str, context: &Context) -> Result<Answer, Refusal> {
    if let Some(picked) = typed
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| context.suggestions.get(i))
    {
        return Ok(Answer::Zone(picked.clone()));
    }
    if let Ok(zone) = Zone::parse(typed) {
        return Ok(Answer::Zone(zone.name()));
    }
    let found = zones::suggest(typed, 5);
    if found.is_empty() {
        Err(format!(
            "no time zone matches {}; try a city, a region or an offset like +05:30",
            excerpt(typed)
        ))
    } else {
        Ok(Answer::Suggest(found))
    }
}

/// The options `typed` names: numbers, ids or labels (any case), separated by commas or
/// spaces (a label with spaces may be typed whole between commas). Each once, in order.
fn picks(options: &[ChoiceOption], typed: &str) -> Result<Vec<usize>, Refusal> {
    let mut chosen = Vec::new();
    for part in typed.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(i) = option_named(options, part) {
            chosen.push(i);
            continue;
        }
        for word in part.split_whitespace() {
            let i = option_named(options, word).ok_or_else(|| {
                format!(
                    "{} is not one of the choices: type a number from 1 to {}",
                    excerpt(word),
                    options.len()
                )
            })?;
            chosen.push(i);
        }
    }
    let mut seen = Vec::new();
    chosen.retain(|i| {
        let first = !seen.contains(i);
        seen.push(*i);
        first
    });
    if chosen.is_empty() {
        return Err(format!("type a number from 1 to {}", options.len()));
    }
    Ok(chosen)
}

/// The option `word` names: its number (from 1), its id, its label, or `y`/`n` for yes/no.
fn option_named(options: &[ChoiceOption], word: &str) -> Option<usize> {
    if let Ok(n) = word.parse::<usize>() {
        return n.checked_sub(1).filter(|&i| i < options.len());
    }
    let word = match word.to_ascii_lowercase().as_str() {
        "y" => "yes".to_owned(),
        "n" => "no".to_owned(),
        other => other.to_owned(),
    };
    options.iter().position(|o| {
        o.id.eq_ignore_ascii_case(&word)
            || o.label.eq_ignore_ascii_case(&word)
            // A statement to confirm takes "yes" as its one option.
            || (options == value::CONFIRM && word == "yes")
    })
}

/// A typed value in a message: quoted, shortened, control characters shown as escapes.
fn excerpt(text: &str) -> String {
    crate::case::sanitize::excerpt(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::FieldId;
    use proptest::prelude::*;

    fn field(id: FieldId) -> &'static Field {
        id.field()
    }

    fn context() -> Context {
        Context {
            now: crate::case::time::parse_local("2026-11-21 15:47").unwrap(),
            suggestions: Vec::new(),
        }
    }

    #[test]
    fn a_single_choice_takes_a_number_an_id_or_a_label() {
        let stage = field(FieldId::SkillStage);
        assert_eq!(read(stage, "2", &context()), Ok(Answer::Pick(vec![1])));
        assert_eq!(read(stage, "live", &context()), Ok(Answer::Pick(vec![2])));
        assert_eq!(
            read(stage, " Development ", &context()),
            Ok(Answer::Pick(vec![0]))
        );
        assert!(read(stage, "4", &context()).unwrap_err().contains("1 to 3"));
        assert!(read(stage, "0", &context()).is_err());
        assert!(
            read(stage, "1 2", &context())
                .unwrap_err()
                .contains("one answer")
        );
    }

    #[test]
    fn a_multi_choice_takes_several_numbers_once_each() {
        let regions = field(FieldId::Regions);
        assert_eq!(
            read(regions, "1 3", &context()),
            Ok(Answer::Pick(vec![0, 2]))
        );
        assert_eq!(
            read(regions, "eu, 1,1", &context()),
            Ok(Answer::Pick(vec![1, 0]))
        );
        assert!(
            read(regions, "1 9", &context())
                .unwrap_err()
                .contains("'9'")
        );
    }

    #[test]
    fn yes_no_and_confirm_take_y_and_yes() {
        let events = field(FieldId::SendAlexaEvents);
        assert_eq!(read(events, "y", &context()), Ok(Answer::Pick(vec![0])));
        assert_eq!(read(events, "No", &context()), Ok(Answer::Pick(vec![1])));
        let confirm = field(FieldId::NotAmazonCredentials);
        assert_eq!(read(confirm, "yes", &context()), Ok(Answer::Pick(vec![0])));
        assert_eq!(read(confirm, "1", &context()), Ok(Answer::Pick(vec![0])));
    }

    #[test]
    fn the_time_is_read_as_the_form_reads_it() {
        let time = field(FieldId::LocalTime);
        assert_eq!(
            read(time, "yesterday 14:03", &context()),
            Ok(Answer::Time("2026-11-20 14:03".into()))
        );
        assert!(read(time, "half past two", &context()).is_err());
    }

    #[test]
    fn a_zone_is_named_or_suggested_and_a_suggestion_picked_by_number() {
        let zone = field(FieldId::TimeZone);
        assert_eq!(
            read(zone, "america/new_york", &context()),
            Ok(Answer::Zone("America/New_York".into()))
        );
        let Ok(Answer::Suggest(found)) = read(zone, "PST", &context()) else {
            panic!("PST is no zone, but suggests some");
        };
        assert_eq!(found[0], "America/Los_Angeles");
        let after = Context {
            suggestions: found,
            ..context()
        };
        assert_eq!(
            read(zone, "1", &after),
            Ok(Answer::Zone("America/Los_Angeles".into()))
        );
        assert!(read(zone, "qqqqzzzz", &context()).is_err());
    }

    #[test]
    fn lists_split_on_commas_and_spaces_and_a_dash_clears() {
        let domains = field(FieldId::Domains);
        assert_eq!(
            read(
                domains,
                "a.example.com, b.example.net c.example.org",
                &context()
            ),
            Ok(Answer::Entries(vec![
                "a.example.com".into(),
                "b.example.net".into(),
                "c.example.org".into()
            ]))
        );
        assert_eq!(read(domains, " - ", &context()), Ok(Answer::Clear));
        let expiry = field(FieldId::TokenExpiration);
        assert_eq!(
            read(expiry, "3600", &context()),
            Ok(Answer::Text("3600".into()))
        );
        assert!(read(expiry, "an hour", &context()).is_err());
    }

    proptest! {
        #[test]
        fn any_line_for_any_field_never_panics(typed in any::<String>(), i in 0usize..200) {
            let field = &crate::case::FIELDS[i % crate::case::FIELDS.len()];
            let context = Context {
                suggestions: vec!["UTC".into()],
                ..context()
            };
            if let Ok(Answer::Pick(picked)) = read(field, &typed, &context) {
                let options = value::options(field.kind);
                prop_assert!(picked.iter().all(|&p| p < options.len()));
            }
        }
    }
}
