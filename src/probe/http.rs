//! The one HTTP call of the probe, with ureq and rustls; everything it learns becomes an
//! [`Answer`].

use std::time::{Duration, Instant};

use ureq::Agent;
use url::Url;

use super::{Answer, Body};

/// Bodies beyond this are not read: an error answer is small.
const BODY_LIMIT: u64 = 64 * 1024;

/// POSTs `form` to `url`; returns the time to the response headers and the answer.
pub(super) fn post(
    url: &Url,
    form: &[(&'static str, String)],
    authorization: Option<&str>,
    give_up: Duration,
) -> (Duration, Answer) {
    let agent: Agent = Agent::config_builder()
        .timeout_global(Some(give_up))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent("linkcase-probe")
        .build()
        .into();
    let mut request = agent
        .post(url.as_str())
        .header("Accept", "application/json");
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    let start = Instant::now();
    let result = request.send_form(form.iter().map(|(k, v)| (*k, v.as_str())));
    let elapsed = start.elapsed();
    let mut response = match result {
        Ok(response) => response,
        Err(e) => return (elapsed, failure(&e)),
    };
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let read = response
        .body_mut()
        .with_config()
        .limit(BODY_LIMIT)
        .lossy_utf8(true)
        .read_to_string();
    let body = match read {
        Ok(text) => classify(content_type.as_deref(), &text),
        Err(e) => unread_body(&e),
    };
    (
        elapsed,
        Answer::Response {
            status,
            content_type,
            body,
        },
    )
}

/// Why a body was not read: too large, too late, or broken; never "empty".
fn unread_body(error: &ureq::Error) -> Body {
    match error {
        ureq::Error::BodyExceedsLimit(_) => Body::TooLarge,
        ureq::Error::Timeout(_) => Body::TimedOut,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => Body::TimedOut,
        other => Body::Unreadable(super::clean(&other.to_string())),
    }
}

fn failure(error: &ureq::Error) -> Answer {
    let message = super::clean(&error.to_string());
    match error {
        ureq::Error::Timeout(_) => Answer::TimedOut,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => Answer::Tls(message),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => Answer::TimedOut,
        _ if is_tls_message(&message) => Answer::Tls(message),
        _ => Answer::Connection(message),
    }
}

fn is_tls_message(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    ["certificate", "handshake", "tls", "unknownissuer"]
        .iter()
        .any(|w| lower.contains(w))
}

/// What a body is, by its `Content-Type` and by its content (servers mislabel).
pub(super) fn classify(content_type: Option<&str>, text: &str) -> Body {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Body::Empty;
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(trimmed) {
        return match value.as_object() {
            Some(object) => Body::Json {
                error: object
                    .get("error")
                    .and_then(serde_json::Value::as_str)
                    .map(super::clean),
                access_token: object.contains_key("access_token"),
            },
            None => Body::OtherJson,
        };
    }
    let media = content_type.unwrap_or_default().to_ascii_lowercase();
    let lower = trimmed.to_ascii_lowercase();
    if media.contains("html") || lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Body::Html;
    }
    let form_like = media.contains("x-www-form-urlencoded")
        || (!trimmed.contains(char::is_whitespace) && trimmed.contains('='));
    if form_like {
        let error = url::form_urlencoded::parse(trimmed.as_bytes())
            .find(|(k, _)| k == "error")
            .map(|(_, v)| super::clean(&v));
        return Body::Form { error };
    }
    Body::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_told_apart_by_content() {
        assert_eq!(
            classify(Some("text/plain"), r#"{"error":"invalid_grant"}"#),
            Body::Json {
                error: Some("invalid_grant".to_owned()),
                access_token: false
            }
        );
        assert_eq!(
            classify(None, "error=invalid_grant&error_description=bad+code"),
            Body::Form {
                error: Some("invalid_grant".to_owned())
            }
        );
        assert_eq!(classify(Some("text/html"), "<h1>oops</h1>"), Body::Html);
        assert_eq!(classify(None, "  "), Body::Empty);
        assert_eq!(classify(None, "[1]"), Body::OtherJson);
        assert_eq!(classify(None, "Internal error"), Body::Other);
    }
}
