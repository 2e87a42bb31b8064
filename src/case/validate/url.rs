//! URL and hostname rules shared by the case rules (is the URL well-formed?) and the
//! configuration lints (can Alexa use it?). Each problem is a type; the rules that report it
//! decide its class and wording, and never read each other's messages.

use url::{Host, Url};

use super::URL_LENGTH;
use crate::case::sanitize::excerpt as shown;

/// How strict a URL check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlRules {
    /// Any `https://` link.
    Link,
    /// An endpoint Alexa must reach: public host, no fragment, 9–2000 characters.
    Endpoint,
}

/// One thing wrong with a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    /// Spaces around it.
    Spaces,
    /// Outside 9–2000 characters (endpoints only).
    Length(usize),
    /// It does not parse; the parser's reason and an excerpt.
    Unparsable { why: String, text: String },
    /// Not `https`; the scheme it has.
    Scheme(String),
    /// No host at all.
    NoHost,
    /// An IP address instead of a hostname.
    IpHost,
    /// A host only a local network can resolve; the host and why.
    PrivateHost { host: String, why: &'static str },
    /// A port other than HTTPS's own 443, written in the URL.
    Port(u16),
    /// A `#fragment`.
    Fragment,
    /// `user:password@` in the URL: credentials that travel in every copy of it.
    Credentials,
}

impl UrlProblem {
    /// What is wrong in a few words, for a list's row.
    pub(crate) const fn brief(&self) -> &'static str {
        match self {
            Self::Spaces => "spaces around it",
            Self::Length(_) => "too short or too long",
            Self::Unparsable { .. } => "not a URL",
            Self::Scheme(_) => "not https://",
            Self::NoHost => "no host",
            Self::IpHost => "an IP address",
            Self::PrivateHost { .. } => "a private host",
            Self::Port(_) => "not port 443",
            Self::Fragment => "has a #fragment",
            Self::Credentials => "has user:password@",
        }
    }

    /// What is wrong, as a phrase that a rule can build its message on.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Spaces => "surrounding spaces; the URL is used without them".to_owned(),
            Self::Length(length) => format!("must be 9–2000 characters long, got {length}"),
            Self::Unparsable { why, text } => {
                format!("not a URL ({why}): expected https://host/path, got {text}")
            }
            Self::Scheme(scheme) => format!("must use https://, got {scheme}://"),
            Self::NoHost => "has no host; expected https://host/path".to_owned(),
            Self::IpHost => "the host is an IP address; Alexa needs a public hostname".to_owned(),
            Self::PrivateHost { host, why } => {
                format!("{host} {why}; Alexa needs a public hostname")
            }
            Self::Port(port) => format!("uses port {port}; it must be reachable on port 443"),
            Self::Fragment => "must not contain a fragment (the part after #)".to_owned(),
            Self::Credentials => {
                "contains a user name or password (user:password@host); remove them".to_owned()
            }
        }
    }
}

/// Everything wrong with a URL under `rules`, and the URL when it parses.
pub(crate) fn inspect_url(value: &str, rules: UrlRules) -> (Vec<UrlProblem>, Option<Url>) {
    let mut problems = Vec::new();
    let text = value.trim();
    if text != value {
        problems.push(UrlProblem::Spaces);
    }
    let length = text.chars().count();
    if rules == UrlRules::Endpoint && !URL_LENGTH.contains(&length) {
        problems.push(UrlProblem::Length(length));
    }
    let url = match Url::parse(text) {
        Ok(url) => url,
        Err(e) => {
            problems.push(UrlProblem::Unparsable {
                why: e.to_string(),
                text: shown(text),
            });
            return (problems, None);
        }
    };
    if url.scheme() != "https" {
        problems.push(UrlProblem::Scheme(url.scheme().to_owned()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        problems.push(UrlProblem::Credentials);
    }
    if rules == UrlRules::Endpoint {
        match url.host() {
            None => problems.push(UrlProblem::NoHost),
            Some(Host::Ipv4(_) | Host::Ipv6(_)) => problems.push(UrlProblem::IpHost),
            Some(Host::Domain(host)) => {
                if let Some(why) = private_host(host) {
                    problems.push(UrlProblem::PrivateHost {
                        host: shown(host),
                        why,
                    });
                }
            }
        }
        // `Url::port` is `None` for a scheme's default port (443 for https).
        if let Some(port) = url.port() {
            problems.push(UrlProblem::Port(port));
        }
        if url.fragment().is_some() {
            problems.push(UrlProblem::Fragment);
        }
    }
    (problems, Some(url))
}

/// The lowercase hostname of a URL, when it has one.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let url = Url::parse(url.trim()).ok()?;
    Some(url.host_str()?.trim_end_matches('.').to_ascii_lowercase())
}

/// Whether `host` is `domain` or one of its subdomains.
pub(crate) fn host_is(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// Whether the authorization URL is Google's OAuth server.
pub(crate) fn is_google(authorization_url: &str) -> bool {
    host_of(authorization_url).is_some_and(|h| host_is(&h, "google.com"))
}

const PRIVATE_SUFFIXES: [&str; 7] = [
    ".local",
    ".localhost",
    ".internal",
    ".lan",
    ".home.arpa",
    ".localdomain",
    ".intranet",
];

/// Why a hostname cannot be reached from Amazon's servers, if it cannot.
pub(crate) fn private_host(host: &str) -> Option<&'static str> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host == "localhost" {
        Some("is localhost")
    } else if PRIVATE_SUFFIXES.iter().any(|s| host.ends_with(s)) {
        Some("is a private (local network) name")
    } else if !host.contains('.') {
        Some("is a single-label name that only resolves on a local network")
    } else {
        None
    }
}
