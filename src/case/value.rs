//! Reading and writing one checklist field of a [`Case`] by its [`FieldId`]. Every function
//! here matches on every id, so a field that is not wired to the model does not compile;
//! the form, the exports, the importers and the checks all go through them.

use super::model::{
    Case, ChoiceOption, Disambiguation, GrantType, Platform, Region, Secret, SkillKind, SkillStage,
    StepState, Symptom, TokenScheme,
};
use super::sanitize::sanitize;
use super::{FieldId, FieldKind};

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
        FieldKind::Text
        | FieldKind::Secret
        | FieldKind::LongText
        | FieldKind::Url
        | FieldKind::Number
        | FieldKind::List
        | FieldKind::LocalTime
        | FieldKind::Zone
        | FieldKind::Derived => &[],
    }
}

/// The value of one field, borrowed from the case.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Text as typed (one or several lines, a URL, a time, a zone).
    Text(&'a str),
    /// The password.
    Secret(&'a Secret),
    /// A whole number, if set.
    Number(Option<i64>),
    /// The id of the chosen option (yes/no as `yes`/`no`), if any.
    Choice(Option<&'static str>),
    /// The ids of the chosen options, in checklist order.
    Multi(Vec<&'static str>),
    /// A confirmation.
    Confirm(bool),
    /// A list of texts.
    List(&'a [String]),
    /// Worked out from other fields, if it could be.
    Derived(Option<&'a str>),
}

impl Value<'_> {
    /// Whether there is a value at all (not whether it is right).
    #[must_use]
    pub fn is_filled(&self) -> bool {
        match self {
            Self::Text(text) => !text.trim().is_empty(),
            // A password an export withheld is an answer: it is added before filing.
            Self::Secret(secret) => !secret.is_empty() || secret.is_withheld(),
            Self::Number(n) => n.is_some(),
            Self::Choice(id) => id.is_some(),
            Self::Multi(ids) => !ids.is_empty(),
            Self::Confirm(yes) => *yes,
            Self::List(entries) => !entries.is_empty(),
            Self::Derived(text) => text.is_some(),
        }
    }
}

fn yes_no(value: Option<bool>) -> Option<&'static str> {
    value.map(|yes| if yes { "yes" } else { "no" })
}

/// The value of field `id` in `case`.
#[must_use]
pub fn get(case: &Case, id: FieldId) -> Value<'_> {
    let f = &case.failure;
    let al = &case.account_linking;
    match id {
        FieldId::SkillId => Value::Text(&case.skill.id),
        FieldId::SkillStage => Value::Choice(case.skill.stage.map(SkillStage::id)),
        FieldId::SkillName => Value::Text(&case.skill.name),
        FieldId::SkillKind => Value::Choice(case.skill.kind.map(SkillKind::id)),
        FieldId::SendAlexaEvents => Value::Choice(yes_no(case.skill.send_alexa_events)),
        FieldId::Username => Value::Text(&case.test_account.username),
        FieldId::Password => Value::Secret(&case.test_account.password),
        FieldId::NotAmazonCredentials => Value::Confirm(case.test_account.not_amazon_credentials),
        FieldId::CustomerId => Value::Text(&f.customer_id),
        FieldId::LocalTime => Value::Text(&f.local_time),
        FieldId::TimeZone => Value::Text(&f.time_zone),
        FieldId::Disambiguation => Value::Choice(f.disambiguation.map(Disambiguation::id)),
        FieldId::Utc => Value::Derived(f.utc.as_deref()),
        FieldId::Regions => Value::Multi(f.regions.iter().map(|r| r.id()).collect()),
        FieldId::Platforms => Value::Multi(f.platforms.iter().map(|p| p.id()).collect()),
        FieldId::AppVersion => Value::Text(&f.app_version),
        FieldId::Browser => Value::Text(&f.browser),
        FieldId::Symptoms => Value::Multi(f.symptoms.iter().map(|s| s.id()).collect()),
        FieldId::Description => Value::Text(&f.description),
        FieldId::ScreenshotUrl => Value::Text(&f.screenshot_url),
        FieldId::GrantType => Value::Choice(al.grant_type.map(GrantType::id)),
        FieldId::AuthorizationUrl => Value::Text(&al.authorization_url),
        FieldId::Domains => Value::List(&al.domains),
        FieldId::AccessTokenUrl => Value::Text(&al.access_token_url),
        FieldId::AccessTokenScheme => Value::Choice(al.access_token_scheme.map(TokenScheme::id)),
        FieldId::TokenExpiration => Value::Number(al.default_token_expiration_seconds),
        FieldId::ClientId => Value::Text(&al.client_id),
        FieldId::Scopes => Value::List(&al.scopes),
        FieldId::VendorId => Value::Text(&al.vendor_id),
        FieldId::AppRedirectUrls => Value::List(&al.app_to_app.redirect_urls),
        FieldId::IosAuthorizationUrl => Value::Text(&al.app_to_app.ios_authorization_url),
        FieldId::AndroidAuthorizationUrl => Value::Text(&al.app_to_app.android_authorization_url),
        FieldId::Step(step) => Value::Choice(case.steps_tried.get(step).map(StepState::id)),
        FieldId::Notes => Value::Text(&case.notes),
    }
}

/// Whether a field has a value (not whether it is right).
#[must_use]
pub fn is_filled(case: &Case, id: FieldId) -> bool {
    get(case, id).is_filled()
}

/// The text of a text, secret or number field (what its one-line or multi-line editor
/// edits); `None` for other kinds.
#[must_use]
pub fn text(case: &Case, id: FieldId) -> Option<String> {
    match get(case, id) {
        Value::Text(text) => Some(text.to_owned()),
        Value::Secret(secret) => Some(secret.expose().to_owned()),
        Value::Number(n) => Some(n.map(|n| n.to_string()).unwrap_or_default()),
        Value::Choice(_)
        | Value::Multi(_)
        | Value::Confirm(_)
        | Value::List(_)
        | Value::Derived(_) => None,
    }
}

/// Stores `value` (sanitized) into a text field. A number field takes `None` for text that
/// is not a whole number; the editor keeps the text and says why. Other kinds are left as
/// they are.
pub fn set_text(case: &mut Case, id: FieldId, value: &str) {
    let value = sanitize(value).into_owned();
    let f = &mut case.failure;
    let al = &mut case.account_linking;
    let slot = match id {
        FieldId::SkillId => &mut case.skill.id,
        FieldId::SkillName => &mut case.skill.name,
        FieldId::Username => &mut case.test_account.username,
        FieldId::Password => {
            case.test_account.password = Secret::new(value);
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
        FieldId::VendorId => &mut al.vendor_id,
        FieldId::IosAuthorizationUrl => &mut al.app_to_app.ios_authorization_url,
        FieldId::AndroidAuthorizationUrl => &mut al.app_to_app.android_authorization_url,
        FieldId::Notes => &mut case.notes,
        FieldId::TokenExpiration => {
            al.default_token_expiration_seconds = value.trim().parse().ok();
            return;
        }
        FieldId::SkillStage
        | FieldId::SkillKind
        | FieldId::SendAlexaEvents
        | FieldId::NotAmazonCredentials
        | FieldId::Disambiguation
        | FieldId::Utc
        | FieldId::Regions
        | FieldId::Platforms
        | FieldId::Symptoms
        | FieldId::GrantType
        | FieldId::Domains
        | FieldId::AccessTokenScheme
        | FieldId::Scopes
        | FieldId::AppRedirectUrls
        | FieldId::Step(_) => return,
    };
    *slot = value;
}

/// The entries of a list field; `None` for other kinds.
#[must_use]
pub fn list(case: &Case, id: FieldId) -> Option<&[String]> {
    match get(case, id) {
        Value::List(entries) => Some(entries),
        _ => None,
    }
}

/// The entries of a list field, mutably (`the_value_of_each_field_matches_its_kind` checks
/// that this and [`get`] agree on which fields are lists).
pub fn list_mut(case: &mut Case, id: FieldId) -> Option<&mut Vec<String>> {
    match id {
        FieldId::Domains => Some(&mut case.account_linking.domains),
        FieldId::Scopes => Some(&mut case.account_linking.scopes),
        FieldId::AppRedirectUrls => Some(&mut case.account_linking.app_to_app.redirect_urls),
        _ => None,
    }
}

/// Whether option `index` of a choice-like field is chosen.
#[must_use]
pub fn is_chosen(case: &Case, id: FieldId, index: usize) -> bool {
    let Some(option) = options(id.field().kind).get(index).map(|o| o.id) else {
        return false;
    };
    match get(case, id) {
        Value::Choice(chosen) => chosen == Some(option),
        Value::Multi(chosen) => chosen.contains(&option),
        Value::Confirm(yes) => yes,
        Value::Text(_)
        | Value::Secret(_)
        | Value::Number(_)
        | Value::List(_)
        | Value::Derived(_) => false,
    }
}

/// Sets or clears a single choice: picking the current value clears it.
fn flip<T: Copy + PartialEq>(slot: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *slot = if *slot == value { None } else { value };
    }
}

/// Adds or removes a value of a multi-choice, keeping the checklist's order.
fn flip_in<T: Copy + Ord>(items: &mut Vec<T>, all: &[T], value: Option<T>) {
    let Some(value) = value else { return };
    if let Some(at) = items.iter().position(|v| *v == value) {
        items.remove(at);
    } else {
        items.push(value);
        items.sort_by_key(|v| all.iter().position(|a| a == v));
    }
}

/// Toggles option `index`: in a multi-choice it is added or removed, in a single choice it
/// becomes the value, or clears it when it already was. Other kinds are left as they are.
pub fn toggle(case: &mut Case, id: FieldId, index: usize) {
    let f = &mut case.failure;
    let al = &mut case.account_linking;
    match id {
        FieldId::SkillStage => flip(&mut case.skill.stage, SkillStage::ALL.get(index).copied()),
        FieldId::SkillKind => flip(&mut case.skill.kind, SkillKind::ALL.get(index).copied()),
        FieldId::SendAlexaEvents => flip(
            &mut case.skill.send_alexa_events,
            [true, false].get(index).copied(),
        ),
        FieldId::NotAmazonCredentials => {
            if index == 0 {
                let account = &mut case.test_account;
                account.not_amazon_credentials = !account.not_amazon_credentials;
            }
        }
        FieldId::Disambiguation => flip(
            &mut f.disambiguation,
            Disambiguation::ALL.get(index).copied(),
        ),
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
        FieldId::AccessTokenScheme => flip(
            &mut al.access_token_scheme,
            TokenScheme::ALL.get(index).copied(),
        ),
        FieldId::Step(step) => {
            let mut state = case.steps_tried.get(step);
            flip(&mut state, StepState::ALL.get(index).copied());
            case.steps_tried.set(step, state);
        }
        FieldId::SkillId
        | FieldId::SkillName
        | FieldId::Username
        | FieldId::Password
        | FieldId::CustomerId
        | FieldId::LocalTime
        | FieldId::TimeZone
        | FieldId::Utc
        | FieldId::AppVersion
        | FieldId::Browser
        | FieldId::Description
        | FieldId::ScreenshotUrl
        | FieldId::AuthorizationUrl
        | FieldId::Domains
        | FieldId::AccessTokenUrl
        | FieldId::TokenExpiration
        | FieldId::ClientId
        | FieldId::Scopes
        | FieldId::VendorId
        | FieldId::AppRedirectUrls
        | FieldId::IosAuthorizationUrl
        | FieldId::AndroidAuthorizationUrl
        | FieldId::Notes => {}
    }
}

/// A field's value, owned: what undo keeps and puts back ([`snapshot`], [`restore`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Snapshot {
    /// Text as typed.
    Text(String),
    /// The password (withheld or not).
    Secret(Secret),
    /// A whole number, if set.
    Number(Option<i64>),
    /// The id of the chosen option, if any.
    Choice(Option<&'static str>),
    /// The ids of the chosen options.
    Multi(Vec<&'static str>),
    /// A confirmation.
    Confirm(bool),
    /// A list of texts.
    List(Vec<String>),
    /// Worked out from other fields: nothing to keep or put back.
    Derived,
}

impl Snapshot {
    /// Roughly how many bytes it holds (undo keeps a budget per field).
    #[must_use]
    pub fn size(&self) -> usize {
        match self {
            Self::Text(text) => text.len(),
            Self::Secret(secret) => secret.expose().len(),
            Self::List(entries) => entries.iter().map(String::len).sum(),
            Self::Multi(ids) => ids.len(),
            Self::Number(_) | Self::Choice(_) | Self::Confirm(_) | Self::Derived => 0,
        }
    }
}

/// The value of field `id` in `case`, owned.
#[must_use]
pub fn snapshot(case: &Case, id: FieldId) -> Snapshot {
    match get(case, id) {
        Value::Text(text) => Snapshot::Text(text.to_owned()),
        Value::Secret(secret) => Snapshot::Secret(secret.clone()),
        Value::Number(n) => Snapshot::Number(n),
        Value::Choice(chosen) => Snapshot::Choice(chosen),
        Value::Multi(chosen) => Snapshot::Multi(chosen),
        Value::Confirm(yes) => Snapshot::Confirm(yes),
        Value::List(entries) => Snapshot::List(entries.to_vec()),
        Value::Derived(_) => Snapshot::Derived,
    }
}

/// Puts a [`snapshot`] of field `id` back into `case`, so that `snapshot(case, id)` equals
/// it again. A snapshot of another kind than the field's is left out.
pub fn restore(case: &mut Case, id: FieldId, snapshot: &Snapshot) {
    let choose = |case: &mut Case, wanted: &dyn Fn(&str) -> bool| {
        for (index, option) in options(id.field().kind).iter().enumerate() {
            if is_chosen(case, id, index) != wanted(option.id) {
                toggle(case, id, index);
            }
        }
    };
    match snapshot {
        Snapshot::Text(text) => set_text(case, id, text),
        Snapshot::Secret(secret) => {
            if let Value::Secret(_) = get(case, id) {
                case.test_account.password = secret.clone();
            }
        }
        Snapshot::Number(n) => set_text(case, id, &n.map(|n| n.to_string()).unwrap_or_default()),
        Snapshot::Choice(chosen) => choose(case, &|option| *chosen == Some(option)),
        Snapshot::Multi(chosen) => choose(case, &|option| chosen.contains(&option)),
        Snapshot::Confirm(yes) => choose(case, &|_| *yes),
        Snapshot::List(entries) => {
            if let Some(list) = list_mut(case, id) {
                list.clone_from(entries);
            }
        }
        Snapshot::Derived => {}
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
                assert!(is_filled(&case, field.id), "{}", field.path);
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
                assert!(is_filled(&case, field.id), "{}", field.path);
                toggle(&mut case, field.id, index);
                assert!(!is_chosen(&case, field.id, index), "{} {index}", field.path);
            }
        }
    }

    #[test]
    fn the_value_of_each_field_matches_its_kind() {
        let case = Case::default();
        for field in FIELDS {
            let value = get(&case, field.id);
            let agrees = match field.kind {
                FieldKind::Text
                | FieldKind::LongText
                | FieldKind::Url
                | FieldKind::LocalTime
                | FieldKind::Zone => matches!(value, Value::Text(_)),
                FieldKind::Secret => matches!(value, Value::Secret(_)),
                FieldKind::Number => matches!(value, Value::Number(_)),
                FieldKind::Choice(_) | FieldKind::YesNo => matches!(value, Value::Choice(_)),
                FieldKind::Multi(_) => matches!(value, Value::Multi(_)),
                FieldKind::Confirm => matches!(value, Value::Confirm(_)),
                FieldKind::List => {
                    matches!(value, Value::List(_))
                        && list_mut(&mut case.clone(), field.id).is_some()
                }
                FieldKind::Derived => matches!(value, Value::Derived(_)),
            };
            assert!(agrees, "{}: {value:?}", field.path);
            assert!(
                !value.is_filled(),
                "{} is filled in an empty case",
                field.path
            );
        }
    }

    #[test]
    fn every_field_restores_its_snapshot() {
        let mut full = Case::default();
        for field in FIELDS {
            set_text(&mut full, field.id, "3600");
            for index in 0..options(field.kind).len() {
                toggle(&mut full, field.id, index);
            }
            if let Some(list) = list_mut(&mut full, field.id) {
                list.push("a.example.com".to_owned());
            }
        }
        full.test_account.password = Secret::withheld();
        for field in FIELDS {
            let empty = Case::default();
            let mut case = empty.clone();
            restore(&mut case, field.id, &snapshot(&full, field.id));
            assert_eq!(
                snapshot(&case, field.id),
                snapshot(&full, field.id),
                "{}",
                field.path
            );
            restore(&mut case, field.id, &snapshot(&empty, field.id));
            assert_eq!(case, empty, "{}", field.path);
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
