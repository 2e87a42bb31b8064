//! The Domain List's entries: what makes one wrong ([`domain_problem`]), and the bare
//! hostname a wrong one most likely means ([`suggest_domain`]), so that a pasted URL becomes
//! the entry Alexa needs. The guide asks for the exact hostnames a login page loads from
//! ("oauth.sample.com", not "sample.com"): a hostname, never a URL, an origin or a port.

use url::Host;

use super::rules::normalize_id;

/// One thing wrong with a Domain List entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainProblem {
    /// Nothing but spaces.
    Empty,
    /// A URL's scheme (`https://`); the scheme it has.
    Scheme(String),
    /// A `*` wildcard.
    Wildcard,
    /// A `/path` after the host.
    Path,
    /// A `:port` after the host.
    Port,
    /// An IPv4 address instead of a hostname.
    IpAddress,
    /// Characters a hostname cannot have, or an empty or overlong label.
    NotHostname,
    /// A single label such as `localhost`.
    NotFull,
}

impl DomainProblem {
    /// What is wrong, as a phrase a rule builds its message on.
    #[must_use]
    pub fn describe(&self) -> String {
        const BARE: &str = "entries are bare hostnames like cdn.example.com";
        match self {
            Self::Empty => "empty entry".to_owned(),
            Self::Scheme(scheme) => format!("remove '{scheme}://': {BARE}"),
            Self::Wildcard => "wildcards are not allowed: list each hostname exactly".to_owned(),
            Self::Path => format!("remove the path: {BARE}"),
            Self::Port => format!("remove the port: {BARE}"),
            Self::IpAddress => "IP addresses are not allowed: list the hostname".to_owned(),
            Self::NotHostname => "not a hostname: expected letters, digits and hyphens in \
                                  dot-separated labels, like cdn.example.com"
                .to_owned(),
            Self::NotFull => {
                "not a full hostname: expected something like cdn.example.com".to_owned()
            }
        }
    }

    /// The same in a few words, for a list's row.
    #[must_use]
    pub fn brief(&self) -> String {
        match self {
            Self::Empty => "empty".to_owned(),
            Self::Scheme(scheme) => format!("has {scheme}://"),
            Self::Wildcard => "no wildcards".to_owned(),
            Self::Path => "has a path".to_owned(),
            Self::Port => "has a port".to_owned(),
            Self::IpAddress => "an IP address".to_owned(),
            Self::NotHostname => "not a hostname".to_owned(),
            Self::NotFull => "not a full hostname".to_owned(),
        }
    }
}

/// Why `entry` is not an exact hostname for the Domain List, if it is not. Spaces around it
/// are ignored (they never reach the console).
#[must_use]
pub fn domain_problem(entry: &str) -> Option<DomainProblem> {
    let e = entry.trim();
    if e.is_empty() {
        return Some(DomainProblem::Empty);
    }
    if let Some((scheme, _)) = e.split_once("://") {
        return Some(DomainProblem::Scheme(scheme.to_owned()));
    }
    if e.contains('*') {
        return Some(DomainProblem::Wildcard);
    }
    if e.contains('/') {
        return Some(DomainProblem::Path);
    }
    if e.contains(':') {
        return Some(DomainProblem::Port);
    }
    if e.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some(DomainProblem::IpAddress);
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
        return Some(DomainProblem::NotHostname);
    }
    if !e.contains('.') {
        return Some(DomainProblem::NotFull);
    }
    None
}

/// The bare hostname a Domain List entry most likely means, when the entry is not one that
/// [`domain_problem`] accepts: `https://user@CDN.Example.com:8443/x?y#z` means
/// `cdn.example.com`. Surrounding spaces, quotes and angle brackets, the scheme (or a
/// protocol-relative `//`), user info, port, path, query, fragment and a trailing dot go; the
/// rest is lowercased, and an internationalized name is written in punycode
/// (`bücher.example` → `xn--bcher-kva.example`), as the rule accepts only ASCII labels.
///
/// `None` when the entry is already accepted, or when no hostname can be derived that the
/// rule accepts (`https://` alone, spaces inside, an IP address, a wildcard, `localhost`).
/// Whatever it returns, [`domain_problem`] accepts.
#[must_use]
pub fn suggest_domain(entry: &str) -> Option<String> {
    domain_problem(entry)?;
    let mut text = normalize_id(entry);
    if let Some(inner) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        text = inner.trim();
    }
    if text.chars().any(char::is_whitespace) {
        return None;
    }
    // The scheme: letters, digits, `+`, `-` and `.` after a letter (RFC 3986), or none.
    let rest = match text.split_once("://") {
        Some((scheme, rest))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            rest
        }
        Some(_) => return None,
        None => text.strip_prefix("//").unwrap_or(text),
    };
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    // User info only comes after a scheme or `//`: `someone@example.com` is no hostname.
    let host_port = match authority.rsplit_once('@') {
        Some(_) if rest.len() == text.len() => return None,
        Some((_, host)) => host,
        None => authority,
    };
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        Some(_) => return None,
        None => host_port,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() || host.starts_with('[') {
        return None;
    }
    // The URL standard's host parser: lowercases, punycodes, and tells IP addresses apart.
    let Ok(Host::Domain(domain)) = Host::parse(host) else {
        return None;
    };
    Some(domain).filter(|d| domain_problem(d).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn urls_and_hosts_with_extras_become_the_bare_hostname() {
        let cases = [
            ("https://CDN.Example.com/x", "cdn.example.com"),
            ("http://cdn.example.com", "cdn.example.com"),
            ("https://cdn.example.com/", "cdn.example.com"),
            ("https://cdn.example.com?v=1", "cdn.example.com"),
            ("https://cdn.example.com#top", "cdn.example.com"),
            (
                "https://user:pw@cdn.example.com:8443/a/b?c=d#e",
                "cdn.example.com",
            ),
            ("cdn.example.com:443", "cdn.example.com"),
            ("cdn.example.com/fonts/a.woff2", "cdn.example.com"),
            ("//fonts.example.net/css", "fonts.example.net"),
            ("cdn.example.com.", "cdn.example.com"),
            ("https://cdn.example.com./x", "cdn.example.com"),
            ("\"cdn.example.com\"", "cdn.example.com"),
            ("  'https://cdn.example.com/'  ", "cdn.example.com"),
            ("<https://cdn.example.com/x>", "cdn.example.com"),
            ("bücher.example", "xn--bcher-kva.example"),
            ("https://BÜCHER.example/x", "xn--bcher-kva.example"),
            ("wss://push.example.com:8443", "push.example.com"),
        ];
        for (entry, expected) in cases {
            assert_eq!(suggest_domain(entry).as_deref(), Some(expected), "{entry}");
        }
    }

    #[test]
    fn nothing_is_offered_for_an_entry_already_accepted() {
        for entry in [
            "cdn.example.com",
            "CDN.Example.com",
            " cdn.example.com ",
            "xn--bcher-kva.example",
        ] {
            assert_eq!(domain_problem(entry), None, "{entry}");
            assert_eq!(suggest_domain(entry), None, "{entry}");
        }
    }

    #[test]
    fn nothing_is_offered_when_no_hostname_can_be_derived() {
        for entry in [
            "",
            "https://",
            "https:///path",
            "cdn example.com",
            "https://cdn example.com/x",
            "*.example.com",
            "https://*.example.com/",
            "localhost",
            "http://localhost:3000",
            "10.0.0.1",
            "https://10.0.0.1/x",
            "https://[::1]:8443/",
            "cdn.example.com:https",
            "cdn_example.com",
            "1https://cdn.example.com",
            "mailto:someone@example.com",
            "someone@example.com",
        ] {
            assert_eq!(suggest_domain(entry), None, "{entry:?}");
        }
    }

    #[test]
    fn the_suggestion_clears_the_problem_the_entry_had() {
        for entry in [
            "https://cdn.example.com",
            "cdn.example.com/x",
            "cdn.example.com:8443",
            "cdn.example.com.",
        ] {
            assert!(domain_problem(entry).is_some(), "{entry}");
            let fixed = suggest_domain(entry).unwrap_or_default();
            assert_eq!(domain_problem(&fixed), None, "{entry} -> {fixed}");
        }
    }

    proptest! {
        #[test]
        fn any_text_never_panics_and_any_suggestion_is_accepted(entry in any::<String>()) {
            if let Some(fixed) = suggest_domain(&entry) {
                prop_assert_eq!(domain_problem(&fixed), None, "{:?} -> {:?}", entry, fixed);
                prop_assert!(domain_problem(&entry).is_some());
            }
        }

        #[test]
        fn url_like_text_never_panics_and_any_suggestion_is_accepted(
            entry in "[ \"'<]{0,2}([a-zA-Z][a-zA-Z0-9+.-]{0,5}://|//)?([a-z0-9]{1,3}(:[a-z0-9]{0,3})?@)?[a-zA-Z0-9.*_ü-]{0,20}(:[0-9a-z]{0,6})?([/?#\\\\][ -~]{0,10})?[ \"'>]{0,2}"
        ) {
            if let Some(fixed) = suggest_domain(&entry) {
                prop_assert_eq!(domain_problem(&fixed), None, "{:?} -> {:?}", entry, fixed);
            }
        }

        #[test]
        fn a_url_of_a_hostname_suggests_that_hostname(
            labels in proptest::collection::vec("[a-z]([a-z0-9-]{0,8}[a-z0-9])?", 2..5),
            scheme in "(https?://|//)?",
            port in proptest::option::of(1u16..),
            path in "(/[a-z0-9._~-]{0,8}){0,3}(\\?[a-z=&]{0,8})?",
        ) {
            let host = labels.join(".");
            // `xn--` starts punycode, which must then decode (the URL parser checks it).
            prop_assume!(domain_problem(&host).is_none() && !labels.iter().any(|l| l.starts_with("xn--")));
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let entry = format!("{scheme}{}{port}{path}", host.to_ascii_uppercase());
            let expected = (entry != host.to_ascii_uppercase()).then(|| host.clone());
            prop_assert_eq!(suggest_domain(&entry), expected, "{}", entry);
        }
    }
}
