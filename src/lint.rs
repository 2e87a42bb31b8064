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

use crate::case::checklist::field;
use crate::case::{Case, FieldId, Finding, Severity, Step, StepState, StepsTried};

/// Every configuration finding for `case`: errors first, then warnings, then hints; within a
/// severity, in the order the rules run (URLs, Domain List, tokens, providers, grant,
/// symptoms). [`crate::case::Validator::validate`] reports them with the case's own.
#[must_use]
pub fn lint(case: &Case) -> Vec<Finding> {
    let mut out = Vec::new();
    urls::check_urls(case, &mut out);
    urls::check_domains(case, &mut out);
    rules::check_token(case, &mut out);
    rules::check_scopes(case, &mut out);
    rules::check_providers(case, &mut out);
    rules::check_grant(case, &mut out);
    rules::check_pkce(case, &mut out);
    rules::check_accept_grant(case, &mut out);
    rules::check_symptoms(case, &mut out);
    out.sort_by_key(|l| l.severity);
    out
}

/// A configuration finding: the constructor the lint rules share.
fn finding(
    severity: Severity,
    rule: &'static str,
    subject: impl Into<crate::case::Subject>,
    step: Option<Step>,
    message: impl Into<String>,
) -> Finding {
    Finding::config(severity, rule, subject, step, message)
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

/// Withdraws each `not_applicable` answer that a fact of the configuration now contradicts
/// (e.g. the Google step after a Google authorization URL came in), leaving the step
/// unanswered. Returns the steps it reopened.
pub fn reopen_contradicted_steps(case: &mut Case) -> Vec<Step> {
    let mut reopened = Vec::new();
    for step in Step::ALL {
        if case.steps_tried.get(*step) == Some(StepState::NotApplicable)
            && crate::case::checklist::step_fact(case, *step) == Some(true)
        {
            case.steps_tried.set(*step, None);
            reopened.push(*step);
        }
    }
    reopened
}

/// Whether a troubleshooting step can apply to the configuration (the field table's
/// `applies` of the step).
fn step_applies(case: &Case, step: Step) -> bool {
    field(FieldId::Step(step)).applies.holds(case)
}

#[cfg(test)]
mod tests;
