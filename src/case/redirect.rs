//! Alexa's redirect URLs: where the authorization server sends the customer back after
//! login. They are fixed per region and carry the developer's vendor id
//! (`https://<host>/api/skill/link/<vendor id>`); the Account Linking page of the developer
//! console lists them ("Alexa Redirect URLs"), and the OAuth server must allow each one.

use super::{Case, Region};

/// The path before the vendor id.
const LINK_PATH: &str = "/api/skill/link/";

/// The Alexa redirect host for a region: NA `pitangui.amazon.com`, EU `layla.amazon.com`,
/// FE `alexa.amazon.co.jp`.
#[must_use]
pub const fn redirect_host(region: Region) -> &'static str {
    match region {
        Region::Na => "pitangui.amazon.com",
        Region::Eu => "layla.amazon.com",
        Region::Fe => "alexa.amazon.co.jp",
    }
}

/// The redirect URL Alexa uses for a region and vendor id.
#[must_use]
pub fn redirect_uri(region: Region, vendor_id: &str) -> String {
    format!("https://{}{LINK_PATH}{vendor_id}", redirect_host(region))
}

/// The Alexa redirect URLs of the case's regions (every region when none is chosen), once
/// the vendor id is known.
#[must_use]
pub fn alexa_redirect_urls(case: &Case) -> Vec<(Region, String)> {
    let vendor = case.account_linking.vendor_id.trim();
    if vendor.is_empty() {
        return Vec::new();
    }
    let regions = if case.failure.regions.is_empty() {
        Region::ALL
    } else {
        &case.failure.regions
    };
    regions
        .iter()
        .map(|region| (*region, redirect_uri(*region, vendor)))
        .collect()
}

/// The region and vendor id of one of Alexa's own redirect URLs; `None` for any other URL
/// (e.g. the skill's own app-to-app redirect URLs).
#[must_use]
pub fn parse_alexa_redirect(url: &str) -> Option<(Region, String)> {
    let rest = url.trim().strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let region = Region::ALL
        .iter()
        .copied()
        .find(|r| host.eq_ignore_ascii_case(redirect_host(*r)))?;
    let vendor = format!("/{path}")
        .strip_prefix(LINK_PATH)?
        .trim_end_matches('/')
        .to_owned();
    let plain = !vendor.is_empty() && vendor.chars().all(|c| c.is_ascii_alphanumeric());
    plain.then_some((region, vendor))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_redirect_urls_follow_the_chosen_regions() {
        let mut case = Case::default();
        assert!(alexa_redirect_urls(&case).is_empty());
        case.account_linking.vendor_id = " M1B2C3D4E5F6G7 ".to_owned();
        assert_eq!(alexa_redirect_urls(&case).len(), 3);
        case.failure.regions = vec![Region::Eu];
        assert_eq!(
            alexa_redirect_urls(&case),
            [(
                Region::Eu,
                "https://layla.amazon.com/api/skill/link/M1B2C3D4E5F6G7".to_owned()
            )]
        );
    }

    #[test]
    fn alexa_redirect_urls_give_their_vendor_id_and_others_do_not() {
        assert_eq!(
            parse_alexa_redirect("https://alexa.amazon.co.jp/api/skill/link/M1B2C3D4E5F6G7"),
            Some((Region::Fe, "M1B2C3D4E5F6G7".to_owned()))
        );
        assert_eq!(
            parse_alexa_redirect("https://app.example.com/alexa/link"),
            None
        );
        assert_eq!(
            parse_alexa_redirect("https://pitangui.amazon.com/api/skill/link/"),
            None
        );
        assert_eq!(
            parse_alexa_redirect("http://pitangui.amazon.com/api/skill/link/M1"),
            None
        );
    }

    proptest! {
        #[test]
        fn parsing_any_text_never_panics(text in ".{0,80}") {
            let _ = parse_alexa_redirect(&text);
            let _ = parse_alexa_redirect(&format!("https://layla.amazon.com/{text}"));
        }
    }
}
