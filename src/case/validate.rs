//! Every rule of DESIGN §1, cross-field rules included. A finding names the JSON path,
//! says what is wrong and what a right value looks like. Errors are rules DESIGN states;
//! shapes only inferred from examples (customer ID, app version) are warnings.

use std::fmt;

use chrono::{DateTime, Utc};

use super::checklist::{FIELDS, FieldId, Required};
use super::model::{Case, Platform};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The case cannot be filed like this.
    Error,
    /// Probably wrong, or worth a second look.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// One problem with a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// JSON path, e.g. `account_linking.domains[2]`.
    pub path: String,
    /// What is wrong and what a right value looks like.
    pub message: String,
}

impl Finding {
    fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        }
    }

    fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        }
    }

    /// The checklist field this finding is about, when it is about one.
    #[must_use]
    pub fn field(&self) -> Option<FieldId> {
        super::checklist::field_for_path(&self.path).map(|f| f.id)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.severity, self.path, self.message)
    }
}

/// All findings for one case, errors first, then in checklist order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Findings of severity error.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// Findings of severity warning.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    /// Whether any finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The findings about one checklist field.
    pub fn for_field(&self, id: FieldId) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.field() == Some(id))
    }
}

/// How far a case is: required fields that are filled and free of errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Required fields done.
    pub done: usize,
    /// Required fields in all, for this configuration.
    pub required: usize,
    /// Errors in the whole case.
    pub errors: usize,
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

    /// Every finding for `case`.
    #[must_use]
    pub fn validate(&self, case: &Case) -> Report {
        let mut out = Vec::new();
        check_skill(case, &mut out);
        check_test_account(case, &mut out);
        self.check_time(case, &mut out);
        check_failure(case, &mut out);
        check_configuration(case, &mut out);
        check_unknown_keys(case, &mut out);
        out.sort_by_key(|f| f.severity);
        Report { findings: out }
    }

    /// Progress through the required fields that apply to this case.
    #[must_use]
    pub fn progress(&self, case: &Case, report: &Report) -> Progress {
        let mut done = 0;
        let mut required = 0;
        for field in FIELDS {
            let applies = match field.required {
                Required::Yes => true,
                Required::No => false,
                Required::When(_) => match field.id {
                    FieldId::AppVersion => needs_app_version(case),
                    FieldId::Disambiguation => {
                        matches!(case.failure.resolve(), Ok((r, _)) if r.is_ambiguous())
                    }
                    _ => false,
                },
            };
            if applies {
                required += 1;
                if is_filled(case, field.id)
                    && report
                        .for_field(field.id)
                        .all(|f| f.severity != Severity::Error)
                {
                    done += 1;
                }
            }
        }
        Progress {
            done,
            required,
            errors: report.errors().count(),
        }
    }
}

/// Whether a field has a value (not whether it is right).
#[must_use]
pub fn is_filled(case: &Case, id: FieldId) -> bool {
    let f = &case.failure;
    let al = &case.account_linking;
    match id {
        FieldId::SkillId => !case.skill.id.trim().is_empty(),
        FieldId::SkillName => !case.skill.name.trim().is_empty(),
        FieldId::SkillKind => case.skill.kind.is_some(),
        FieldId::SendAlexaEvents => case.skill.send_alexa_events.is_some(),
        FieldId::Username => !case.test_account.username.trim().is_empty(),
        FieldId::Password => !case.test_account.password.is_empty(),
        FieldId::NotAmazonCredentials => case.test_account.not_amazon_credentials,
        FieldId::CustomerId => !f.customer_id.trim().is_empty(),
        FieldId::LocalTime => !f.local_time.trim().is_empty(),
        FieldId::TimeZone => !f.time_zone.trim().is_empty(),
        FieldId::Disambiguation => f.disambiguation.is_some(),
        FieldId::Utc => f.utc.is_some(),
        FieldId::Regions => !f.regions.is_empty(),
        FieldId::Platforms => !f.platforms.is_empty(),
        FieldId::AppVersion => !f.app_version.trim().is_empty(),
        FieldId::Browser => !f.browser.trim().is_empty(),
        FieldId::Symptoms => !f.symptoms.is_empty(),
        FieldId::Description => !f.description.trim().is_empty(),
        FieldId::ScreenshotUrl => !f.screenshot_url.trim().is_empty(),
        FieldId::GrantType => al.grant_type.is_some(),
        FieldId::AuthorizationUrl => !al.authorization_url.trim().is_empty(),
        FieldId::Domains => !al.domains.is_empty(),
        FieldId::AccessTokenUrl => !al.access_token_url.trim().is_empty(),
        FieldId::AccessTokenScheme => al.access_token_scheme.is_some(),
        FieldId::TokenExpiration => al.default_token_expiration_seconds.is_some(),
        FieldId::ClientId => !al.client_id.trim().is_empty(),
        FieldId::Scopes => !al.scopes.is_empty(),
        FieldId::Step(step) => case.steps_tried.get(step).is_some(),
        FieldId::Notes => !case.notes.trim().is_empty(),
    }
}

pub(super) fn needs_app_version(case: &Case) -> bool {
    case.failure
        .platforms
        .iter()
        .any(|p| matches!(p, Platform::Android | Platform::Ios))
}

mod rules;
use rules::{
    check_configuration, check_failure, check_skill, check_test_account, check_unknown_keys,
};
pub(crate) mod url;

pub use rules::normalize_id;

#[cfg(test)]
mod tests;
