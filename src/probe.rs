//! A live check of the access token endpoint, made the way Alexa calls it: a form POST of
//! `grant_type=authorization_code` with a code that cannot be valid and a `redirect_uri` on
//! the region's Alexa redirect host, the client credentials sent by the configured scheme.
//!
//! A healthy endpoint refuses such a code quickly, over HTTPS with a trusted certificate,
//! with an RFC 6749 §5.2 JSON error such as `invalid_grant`. What the probe reports:
//! TLS and the certificate (issuer, subject, days to expiry; Amazon does not accept Let's
//! Encrypt), time to answer against Alexa's 4.5 s limit (it gives up at 10 s), status,
//! `Content-Type`, and whether the body is JSON. The client secret is never printed.
//!
//! Redirect hosts per region (the `redirectUrls` SMAPI lists for every skill):
//! NA `pitangui.amazon.com`, EU `layla.amazon.com`, FE `alexa.amazon.co.jp`, each with the
//! path `/api/skill/link/<vendor id>`.

mod certificate;
mod http;
mod report;
mod tls;

use std::time::Duration;

use crate::case::{Region, Secret, TokenScheme};

pub use certificate::{Certificate, CertificateError};
pub use report::{Check, CheckLevel};

/// Alexa gives up on the token endpoint after this long.
pub const ALEXA_LIMIT: Duration = Duration::from_millis(4500);
/// The probe gives up after this long.
pub const GIVE_UP: Duration = Duration::from_secs(10);
/// The authorization code sent: deliberately one no server can have issued.
pub const INVALID_CODE: &str = "linkcase-probe-invalid-code";
/// The vendor id used in the redirect URI when none is given.
pub const PLACEHOLDER_VENDOR: &str = "LINKCASEPROBE";

pub use crate::case::redirect::{redirect_host, redirect_uri};

/// The time limits of a probe: Alexa's, which the answer is judged by, and the probe's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// An answer slower than this fails the time check ([`ALEXA_LIMIT`]).
    pub alexa: Duration,
    /// The probe gives up after this long ([`GIVE_UP`]).
    pub give_up: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            alexa: ALEXA_LIMIT,
            give_up: GIVE_UP,
        }
    }
}

/// What to probe, and how.
#[derive(Debug, Clone)]
pub struct ProbeRequest {
    /// The access token URL.
    pub token_url: String,
    /// The OAuth client id.
    pub client_id: String,
    /// The client secret; empty to send none.
    pub client_secret: Secret,
    /// How the credentials are sent.
    pub scheme: TokenScheme,
    /// Which redirect host the `redirect_uri` uses.
    pub region: Region,
    /// The vendor id in the `redirect_uri`.
    pub vendor_id: String,
    /// Let `http://` through (for tests); it is still reported as failing Alexa's HTTPS rule.
    pub allow_http: bool,
    /// The time limits ([`Limits::default`]: Alexa's 4.5 s, giving up at 10 s).
    pub limits: Limits,
}

/// How the endpoint answered, or why it did not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// An HTTP response.
    Response {
        /// Status code.
        status: u16,
        /// The `Content-Type` header, if any.
        content_type: Option<String>,
        /// What the body is.
        body: Body,
    },
    /// No answer within [`GIVE_UP`].
    TimedOut,
    /// The TLS handshake failed (certificate not trusted, expired, wrong host…).
    Tls(String),
    /// No connection, or it was closed before a response.
    Connection(String),
}

/// What a response body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// A JSON object, with its `error` and whether it holds an `access_token`.
    Json {
        /// The RFC 6749 §5.2 `error` code, if any.
        error: Option<String>,
        /// Whether an access token came back (the invalid code was accepted!).
        access_token: bool,
    },
    /// JSON, but not an object.
    OtherJson,
    /// `application/x-www-form-urlencoded`-style text, with its `error` if any.
    Form {
        /// The `error` parameter, if any.
        error: Option<String>,
    },
    /// An HTML page.
    Html,
    /// Nothing.
    Empty,
    /// Over the 64 KB the probe reads: not looked at.
    TooLarge,
    /// The body did not arrive in time (the headers did).
    TimedOut,
    /// The body could not be read (the connection broke…): why.
    Unreadable(String),
    /// Anything else.
    Other,
}

/// The outcome of one probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeResult {
    /// The URL probed.
    pub url: String,
    /// Whether it is `https://`.
    pub https: bool,
    /// Time until the response headers arrived (or until giving up).
    pub elapsed: Duration,
    /// What came back.
    pub answer: Answer,
    /// The server's certificate (`https://` only), or why it could not be read.
    pub certificate: Option<Result<Certificate, String>>,
    /// When the probe ran: the certificate's days left are counted from here.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The limits it was judged by.
    pub limits: Limits,
}

/// Why a probe could not even be attempted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
    /// Not a URL.
    #[error("the token URL is not a URL: {0}")]
    BadUrl(String),
    /// `http://` without `allow_http`, or another scheme.
    #[error(
        "the token URL must use https:// (Alexa only calls HTTPS endpoints); got {0}:// (--allow-http lets it through for local tests)"
    )]
    NotHttps(String),
}

/// Probes the token endpoint. Blocks for at most `request.limits.give_up` (plus DNS).
pub fn probe(request: &ProbeRequest) -> Result<ProbeResult, ProbeError> {
    let url =
        url::Url::parse(request.token_url.trim()).map_err(|e| ProbeError::BadUrl(e.to_string()))?;
    let https = url.scheme() == "https";
    if !(https || request.allow_http && url.scheme() == "http") {
        return Err(ProbeError::NotHttps(url.scheme().to_owned()));
    }
    let certificate = https.then(|| tls::inspect(&url, request.limits.give_up));
    let (elapsed, answer) = http::post(
        &url,
        &form(request),
        authorization(request).as_deref(),
        request.limits.give_up,
    );
    Ok(ProbeResult {
        url: without_userinfo(&url),
        https,
        elapsed,
        answer,
        certificate,
        at: chrono::Utc::now(),
        limits: request.limits,
    })
}

/// The URL as it may be shown and kept: a user name and password in it are left out.
#[must_use]
pub fn without_userinfo(url: &url::Url) -> String {
    let mut shown = url.clone();
    if !shown.username().is_empty() || shown.password().is_some() {
        // Both only fail for URLs that cannot have userinfo, which then have none.
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
    }
    shown.to_string()
}

/// The form fields Alexa sends, credentials included for `REQUEST_BODY_CREDENTIALS`.
fn form(request: &ProbeRequest) -> Vec<(&'static str, String)> {
    let mut form = vec![
        ("grant_type", "authorization_code".to_owned()),
        ("code", INVALID_CODE.to_owned()),
        (
            "redirect_uri",
            redirect_uri(request.region, &request.vendor_id),
        ),
    ];
    match request.scheme {
        TokenScheme::RequestBodyCredentials => {
            form.push(("client_id", request.client_id.clone()));
            if !request.client_secret.is_empty() {
                form.push(("client_secret", request.client_secret.expose().to_owned()));
            }
        }
        TokenScheme::HttpBasic => {}
    }
    form
}

/// The `Authorization: Basic …` value for `HTTP_BASIC` (RFC 6749 §2.3.1: each part
/// form-encoded, then joined by `:` and base64-encoded).
fn authorization(request: &ProbeRequest) -> Option<String> {
    if request.scheme != TokenScheme::HttpBasic {
        return None;
    }
    let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let pair = format!(
        "{}:{}",
        encode(&request.client_id),
        encode(request.client_secret.expose())
    );
    Some(format!("Basic {}", base64(pair.as_bytes())))
}

/// Text from the network as one clean line: banned characters removed, controls as spaces,
/// at most 200 characters.
fn clean(text: &str) -> String {
    crate::case::sanitize::sanitize(text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(scheme: TokenScheme) -> ProbeRequest {
        ProbeRequest {
            token_url: "https://auth.example.com/token".to_owned(),
            client_id: "alexa skill".to_owned(),
            client_secret: Secret::new("p@ss:word"),
            scheme,
            region: Region::Eu,
            vendor_id: "M2AAAAAAAAAAAA".to_owned(),
            allow_http: false,
            limits: Limits::default(),
        }
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn http_basic_form_encodes_each_part_before_base64() {
        let value = authorization(&request(TokenScheme::HttpBasic)).unwrap();
        assert_eq!(
            value,
            format!("Basic {}", base64(b"alexa+skill:p%40ss%3Aword"))
        );
        let fields = form(&request(TokenScheme::HttpBasic));
        assert!(fields.iter().all(|(k, _)| *k != "client_secret"));
    }

    #[test]
    fn body_credentials_go_in_the_form() {
        let fields = form(&request(TokenScheme::RequestBodyCredentials));
        assert!(fields.contains(&("client_id", "alexa skill".to_owned())));
        assert!(fields.contains(&("client_secret", "p@ss:word".to_owned())));
        assert!(fields.contains(&(
            "redirect_uri",
            "https://layla.amazon.com/api/skill/link/M2AAAAAAAAAAAA".to_owned()
        )));
        assert!(authorization(&request(TokenScheme::RequestBodyCredentials)).is_none());
    }

    #[test]
    fn plain_http_is_refused_unless_allowed() {
        let mut plain = request(TokenScheme::HttpBasic);
        plain.token_url = "http://127.0.0.1:9/token".to_owned();
        assert_eq!(
            probe(&plain).unwrap_err(),
            ProbeError::NotHttps("http".to_owned())
        );
        assert!(!format!("{plain:?}").contains("p@ss"));
    }
}
