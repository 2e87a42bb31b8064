//! What a probe result means: one check per thing Alexa needs from the token endpoint, and
//! a one-line summary for the case's notes.

use std::fmt;

use chrono::{DateTime, Utc};

use super::{Answer, Body, ProbeResult};

/// How one check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CheckLevel {
    /// Alexa would fail on this.
    Fail,
    /// Worth a look.
    Warn,
    /// As Alexa needs it.
    Pass,
    /// Not known (no answer to judge).
    Unknown,
}

impl fmt::Display for CheckLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Fail => "FAIL",
            Self::Warn => "WARN",
            Self::Pass => "ok",
            Self::Unknown => "?",
        })
    }
}

/// One line of the probe report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// How it came out.
    pub level: CheckLevel,
    /// What was checked: `TLS`, `certificate`, `time`, `status`, `Content-Type`, `body`.
    pub what: &'static str,
    /// What was seen, and what it means.
    pub detail: String,
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<4} {:<12} {}", self.level, self.what, self.detail)
    }
}

/// A certificate that expires within this many days is a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 14;

/// A certificate name, or `(no name)` for an empty one.
fn or_unnamed(name: &str) -> &str {
    if name.is_empty() { "(no name)" } else { name }
}

/// The RFC 6749 §5.2 error codes.
const RFC_ERRORS: &[&str] = &[
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
];

/// `10` for 10 s, `0.5` for 500 ms.
fn seconds(duration: std::time::Duration) -> String {
    if duration.subsec_millis() == 0 {
        duration.as_secs().to_string()
    } else {
        format!("{:.1}", duration.as_secs_f64())
    }
}

fn check(level: CheckLevel, what: &'static str, detail: impl Into<String>) -> Check {
    Check {
        level,
        what,
        detail: detail.into(),
    }
}

impl ProbeResult {
    fn millis(&self) -> u128 {
        self.elapsed.as_millis()
    }

    /// Every check, in the order TLS, certificate, time, status, Content-Type, body.
    #[must_use]
    pub fn checks(&self) -> Vec<Check> {
        use CheckLevel::{Fail, Pass, Unknown, Warn};
        let mut out = Vec::new();
        let tls = match (&self.answer, self.https) {
            (_, false) => check(
                Fail,
                "TLS",
                "plain http://: Alexa only calls https:// endpoints",
            ),
            (Answer::Tls(why), true) => check(
                Fail,
                "TLS",
                format!("handshake failed ({why}): Alexa needs a certificate from a CA it trusts"),
            ),
            (Answer::Response { .. }, true) => check(
                Pass,
                "TLS",
                "certificate valid and trusted (rustls, Mozilla's CA list)",
            ),
            _ => check(Unknown, "TLS", "not known: no connection"),
        };
        out.push(tls);
        out.extend(self.certificate_check());
        let ms = self.millis();
        let limit = self.limits.alexa.as_millis();
        let (status, content_type, body) = match &self.answer {
            Answer::Response {
                status,
                content_type,
                body,
            } => (*status, content_type, body),
            Answer::TimedOut => {
                out.push(check(
                    Fail,
                    "time",
                    format!(
                        "no answer within {} s; Alexa gives up after 4.5 s",
                        seconds(self.limits.give_up)
                    ),
                ));
                return out;
            }
            Answer::Tls(_) => return out,
            Answer::Connection(why) => {
                out.push(check(
                    Fail,
                    "connection",
                    format!("failed after {ms} ms: {why}"),
                ));
                return out;
            }
        };
        out.push(if self.elapsed <= self.limits.alexa {
            check(
                Pass,
                "time",
                format!("answered in {ms} ms (Alexa waits {limit} ms)"),
            )
        } else {
            check(
                Fail,
                "time",
                format!("answered in {ms} ms, over Alexa's {limit} ms limit"),
            )
        });
        out.push(match (status, body) {
            (400 | 401, Body::Json { error: Some(_), .. }) => {
                check(Pass, "status", format!("{status}, as RFC 6749 §5.2 asks for a refused code"))
            }
            (200, Body::Json { access_token: true, .. }) => check(
                Warn,
                "status",
                "200 with an access token for a code that cannot be valid: does the server check codes?",
            ),
            (500..=599, _) => check(Fail, "status", format!("{status}: the server failed on the request")),
            _ => check(Warn, "status", format!("{status}: a refused code should get 400 with a JSON error")),
        });
        let media = content_type.as_deref().unwrap_or("none");
        out.push(if media.to_ascii_lowercase().contains("json") {
            check(Pass, "Content-Type", media)
        } else {
            check(
                Fail,
                "Content-Type",
                format!("{media}: Alexa only reads application/json"),
            )
        });
        out.push(body_check(body));
        out
    }

    /// Who issued the server's certificate, to whom, and how long it is still valid.
    ///
    /// A Let's Encrypt issuer fails: Amazon's "Requirements for Account Linking for Alexa
    /// Skills" says a Let's Encrypt certificate cannot be used even though Let's Encrypt is
    /// on the certificate list
    /// (<https://developer.amazon.com/docs/alexa/account-linking/requirements-account-linking.html>).
    /// An expired certificate fails the handshake Alexa makes; one expiring within
    /// [`EXPIRY_WARNING_DAYS`] is a warning.
    fn certificate_check(&self) -> Option<Check> {
        use CheckLevel::{Fail, Pass, Unknown, Warn};
        let certificate = match self.certificate.as_ref()? {
            Ok(certificate) => certificate,
            Err(why) => return Some(check(Unknown, "certificate", format!("not read: {why}"))),
        };
        let days = certificate.days_left(self.at);
        let seen = format!(
            "issued by {} to {}, {}",
            or_unnamed(&certificate.issuer),
            or_unnamed(&certificate.subject),
            match days {
                ..0 => format!("expired {} days ago", -days),
                0 => "expires today".to_owned(),
                1 => "expires in 1 day".to_owned(),
                _ => format!("expires in {days} days"),
            }
        );
        Some(if certificate.is_lets_encrypt() {
            check(
                Fail,
                "certificate",
                format!(
                    "{seen}: Amazon's account-linking requirements do not accept Let's Encrypt \
                     certificates, although Let's Encrypt is on the CA list"
                ),
            )
        } else if days < 0 {
            check(
                Fail,
                "certificate",
                format!("{seen}: Alexa refuses an expired certificate"),
            )
        } else if days < EXPIRY_WARNING_DAYS {
            check(
                Warn,
                "certificate",
                format!("{seen}: renew it before linking breaks"),
            )
        } else {
            check(Pass, "certificate", seen)
        })
    }

    /// Whether nothing failed.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.checks().iter().all(|c| c.level != CheckLevel::Fail)
    }

    /// One line: `400 invalid_grant, JSON, 312 ms`.
    #[must_use]
    pub fn summary(&self) -> String {
        let ms = self.millis();
        let plain = if self.https { "" } else { ", plain http" };
        match &self.answer {
            Answer::Response { status, body, .. } => {
                let (error, kind) = match body {
                    Body::Json { error, .. } => (error.clone(), "JSON"),
                    Body::OtherJson => (None, "JSON"),
                    Body::Form { error } => (error.clone(), "form-encoded"),
                    Body::Html => (None, "HTML"),
                    Body::Empty => (None, "empty body"),
                    Body::TooLarge => (None, "body over 64 KB"),
                    Body::TimedOut => (None, "body timed out"),
                    Body::Unreadable(_) => (None, "body unreadable"),
                    Body::Other => (None, "not JSON"),
                };
                let error = error.map(|e| format!(" {e}")).unwrap_or_default();
                format!("{status}{error}, {kind}, {ms} ms{plain}")
            }
            Answer::TimedOut => {
                format!("no answer within {} s{plain}", seconds(self.limits.give_up))
            }
            Answer::Tls(why) => format!("TLS failed ({why}), {ms} ms"),
            Answer::Connection(why) => format!("connection failed ({why}), {ms} ms{plain}"),
        }
    }

    /// The line `--append` adds to the case's notes.
    #[must_use]
    pub fn note_line(&self, at: DateTime<Utc>) -> String {
        format!(
            "Probe at {}: {} ({})",
            at.format("%Y-%m-%dT%H:%M:%SZ"),
            self.summary(),
            self.url
        )
    }
}

fn body_check(body: &Body) -> Check {
    use CheckLevel::{Fail, Pass, Warn};
    match body {
        Body::Json {
            error: Some(error), ..
        } if error == "invalid_grant" => check(
            Pass,
            "body",
            "JSON error invalid_grant: the client was accepted and the code refused, as expected",
        ),
        Body::Json {
            error: Some(error), ..
        } if error == "invalid_client" || error == "unauthorized_client" => check(
            Warn,
            "body",
            format!(
                "JSON error {error}: the server did not accept the client credentials; check the client id, secret and scheme"
            ),
        ),
        Body::Json {
            error: Some(error), ..
        } if RFC_ERRORS.contains(&error.as_str()) => check(
            Warn,
            "body",
            format!("JSON error {error}: Alexa's request would be refused the same way"),
        ),
        Body::Json {
            error: Some(error), ..
        } => check(
            Warn,
            "body",
            format!("JSON, but '{error}' is not an RFC 6749 §5.2 error code"),
        ),
        Body::Json { error: None, .. } | Body::OtherJson => {
            check(Warn, "body", "JSON without an error code")
        }
        Body::Form { .. } => check(
            Fail,
            "body",
            "form-encoded (as GitHub answers by default): Alexa cannot read it; return JSON, or put an intermediary in front",
        ),
        Body::Html => check(Fail, "body", "an HTML page, not JSON"),
        Body::Empty => check(Fail, "body", "empty"),
        Body::TooLarge => check(
            Fail,
            "body",
            "over 64 KB, not read: an error answer is a small JSON object",
        ),
        Body::TimedOut => check(
            Fail,
            "body",
            "the headers came but the body did not arrive in time",
        ),
        Body::Unreadable(why) => check(Fail, "body", format!("could not be read: {why}")),
        Body::Other => check(Fail, "body", "not JSON"),
    }
}
