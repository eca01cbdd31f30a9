//! The gazetteer: countries, cities, regions, seas and international
//! organisations from `data/gazetteer.tsv`, with their variant names, and the
//! nationality adjectives that point to a country. Parsed and compiled into
//! one Aho-Corasick automaton once per process.

use super::Kind;
use crate::analysis::FnvMap;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The data file, embedded so the binary needs nothing at run time.
const DATA: &str = include_str!("../../../data/gazetteer.tsv");

/// The larger list of towns and cities (`data/places.tsv`, from `GeoNames`):
/// looked up by whole names only, never scanned for in the text.
const PLACES: &str = include_str!("../../../data/places.tsv");

/// A town, city or region of `data/places.tsv`.
#[derive(Debug, Clone)]
pub struct City {
    /// Its name as the data file writes it.
    pub name: String,
    /// The gazetteer entry of its country, if known.
    pub country: Option<usize>,
    /// Its population (regions count as a million).
    pub population: u32,
}

/// One real thing the gazetteer knows.
#[derive(Debug, Clone)]
pub struct GazEntry {
    /// Its canonical name in the data file.
    pub name: String,
    /// Place or organisation.
    pub kind: Kind,
    /// For a city or region, the entry of the country it lies in.
    pub within: Option<usize>,
}

/// The compiled gazetteer.
pub struct Gazetteer {
    /// Every entry, indexed by the ids below.
    pub entries: Vec<GazEntry>,
    /// Name key -> (entry, whether the written form must be all capitals).
    by_key: FnvMap<String, (usize, bool)>,
    /// Nationality adjective key -> the entry of its country, if known.
    nationalities: FnvMap<String, Option<usize>>,
    /// Every name and alias, for scanning text.
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, its entry.
    pattern_entry: Vec<usize>,
    /// For each entry, whether it is a country or like one: in no other
    /// place, or marked `nation` in the data ("England").
    nation: Vec<bool>,
    /// Name key -> index in `cities`.
    city_keys: FnvMap<String, u32>,
    /// The towns and cities of `data/places.tsv`.
    cities: Vec<City>,
}

/// A gazetteer name found in a text, at word boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The entry it names.
    pub entry: usize,
}

/// Normalises a name for comparison: lower case, letters and digits only,
/// with British and American spellings of common name words made one, and
/// a name's number written alike in its three usual places ("Second World
/// War", "World War II", "World War Two": see [`numbered`]).
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, &mut out);
    out
}

/// [`key`] written into `out` (cleared first), for lookups that need the key
/// only for a moment.
fn key_into(name: &str, out: &mut String) {
    out.clear();
    // Each piece between non-alphanumeric characters is one word, lower-cased
    // straight into `out` (no String per word); a British spelling just
    // written is swapped for the American one.
    let words = name.split(|c: char| !c.is_alphanumeric());
    match numbered(name) {
        // the words but the number's, then the number as digits
        Some((place, count, n)) => {
            words
                .filter(|w| !w.is_empty())
                .skip(usize::from(place == Place::First))
                .take(count - 1)
                .for_each(|w| push_word(out, w));
            out.push_str(n);
        }
        None => words.for_each(|w| push_word(out, w)),
    }
}

/// One word of a name, lower-cased onto `out`, in its American spelling.
fn push_word(out: &mut String, word: &str) {
    let from = out.len();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    let american = match &out[from..] {
        "centre" => "center",
        "organisation" => "organization",
        "defence" => "defense",
        "programme" => "program",
        "labour" => "labor",
        _ => return,
    };
    out.truncate(from);
    out.push_str(american);
}

/// Where a name states its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// As an ordinal before it: "Second World War".
    First,
    /// As a Roman numeral or a number word after it: "World War II".
    Last,
}

/// The number a name of three words or more states by an ordinal first
/// ("Second World War", "Third Reich Museum") or by a Roman numeral or a
/// number word last ("World War II", "World War Two"), as digits, with where
/// and the name's count of words:
/// the key then ends in the digits, so the forms are one name. A name of
/// two words keeps its words ("Second Division", "Charles II"): the
/// ordinal or the numeral is then most often the name itself.
fn numbered(name: &str) -> Option<(Place, usize, &'static str)> {
    const ORDINALS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    const NUMBERS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    const DIGITS: [&str; 10] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
    let mut words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    let (count, last) = words.fold((1, first), |(n, _), w| (n + 1, w));
    if count < 3 {
        return None;
    }
    if let Some(i) = ORDINALS.iter().position(|o| first.eq_ignore_ascii_case(o)) {
        return Some((Place::First, count, DIGITS[i]));
    }
    ROMAN
        .iter()
        .position(|r| last == *r)
        .or_else(|| NUMBERS.iter().position(|n| last.eq_ignore_ascii_case(n)))
        .map(|i| (Place::Last, count, DIGITS[i]))
}

/// Calls `f` with the key of `name`, built in a buffer reused by the thread:
/// the gazetteer is asked about nearly every capitalised word.
fn with_key<T>(name: &str, f: impl FnOnce(&str) -> T) -> T {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|b| match b.try_borrow_mut() {
        Ok(mut buf) => {
            key_into(name, &mut buf);
            f(&buf)
        }
        // Only if `f` itself asked for a key: build one of its own.
        Err(_) => f(&key(name)),
    })
}

/// Whether a word has letters and none in lower case ("US", "G7", "NATO").
pub fn all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 0
}

impl Gazetteer {
    /// The shared gazetteer, parsed on first use.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Self::parse(DATA).with_places(PLACES))
    }

    /// Adds the towns and cities of `data` (the format of `data/places.tsv`:
    /// name, kind, country, population); a line that cannot be read is
    /// skipped.
    pub fn with_places(mut self, data: &str) -> Self {
        for line in data.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(name), Some(_kind), Some(country), Some(pop)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let Ok(population) = pop.trim().parse::<u32>() else {
                continue;
            };
            let k = key(name);
            if k.is_empty() || self.by_key.contains_key(&k) || self.city_keys.contains_key(&k) {
                continue;
            }
            let country = self.by_key.get(&key(country)).map(|&(id, _)| id);
            let Ok(index) = u32::try_from(self.cities.len()) else {
                break;
            };
            self.city_keys.insert(k, index);
            self.cities.push(City {
                name: name.to_string(),
                country,
                population,
            });
        }
        self
    }

    /// Whether entry `id` is a country or like one ("England"): a place in
    /// no other, or one the data marks as a nation.
    pub fn is_nation(&self, id: usize) -> bool {
        self.nation.get(id).copied().unwrap_or(false)
    }

    /// The town or city of `data/places.tsv` a written name stands for.
    pub fn city(&self, name: &str) -> Option<&City> {
        if self.city_keys.is_empty() {
            return None;
        }
        let i = with_key(name, |k| self.city_keys.get(k).copied())?;
        self.cities.get(usize::try_from(i).ok()?)
    }

    /// Parses the tab-separated data (see the file's header).
    pub fn parse(data: &str) -> Self {
        let mut entries: Vec<GazEntry> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut by_key: FnvMap<String, (usize, bool)> = FnvMap::default();
        let mut pending_nat: Vec<(String, String)> = Vec::new();
        let mut pending_within: Vec<(usize, String)> = Vec::new();
        let mut nations: Vec<usize> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entry = Vec::new();
        for line in data.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let kind = fields.next().unwrap_or("").trim();
            let name = fields.next().unwrap_or("").trim();
            let rest = fields.next().unwrap_or("").trim();
            let within = fields.next().unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            let is_nation = kind == "nation";
            let kind = match kind {
                "place" | "nation" => Kind::Place,
                "org" => Kind::Organization,
                "nat" => {
                    pending_nat.push((name.to_string(), rest.to_string()));
                    continue;
                }
                _ => continue,
            };
            let id = *by_name.entry(name.to_string()).or_insert_with(|| {
                entries.push(GazEntry {
                    name: name.to_string(),
                    kind,
                    within: None,
                });
                entries.len() - 1
            });
            if !within.is_empty() {
                pending_within.push((id, within.to_string()));
            }
            if is_nation {
                nations.push(id);
            }
            let names = std::iter::once(name).chain(rest.split('|').map(str::trim));
            for n in names.filter(|n| !n.is_empty()) {
                let caps = all_caps(n) && n.chars().filter(|c| c.is_alphabetic()).count() <= 6;
                by_key.entry(key(n)).or_insert((id, caps));
                patterns.push(n.to_string());
                pattern_entry.push(id);
            }
        }
        for (id, country) in pending_within {
            entries[id].within = by_name.get(&country).copied().filter(|&c| c != id);
        }
        let nationalities: FnvMap<String, Option<usize>> = pending_nat
            .into_iter()
            .map(|(adj, country)| (key(&adj), by_name.get(&country).copied()))
            .collect();
        let mut nation: Vec<bool> = entries.iter().map(|e| e.within.is_none()).collect();
        for c in nations {
            nation[c] = true;
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        Self {
            entries,
            by_key,
            nationalities,
            automaton,
            pattern_entry,
            nation,
            city_keys: FnvMap::default(),
            cities: Vec::new(),
        }
    }

    /// The entry a written name stands for, if any. An all-capitals alias
    /// ("US", "WHO") matches only a form written in capitals.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let (id, caps) = with_key(name, |k| self.by_key.get(k).copied())?;
        if caps && !all_caps(name) {
            return None;
        }
        Some(id)
    }

    /// True when `name` is a nationality adjective or demonym ("Japanese",
    /// "South Korean"), plural forms included, except a plural that is a
    /// place's own name ("Philippines" is not the plural of "Philippine").
    pub fn is_nationality(&self, name: &str) -> bool {
        with_key(name, |k| {
            self.nationalities.contains_key(k)
                || k.strip_suffix('s').is_some_and(|s| {
                    self.nationalities.contains_key(s) && !self.by_key.contains_key(k)
                })
        })
    }

    /// The country a nationality adjective points to.
    pub fn nationality_country(&self, name: &str) -> Option<usize> {
        with_key(name, |k| self.nationalities.get(k).copied().flatten())
    }

    /// Every gazetteer name in `text` at word boundaries, leftmost-longest,
    /// case as written.
    pub fn find_all(&self, text: &str) -> Vec<GazMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            let before_ok = text[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            // "U.S." ends with a dot the text may share with its sentence;
            // a dotted match must not swallow the start of another word.
            let dotted_ok = !(bytes.get(m.end()) == Some(&b'.')
                && text[m.end() + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric));
            if before_ok && after_ok && dotted_ok {
                out.push(GazMatch {
                    start: m.start(),
                    end: m.end(),
                    entry: self.pattern_entry[m.pattern().as_usize()],
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_numbered_three_ways_is_one_key() {
        let war = key("World War II");
        assert_eq!(key("Second World War"), war);
        assert_eq!(key("World War Two"), war);
        assert_eq!(key("World War 2"), war);
        assert_eq!(key("First World War"), key("World War I"));
        assert_ne!(key("First World War"), war);
        // two words: the number is the name's own
        assert_eq!(key("Second Division"), "seconddivision");
        assert_eq!(key("Charles II"), "charlesii");
        // a Roman numeral is written in capitals; other words are words
        assert_eq!(key("Kim Jong Il"), "kimjongil");
        assert_eq!(key("Pope John Paul II"), key("Pope John Paul Two"));
    }

    #[test]
    fn variant_names_share_an_entry() {
        let g = Gazetteer::get();
        let us = g.lookup("United States");
        assert!(us.is_some());
        assert_eq!(g.lookup("U.S."), us);
        assert_eq!(g.lookup("US"), us);
        assert_eq!(g.lookup("USA"), us);
        assert_eq!(g.lookup("Us"), None, "all-caps aliases need capitals");
        assert_eq!(g.lookup("G-7"), g.lookup("G7"));
        assert_eq!(g.lookup("Britain"), g.lookup("UK"));
        assert_eq!(
            g.lookup("NATO").map(|i| g.entries[i].kind),
            Some(Kind::Organization)
        );
        assert_eq!(
            g.lookup("Sea of Japan").map(|i| g.entries[i].kind),
            Some(Kind::Place)
        );
    }

    #[test]
    fn nationality_adjectives_point_to_countries() {
        let g = Gazetteer::get();
        assert!(g.is_nationality("Japanese"));
        assert!(g.is_nationality("Russians"));
        assert!(g.is_nationality("South Korean"));
        // Territories have their demonyms too.
        assert!(g.is_nationality("Gibraltarians"));
        assert_eq!(
            g.nationality_country("Puerto Rican"),
            g.lookup("Puerto Rico")
        );
        assert!(!g.is_nationality("Japan"));
        // A country whose name is its adjective's plural.
        assert!(g.is_nationality("Philippine"));
        assert!(!g.is_nationality("Philippines"));
        assert_eq!(g.nationality_country("Soviet"), g.lookup("USSR"));
    }

    #[test]
    fn cities_and_regions_know_their_country() {
        let g = Gazetteer::get();
        let within = |place: &str| {
            let id = g.lookup(place)?;
            g.entries[id].within.map(|c| g.entries[c].name.as_str())
        };
        assert_eq!(within("Osaka"), Some("Japan"));
        assert_eq!(within("Saint Petersburg"), Some("Russia"));
        assert_eq!(within("Bavaria"), Some("Germany"));
        assert_eq!(within("Glasgow"), Some("United Kingdom"));
        // A country lies in nothing; a disputed place is left open.
        assert_eq!(within("France"), None);
        assert_eq!(within("Crimea"), None);
        // Every country named in the data is one of its entries.
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            if let Some(country) = line.split('\t').nth(3).filter(|c| !c.trim().is_empty()) {
                assert!(g.lookup(country.trim()).is_some(), "{line}");
            }
        }
    }

    #[test]
    fn finds_names_at_word_boundaries_only() {
        let g = Gazetteer::get();
        let text = "Trade between Bosnia and Herzegovina and the USA, not USAID.";
        let found: Vec<&str> = g
            .find_all(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, ["Bosnia and Herzegovina", "USA"]);
    }

    #[test]
    fn spelling_variants_share_a_key() {
        assert_eq!(key("Centre for X"), key("Center for X"));
        assert_eq!(
            key("Liberal-Democratic Party"),
            key("Liberal Democratic Party")
        );
        assert_eq!(key("U.S."), key("US"));
    }
}
