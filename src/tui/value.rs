//! Reading and writing one checklist field of a [`Case`] by its [`FieldId`], so the form can
//! be driven by the `FIELDS` table instead of code per field.

use crate::case::model::{ChoiceOption, StepState};
use crate::case::sanitize::sanitize;
use crate::case::{Case, FieldId, FieldKind};

/// The options of a yes/no field.
pub const YES_NO: &[ChoiceOption] = &[
    ChoiceOption {
        id: "yes",
        label: "Yes",
    },
    ChoiceOption {
        id: "no",
        label: "No",
    },
];

/// The one option of a statement to confirm.
pub const CONFIRM: &[ChoiceOption] = &[ChoiceOption {
    id: "confirmed",
    label: "I confirm this",
}];

/// The options a field offers, in order; empty for fields that are not choices.
#[must_use]
pub fn options(kind: FieldKind) -> &'static [ChoiceOption] {
    match kind {
        FieldKind::Choice(options) | FieldKind::Multi(options) => options,
        FieldKind::YesNo => YES_NO,
        FieldKind::Confirm => CONFIRM,
        _ => &[],
    }
}

/// The text of a single- or multi-line text field; `None` for other kinds.
#[must_use]
pub fn text(case: &Case, id: FieldId) -> Option<String> {
    let f = &case.failure;
    let al = &case.account_linking;
    let value: &str = match id {
        FieldId::SkillId => &case.skill.id,
        FieldId::SkillName => &case.skill.name,
        FieldId::Username => &case.test_account.username,
        FieldId::Password => case.test_account.password.expose(),
        FieldId::CustomerId => &f.customer_id,
        FieldId::LocalTime => &f.local_time,
        FieldId::TimeZone => &f.time_zone,
        FieldId::AppVersion => &f.app_version,
        FieldId::Browser => &f.browser,
        FieldId::Description => &f.description,
        FieldId::ScreenshotUrl => &f.screenshot_url,
        FieldId::AuthorizationUrl => &al.authorization_url,
        FieldId::AccessTokenUrl => &al.access_token_url,
        FieldId::ClientId => &al.client_id,
        FieldId::Notes => &case.notes,
        FieldId::TokenExpiration => {
            return Some(
                al.default_token_expiration_seconds
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            );
        }
        _ => return None,
    };
    Some(value.to_owned())
}

/// Stores `value` (sanitized) into a text field. A number field takes `None` for text that
/// is not a whole number; the editor keeps the text and says why.
pub fn set_text(case: &mut Case, id: FieldId, value: &str) {
    let value = sanitize(value).into_owned();
    let f = &mut case.failure;
    let al = &mut case.account_linking;
    let slot = match id {
        FieldId::SkillId => &mut case.skill.id,
        FieldId::SkillName => &mut case.skill.name,
        FieldId::Username => &mut case.test_account.username,
        FieldId::Password => {
            case.test_account.password = crate::case::Secret::new(value);
            return;
        }
        FieldId::CustomerId => &mut f.customer_id,
        FieldId::LocalTime => &mut f.local_time,
        FieldId::TimeZone => &mut f.time_zone,
        FieldId::AppVersion => &mut f.app_version,
        FieldId::Browser => &mut f.browser,
        FieldId::Description => &mut f.description,
        FieldId::ScreenshotUrl => &mut f.screenshot_url,
        FieldId::AuthorizationUrl => &mut al.authorization_url,
        FieldId::AccessTokenUrl => &mut al.access_token_url,
        FieldId::ClientId => &mut al.client_id,
        FieldId::Notes => &mut case.notes,
        FieldId::TokenExpiration => {
            al.default_token_expiration_seconds = value.trim().parse().ok();
            return;
        }
        _ => return,
    };
    *slot = value;
}

/// The entries of a list field; `None` for other kinds.
#[must_use]
pub fn list(case: &Case, id: FieldId) -> Option<&Vec<String>> {
    match id {
        FieldId::Domains => Some(&case.account_linking.domains),
        FieldId::Scopes => Some(&case.account_linking.scopes),
        _ => None,
    }
}

/// The entries of a list field, mutably.
pub fn list_mut(case: &mut Case, id: FieldId) -> Option<&mut Vec<String>> {
    match id {
        FieldId::Domains => Some(&mut case.account_linking.domains),
        FieldId::Scopes => Some(&mut case.account_linking.scopes),
        _ => None,
    }
}

/// Whether option `index` of a choice-like field is chosen.
#[must_use]
pub fn is_chosen(case: &Case, id: FieldId, index: usize) -> bool {
    use crate::case::model::{Disambiguation, GrantType, SkillKind, TokenScheme};
    let option = options(id.field().kind).get(index).map(|o| o.id);
    let Some(option) = option else {
        return false;
    };
    let f = &case.failure;
    let al = &case.account_linking;
    let id_of = |value: Option<&'static str>| value == Some(option);
    match id {
        FieldId::SkillKind => id_of(case.skill.kind.map(SkillKind::id)),
        FieldId::SendAlexaEvents => id_of(
            case.skill
                .send_alexa_events
                .map(|b| if b { "yes" } else { "no" }),
        ),
        FieldId::NotAmazonCredentials => case.test_account.not_amazon_credentials,
        FieldId::Disambiguation => id_of(f.disambiguation.map(Disambiguation::id)),
        FieldId::Regions => f.regions.iter().any(|r| r.id() == option),
        FieldId::Platforms => f.platforms.iter().any(|p| p.id() == option),
        FieldId::Symptoms => f.symptoms.iter().any(|s| s.id() == option),
        FieldId::GrantType => id_of(al.grant_type.map(GrantType::id)),
        FieldId::AccessTokenScheme => id_of(al.access_token_scheme.map(TokenScheme::id)),
        FieldId::Step(step) => id_of(case.steps_tried.get(step).map(StepState::id)),
        _ => false,
    }
}

/// Toggles option `index`: in a multi-choice it is added or removed, in a single choice it
/// becomes the value, or clears it when it already was.
pub fn toggle(case: &mut Case, id: FieldId, index: usize) {
    use crate::case::model::{
        Disambiguation, GrantType, Platform, Region, SkillKind, Symptom, TokenScheme,
    };
    fn flip<T: Copy + PartialEq>(slot: &mut Option<T>, value: Option<T>) {
        if value.is_some() {
            *slot = if *slot == value { None } else { value };
        }
    }
    fn flip_in<T: Copy + Ord>(items: &mut Vec<T>, all: &[T], value: Option<T>) {
        let Some(value) = value else { return };
        if let Some(at) = items.iter().position(|v| *v == value) {
            items.remove(at);
        } else {
            items.push(value);
            // Keep the checklist's order, whatever order the options were picked in.
            items.sort_by_key(|v| all.iter().position(|a| a == v));
        }
    }
    let f = &mut case.failure;
    let al = &mut case.account_linking;
    match id {
        FieldId::SkillKind => flip(&mut case.skill.kind, SkillKind::ALL.get(index).copied()),
        FieldId::SendAlexaEvents => {
            flip(
                &mut case.skill.send_alexa_events,
                [true, false].get(index).copied(),
            );
        }
        FieldId::NotAmazonCredentials if index == 0 => {
            let account = &mut case.test_account;
            account.not_amazon_credentials = !account.not_amazon_credentials;
        }
        FieldId::Disambiguation => {
            flip(
                &mut f.disambiguation,
                Disambiguation::ALL.get(index).copied(),
            );
        }
        FieldId::Regions => flip_in(&mut f.regions, Region::ALL, Region::ALL.get(index).copied()),
        FieldId::Platforms => flip_in(
            &mut f.platforms,
            Platform::ALL,
            Platform::ALL.get(index).copied(),
        ),
        FieldId::Symptoms => flip_in(
            &mut f.symptoms,
            Symptom::ALL,
            Symptom::ALL.get(index).copied(),
        ),
        FieldId::GrantType => flip(&mut al.grant_type, GrantType::ALL.get(index).copied()),
        FieldId::AccessTokenScheme => {
            flip(
                &mut al.access_token_scheme,
                TokenScheme::ALL.get(index).copied(),
            );
        }
        FieldId::Step(step) => {
            let mut state = case.steps_tried.get(step);
            flip(&mut state, StepState::ALL.get(index).copied());
            case.steps_tried.set(step, state);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::FIELDS;

    #[test]
    fn every_text_field_round_trips_through_set_text() {
        for field in FIELDS {
            let mut case = Case::default();
            if matches!(
                field.kind,
                FieldKind::Text
                    | FieldKind::Secret
                    | FieldKind::LongText
                    | FieldKind::Url
                    | FieldKind::LocalTime
                    | FieldKind::Zone
            ) {
                set_text(&mut case, field.id, "x\u{202e}y");
                assert_eq!(
                    text(&case, field.id).as_deref(),
                    Some("xy"),
                    "{}",
                    field.path
                );
            }
        }
    }

    #[test]
    fn every_choice_option_toggles_on_and_off() {
        for field in FIELDS {
            for index in 0..options(field.kind).len() {
                let mut case = Case::default();
                toggle(&mut case, field.id, index);
                assert!(is_chosen(&case, field.id, index), "{} {index}", field.path);
                toggle(&mut case, field.id, index);
                assert!(!is_chosen(&case, field.id, index), "{} {index}", field.path);
            }
        }
    }

    #[test]
    fn number_field_keeps_only_whole_numbers() {
        let mut case = Case::default();
        set_text(&mut case, FieldId::TokenExpiration, " 3600 ");
        assert_eq!(
            case.account_linking.default_token_expiration_seconds,
            Some(3600)
        );
        set_text(&mut case, FieldId::TokenExpiration, "1h");
        assert_eq!(case.account_linking.default_token_expiration_seconds, None);
    }
}
