//! The checklist as data: every field of a case with its section, labels, help text, kind
//! and required-ness. The form, the validators' messages and the exports all read this one
//! table, so a field is added in one place.

use super::model::{
    ChoiceOption, Disambiguation, GrantType, Platform, Region, SkillKind, Step, StepState, Symptom,
    TokenScheme,
};

/// The sections of the checklist, in the guide's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// The skill itself.
    Skill,
    /// Credentials for the skill's login page.
    TestAccount,
    /// When, where and how linking failed.
    Failure,
    /// The account-linking configuration.
    Configuration,
    /// The guide's troubleshooting steps.
    StepsTried,
    /// Anything else.
    Notes,
}

impl Section {
    /// Every section, in order.
    pub const ALL: &'static [Self] = &[
        Self::Skill,
        Self::TestAccount,
        Self::Failure,
        Self::Configuration,
        Self::StepsTried,
        Self::Notes,
    ];

    /// The section's title.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Skill => "Skill",
            Self::TestAccount => "Test account",
            Self::Failure => "Failure",
            Self::Configuration => "Account linking configuration",
            Self::StepsTried => "Steps already tried",
            Self::Notes => "Notes",
        }
    }
}

/// Identifies one field of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum FieldId {
    SkillId,
    SkillName,
    SkillKind,
    SendAlexaEvents,
    Username,
    Password,
    NotAmazonCredentials,
    CustomerId,
    LocalTime,
    TimeZone,
    Disambiguation,
    Utc,
    Regions,
    Platforms,
    AppVersion,
    Browser,
    Symptoms,
    Description,
    ScreenshotUrl,
    GrantType,
    AuthorizationUrl,
    Domains,
    AccessTokenUrl,
    AccessTokenScheme,
    TokenExpiration,
    ClientId,
    Scopes,
    Step(Step),
    Notes,
}

/// What kind of value a field holds, which decides its editor and its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// One line of text, masked on screen.
    Secret,
    /// Several lines of text.
    LongText,
    /// An `https://` URL.
    Url,
    /// A whole number.
    Number,
    /// One of the options, or none.
    Choice(&'static [ChoiceOption]),
    /// Any number of the options.
    Multi(&'static [ChoiceOption]),
    /// Yes, no, or not answered.
    YesNo,
    /// A statement that must be confirmed.
    Confirm,
    /// A list of short texts.
    List,
    /// A local date and time.
    LocalTime,
    /// A time zone.
    Zone,
    /// Computed from other fields; not edited.
    Derived,
}

/// Whether a field must be filled for the case to be complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// Always.
    Yes,
    /// Only in some configurations; the text says when.
    When(&'static str),
    /// Never.
    No,
}

/// One row of the checklist.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Which field.
    pub id: FieldId,
    /// The section it is shown in.
    pub section: Section,
    /// Its JSON path in the case file.
    pub path: &'static str,
    /// Its label on screen and in the exports.
    pub label: &'static str,
    /// Where to find the value and what a right one looks like, in our own words.
    pub help: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether it must be filled.
    pub required: Required,
}

const STEP_OPTIONS: &[ChoiceOption] = StepState::OPTIONS;

macro_rules! step_field {
    ($variant:ident, $path:literal, $help:literal) => {
        Field {
            id: FieldId::Step(Step::$variant),
            section: Section::StepsTried,
            path: $path,
            label: Step::$variant.label(),
            help: $help,
            kind: FieldKind::Choice(STEP_OPTIONS),
            required: Required::No,
        }
    };
}

/// The whole checklist, in the order of the guide's "If all else fails" list.
pub const FIELDS: &[Field] = &[
    Field {
        id: FieldId::SkillId,
        section: Section::Skill,
        path: "skill.id",
        label: "Skill ID",
        help: "The skill's ID from the developer console: open the skill and use \"Copy Skill ID\" \
               under its name. It looks like amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff \
               (lowercase hex).",
        kind: FieldKind::Text,
        required: Required::Yes,
    },
    Field {
        id: FieldId::SkillName,
        section: Section::Skill,
        path: "skill.name",
        label: "Skill name",
        help: "The name the Alexa app shows in \"We were unable to link <skill name> at this time\".",
        kind: FieldKind::Text,
        required: Required::No,
    },
    Field {
        id: FieldId::SkillKind,
        section: Section::Skill,
        path: "skill.kind",
        label: "Skill type",
        help: "The skill's model in the developer console. Smart home skills have an extra \
               linking step (AcceptGrant) when they send events to Alexa.",
        kind: FieldKind::Choice(SkillKind::OPTIONS),
        required: Required::No,
    },
    Field {
        id: FieldId::SendAlexaEvents,
        section: Section::Skill,
        path: "skill.send_alexa_events",
        label: "Send Alexa Events permission",
        help: "Smart home only: whether \"Send Alexa Events\" is switched on under Permissions. \
               If it is, the skill must answer the AcceptGrant directive during linking.",
        kind: FieldKind::YesNo,
        required: Required::No,
    },
    Field {
        id: FieldId::Username,
        section: Section::TestAccount,
        path: "test_account.username",
        label: "Test account username",
        help: "A login that works on the skill's own sign-in page (the authorization URL), so \
               Amazon can try linking themselves.",
        kind: FieldKind::Text,
        required: Required::Yes,
    },
    Field {
        id: FieldId::Password,
        section: Section::TestAccount,
        path: "test_account.password",
        label: "Test account password",
        help: "The password of that test login. It is masked on screen and left out of exports \
               unless you ask for it.",
        kind: FieldKind::Secret,
        required: Required::Yes,
    },
    Field {
        id: FieldId::NotAmazonCredentials,
        section: Section::TestAccount,
        path: "test_account.not_amazon_credentials",
        label: "Not Amazon credentials",
        help: "Confirm this login is for your service only. Never hand over your Amazon developer \
               or shopping account: Amazon will not accept them.",
        kind: FieldKind::Confirm,
        required: Required::Yes,
    },
    Field {
        id: FieldId::CustomerId,
        section: Section::Failure,
        path: "failure.customer_id",
        label: "Customer ID of the account that failed",
        help: "Sign in to developer.amazon.com/mycid.html with the Amazon account that could not \
               link and copy the customer ID it shows, e.g. A2Z2SH760RV43M.",
        kind: FieldKind::Text,
        required: Required::Yes,
    },
    Field {
        id: FieldId::LocalTime,
        section: Section::Failure,
        path: "failure.local_time",
        label: "Time of failure (local)",
        help: "When the failed attempt happened on your clock: YYYY-MM-DD HH:MM, seconds optional. \
               It is converted to UTC with the time zone below.",
        kind: FieldKind::LocalTime,
        required: Required::Yes,
    },
    Field {
        id: FieldId::TimeZone,
        section: Section::Failure,
        path: "failure.time_zone",
        label: "Time zone",
        help: "The zone of that clock: a name like America/New_York, UTC, or an offset like +05:30. \
               Abbreviations such as PST are ambiguous; search for them to find a zone.",
        kind: FieldKind::Zone,
        required: Required::Yes,
    },
    Field {
        id: FieldId::Disambiguation,
        section: Section::Failure,
        path: "failure.disambiguation",
        label: "Which instant",
        help: "Only when the clocks changed around that time: a skipped or repeated local time \
               could mean two instants. Pick the earlier or the later one.",
        kind: FieldKind::Choice(Disambiguation::OPTIONS),
        required: Required::When("when the local time falls in a DST gap or fold"),
    },
    Field {
        id: FieldId::Utc,
        section: Section::Failure,
        path: "failure.utc",
        label: "Time of failure (UTC)",
        help: "Worked out from the local time and zone; Amazon's logs are in UTC.",
        kind: FieldKind::Derived,
        required: Required::No,
    },
    Field {
        id: FieldId::Regions,
        section: Section::Failure,
        path: "failure.regions",
        label: "Region(s)",
        help: "Where the customer's Alexa account lives: NA, EU, or FE (Far East: Japan, \
               Australia; the guide calls it Asia). Pick every region that fails.",
        kind: FieldKind::Multi(Region::OPTIONS),
        required: Required::Yes,
    },
    Field {
        id: FieldId::Platforms,
        section: Section::Failure,
        path: "failure.platforms",
        label: "Device/platform",
        help: "Where linking was tried: the Alexa app on Android or iOS, or the Alexa web app in \
               a browser (alexa.amazon.com and its regional sites).",
        kind: FieldKind::Multi(Platform::OPTIONS),
        required: Required::Yes,
    },
    Field {
        id: FieldId::AppVersion,
        section: Section::Failure,
        path: "failure.app_version",
        label: "Alexa app version",
        help: "In the Alexa app: More → Settings → About. It looks like 2.2.596798.0.",
        kind: FieldKind::Text,
        required: Required::When("when Android or iOS is a platform"),
    },
    Field {
        id: FieldId::Browser,
        section: Section::Failure,
        path: "failure.browser",
        label: "Browser",
        help: "Browser name and version, e.g. Firefox 133, when the web app was used.",
        kind: FieldKind::Text,
        required: Required::No,
    },
    Field {
        id: FieldId::Symptoms,
        section: Section::Failure,
        path: "failure.symptoms",
        label: "What happened",
        help: "Everything the customer saw. Each symptom points support at different causes.",
        kind: FieldKind::Multi(Symptom::OPTIONS),
        required: Required::Yes,
    },
    Field {
        id: FieldId::Description,
        section: Section::Failure,
        path: "failure.description",
        label: "Description",
        help: "The steps taken and what went wrong, in your words: which page, which button, any \
               error text. Ctrl+E opens your $EDITOR.",
        kind: FieldKind::LongText,
        required: Required::Yes,
    },
    Field {
        id: FieldId::ScreenshotUrl,
        section: Section::Failure,
        path: "failure.screenshot_url",
        label: "Screenshot",
        help: "An https:// link to a screenshot of the failure, if you have one.",
        kind: FieldKind::Url,
        required: Required::No,
    },
    Field {
        id: FieldId::GrantType,
        section: Section::Configuration,
        path: "account_linking.type",
        label: "Account Linking Type",
        help: "Developer console → Account Linking. Authorization Code Grant: Alexa swaps a code \
               for tokens at your token URL. Implicit Grant: your page hands the token back \
               directly.",
        kind: FieldKind::Choice(GrantType::OPTIONS),
        required: Required::Yes,
    },
    Field {
        id: FieldId::AuthorizationUrl,
        section: Section::Configuration,
        path: "account_linking.authorization_url",
        label: "Authorization URL",
        help: "Your Web Authorization URI: the login page Alexa opens. It must be https:// on a \
               public host.",
        kind: FieldKind::Url,
        required: Required::Yes,
    },
    Field {
        id: FieldId::Domains,
        section: Section::Configuration,
        path: "account_linking.domains",
        label: "Domain List",
        help: "Every other host the login page loads from, exactly as written (oauth.example.com, \
               not example.com), without https:// or paths. Up to 15.",
        kind: FieldKind::List,
        required: Required::No,
    },
    Field {
        id: FieldId::AccessTokenUrl,
        section: Section::Configuration,
        path: "account_linking.access_token_url",
        label: "Access Token URL",
        help: "Authorization code grant only: where Alexa exchanges the code for tokens.",
        kind: FieldKind::Url,
        required: Required::No,
    },
    Field {
        id: FieldId::AccessTokenScheme,
        section: Section::Configuration,
        path: "account_linking.access_token_scheme",
        label: "Client Authentication Scheme",
        help: "How Alexa sends the client credentials to the token URL: HTTP Basic or in the \
               request body. Alexa supports no other scheme.",
        kind: FieldKind::Choice(TokenScheme::OPTIONS),
        required: Required::No,
    },
    Field {
        id: FieldId::TokenExpiration,
        section: Section::Configuration,
        path: "account_linking.default_token_expiration_seconds",
        label: "Default Access Token Expiration Time",
        help: "Seconds an access token lives when your server does not say. At least 360: \
               shorter tokens make customers link again.",
        kind: FieldKind::Number,
        required: Required::No,
    },
    Field {
        id: FieldId::ClientId,
        section: Section::Configuration,
        path: "account_linking.client_id",
        label: "Client ID",
        help: "The OAuth client id Alexa uses with your server. Never paste the client secret.",
        kind: FieldKind::Text,
        required: Required::No,
    },
    Field {
        id: FieldId::Scopes,
        section: Section::Configuration,
        path: "account_linking.scopes",
        label: "Scopes",
        help: "The OAuth scopes Alexa asks for, up to 15.",
        kind: FieldKind::List,
        required: Required::No,
    },
    step_field!(
        AuthServerLogs,
        "steps_tried.auth_server_logs",
        "Look at what your authorization server answered when Alexa brought the code to swap it \
         for tokens. Most failures show up there."
    ),
    step_field!(
        TokenWithin4_5s,
        "steps_tried.token_within_4_5s",
        "Alexa gives up on the token request after 4.5 seconds."
    ),
    step_field!(
        TokenJson200,
        "steps_tried.token_json_200",
        "The token response must be 200 OK with a JSON body; a form-encoded body fails."
    ),
    step_field!(
        ClientAuthScheme,
        "steps_tried.client_auth_scheme",
        "Your server accepts client credentials as HTTP Basic or in the request body."
    ),
    step_field!(
        TokenTtl6min,
        "steps_tried.token_ttl_6min",
        "expires_in is at least 360 seconds, and so is the console's default expiration."
    ),
    step_field!(
        RefreshTokenKept,
        "steps_tried.refresh_token_kept",
        "A refresh token still works some time after its access token expired; Alexa may \
         refresh late."
    ),
    step_field!(
        AcceptGrant,
        "steps_tried.accept_grant",
        "Smart home with Send Alexa Events: the skill answers the AcceptGrant directive. Turning \
         the permission off and linking again tells whether this is the cause."
    ),
    step_field!(
        WebAppDevtools,
        "steps_tried.web_app_devtools",
        "Linked in the Alexa web app with the browser's developer tools open, watching the \
         requests; the state parameter must come back unchanged."
    ),
    step_field!(
        DomainListExact,
        "steps_tried.domain_list_exact",
        "Every host the login page calls is in the Domain List, exactly: oauth.example.com needs \
         its own entry."
    ),
    step_field!(
        NoPopups,
        "steps_tried.no_popups",
        "Linking inside the Alexa app cannot follow popups."
    ),
    step_field!(
        ImplicitFragment,
        "steps_tried.implicit_fragment",
        "Implicit grant: the token and state come back after # in the redirect URL, not in its \
         query."
    ),
    step_field!(
        GoogleOffline,
        "steps_tried.google_offline",
        "Google sign-in: access_type=offline is requested, and earlier consent for the test \
         account was revoked so that Google issues a refresh token again."
    ),
    step_field!(
        PrivateWindow,
        "steps_tried.private_window",
        "Linking works in a private window? Then the redirect is too large: shorten the redirect \
         URL and the authorization code."
    ),
    step_field!(
        HttpsTrustedCa,
        "steps_tried.https_trusted_ca",
        "Both URLs are HTTPS with a certificate from a CA that Amazon trusts."
    ),
    Field {
        id: FieldId::Notes,
        section: Section::Notes,
        path: "notes",
        label: "Notes",
        help: "Anything else support should know.",
        kind: FieldKind::LongText,
        required: Required::No,
    },
];

/// The checklist row of a field.
#[must_use]
pub fn field(id: FieldId) -> &'static Field {
    // Every `FieldId` has a row: `every_field_id_has_exactly_one_row` checks it, so the
    // fallback (the first row) is never taken.
    FIELDS.iter().find(|f| f.id == id).unwrap_or(&FIELDS[0])
}

/// The field whose JSON path is `path` or a prefix of it (`failure.regions[2]`).
#[must_use]
pub fn field_for_path(path: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| {
        path.strip_prefix(f.path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('['))
    })
}

impl FieldId {
    /// The checklist row of this field.
    #[must_use]
    pub fn field(self) -> &'static Field {
        field(self)
    }

    /// Its JSON path.
    #[must_use]
    pub fn path(self) -> &'static str {
        field(self).path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_ids() -> Vec<FieldId> {
        let mut ids = vec![
            FieldId::SkillId,
            FieldId::SkillName,
            FieldId::SkillKind,
            FieldId::SendAlexaEvents,
            FieldId::Username,
            FieldId::Password,
            FieldId::NotAmazonCredentials,
            FieldId::CustomerId,
            FieldId::LocalTime,
            FieldId::TimeZone,
            FieldId::Disambiguation,
            FieldId::Utc,
            FieldId::Regions,
            FieldId::Platforms,
            FieldId::AppVersion,
            FieldId::Browser,
            FieldId::Symptoms,
            FieldId::Description,
            FieldId::ScreenshotUrl,
            FieldId::GrantType,
            FieldId::AuthorizationUrl,
            FieldId::Domains,
            FieldId::AccessTokenUrl,
            FieldId::AccessTokenScheme,
            FieldId::TokenExpiration,
            FieldId::ClientId,
            FieldId::Scopes,
            FieldId::Notes,
        ];
        ids.extend(Step::ALL.iter().map(|s| FieldId::Step(*s)));
        ids
    }

    #[test]
    fn every_field_id_has_exactly_one_row() {
        for id in all_ids() {
            assert_eq!(FIELDS.iter().filter(|f| f.id == id).count(), 1, "{id:?}");
        }
        assert_eq!(FIELDS.len(), all_ids().len());
    }

    #[test]
    fn paths_are_unique_and_match_steps() {
        for f in FIELDS {
            assert_eq!(
                FIELDS.iter().filter(|g| g.path == f.path).count(),
                1,
                "{}",
                f.path
            );
            if let FieldId::Step(step) = f.id {
                assert_eq!(f.path, format!("steps_tried.{}", step.id()));
            }
        }
    }

    #[test]
    fn field_for_path_strips_indexes_but_not_longer_names() {
        assert_eq!(
            field_for_path("failure.regions[2]").map(|f| f.id),
            Some(FieldId::Regions)
        );
        assert_eq!(
            field_for_path("skill.id").map(|f| f.id),
            Some(FieldId::SkillId)
        );
        assert!(field_for_path("skill.idx").is_none());
    }

    #[test]
    fn sections_appear_in_order() {
        let order: Vec<Section> = FIELDS.iter().map(|f| f.section).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
    }
}
