//! The case file model (`schema_version` 1): exactly the JSON paths of DESIGN §1.
//!
//! Every level keeps keys it does not know in `extra`, so a draft written by a newer
//! patch release survives a load → save. Text is stored as typed in; whether it is
//! *right* is the validator's business, so a half-filled draft is still a `Case`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The only schema version this build reads and writes.
pub const SCHEMA_VERSION: u64 = 1;

/// One option of a choice field: its id in the case file and its label on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceOption {
    /// The value stored in the case file.
    pub id: &'static str,
    /// What a person reads.
    pub label: &'static str,
}

/// Declares a closed set of values stored by id in the case file.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[allow(clippy::doc_markdown)] // The labels double as variant docs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[doc = $label] #[serde(rename = $id)] $variant),+
        }

        impl $name {
            /// Every value, in the order the checklist shows them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// Every value as an id and a label, for the form and the exports.
            pub const OPTIONS: &'static [ChoiceOption] =
                &[$(ChoiceOption { id: $id, label: $label }),+];

            /// The id stored in the case file.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self { $(Self::$variant => $id),+ }
            }

            /// What a person reads.
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// The value with this case-file id, if there is one.
            #[must_use]
            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.id() == id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

choice!(
    /// What kind of skill is being linked.
    SkillKind {
        Custom = "custom": "Custom",
        SmartHome = "smart_home": "Smart home",
        Video = "video": "Video",
        Other = "other": "Other",
    }
);

choice!(
    /// Which stage of the skill failed to link; each has its own account-linking settings.
    SkillStage {
        Development = "development": "Development",
        Certification = "certification": "Certification",
        Live = "live": "Live",
    }
);

choice!(
    /// The Alexa region the customer links in.
    Region {
        Na = "NA": "North America",
        Eu = "EU": "Europe",
        Fe = "FE": "Far East (Japan, Australia)",
    }
);

choice!(
    /// Where the customer tried to link.
    Platform {
        Android = "android": "Android",
        Ios = "ios": "iOS",
        Browser = "browser": "Browser (Alexa web app)",
        Other = "other": "Other",
    }
);

choice!(
    /// What the customer saw.
    Symptom {
        EmptyPage = "empty_page": "Empty page",
        UnableToLink = "unable_to_link": "\"We were unable to link…\" / \"Linking unsuccessful\"",
        ButtonNotWorking = "button_not_working": "A button on the page does nothing",
        RelinkRequired = "relink_required": "Linking works, then expires and must be redone",
        DeviceSpecific = "device_specific": "Works on one device or app only",
        RedirectFails = "redirect_fails": "The redirect back to Alexa fails",
        Other = "other": "Other",
    }
);

choice!(
    /// The OAuth 2.0 grant the skill uses.
    GrantType {
        AuthCode = "AUTH_CODE": "Authorization Code Grant",
        Implicit = "IMPLICIT": "Implicit Grant",
    }
);

choice!(
    /// How Alexa authenticates to the token endpoint (the only two it supports).
    TokenScheme {
        HttpBasic = "HTTP_BASIC": "HTTP Basic",
        RequestBodyCredentials = "REQUEST_BODY_CREDENTIALS": "Credentials in request body",
    }
);

choice!(
    /// Which instant a local time at a DST gap or fold means (DESIGN §3).
    Disambiguation {
        Earlier = "earlier": "Earlier",
        Later = "later": "Later",
    }
);

choice!(
    /// Whether a troubleshooting step from the guide was tried.
    StepState {
        Done = "done": "Done",
        NotDone = "not_done": "Not done",
        NotApplicable = "not_applicable": "Not applicable",
    }
);

choice!(
    /// The troubleshooting steps from the guide (DESIGN §4), in the guide's order.
    Step {
        AuthServerLogs = "auth_server_logs": "Checked the authorization server's logs",
        TokenWithin4_5s = "token_within_4_5s": "Token endpoint answers within 4.5 s",
        TokenJson200 = "token_json_200": "Token response is JSON with 200 OK",
        ClientAuthScheme = "client_auth_scheme": "Client authentication is HTTP Basic or in the body",
        TokenTtl6min = "token_ttl_6min": "Access tokens live at least 6 minutes",
        RefreshTokenKept = "refresh_token_kept": "Refresh tokens stay valid after the access token expires",
        AcceptGrant = "accept_grant": "Smart home skill answers the AcceptGrant directive",
        WebAppDevtools = "web_app_devtools": "Tried the Alexa web app with developer tools",
        DomainListExact = "domain_list_exact": "Every external domain is in the Domain List",
        NoPopups = "no_popups": "The login page opens no popups",
        ImplicitFragment = "implicit_fragment": "Implicit grant returns token and state in the fragment",
        GoogleOffline = "google_offline": "Google: access_type=offline, earlier consent revoked",
        PrivateWindow = "private_window": "Tried a private window",
        HttpsTrustedCa = "https_trusted_ca": "HTTPS with a certificate from a trusted CA",
    }
);

/// A password: shown masked, never in `Debug` output, logs or panics.
///
/// In a case file it is a string, or `null` when an export withheld it: a withheld
/// password is something to add before filing, unlike one that was never entered.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret {
    value: String,
    withheld: bool,
}

impl Secret {
    /// Wraps a password.
    #[must_use]
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            withheld: false,
        }
    }

    /// A password an export left out (`null` in the case file).
    #[must_use]
    pub fn withheld() -> Self {
        Self {
            value: String::new(),
            withheld: true,
        }
    }

    /// The password itself: call only where it is meant to leave the program.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.value
    }

    /// Whether no password is here (never entered, or withheld).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Whether an export left the password out (and it was not entered since).
    #[must_use]
    pub fn is_withheld(&self) -> bool {
        self.withheld && self.value.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_withheld() {
            f.write_str("Secret(withheld)")
        } else if self.value.is_empty() {
            f.write_str("Secret(empty)")
        } else {
            f.write_str("Secret(***)")
        }
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_withheld() {
            serializer.serialize_none()
        } else {
            serializer.serialize_str(&self.value)
        }
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.map_or_else(Self::withheld, Self::new))
    }
}

/// A whole support case, as stored in a case file or draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Always [`SCHEMA_VERSION`] once loaded.
    pub schema_version: u64,
    /// The skill that fails to link.
    #[serde(default)]
    pub skill: Skill,
    /// Credentials for the skill's own login page.
    #[serde(default)]
    pub test_account: TestAccount,
    /// When, where and how linking failed.
    #[serde(default)]
    pub failure: Failure,
    /// The account-linking configuration from the developer console.
    #[serde(default)]
    pub account_linking: AccountLinking,
    /// Which of the guide's troubleshooting steps were tried.
    #[serde(default)]
    pub steps_tried: StepsTried,
    /// Anything else.
    #[serde(default)]
    pub notes: String,
    /// Keys this version does not know: kept, ignored, reported by `validate`.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for Case {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            skill: Skill::default(),
            test_account: TestAccount::default(),
            failure: Failure::default(),
            account_linking: AccountLinking::default(),
            steps_tried: StepsTried::default(),
            notes: String::new(),
            extra: Map::new(),
        }
    }
}

/// `skill.*`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    /// `amzn1.ask.skill.<uuid>`.
    #[serde(default)]
    pub id: String,
    /// Development, certification or live.
    #[serde(default)]
    pub stage: Option<SkillStage>,
    /// The name in "We were unable to link <skill name>".
    #[serde(default)]
    pub name: String,
    /// Custom, smart home, video or other.
    #[serde(default)]
    pub kind: Option<SkillKind>,
    /// Smart home only: whether "Send Alexa Events" is on.
    #[serde(default)]
    pub send_alexa_events: Option<bool>,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `test_account.*`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TestAccount {
    /// Login for the skill's account-linking page.
    #[serde(default)]
    pub username: String,
    /// Its password.
    #[serde(default)]
    pub password: Secret,
    /// Confirms these are not Amazon developer or retail credentials.
    #[serde(default)]
    pub not_amazon_credentials: bool,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `failure.*`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    /// Customer ID of the account that failed.
    #[serde(default)]
    pub customer_id: String,
    /// `YYYY-MM-DD HH:MM[:SS]`, wall clock in `time_zone`.
    #[serde(default)]
    pub local_time: String,
    /// IANA name, `UTC` or a fixed offset.
    #[serde(default)]
    pub time_zone: String,
    /// Set exactly when `local_time` falls in a DST gap or fold.
    #[serde(default)]
    pub disambiguation: Option<Disambiguation>,
    /// Derived: RFC 3339 UTC, written on save and export.
    #[serde(default)]
    pub utc: Option<String>,
    /// At least one.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// At least one.
    #[serde(default)]
    pub platforms: Vec<Platform>,
    /// Alexa app version; required for Android and iOS.
    #[serde(default)]
    pub app_version: String,
    /// Browser and version, when `browser` is a platform.
    #[serde(default)]
    pub browser: String,
    /// At least one.
    #[serde(default)]
    pub symptoms: Vec<Symptom>,
    /// What happened, in the developer's words.
    #[serde(default)]
    pub description: String,
    /// `https://` link to a screenshot.
    #[serde(default)]
    pub screenshot_url: String,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `account_linking.*`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountLinking {
    /// Authorization code or implicit grant.
    #[serde(default, rename = "type")]
    pub grant_type: Option<GrantType>,
    /// Where Alexa sends the customer to log in.
    #[serde(default)]
    pub authorization_url: String,
    /// The Domain List: exact hostnames the login page loads from.
    #[serde(default)]
    pub domains: Vec<String>,
    /// Token endpoint (authorization code grant only).
    #[serde(default)]
    pub access_token_url: String,
    /// Client authentication scheme at the token endpoint.
    #[serde(default)]
    pub access_token_scheme: Option<TokenScheme>,
    /// "Default Access Token Expiration Time" in seconds.
    #[serde(default)]
    pub default_token_expiration_seconds: Option<i64>,
    /// OAuth client id.
    #[serde(default)]
    pub client_id: String,
    /// OAuth scopes.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The developer's vendor id: the last part of Alexa's redirect URLs
    /// (`https://pitangui.amazon.com/api/skill/link/<vendor id>`).
    #[serde(default)]
    pub vendor_id: String,
    /// App-to-app account linking, when the skill uses it.
    #[serde(default)]
    pub app_to_app: AppToApp,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `account_linking.app_to_app.*`: app-to-app account linking (SMAPI `redirectUrls` and
/// `authorizationUrlsByPlatform`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppToApp {
    /// "Your Redirect URLs": the skill's own redirect URLs (universal links / app links)
    /// that the app's OAuth flow returns to.
    #[serde(default)]
    pub redirect_urls: Vec<String>,
    /// The authorization URL the iOS app opens.
    #[serde(default)]
    pub ios_authorization_url: String,
    /// The authorization URL the Android app opens.
    #[serde(default)]
    pub android_authorization_url: String,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `steps_tried.*`: one optional answer per step of DESIGN §4.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct StepsTried {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_server_logs: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_within_4_5s: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_json_200: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_auth_scheme: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_ttl_6min: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_kept: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_grant: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_app_devtools: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_list_exact: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_popups: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implicit_fragment: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google_offline: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_window: Option<StepState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub https_trusted_ca: Option<StepState>,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Maps each [`Step`] to its field, once, for both accessors.
macro_rules! step_fields {
    ($($variant:ident => $field:ident),+ $(,)?) => {
        impl StepsTried {
            /// The answer recorded for a step, if any.
            #[must_use]
            pub fn get(&self, step: Step) -> Option<StepState> {
                match step { $(Step::$variant => self.$field),+ }
            }

            /// Records (or clears) the answer for a step.
            pub fn set(&mut self, step: Step, state: Option<StepState>) {
                match step { $(Step::$variant => self.$field = state),+ }
            }
        }
    };
}

step_fields!(
    AuthServerLogs => auth_server_logs,
    TokenWithin4_5s => token_within_4_5s,
    TokenJson200 => token_json_200,
    ClientAuthScheme => client_auth_scheme,
    TokenTtl6min => token_ttl_6min,
    RefreshTokenKept => refresh_token_kept,
    AcceptGrant => accept_grant,
    WebAppDevtools => web_app_devtools,
    DomainListExact => domain_list_exact,
    NoPopups => no_popups,
    ImplicitFragment => implicit_fragment,
    GoogleOffline => google_offline,
    PrivateWindow => private_window,
    HttpsTrustedCa => https_trusted_ca,
);

impl Case {
    /// Every text value of the case (password, list entries and `failure.utc` included),
    /// mutably: for sanitizing where text enters, and for property tests.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        let Self {
            skill,
            test_account,
            failure,
            account_linking,
            notes,
            ..
        } = self;
        [
            &mut skill.id,
            &mut skill.name,
            &mut test_account.username,
            &mut test_account.password.value,
            &mut failure.customer_id,
            &mut failure.local_time,
            &mut failure.time_zone,
            &mut failure.app_version,
            &mut failure.browser,
            &mut failure.description,
            &mut failure.screenshot_url,
            &mut account_linking.authorization_url,
            &mut account_linking.access_token_url,
            &mut account_linking.client_id,
            &mut account_linking.vendor_id,
            &mut account_linking.app_to_app.ios_authorization_url,
            &mut account_linking.app_to_app.android_authorization_url,
            notes,
        ]
        .into_iter()
        .chain(failure.utc.iter_mut())
        .chain(account_linking.domains.iter_mut())
        .chain(account_linking.scopes.iter_mut())
        .chain(account_linking.app_to_app.redirect_urls.iter_mut())
    }

    /// Every map of unknown keys with the JSON path it sits under (`""` = top level).
    #[must_use]
    pub fn unknown_keys(&self) -> Vec<(&'static str, &Map<String, Value>)> {
        vec![
            ("", &self.extra),
            ("skill.", &self.skill.extra),
            ("test_account.", &self.test_account.extra),
            ("failure.", &self.failure.extra),
            ("account_linking.", &self.account_linking.extra),
            (
                "account_linking.app_to_app.",
                &self.account_linking.app_to_app.extra,
            ),
            ("steps_tried.", &self.steps_tried.extra),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_password() {
        let mut case = Case::default();
        case.test_account.password = Secret::new("hunter2-very-secret");
        let debug = format!("{case:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("Secret(***)"));
    }

    #[test]
    fn null_password_loads_as_withheld_and_saves_as_null() {
        let account: TestAccount = serde_json::from_str(r#"{"password": null}"#).unwrap();
        assert!(account.password.is_empty());
        assert!(account.password.is_withheld());
        let json = serde_json::to_value(&account).unwrap();
        assert_eq!(json["password"], Value::Null);
        let typed: TestAccount = serde_json::from_str(r#"{"password": ""}"#).unwrap();
        assert!(!typed.password.is_withheld());
    }

    #[test]
    fn choice_ids_round_trip() {
        for region in Region::ALL {
            assert_eq!(Region::from_id(region.id()), Some(*region));
        }
        assert_eq!(Step::ALL.len(), 14);
        assert_eq!(GrantType::from_id("AUTH_CODE"), Some(GrantType::AuthCode));
        assert_eq!(GrantType::from_id("auth_code"), None);
    }

    #[test]
    fn steps_tried_get_and_set_every_step() {
        let mut steps = StepsTried::default();
        for (i, step) in Step::ALL.iter().enumerate() {
            let state = StepState::ALL[i % 3];
            steps.set(*step, Some(state));
            assert_eq!(steps.get(*step), Some(state));
        }
        let json = serde_json::to_value(&steps).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 14);
    }
}
