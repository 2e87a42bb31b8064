//! The checklist as data: every field of a case with its section, labels, help text, kind
//! and required-ness. The form, the validators' messages and the exports all read this one
//! table, so a field is added in one place.

use super::model::{
    Case, ChoiceOption, Disambiguation, GrantType, Platform, Region, SkillKind, SkillStage, Step,
    StepState, Symptom, TokenScheme,
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
    SkillStage,
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
    VendorId,
    AppRedirectUrls,
    IosAuthorizationUrl,
    AndroidAuthorizationUrl,
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
    /// Only while the condition holds for the other answers.
    When(When),
    /// Never.
    No,
}

impl Required {
    /// Whether the field must be filled in this case.
    #[must_use]
    pub fn holds(self, case: &Case) -> bool {
        match self {
            Self::Yes => true,
            Self::When(when) => when.holds(case),
            Self::No => false,
        }
    }
}

/// A condition on the other answers of a case: when a field is required, or when it can
/// apply at all. "May" conditions count an unanswered question as "may apply", so a field
/// only disappears once an answer rules it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// The skill is a smart home skill, or its type is not answered yet.
    MaybeSmartHome,
    /// Android or iOS is among the platforms.
    Mobile,
    /// Android or iOS is among the platforms, or none is chosen yet.
    MaybeMobile,
    /// The browser is among the platforms, or none is chosen yet.
    MaybeBrowser,
    /// The local failure time falls in a DST gap or fold of its zone.
    DstEdge,
    /// The grant is Authorization Code.
    AuthCode,
    /// The grant is not Implicit (Authorization Code, or not answered yet).
    NotImplicit,
    /// The troubleshooting step can apply to this configuration.
    StepApplies(Step),
}

impl When {
    /// Whether the condition holds for `case`.
    #[must_use]
    pub fn holds(self, case: &Case) -> bool {
        let platforms = &case.failure.platforms;
        let grant = case.account_linking.grant_type;
        match self {
            Self::Always => true,
            Self::MaybeSmartHome => matches!(case.skill.kind, None | Some(SkillKind::SmartHome)),
            Self::Mobile => platforms
                .iter()
                .any(|p| matches!(p, Platform::Android | Platform::Ios)),
            Self::MaybeMobile => platforms.is_empty() || Self::Mobile.holds(case),
            Self::MaybeBrowser => platforms.is_empty() || platforms.contains(&Platform::Browser),
            Self::DstEdge => {
                matches!(case.failure.resolve(), Ok((resolved, _)) if resolved.is_ambiguous())
            }
            Self::AuthCode => grant == Some(GrantType::AuthCode),
            Self::NotImplicit => grant != Some(GrantType::Implicit),
            Self::StepApplies(step) => step_applies(case, step),
        }
    }

    /// The condition in words, after "required" or "only".
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Always => "always",
            Self::MaybeSmartHome => "for smart home skills",
            Self::Mobile | Self::MaybeMobile => "when Android or iOS is a platform",
            Self::MaybeBrowser => "when the web app in a browser is a platform",
            Self::DstEdge => "when the local time falls in a DST gap or fold",
            Self::AuthCode => "for Authorization Code Grant",
            Self::NotImplicit => "unless the grant is Implicit",
            Self::StepApplies(_) => "when the step can apply to this configuration",
        }
    }
}

/// Whether a troubleshooting step can apply to the configuration. Unknown answers (no
/// grant type, no skill kind, no authorization URL) count as "may apply".
fn step_applies(case: &Case, step: Step) -> bool {
    step_fact(case, step) != Some(false)
}

/// What the configuration says about a step: `Some(true)` when a fact makes it apply (an
/// authorization code grant for the token steps, a Google authorization URL for the Google
/// step), `Some(false)` when a fact rules it out, `None` when nothing decides it. Imports
/// only ever mark a step `not_applicable` from `Some(false)`, and withdraw that answer on
/// `Some(true)`. The facts are the troubleshooting guide's: the token steps are about the
/// authorization code grant's token request, `AcceptGrant` about smart home skills with Send
/// Alexa Events, the fragment about the implicit grant, `access_type=offline` about Google.
#[must_use]
pub fn step_fact(case: &Case, step: Step) -> Option<bool> {
    let al = &case.account_linking;
    let grant = al.grant_type;
    match step {
        // The token endpoint is only called in the authorization code grant.
        Step::TokenWithin4_5s
        | Step::TokenJson200
        | Step::ClientAuthScheme
        | Step::TokenTtl6min
        | Step::RefreshTokenKept => grant.map(|g| g == GrantType::AuthCode),
        Step::AcceptGrant => match (case.skill.kind, case.skill.send_alexa_events) {
            (Some(kind), _) if kind != SkillKind::SmartHome => Some(false),
            (_, Some(false)) => Some(false),
            (Some(SkillKind::SmartHome), Some(true)) => Some(true),
            _ => None,
        },
        Step::ImplicitFragment => grant.map(|g| g == GrantType::Implicit),
        Step::GoogleOffline if al.authorization_url.trim().is_empty() => None,
        Step::GoogleOffline => Some(super::validate::url::is_google(&al.authorization_url)),
        Step::AuthServerLogs
        | Step::WebAppDevtools
        | Step::DomainListExact
        | Step::NoPopups
        | Step::PrivateWindow
        | Step::HttpsTrustedCa => None,
    }
}

/// Where a field's value goes in the text and Markdown exports (the JSON export is the case
/// file itself, laid out by [`Field::path`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// An item of the guide's list, at this rank (0 first).
    Guide(u8),
    /// A line of the account-linking configuration block, at this rank (the guide's
    /// order: authorization URL, Domain List, grant type, then the token settings).
    Configuration(u8),
    /// A line of the "Steps already tried" block, in table order.
    Steps,
    /// The closing notes.
    Notes,
    /// Shown inside another field's item (the password in the credentials line, the local
    /// time and zone in the UTC line).
    Part(FieldId),
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
    /// When it can apply at all, from the other answers; a field that cannot apply is not
    /// asked and not exported.
    pub applies: When,
    /// Where it goes in the text and Markdown exports.
    pub place: Place,
    /// The keys of a SMAPI account-linking object that fill it on import.
    pub import_keys: &'static [&'static str],
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
            applies: When::StepApplies(Step::$variant),
            place: Place::Steps,
            import_keys: &[],
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
        applies: When::Always,
        place: Place::Guide(0),
        import_keys: &[],
    },
    Field {
        id: FieldId::SkillStage,
        section: Section::Skill,
        path: "skill.stage",
        label: "Skill stage",
        help: "Which version of the skill failed to link: the one in development (testing in \
               the console or on your own devices), the one in certification, or the live one \
               customers use. Each stage has its own account-linking settings.",
        kind: FieldKind::Choice(SkillStage::OPTIONS),
        required: Required::No,
        applies: When::Always,
        place: Place::Guide(1),
        import_keys: &[],
    },
    Field {
        id: FieldId::SkillName,
        section: Section::Skill,
        path: "skill.name",
        label: "Skill name",
        help: "The name the Alexa app shows in \"We were unable to link <skill name> at this time\".",
        kind: FieldKind::Text,
        required: Required::No,
        applies: When::Always,
        place: Place::Guide(9),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Guide(10),
        import_keys: &[],
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
        applies: When::MaybeSmartHome,
        place: Place::Guide(11),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Guide(2),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Part(FieldId::Username),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Part(FieldId::Username),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Guide(3),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Part(FieldId::Utc),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Part(FieldId::Utc),
        import_keys: &[],
    },
    Field {
        id: FieldId::Disambiguation,
        section: Section::Failure,
        path: "failure.disambiguation",
        label: "Which instant",
        help: "Only when the clocks changed around that time: a skipped or repeated local time \
               could mean two instants. Pick the earlier or the later one.",
        kind: FieldKind::Choice(Disambiguation::OPTIONS),
        required: Required::When(When::DstEdge),
        applies: When::DstEdge,
        place: Place::Part(FieldId::Utc),
        import_keys: &[],
    },
    Field {
        id: FieldId::Utc,
        section: Section::Failure,
        path: "failure.utc",
        label: "Time of failure (UTC)",
        help: "Worked out from the local time and zone; Amazon's logs are in UTC.",
        kind: FieldKind::Derived,
        required: Required::No,
        applies: When::Always,
        place: Place::Guide(4),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Guide(5),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Guide(6),
        import_keys: &[],
    },
    Field {
        id: FieldId::AppVersion,
        section: Section::Failure,
        path: "failure.app_version",
        label: "Alexa app version",
        help: "In the Alexa app: More → Settings → About. It looks like 2.2.596798.0.",
        kind: FieldKind::Text,
        required: Required::When(When::Mobile),
        applies: When::MaybeMobile,
        place: Place::Guide(7),
        import_keys: &[],
    },
    Field {
        id: FieldId::Browser,
        section: Section::Failure,
        path: "failure.browser",
        label: "Browser",
        help: "Browser name and version, e.g. Firefox 133, when the web app was used.",
        kind: FieldKind::Text,
        required: Required::No,
        applies: When::MaybeBrowser,
        place: Place::Guide(8),
        import_keys: &[],
    },
    Field {
        id: FieldId::Symptoms,
        section: Section::Failure,
        path: "failure.symptoms",
        label: "What happened",
        help: "Everything the customer saw. Each symptom points support at different causes.",
        kind: FieldKind::Multi(Symptom::OPTIONS),
        required: Required::Yes,
        applies: When::Always,
        place: Place::Guide(12),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Guide(13),
        import_keys: &[],
    },
    Field {
        id: FieldId::ScreenshotUrl,
        section: Section::Failure,
        path: "failure.screenshot_url",
        label: "Screenshot",
        help: "An https:// link to a screenshot of the failure, if you have one.",
        kind: FieldKind::Url,
        required: Required::No,
        applies: When::Always,
        place: Place::Guide(14),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Configuration(2),
        import_keys: &["type"],
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
        applies: When::Always,
        place: Place::Configuration(0),
        import_keys: &["authorizationUrl"],
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
        applies: When::Always,
        place: Place::Configuration(1),
        import_keys: &["domains"],
    },
    Field {
        id: FieldId::AccessTokenUrl,
        section: Section::Configuration,
        path: "account_linking.access_token_url",
        label: "Access Token URL",
        help: "Authorization code grant only: where Alexa exchanges the code for tokens.",
        kind: FieldKind::Url,
        required: Required::When(When::AuthCode),
        applies: When::NotImplicit,
        place: Place::Configuration(3),
        import_keys: &["accessTokenUrl"],
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
        applies: When::NotImplicit,
        place: Place::Configuration(4),
        import_keys: &["accessTokenScheme"],
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
        applies: When::NotImplicit,
        place: Place::Configuration(5),
        import_keys: &["defaultTokenExpirationInSeconds"],
    },
    Field {
        id: FieldId::ClientId,
        section: Section::Configuration,
        path: "account_linking.client_id",
        label: "Client ID",
        help: "The OAuth client id Alexa uses with your server. Never paste the client secret.",
        kind: FieldKind::Text,
        required: Required::No,
        applies: When::Always,
        place: Place::Configuration(6),
        import_keys: &["clientId"],
    },
    Field {
        id: FieldId::Scopes,
        section: Section::Configuration,
        path: "account_linking.scopes",
        label: "Scopes",
        help: "The OAuth scopes Alexa asks for, up to 15.",
        kind: FieldKind::List,
        required: Required::No,
        applies: When::Always,
        place: Place::Configuration(7),
        import_keys: &["scopes"],
    },
    Field {
        id: FieldId::VendorId,
        section: Section::Configuration,
        path: "account_linking.vendor_id",
        label: "Vendor ID",
        help: "Your developer account's vendor id: the part after /api/skill/link/ in the Alexa \
               Redirect URLs of the Account Linking page (also in the ASK CLI's cli_config). With \
               it linkcase shows the exact redirect URLs your OAuth server must allow.",
        kind: FieldKind::Text,
        required: Required::No,
        applies: When::Always,
        place: Place::Configuration(8),
        import_keys: &[],
    },
    Field {
        id: FieldId::AppRedirectUrls,
        section: Section::Configuration,
        path: "account_linking.app_to_app.redirect_urls",
        label: "App-to-app: Your Redirect URLs",
        help: "App-to-app linking only: your own redirect URLs (universal links or app links) \
               that your app's login returns to. Not Alexa's redirect URLs. Empty when the skill \
               does not link from its own app.",
        kind: FieldKind::List,
        required: Required::No,
        applies: When::Always,
        place: Place::Configuration(9),
        import_keys: &[],
    },
    Field {
        id: FieldId::IosAuthorizationUrl,
        section: Section::Configuration,
        path: "account_linking.app_to_app.ios_authorization_url",
        label: "App-to-app: iOS authorization URL",
        help: "App-to-app linking only: the authorization URL your iOS app opens.",
        kind: FieldKind::Url,
        required: Required::No,
        applies: When::Always,
        place: Place::Configuration(10),
        import_keys: &[],
    },
    Field {
        id: FieldId::AndroidAuthorizationUrl,
        section: Section::Configuration,
        path: "account_linking.app_to_app.android_authorization_url",
        label: "App-to-app: Android authorization URL",
        help: "App-to-app linking only: the authorization URL your Android app opens.",
        kind: FieldKind::Url,
        required: Required::No,
        applies: When::Always,
        place: Place::Configuration(11),
        import_keys: &[],
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
        applies: When::Always,
        place: Place::Notes,
        import_keys: &[],
    },
];

/// The checklist row of a field.
#[must_use]
pub fn field(id: FieldId) -> &'static Field {
    // In bounds and the right row for every id: `every_field_id_has_exactly_one_row`
    // checks `FIELDS[id.row()].id == id` for all of them.
    &FIELDS[id.row()]
}

/// Every field id, in checklist order.
pub fn all_ids() -> impl Iterator<Item = FieldId> {
    FIELDS.iter().map(|f| f.id)
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
    /// The index of this field's row in [`FIELDS`]: a match, so a new id does not compile
    /// until it has a row.
    #[must_use]
    pub const fn row(self) -> usize {
        const STEPS: usize = 32;
        match self {
            Self::SkillId => 0,
            Self::SkillStage => 1,
            Self::SkillName => 2,
            Self::SkillKind => 3,
            Self::SendAlexaEvents => 4,
            Self::Username => 5,
            Self::Password => 6,
            Self::NotAmazonCredentials => 7,
            Self::CustomerId => 8,
            Self::LocalTime => 9,
            Self::TimeZone => 10,
            Self::Disambiguation => 11,
            Self::Utc => 12,
            Self::Regions => 13,
            Self::Platforms => 14,
            Self::AppVersion => 15,
            Self::Browser => 16,
            Self::Symptoms => 17,
            Self::Description => 18,
            Self::ScreenshotUrl => 19,
            Self::GrantType => 20,
            Self::AuthorizationUrl => 21,
            Self::Domains => 22,
            Self::AccessTokenUrl => 23,
            Self::AccessTokenScheme => 24,
            Self::TokenExpiration => 25,
            Self::ClientId => 26,
            Self::Scopes => 27,
            Self::VendorId => 28,
            Self::AppRedirectUrls => 29,
            Self::IosAuthorizationUrl => 30,
            Self::AndroidAuthorizationUrl => 31,
            Self::Step(step) => STEPS + step as usize,
            Self::Notes => STEPS + Step::ALL.len(),
        }
    }

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

    #[test]
    fn every_field_id_has_exactly_one_row() {
        for (row, f) in FIELDS.iter().enumerate() {
            assert_eq!(f.id.row(), row, "{:?}", f.id);
            assert_eq!(
                FIELDS.iter().filter(|g| g.id == f.id).count(),
                1,
                "{:?}",
                f.id
            );
        }
        for step in Step::ALL {
            assert_eq!(field(FieldId::Step(*step)).id, FieldId::Step(*step));
        }
        assert_eq!(field(FieldId::Notes).id, FieldId::Notes);
    }

    #[test]
    fn a_part_belongs_to_a_field_that_has_its_own_place() {
        for f in FIELDS {
            if let Place::Part(owner) = f.place {
                assert!(!matches!(field(owner).place, Place::Part(_)), "{}", f.path);
            }
        }
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
