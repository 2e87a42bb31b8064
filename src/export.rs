//! Renders a case for filing (DESIGN §2): plain text for the contact-us form, Markdown for
//! an issue tracker, or the JSON case file. One file per format, as trippy does for its
//! reports; what each item shows is decided once, in `items`, for text and Markdown alike.

pub(crate) mod items;
mod json;
pub(crate) mod markdown;
pub(crate) mod text;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::case::Case;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `Label: value` lines for the contact-us form's description box.
    #[default]
    Text,
    /// GitHub-issue-form-like Markdown: `### Label`, then the value.
    #[serde(alias = "md")]
    Markdown,
    /// The case file itself, pretty-printed, with `failure.utc` filled in.
    Json,
}

impl Format {
    /// Every format, in the order menus and `--help` list them.
    pub const ALL: &'static [Self] = &[Self::Text, Self::Markdown, Self::Json];

    /// The name used on the command line and in the config file.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Json => "json",
        }
    }

    /// The usual file extension of an export in this format, without the dot.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Markdown => "md",
            Self::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format '{0}': expected text, markdown (or md), or json")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// `text`, `markdown`, `md` or `json`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(Self::Text),
            "markdown" | "md" => Ok(Self::Markdown),
            "json" => Ok(Self::Json),
            _ => Err(UnknownFormat(s.to_owned())),
        }
    }
}

/// How to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Put the test account's password in the export. Off by default: text and Markdown
    /// then say "(password shared separately)" and JSON has `null`.
    pub include_secrets: bool,
    /// Put linkcase's configuration checks in the text export (the Markdown export always
    /// has them; the JSON export is the case file and never does). Off by default: the
    /// text export is written for Amazon, and the checks are advice for the developer.
    pub with_checks: bool,
}

/// The case rendered in `format`, ending with a newline.
///
/// Never fails: a half-filled case is rendered as far as it goes, with `(missing)` for
/// empty required items and an honest "unknown (…)" for a failure time that has no single
/// UTC instant.
#[must_use]
pub fn render(case: &Case, format: Format, options: Options) -> String {
    match format {
        Format::Text => text::render(case, options),
        Format::Markdown => markdown::render(case, options),
        Format::Json => json::render(case, options),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::case::Disambiguation;
    use crate::case::sanitize::{is_banned, sanitize};

    /// The example case of `tests/fixtures/example.json`.
    pub(crate) fn example_case() -> Case {
        serde_json::from_str(include_str!("../tests/fixtures/example.json")).unwrap()
    }

    /// The example case at 01:30 on the New York fall-back night, read as the earlier instant.
    pub(crate) fn fold_case() -> Case {
        let mut case = example_case();
        case.failure.local_time = "2026-11-01 01:30".to_owned();
        case.failure.disambiguation = Some(Disambiguation::Earlier);
        case
    }

    /// The example case at 02:30 on the New York spring-forward night, with no choice made.
    pub(crate) fn gap_case() -> Case {
        let mut case = example_case();
        case.failure.local_time = "2026-03-08 02:30".to_owned();
        case
    }

    const PASSWORD: &str = "correct horse battery staple";

    #[test]
    fn password_is_left_out_unless_asked() {
        let case = example_case();
        for format in Format::ALL {
            let without = render(&case, *format, Options::default());
            assert!(!without.contains(PASSWORD), "{format} leaked:\n{without}");
            let with = render(
                &case,
                *format,
                Options {
                    include_secrets: true,
                    with_checks: false,
                },
            );
            assert!(with.contains(PASSWORD), "{format} left it out:\n{with}");
        }
    }

    #[test]
    fn parses_format_names_and_aliases_in_any_case() {
        assert_eq!("text".parse(), Ok(Format::Text));
        assert_eq!("Markdown".parse(), Ok(Format::Markdown));
        assert_eq!("md".parse(), Ok(Format::Markdown));
        assert_eq!(" JSON ".parse(), Ok(Format::Json));
        for format in Format::ALL {
            assert_eq!(format.to_string().parse(), Ok(*format));
        }
        assert_eq!(Format::default(), Format::Text);
    }

    #[test]
    fn unknown_format_error_lists_the_choices() {
        let error = "html".parse::<Format>().unwrap_err().to_string();
        assert_eq!(
            error,
            "unknown export format 'html': expected text, markdown (or md), or json"
        );
    }

    #[test]
    fn every_format_ends_with_one_newline() {
        for case in [example_case(), Case::default()] {
            for format in Format::ALL {
                let out = render(&case, *format, Options::default());
                assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{format}");
            }
        }
    }

    /// The example case with every text value (list entries and `failure.utc` included)
    /// taken in turn from `texts`.
    fn case_with_texts(texts: &[String]) -> Case {
        let mut texts = texts.iter().cycle().cloned();
        let mut next = || texts.next().unwrap_or_default();
        let mut case = example_case();
        case.skill.id = next();
        case.skill.name = next();
        case.test_account.username = next();
        case.test_account.password = crate::case::Secret::new(next());
        let failure = &mut case.failure;
        failure.customer_id = next();
        failure.local_time = next();
        failure.time_zone = next();
        failure.utc = Some(next());
        failure.app_version = next();
        failure.browser = next();
        failure.description = next();
        failure.screenshot_url = next();
        let linking = &mut case.account_linking;
        linking.authorization_url = next();
        linking.domains = vec![next(), next()];
        linking.access_token_url = next();
        linking.client_id = next();
        linking.scopes = vec![next(), next()];
        case.notes = next();
        case
    }

    fn render_all(case: &Case) -> Vec<String> {
        [false, true]
            .into_iter()
            .flat_map(|include_secrets| {
                Format::ALL.iter().map(move |format| {
                    render(
                        case,
                        *format,
                        Options {
                            include_secrets,
                            with_checks: false,
                        },
                    )
                })
            })
            .collect()
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics_and_sanitized_input_stays_clean(
            texts in prop::collection::vec(any::<String>(), 20),
        ) {
            render_all(&case_with_texts(&texts));
            let clean: Vec<String> = texts.iter().map(|t| sanitize(t).into_owned()).collect();
            let case = case_with_texts(&clean);
            for include_secrets in [false, true] {
                let options = Options { include_secrets, with_checks: false };
                for format in [Format::Text, Format::Markdown] {
                    let out = render(&case, format, options);
                    prop_assert!(!out.chars().any(is_banned), "{format}: {out:?}");
                }
            }
        }

        #[test]
        fn any_local_time_and_zone_gets_an_honest_time_line(
            local in "(19|20)[0-9]{2}-(0[1-9]|1[0-2])-[0-3][0-9] [0-2][0-9]:[0-5][0-9](:[0-5][0-9])?",
            zone in prop::sample::select(vec![
                "America/New_York", "Europe/Dublin", "Pacific/Apia", "Australia/Lord_Howe",
                "UTC", "+05:30", "UTC-5", "PST", "",
            ]),
            disambiguation in prop::option::of(prop::sample::select(Disambiguation::ALL)),
        ) {
            let mut case = example_case();
            case.failure.local_time = local;
            case.failure.time_zone = zone.to_owned();
            case.failure.disambiguation = disambiguation;
            let text = render(&case, Format::Text, Options::default());
            let line = text.lines().nth(4).unwrap_or_default();
            prop_assert!(line.starts_with("Time of failure (UTC): "), "{text}");
            match case.failure.utc_instant() {
                Ok(instant) => {
                    let utc = instant.format("%Y-%m-%d %H:%M:%S UTC").to_string();
                    prop_assert!(line.contains(&utc), "{line}");
                }
                Err(_) => prop_assert!(line.contains(": unknown ("), "{line}"),
            }
            render_all(&case);
        }
    }
}
