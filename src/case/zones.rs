//! The zone table, built once: case-insensitive lookup of IANA names, and fuzzy search
//! for the `zones` command and the time zone picker.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use chrono_tz::{TZ_VARIANTS, Tz};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A zone found by [`search`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneMatch {
    /// The IANA name, spelled as in the time zone database.
    pub name: &'static str,
    /// Why it matched, when it matched through an abbreviation: `"PST: Pacific Time"`.
    pub note: Option<&'static str>,
}

/// A common abbreviation and the zones people who use it most likely mean, most likely first.
/// One abbreviation can have several rows when it means different things (CST, IST).
struct Abbreviation {
    abbr: &'static str,
    note: &'static str,
    zones: &'static [&'static str],
}

const fn abbr(
    abbr: &'static str,
    note: &'static str,
    zones: &'static [&'static str],
) -> Abbreviation {
    Abbreviation { abbr, note, zones }
}

const LOS_ANGELES: &[&str] = &[
    "America/Los_Angeles",
    "America/Vancouver",
    "America/Tijuana",
];
const DENVER_PHOENIX: &[&str] = &["America/Denver", "America/Phoenix", "America/Edmonton"];
const CHICAGO: &[&str] = &["America/Chicago", "America/Winnipeg", "America/Mexico_City"];
const NEW_YORK: &[&str] = &["America/New_York", "America/Toronto"];
const ANCHORAGE: &[&str] = &["America/Anchorage"];
const LONDON: &[&str] = &["Europe/London"];
const CENTRAL_EUROPE: &[&str] = &[
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Amsterdam",
];
const EASTERN_EUROPE: &[&str] = &[
    "Europe/Athens",
    "Europe/Helsinki",
    "Europe/Bucharest",
    "Europe/Kyiv",
];
const WESTERN_EUROPE: &[&str] = &["Europe/Lisbon", "Atlantic/Canary"];
const AUSTRALIA_EAST: &[&str] = &[
    "Australia/Sydney",
    "Australia/Melbourne",
    "Australia/Brisbane",
    "Australia/Hobart",
];
const AUSTRALIA_EAST_DST: &[&str] = &[
    "Australia/Sydney",
    "Australia/Melbourne",
    "Australia/Hobart",
];
const AUSTRALIA_CENTRAL: &[&str] = &["Australia/Adelaide", "Australia/Darwin"];
const AUCKLAND: &[&str] = &["Pacific/Auckland"];
const HALIFAX: &[&str] = &["America/Halifax", "America/Puerto_Rico"];
const ST_JOHNS: &[&str] = &["America/St_Johns"];
const JERUSALEM: &[&str] = &["Asia/Jerusalem"];

/// Abbreviations are not zones (DESIGN §1), but the picker turns them into suggestions.
const ABBREVIATIONS: &[Abbreviation] = &[
    abbr("PST", "PST: Pacific Time", LOS_ANGELES),
    abbr("PDT", "PDT: Pacific Time", LOS_ANGELES),
    abbr("PT", "PT: Pacific Time", LOS_ANGELES),
    abbr("MST", "MST: Mountain Time", DENVER_PHOENIX),
    abbr(
        "MDT",
        "MDT: Mountain Time",
        &["America/Denver", "America/Edmonton"],
    ),
    abbr("MT", "MT: Mountain Time", DENVER_PHOENIX),
    abbr("CST", "CST: Central Time (North America)", CHICAGO),
    abbr(
        "CST",
        "CST: China Standard Time",
        &["Asia/Shanghai", "Asia/Taipei"],
    ),
    abbr("CST", "CST: Cuba Standard Time", &["America/Havana"]),
    abbr("CDT", "CDT: Central Time (North America)", CHICAGO),
    abbr("CDT", "CDT: Cuba Daylight Time", &["America/Havana"]),
    abbr("CT", "CT: Central Time (North America)", CHICAGO),
    abbr("EST", "EST: Eastern Time", NEW_YORK),
    abbr("EDT", "EDT: Eastern Time", NEW_YORK),
    abbr("ET", "ET: Eastern Time", NEW_YORK),
    abbr("AKST", "AKST: Alaska Time", ANCHORAGE),
    abbr("AKDT", "AKDT: Alaska Time", ANCHORAGE),
    abbr("HST", "HST: Hawaii Time", &["Pacific/Honolulu"]),
    abbr("AST", "AST: Atlantic Time", HALIFAX),
    abbr("AST", "AST: Arabia Standard Time", &["Asia/Riyadh"]),
    abbr("ADT", "ADT: Atlantic Time", &["America/Halifax"]),
    abbr("NST", "NST: Newfoundland Time", ST_JOHNS),
    abbr("NDT", "NDT: Newfoundland Time", ST_JOHNS),
    abbr(
        "GMT",
        "GMT: Greenwich Mean Time (UK)",
        &["Europe/London", "Europe/Dublin"],
    ),
    abbr("BST", "BST: British Summer Time", LONDON),
    abbr("UK", "UK: United Kingdom", LONDON),
    abbr("IST", "IST: India Standard Time", &["Asia/Kolkata"]),
    abbr("IST", "IST: Irish Standard Time", &["Europe/Dublin"]),
    abbr("IST", "IST: Israel Standard Time", JERUSALEM),
    abbr("IDT", "IDT: Israel Daylight Time", JERUSALEM),
    abbr("WET", "WET: Western European Time", WESTERN_EUROPE),
    abbr("WEST", "WEST: Western European Summer Time", WESTERN_EUROPE),
    abbr("CET", "CET: Central European Time", CENTRAL_EUROPE),
    abbr("CEST", "CEST: Central European Summer Time", CENTRAL_EUROPE),
    abbr("EET", "EET: Eastern European Time", EASTERN_EUROPE),
    abbr("EEST", "EEST: Eastern European Summer Time", EASTERN_EUROPE),
    abbr("MSK", "MSK: Moscow Time", &["Europe/Moscow"]),
    abbr("SAST", "SAST: South Africa Time", &["Africa/Johannesburg"]),
    abbr("WAT", "WAT: West Africa Time", &["Africa/Lagos"]),
    abbr("CAT", "CAT: Central Africa Time", &["Africa/Maputo"]),
    abbr("EAT", "EAT: East Africa Time", &["Africa/Nairobi"]),
    abbr("GST", "GST: Gulf Standard Time", &["Asia/Dubai"]),
    abbr("PKT", "PKT: Pakistan Time", &["Asia/Karachi"]),
    abbr("NPT", "NPT: Nepal Time", &["Asia/Kathmandu"]),
    abbr(
        "ICT",
        "ICT: Indochina Time",
        &["Asia/Bangkok", "Asia/Ho_Chi_Minh"],
    ),
    abbr("WIB", "WIB: Western Indonesia Time", &["Asia/Jakarta"]),
    abbr("SGT", "SGT: Singapore Time", &["Asia/Singapore"]),
    abbr("HKT", "HKT: Hong Kong Time", &["Asia/Hong_Kong"]),
    abbr("PHT", "PHT: Philippine Time", &["Asia/Manila"]),
    abbr("JST", "JST: Japan Standard Time", &["Asia/Tokyo"]),
    abbr("KST", "KST: Korea Standard Time", &["Asia/Seoul"]),
    abbr("AEST", "AEST: Australian Eastern Time", AUSTRALIA_EAST),
    abbr("AEDT", "AEDT: Australian Eastern Time", AUSTRALIA_EAST_DST),
    abbr("AET", "AET: Australian Eastern Time", AUSTRALIA_EAST),
    abbr("ACST", "ACST: Australian Central Time", AUSTRALIA_CENTRAL),
    abbr(
        "ACDT",
        "ACDT: Australian Central Time",
        &["Australia/Adelaide"],
    ),
    abbr(
        "AWST",
        "AWST: Australian Western Time",
        &["Australia/Perth"],
    ),
    abbr("NZST", "NZST: New Zealand Time", AUCKLAND),
    abbr("NZDT", "NZDT: New Zealand Time", AUCKLAND),
    abbr("BRT", "BRT: Brasília Time", &["America/Sao_Paulo"]),
    abbr(
        "ART",
        "ART: Argentina Time",
        &["America/Argentina/Buenos_Aires"],
    ),
];

struct Table {
    /// Every IANA name, sorted.
    names: Vec<&'static str>,
    by_lowercase_name: HashMap<String, Tz>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Legacy tzdb zones named like abbreviations (CET, EST, MST…) are not values a case
        // may use (DESIGN §1), so they are never offered; `lookup` still knows them.
        let mut names: Vec<&'static str> = TZ_VARIANTS
            .iter()
            .map(|tz| tz.name())
            .filter(|name| !is_abbreviation(name))
            .collect();
        names.sort_unstable();
        names.dedup();
        let by_lowercase_name = TZ_VARIANTS
            .iter()
            .map(|tz| (tz.name().to_ascii_lowercase(), *tz))
            .collect();
        Table {
            names,
            by_lowercase_name,
        }
    })
}

thread_local! {
    // A matcher holds a ~135 KB scratch matrix; build it once per thread, not per keystroke.
    static MATCHER: RefCell<Matcher> = RefCell::new(Matcher::new(Config::DEFAULT));
}

/// The IANA zone named `name`, ignoring ASCII case.
#[must_use]
pub fn lookup(name: &str) -> Option<Tz> {
    table()
        .by_lowercase_name
        .get(&name.trim().to_ascii_lowercase())
        .copied()
}

/// Every zone name a case may use, sorted: chrono-tz's canonical names, links and `UTC`,
/// without the legacy zones named like abbreviations (`CET`, `EST`…).
#[must_use]
pub fn all_names() -> &'static [&'static str] {
    &table().names
}

/// Up to `limit` zones matching `query`, best first, each name once.
///
/// An exact name (any case) comes first, then the zones an abbreviation such as `PST`
/// stands for (with a note), then fuzzy matches where spaces stand for `_` (`new york`
/// finds `America/New_York`). An empty query lists the zones in name order.
#[must_use]
pub fn search(query: &str, limit: usize) -> Vec<ZoneMatch> {
    let names = all_names();
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.is_empty() {
        return names
            .iter()
            .take(limit)
            .map(|&name| ZoneMatch { name, note: None })
            .collect();
    }
    let joined = words.join("_");

    let mut found: Vec<ZoneMatch> = Vec::new();
    let add = |found: &mut Vec<ZoneMatch>, name: &'static str, note| {
        if found.len() < limit && !found.iter().any(|m| m.name == name) {
            found.push(ZoneMatch { name, note });
        }
    };
    if let Some(tz) = lookup(&joined).filter(|tz| !is_abbreviation(tz.name())) {
        add(&mut found, tz.name(), None);
    }
    for row in ABBREVIATIONS
        .iter()
        .filter(|row| row.abbr.eq_ignore_ascii_case(&joined))
    {
        for tz in row.zones.iter().filter_map(|zone| lookup(zone)) {
            add(&mut found, tz.name(), Some(row.note));
        }
    }
    if found.len() >= limit {
        return found;
    }
    // After an abbreviation, only names that carry it as a word (`EST5EDT`, `Etc/GMT+1`):
    // "pst" is a subsequence of `Europe/Stockholm`, which nobody typing it means.
    let abbreviation = is_abbreviation(&joined);
    let fuzzy = fuzzy(query, &joined, words.len() > 1)
        .into_iter()
        .filter(|name| !abbreviation || has_word(name, &joined));
    let typos = misspelled(&words.join(" "));
    for name in fuzzy.chain(typos) {
        if found.len() >= limit {
            break;
        }
        if !found.iter().any(|m| m.name == name) {
            found.push(ZoneMatch { name, note: None });
        }
    }
    found
}

/// The weakest fuzzy score kept, per character of the query. A word found whole scores
/// 26–28 a character ("kiev" 109, "london" 159); letters scattered across a name score
/// about 16–21 ("pst" in `Europe/Stockholm` 62, "kyiv" in `America/Kentucky/Louisville` 65).
/// Pinned by `real_queries_find_what_people_mean_and_nothing_else`.
const MIN_SCORE_PER_CHAR: u32 = 22;

/// Whether `word` is one of the letter runs of `name`, ignoring case.
fn has_word(name: &str, word: &str) -> bool {
    name.split(|c: char| !c.is_ascii_alphabetic())
        .any(|part| part.eq_ignore_ascii_case(word))
}

/// Names with a part (`Kolkata` of `Asia/Kolkata`) one or two typing slips from `typed`,
/// closest first: "kolkatta", "chicaco", "sidney", "singapur". Short queries get no slack
/// (every three-letter word is one slip from many names): one slip from 5 characters, two
/// from 8.
fn misspelled(typed: &str) -> Vec<&'static str> {
    let typed: Vec<char> = typed.to_lowercase().chars().collect();
    let slack = match typed.len() {
        0..=4 => return Vec::new(),
        5..=7 => 1,
        _ => 2,
    };
    let mut close: Vec<(usize, &'static str)> = all_names()
        .iter()
        .filter_map(|&name| {
            name.split('/')
                .map(|part| {
                    let part: Vec<char> = part
                        .chars()
                        .map(|c| {
                            if c == '_' {
                                ' '
                            } else {
                                c.to_ascii_lowercase()
                            }
                        })
                        .collect();
                    typo_distance(&typed, &part)
                })
                .min()
                .filter(|&d| d <= slack)
                .map(|d| (d, name))
        })
        .collect();
    close.sort_by(|(da, a), (db, b)| da.cmp(db).then(a.len().cmp(&b.len())).then(a.cmp(b)));
    close.into_iter().map(|(_, name)| name).collect()
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: the optimal string
/// alignment distance.
fn typo_distance(a: &[char], b: &[char]) -> usize {
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let width = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Every name the fuzzy matcher accepts, best first (ties: shorter, then by name).
fn fuzzy(query: &str, joined: &str, several_words: bool) -> Vec<&'static str> {
    // "new york" is tried both as one needle "new_york" and as the words "new" and "york"
    // in any order; a name keeps the better of its two scores.
    let as_one = Pattern::parse(joined, CaseMatching::Ignore, Normalization::Smart);
    let as_words =
        several_words.then(|| Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart));
    let chars = u32::try_from(joined.chars().filter(|&c| c != '_').count()).unwrap_or(u32::MAX);
    let weakest = chars.saturating_mul(MIN_SCORE_PER_CHAR);
    let mut scored: Vec<(u32, &'static str)> = MATCHER.with_borrow_mut(|matcher| {
        let mut buf = Vec::new();
        all_names()
            .iter()
            .filter_map(|&name| {
                let haystack = Utf32Str::new(name, &mut buf);
                let one = as_one.score(haystack, matcher);
                let words = as_words
                    .as_ref()
                    .and_then(|pattern| pattern.score(haystack, matcher));
                one.max(words)
                    .filter(|&score| score >= weakest)
                    .map(|score| (score, name))
            })
            .collect()
    });
    scored.sort_unstable_by(|(score_a, a), (score_b, b)| {
        score_b
            .cmp(score_a)
            .then(a.len().cmp(&b.len()))
            .then(a.cmp(b))
    });
    scored.into_iter().map(|(_, name)| name).collect()
}

/// Whether `name` is a time zone abbreviation (PST, CET, EST…), which DESIGN §1 does not
/// accept as a zone even where tzdb has a legacy zone of that name. `UTC` is a zone.
#[must_use]
pub fn is_abbreviation(name: &str) -> bool {
    let name = name.trim();
    !name.eq_ignore_ascii_case("UTC")
        && ABBREVIATIONS
            .iter()
            .any(|row| row.abbr.eq_ignore_ascii_case(name))
}

/// Up to `limit` zone names that `query` may have meant, best first: [`search`]'s names.
#[must_use]
pub fn suggest(query: &str, limit: usize) -> Vec<String> {
    search(query, limit)
        .into_iter()
        .map(|found| found.name.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names(query: &str, limit: usize) -> Vec<&'static str> {
        search(query, limit).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn lookup_ignores_case_and_surrounding_space() {
        assert_eq!(lookup(" america/new_YORK "), Some(Tz::America__New_York));
        assert_eq!(lookup("utc"), Some(Tz::UTC));
        assert_eq!(lookup("PST"), None);
        assert_eq!(lookup(""), None);
    }

    #[test]
    fn all_names_are_sorted_unique_and_include_utc() {
        let all = all_names();
        assert!(all.len() > 400, "{}", all.len());
        assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(all.contains(&"UTC"));
        assert!(all.contains(&"America/New_York"));
    }

    #[test]
    fn empty_query_lists_names_in_order() {
        let all = all_names();
        assert_eq!(names("", 5), all[..5].to_vec());
        assert_eq!(names("  \t ", 3), all[..3].to_vec());
        assert_eq!(search("", usize::MAX).len(), all.len());
        assert!(search("", 0).is_empty());
    }

    #[test]
    fn search_finds_new_york_by_words() {
        assert_eq!(names("new york", 5).first(), Some(&"America/New_York"));
        assert_eq!(names("New_York", 5).first(), Some(&"America/New_York"));
        assert_eq!(names("york new", 5).first(), Some(&"America/New_York"));
    }

    #[test]
    fn partial_words_rank_new_york_first() {
        assert_eq!(names("new y", 5).first(), Some(&"America/New_York"));
        assert_eq!(names("new yo", 5).first(), Some(&"America/New_York"));
    }

    #[test]
    fn kolkata_matches_asia_kolkata() {
        assert_eq!(names("kolkata", 5).first(), Some(&"Asia/Kolkata"));
        assert_eq!(names("Kolkata", 5).first(), Some(&"Asia/Kolkata"));
    }

    #[test]
    fn exact_name_ranks_first() {
        assert_eq!(names("europe/paris", 5).first(), Some(&"Europe/Paris"));
        // "UTC" is also a substring of other names; the exact one still wins.
        assert_eq!(names("utc", 5).first(), Some(&"UTC"));
        // Etc/GMT+1 is fuzzy-close to Etc/GMT+10..12; exact wins.
        assert_eq!(names("etc/gmt+1", 5).first(), Some(&"Etc/GMT+1"));
    }

    #[test]
    fn abbreviation_pst_suggests_los_angeles_first() {
        let found = search("PST", 5);
        assert_eq!(
            found.first(),
            Some(&ZoneMatch {
                name: "America/Los_Angeles",
                note: Some("PST: Pacific Time"),
            })
        );
        assert_eq!(
            suggest("pst", 3).first().map(String::as_str),
            Some("America/Los_Angeles")
        );
    }

    #[test]
    fn abbreviation_cst_offers_chicago_and_shanghai() {
        let found = search("cst", 10);
        assert_eq!(found[0].name, "America/Chicago");
        let shanghai = found.iter().find(|m| m.name == "Asia/Shanghai");
        assert_eq!(
            shanghai.and_then(|m| m.note),
            Some("CST: China Standard Time")
        );
    }

    #[test]
    fn abbreviation_ist_offers_india_ireland_and_israel() {
        let found = names("IST", 10);
        assert_eq!(
            found[..3],
            ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]
        );
    }

    #[test]
    fn abbreviation_that_is_also_a_legacy_zone_offers_only_real_zones() {
        // "EST" is a legacy fixed-offset tzdb name, which a case may not use: search
        // offers the zones the abbreviation stands for instead, and never "EST" itself.
        let found = search("EST", 5);
        assert_eq!(found[0].name, "America/New_York");
        assert_eq!(found[0].note, Some("EST: Eastern Time"));
        assert!(found.iter().all(|m| m.name != "EST"), "{found:?}");
        assert!(!all_names().contains(&"CET"));
        assert!(lookup("CET").is_some());
    }

    #[test]
    fn every_abbreviation_names_real_zones_and_explains_itself() {
        for row in ABBREVIATIONS {
            assert!(
                row.note.starts_with(&format!("{}: ", row.abbr)),
                "{}",
                row.note
            );
            assert!(!row.zones.is_empty(), "{}", row.abbr);
            for zone in row.zones {
                assert_eq!(lookup(zone).map(Tz::name), Some(*zone), "{}", row.abbr);
            }
        }
    }

    #[test]
    fn search_respects_limit_without_duplicates() {
        for query in ["cst", "IST", "EST", "america", "a", "new york"] {
            for limit in [0, 1, 2, 3, 7, 50] {
                let found = names(query, limit);
                assert!(found.len() <= limit, "{query} {limit}");
                let mut unique = found.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(unique.len(), found.len(), "{query} {limit}: {found:?}");
            }
        }
    }

    /// Real queries, and what each must (first) and must not bring up: abbreviations,
    /// city names with spaces, partial words and misspellings. Pins the thresholds.
    #[test]
    fn real_queries_find_what_people_mean_and_nothing_else() {
        let rows: &[(&str, &str, &[&str])] = &[
            (
                "pst",
                "America/Los_Angeles",
                &["Europe/Stockholm", "Pacific/Easter"],
            ),
            ("PDT", "America/Los_Angeles", &["Europe/Stockholm"]),
            (
                "est",
                "America/New_York",
                &["Europe/Stockholm", "Brazil/East"],
            ),
            (
                "cst",
                "America/Chicago",
                &["America/Costa_Rica", "Indian/Christmas"],
            ),
            (
                "ist",
                "Asia/Kolkata",
                &["Asia/Istanbul", "Atlantic/St_Helena"],
            ),
            ("new york", "America/New_York", &[]),
            ("new yo", "America/New_York", &[]),
            ("los angeles", "America/Los_Angeles", &[]),
            ("sao paulo", "America/Sao_Paulo", &[]),
            ("mexico city", "America/Mexico_City", &[]),
            ("ho chi minh", "Asia/Ho_Chi_Minh", &[]),
            ("st johns", "America/St_Johns", &[]),
            ("kolkata", "Asia/Kolkata", &[]),
            ("kolkatta", "Asia/Kolkata", &[]),
            ("chicaco", "America/Chicago", &[]),
            ("sidney", "Australia/Sydney", &["Asia/Srednekolymsk"]),
            ("singapur", "Singapore", &[]),
            ("amsterdm", "Europe/Amsterdam", &[]),
            ("zurich", "Europe/Zurich", &[]),
            ("kyiv", "Europe/Kyiv", &["America/Kentucky/Louisville"]),
            ("utc", "UTC", &["Australia/Canberra", "Europe/Stockholm"]),
        ];
        for (query, first, never) in rows {
            let found = names(query, 20);
            assert_eq!(found.first(), Some(first), "{query}: {found:?}");
            for name in *never {
                assert!(!found.contains(name), "{query} brings up {name}: {found:?}");
            }
        }
        // An abbreviation brings up only what it stands for and names that carry it.
        let pst = names("pst", 20);
        assert!(
            pst.iter()
                .all(|n| LOS_ANGELES.contains(n) || n.contains("PST")),
            "{pst:?}"
        );
    }

    #[test]
    fn typo_distance_counts_slips() {
        let d = |a: &str, b: &str| {
            typo_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("kolkatta", "kolkata"), 1);
        assert_eq!(d("singapur", "singapore"), 2);
        assert_eq!(d("sidney", "sydney"), 1);
        assert_eq!(d("berlni", "berlin"), 1);
        assert_eq!(d("", ""), 0);
        assert_eq!(d("paris", "paris"), 0);
        assert_eq!(d("ab", "abcdef"), usize::MAX);
    }

    #[test]
    fn nonsense_finds_nothing() {
        assert!(search("qqqqzzzz", 5).is_empty());
        assert!(suggest("qqqqzzzz", 5).is_empty());
    }

    #[test]
    fn search_is_fast_enough_for_every_keystroke() {
        // The picker searches on every keystroke: warm up, then time a few typed prefixes.
        let _ = search("x", 1);
        let typed = "america new york";
        let start = std::time::Instant::now();
        for end in 1..=typed.len() {
            let _ = search(&typed[..end], 20);
        }
        let per_query = start.elapsed() / u32::try_from(typed.len()).unwrap();
        // Generous for unoptimised test builds on a busy machine; release is far faster.
        assert!(per_query.as_millis() < 20, "{per_query:?} per query");
    }

    proptest! {
        #[test]
        fn search_and_lookup_never_panic(query in any::<String>(), limit in 0usize..40) {
            let _ = lookup(&query);
            let found = search(&query, limit);
            prop_assert!(found.len() <= limit);
            let mut unique: Vec<_> = found.iter().map(|m| m.name).collect();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), found.len());
            prop_assert!(found.iter().all(|m| lookup(m.name).is_some()));
        }

        #[test]
        fn search_with_zone_like_queries_stays_unique(
            query in "[a-zA-Z/_ +-]{0,12}",
            limit in 0usize..700,
        ) {
            let found = search(&query, limit);
            prop_assert!(found.len() <= limit);
            let mut unique: Vec<_> = found.iter().map(|m| m.name).collect();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), found.len());
        }
    }
}
