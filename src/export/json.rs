//! The JSON export: the case file itself (DESIGN §1) in its canonical saved form, with
//! `failure.utc` derived from local time and zone (`null` when it has no single instant)
//! and the password `null` unless secrets are included.

use super::Options;
use crate::case::Case;
use crate::case::load::to_json;

/// The case as its canonical case file.
pub(super) fn render(case: &Case, options: Options) -> String {
    to_json(case, options.include_secrets)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::export::tests::{example_case, fold_case, gap_case};

    fn json(case: &Case, include_secrets: bool) -> Value {
        serde_json::from_str(&render(
            case,
            Options {
                include_secrets,
                with_checks: false,
            },
        ))
        .unwrap()
    }

    #[test]
    fn fills_utc_from_local_time_and_zone() {
        let mut case = example_case();
        case.failure.utc = None;
        assert_eq!(json(&case, false)["failure"]["utc"], "2026-11-21T19:03:00Z");
        assert_eq!(
            json(&fold_case(), false)["failure"]["utc"],
            "2026-11-01T05:30:00Z"
        );
    }

    #[test]
    fn utc_is_null_when_the_time_is_ambiguous() {
        let mut case = gap_case();
        case.failure.utc = Some("2026-03-08T07:30:00Z".to_owned());
        assert_eq!(json(&case, false)["failure"]["utc"], Value::Null);
    }

    #[test]
    fn password_is_null_unless_asked() {
        let case = example_case();
        assert_eq!(json(&case, false)["test_account"]["password"], Value::Null);
        assert_eq!(
            json(&case, true)["test_account"]["password"],
            "correct horse battery staple"
        );
    }

    #[test]
    fn snapshot_example() {
        insta::assert_snapshot!(render(&example_case(), Options::default()));
    }
}
