//! URL and hostname rules shared by the configuration fields (and the lints built on them).

use url::{Host, Url};

use super::{Finding, URL_LENGTH};
use crate::case::sanitize::excerpt as shown;

/// How strict a URL check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlRules {
    /// Any `https://` link.
    Link,
    /// An endpoint Alexa must reach: public host, no fragment, 9–2000 characters.
    Endpoint,
}

/// Checks a URL field; returns the parsed URL when it parses.
pub(crate) fn check_url(
    path: &str,
    value: &str,
    rules: UrlRules,
    out: &mut Vec<Finding>,
) -> Option<Url> {
    let text = value.trim();
    if text != value {
        out.push(Finding::warning(
            path,
            "surrounding spaces; the URL is used without them",
        ));
    }
    let length = text.chars().count();
    if rules == UrlRules::Endpoint && !URL_LENGTH.contains(&length) {
        out.push(Finding::error(
            path,
            format!("must be 9–2000 characters long, got {length}"),
        ));
    }
    let url = match Url::parse(text) {
        Ok(url) => url,
        Err(e) => {
            out.push(Finding::error(
                path,
                format!(
                    "not a URL ({e}): expected https://host/path, got {}",
                    shown(text)
                ),
            ));
            return None;
        }
    };
    if url.scheme() != "https" {
        out.push(Finding::error(
            path,
            format!("must use https://, got {}://", url.scheme()),
        ));
    }
    if rules == UrlRules::Endpoint {
        match url.host() {
            None => out.push(Finding::error(
                path,
                "has no host; expected https://host/path",
            )),
            Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
                out.push(Finding::error(
                    path,
                    "the host is an IP address; Alexa needs a public hostname",
                ));
            }
            Some(Host::Domain(host)) => {
                if let Some(why) = private_host(host) {
                    out.push(Finding::error(
                        path,
                        format!("'{host}' {why}; Alexa needs a public hostname"),
                    ));
                }
            }
        }
        if url.fragment().is_some() {
            out.push(Finding::error(
                path,
                "must not contain a fragment (the part after #)",
            ));
        }
    }
    Some(url)
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

/// Why `entry` is not an exact hostname for the Domain List, if it is not.
pub(crate) fn domain_entry_problem(entry: &str) -> Option<String> {
    let e = entry.trim();
    if e.is_empty() {
        return Some("empty entry".to_owned());
    }
    if let Some((scheme, _)) = e.split_once("://") {
        return Some(format!(
            "remove '{scheme}://': entries are bare hostnames like cdn.example.com"
        ));
    }
    if e.contains('*') {
        return Some("wildcards are not allowed: list each hostname exactly".to_owned());
    }
    if e.contains('/') {
        return Some("remove the path: entries are bare hostnames like cdn.example.com".to_owned());
    }
    if e.contains(':') {
        return Some("remove the port: entries are bare hostnames like cdn.example.com".to_owned());
    }
    if e.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some("IP addresses are not allowed: list the hostname".to_owned());
    }
    let labels_ok = e.len() <= 253
        && e.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !labels_ok {
        return Some("not a hostname: expected letters, digits and hyphens in dot-separated labels, like cdn.example.com".to_owned());
    }
    if !e.contains('.') {
        return Some("not a full hostname: expected something like cdn.example.com".to_owned());
    }
    None
}
