//! The case rules of DESIGN §1, cross-field rules included, and the entry point that runs
//! them together with the configuration lints of [`crate::lint`]: one list of
//! [`Finding`]s and its [`Summary`]. Errors are rules DESIGN states; shapes only inferred
//! from examples (customer ID, app version) are warnings.

use chrono::{DateTime, Utc};

use super::checklist::FieldId;
use super::findings::{Finding, Severity, Summary};
use super::model::Case;

/// All findings for one case, case findings first, then by severity, then in checklist
/// order; and their summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// What every surface shows of them.
    pub summary: Summary,
}

impl Report {
    /// Findings of severity error (of either class).
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// Whether any finding stops the case from being filed (a case error).
    #[must_use]
    pub fn has_errors(&self) -> bool {
        !self.summary.ready()
    }

    /// The findings about one checklist field.
    pub fn for_field(&self, id: FieldId) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.field() == Some(id))
    }
}

/// How long an authorization URL may be, in characters (inclusive).
pub(crate) const URL_LENGTH: std::ops::RangeInclusive<usize> = 9..=2000;
/// Most entries the Domain List and the scopes accept.
pub(crate) const MAX_LIST: usize = 15;
/// Shortest default token lifetime Alexa can refresh in time.
pub(crate) const MIN_TOKEN_SECONDS: i64 = 360;
/// How far in the future a failure time may be (clock skew allowance).
const FUTURE_SLACK_MINUTES: i64 = 5;

/// Checks cases against DESIGN §1. Build one and reuse it for many cases.
#[derive(Debug, Clone, Copy)]
pub struct Validator {
    now: DateTime<Utc>,
}

impl Default for Validator {
    fn default() -> Self {
        Self::new()
    }
}

impl Validator {
    /// A validator that judges "in the future" against the current time.
    #[must_use]
    pub fn new() -> Self {
        Self { now: Utc::now() }
    }

    /// A validator that judges "in the future" against `now` (for tests and replays).
    #[must_use]
    pub const fn at(now: DateTime<Utc>) -> Self {
        Self { now }
    }

    /// Every finding for `case`, the configuration lints included, and their summary.
    #[must_use]
    pub fn validate(&self, case: &Case) -> Report {
        let mut findings = Vec::new();
        rules::check_required(case, &mut findings);
        check_skill(case, &mut findings);
        check_test_account(case, &mut findings);
        self.check_time(case, &mut findings);
        check_failure(case, &mut findings);
        check_configuration(case, &mut findings);
        check_unknown_keys(case, &mut findings);
        findings.extend(crate::lint::lint(case));
        findings.sort_by_key(|f| (f.class, f.severity));
        let summary = Summary::of(case, &findings);
        Report { findings, summary }
    }
}

pub mod domain;
mod rules;
use rules::{
    check_configuration, check_failure, check_skill, check_test_account, check_unknown_keys,
};
pub(crate) mod url;

pub use super::value::is_filled;
pub use rules::normalize_id;

#[cfg(test)]
mod tests;
