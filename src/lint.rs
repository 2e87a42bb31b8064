//! Preflight lints: the account-linking configuration checked against the pitfalls of
//! Amazon's troubleshooting guide and blog (`../shared/reference/`), before a case is filed.
//!
//! Unlike [`crate::case::Validator`], which asks "is this case complete and well-formed",
//! a lint asks "would Alexa trip over this configuration", and each finding points at the
//! troubleshooting step of DESIGN §4 it relates to, with advice in a sentence or two.

mod rules;
mod urls;

pub use rules::check_raw_scheme;
pub use urls::LONG_QUERY;

use std::fmt;

use serde::Serialize;

use crate::case::{Case, GrantType, SkillKind, Step, StepState, StepsTried};

/// How much a lint finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Alexa will fail with this configuration.
    Error,
    /// Likely to cause trouble, or worth a second look.
    Warning,
    /// Not wrong in itself: where to look, given the symptoms.
    Hint,
}

impl Level {
    /// The lowercase name used in output.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Hint => "hint",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One finding of a lint rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lint {
    /// Error, warning or hint.
    pub level: Level,
    /// Stable rule id, e.g. `url-not-https`.
    pub rule: &'static str,
    /// JSON path of the field concerned, e.g. `account_linking.domains[1]`.
    pub path: String,
    /// The troubleshooting step (DESIGN §4) this finding relates to, if any.
    pub step: Option<Step>,
    /// What was found and what to do about it, in one or two sentences.
    pub advice: String,
}

impl Lint {
    fn new(
        level: Level,
        rule: &'static str,
        path: impl Into<String>,
        step: Option<Step>,
        advice: impl Into<String>,
    ) -> Self {
        Self {
            level,
            rule,
            path: path.into(),
            step,
            advice: advice.into(),
        }
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.level, self.path, self.advice)?;
        if let Some(step) = self.step {
            write!(f, " [step: {}]", step.id())?;
        }
        Ok(())
    }
}

/// Every lint finding for `case`: errors first, then warnings, then hints; within a level,
/// in the order the rules run (URLs, Domain List, tokens, providers, grant, symptoms).
#[must_use]
pub fn lint(case: &Case) -> Vec<Lint> {
    let mut out = Vec::new();
    urls::check_urls(case, &mut out);
    urls::check_domains(case, &mut out);
    rules::check_token(case, &mut out);
    rules::check_providers(case, &mut out);
    rules::check_grant(case, &mut out);
    rules::check_accept_grant(case, &mut out);
    rules::check_symptoms(case, &mut out);
    out.sort_by_key(|l| l.level);
    out
}

/// Whether any finding is an error (what makes `linkcase check` exit 1).
#[must_use]
pub fn has_errors(lints: &[Lint]) -> bool {
    lints.iter().any(|l| l.level == Level::Error)
}

/// The steps that cannot apply to this configuration, each `not_applicable`; every other
/// step is left unanswered. Callers apply it with [`apply_default_steps`].
#[must_use]
pub fn default_steps(case: &Case) -> StepsTried {
    let mut steps = StepsTried::default();
    for step in Step::ALL {
        if !step_applies(case, *step) {
            steps.set(*step, Some(StepState::NotApplicable));
        }
    }
    steps
}

/// Fills each unanswered step that cannot apply with `not_applicable`; answers already
/// given are kept. Returns the steps it filled.
pub fn apply_default_steps(case: &mut Case) -> Vec<Step> {
    let defaults = default_steps(case);
    let mut filled = Vec::new();
    for step in Step::ALL {
        if case.steps_tried.get(*step).is_none()
            && let Some(state) = defaults.get(*step)
        {
            case.steps_tried.set(*step, Some(state));
            filled.push(*step);
        }
    }
    filled
}

/// Whether a troubleshooting step can apply to the configuration. Unknown answers
/// (no grant type, no skill kind) count as "may apply".
fn step_applies(case: &Case, step: Step) -> bool {
    let al = &case.account_linking;
    let implicit = al.grant_type == Some(GrantType::Implicit);
    let auth_code = al.grant_type == Some(GrantType::AuthCode);
    match step {
        // The token endpoint is only called in the authorization code grant.
        Step::TokenWithin4_5s
        | Step::TokenJson200
        | Step::ClientAuthScheme
        | Step::TokenTtl6min
        | Step::RefreshTokenKept => !implicit,
        Step::AcceptGrant => {
            let smart_home = matches!(case.skill.kind, None | Some(SkillKind::SmartHome));
            smart_home && case.skill.send_alexa_events != Some(false)
        }
        Step::ImplicitFragment => !auth_code,
        Step::GoogleOffline => rules::is_google(&al.authorization_url),
        Step::AuthServerLogs
        | Step::WebAppDevtools
        | Step::DomainListExact
        | Step::NoPopups
        | Step::PrivateWindow
        | Step::HttpsTrustedCa => true,
    }
}

#[cfg(test)]
mod tests;
