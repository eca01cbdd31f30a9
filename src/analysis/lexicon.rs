//! The word lists of `data/lexicon/`, embedded in the binary and loaded
//! once into fast sets and maps; and the three lists every stage shares:
//! month names, weekday names and number words.
//!
//! The rules of the analysis lean on closed classes of general English
//! words (titles, head words, cue verbs, stop words…). They are data, not
//! code: one plain UTF-8 file per list, one entry a line, `#` comments, each
//! file's first lines saying what the list is for, where it is used and
//! whether it is matched in lower case (`data/README.md` describes them
//! all). This module registers every file once, so that one test checks
//! them all, and gives the stages two ways to look words up: [`WordSet`] and [`WordMap`], hash sets and maps of `&'static str`
//! keyed by the analysis's fast hasher, each with a cheap pre-check (length
//! and first byte) that turns most words away before hashing.
//!
//! Static data never panics the program: a line a loader cannot read is
//! skipped, and the tests prove that every shipped line is read.

use super::{FnvMap, FnvSet};
use std::sync::LazyLock;

/// How a list's entries are compared with the words of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Every entry is in lower case: the word is lower-cased before it is
    /// looked up, or only a word written in lower case can match.
    Lower,
    /// Entries are written as they appear in running text ("University",
    /// "However", "GDP") and matched exactly so.
    AsWritten,
}

/// How the lines of a list are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Each line is one entry, which may hold spaces ("plans to").
    Words,
    /// Each line is an entry, then white space and a number ("two 2").
    Numbered,
    /// Each line is an entry, then white space and one of these tags
    /// ("visit goes").
    Keyed(&'static [&'static str]),
    /// Each line is one of these tags, then white space and the entry,
    /// which may hold spaces ("out break ranks").
    Tagged(&'static [&'static str]),
    /// Each line is a row of entries that belong together, the row's
    /// place in the file meaning something ("September Sep Sept").
    Rows,
    /// Each line is an entry, which may hold spaces, a tab, and its value
    /// ("Thanksgiving Day<TAB>11-22 thu").
    Tabbed,
}

/// One file of `data/lexicon/`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct List {
    /// Its file name.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "read by the tests of every list")
    )]
    pub name: &'static str,
    /// Its text.
    pub text: &'static str,
    /// How its entries are matched.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "read by the tests of every list")
    )]
    pub case: Case,
    /// How its lines are read.
    pub shape: Shape,
}

impl List {
    /// The lines that hold entries, trimmed: blank lines and `#` comments
    /// left out.
    pub(crate) fn lines(&self) -> impl Iterator<Item = &'static str> {
        self.text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    }

    /// Each line split at its first run of white space: (first field,
    /// the rest), the rest empty when the line has one field.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.lines()
            .map(|l| match l.split_once(char::is_whitespace) {
                Some((a, b)) => (a, b.trim()),
                None => (l, ""),
            })
    }

    /// Every entry of the list, in file order: the whole line of a
    /// [`Shape::Words`] list, the first field of a numbered or keyed one,
    /// what follows the tag of a tagged one, each field of a row.
    pub(crate) fn entries(&self) -> Vec<&'static str> {
        match self.shape {
            Shape::Words => self.lines().collect(),
            Shape::Numbered | Shape::Keyed(_) => self.pairs().map(|(a, _)| a).collect(),
            Shape::Tagged(_) => self.pairs().map(|(_, b)| b).collect(),
            Shape::Rows => self.lines().flat_map(str::split_whitespace).collect(),
            Shape::Tabbed => self.tabbed().map(|(a, _)| a).collect(),
        }
    }

    /// Each line split at its tab: (entry, value), the value empty when the
    /// line has no tab.
    pub(crate) fn tabbed(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.lines().map(|l| match l.split_once('\t') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (l, ""),
        })
    }
}

/// Declares the lists, one constant each, and [`ALL`] for the tests.
macro_rules! lists {
    ($($(#[$doc:meta])* $id:ident = $file:literal, $case:ident, $shape:expr;)*) => {
        $(
            $(#[$doc])*
            pub(crate) const $id: List = List {
                name: $file,
                text: include_str!(concat!("../../data/lexicon/", $file)),
                case: Case::$case,
                shape: $shape,
            };
        )*
        /// Every list of `data/lexicon/`.
        #[cfg(test)]
        pub(crate) const ALL: &[List] = &[$($id),*];
    };
}

lists! {
    // Shared by every stage.
    /// Month names and their abbreviations, a month a line, January first.
    MONTHS = "months.txt", AsWritten, Shape::Rows;
    /// Weekday names, Monday first.
    WEEKDAYS = "weekdays.txt", AsWritten, Shape::Words;
    /// Cardinal number words and their values.
    NUMBERS = "numbers.txt", Lower, Shape::Numbered;

    // Sentences (segment.rs).
    /// Abbreviations whose period does not end a sentence.
    ABBREVIATIONS = "abbreviations.txt", Lower, Shape::Words;
    /// Abbreviations that never end a sentence.
    ABBREVIATIONS_NONFINAL = "abbreviations_nonfinal.txt", Lower, Shape::Words;
    /// Words that start sentences often.
    SENTENCE_STARTERS = "sentence_starters.txt", AsWritten, Shape::Words;

    // Entities (entities/lexicon.rs).
    /// Titles before a person's name.
    TITLES = "titles.txt", Lower, Shape::Words;
    /// Role words that may end a run of capitalised words.
    TRAILING_TITLES = "trailing_titles.txt", Lower, Shape::Words;
    /// Words that qualify a title.
    TITLE_MODIFIERS = "title_modifiers.txt", Lower, Shape::Words;
    /// Nouns that say a name near them names a person.
    PERSON_NOUNS = "person_nouns.txt", Lower, Shape::Words;
    /// Nouns that say a name near them names a place.
    PLACE_NOUNS = "place_nouns.txt", Lower, Shape::Words;
    /// Nouns that say a name near them names an organisation.
    ORG_NOUNS = "org_nouns.txt", Lower, Shape::Words;
    /// Head words that end organisations' names.
    ORG_HEADS = "org_heads.txt", AsWritten, Shape::Words;
    /// Legal forms that close a firm's name.
    LEGAL_FORMS = "legal_forms.txt", AsWritten, Shape::Words;
    /// Head words that end places' names.
    PLACE_HEADS = "place_heads.txt", AsWritten, Shape::Words;
    /// Head words that end the names of events, treaties and laws.
    OTHER_HEADS = "other_heads.txt", AsWritten, Shape::Words;
    /// Words that head place names from the front.
    PLACE_LEADS = "place_leads.txt", AsWritten, Shape::Words;
    /// Lower-case place words that extend the name before them.
    PLACE_SUFFIXES = "place_suffixes.txt", Lower, Shape::Words;
    /// Compass and size words that start regional names.
    COMPASS_WORDS = "compass_words.txt", AsWritten, Shape::Words;
    /// Verbs that, after a name, say it names a person.
    PERSON_VERBS = "person_verbs.txt", Lower, Shape::Words;
    /// Prepositions of location, weighted.
    PLACE_PREPOSITIONS = "place_prepositions.txt", Lower, Shape::Numbered;
    /// Capitalised function words that never start a name.
    FUNCTION_WORDS = "function_words.txt", AsWritten, Shape::Words;
    /// Lower-case function words that may follow a name.
    LOWER_FUNCTION_WORDS = "lower_function_words.txt", Lower, Shape::Words;
    /// Particles inside names.
    NAME_PARTICLES = "name_particles.txt", Lower, Shape::Words;
    /// Acronyms that name no entity.
    COMMON_ACRONYMS = "common_acronyms.txt", AsWritten, Shape::Words;
    /// Titles that make any name after them a person.
    HONORIFICS = "honorifics.txt", Lower, Shape::Words;
    /// Abbreviations whose period the entity tokenizer keeps.
    ABBREVIATIONS_KEEP_DOT = "abbreviations_keep_dot.txt", Lower, Shape::Words;
    /// Words that open newspaper names.
    NEWSPAPER_OPENERS = "newspaper_openers.txt", AsWritten, Shape::Words;
    /// Plural head words of coordinated place names.
    PLURAL_PLACE_HEADS = "plural_place_heads.txt", AsWritten, Shape::Words;
    /// Endings of contractions.
    CONTRACTION_SUFFIXES = "contraction_suffixes.txt", Lower, Shape::Words;
    /// Gaelic and Scottish surname prefixes.
    SURNAME_PREFIXES = "surname_prefixes.txt", AsWritten, Shape::Words;
    /// Given names: a run of names opened by one is a person.
    GIVEN_NAMES = "given_names.txt", AsWritten, Shape::Words;
    /// Words that make a name near them a team in a match.
    TEAM_VERBS = "team_verbs.txt", Lower, Shape::Words;
    /// Words of reports of sport.
    SPORT_WORDS = "sport_words.txt", Lower, Shape::Words;
    /// Words said only of games.
    GAME_WORDS = "game_words.txt", Lower, Shape::Words;
    /// Place heads that end a team's name in a report of sport.
    TEAM_PLACE_HEADS = "team_place_heads.txt", AsWritten, Shape::Words;
    /// Words that, after a town's name, name a club.
    CLUB_SUFFIXES = "club_suffixes.txt", AsWritten, Shape::Words;
    /// Words that, before a town's name, name a club.
    CLUB_PREFIXES = "club_prefixes.txt", AsWritten, Shape::Words;

    // Dates (dates/lexicon.rs).
    /// Words and phrases that put a clause in the future.
    FUTURE_CUES = "future_cues.txt", Lower, Shape::Words;
    /// Words that put a clause in the past.
    PAST_CUES = "past_cues.txt", Lower, Shape::Words;
    /// Verbs of saying, which date the saying only.
    SAYING_VERBS = "saying_verbs.txt", Lower, Shape::Words;
    /// Words before a date that make it a deadline or schedule.
    FORWARD_LEADS = "forward_leads.txt", Lower, Shape::Words;
    /// Words ending in -ed that are no past tense.
    NOT_PAST = "not_past.txt", Lower, Shape::Words;
    /// Words before a number that make it a quantity.
    QUANTITY_LEADS = "quantity_leads.txt", Lower, Shape::Words;
    /// Words after a number that make it a measure.
    MEASURE_WORDS = "measure_words.txt", Lower, Shape::Words;
    /// Words before a number that make it a year.
    YEAR_LEADS = "year_leads.txt", Lower, Shape::Words;
    /// Words before a bare month name that make it a date.
    MONTH_LEADS = "month_leads.txt", Lower, Shape::Words;
    /// Words after which "May" is not the month.
    MAY_NAME_LEADS = "may_name_leads.txt", Lower, Shape::Words;
    /// Determiners that make a round number a year.
    DETERMINERS = "determiners.txt", Lower, Shape::Words;
    /// Words ending in s that are no plural.
    NOT_PLURALS = "not_plurals.txt", Lower, Shape::Words;
    /// Prepositions of time that keep a number a year.
    TIME_PREPOSITIONS = "time_prepositions.txt", Lower, Shape::Words;
    /// Season and holiday names.
    SEASONS_AND_HOLIDAYS = "seasons_and_holidays.txt", AsWritten, Shape::Words;
    /// Nouns after "today's" that make it the present age.
    PRESENT_ERA_NOUNS = "present_era_nouns.txt", Lower, Shape::Words;
    /// Words that make a weekday after them part of a name.
    WEEKDAY_NAME_LEADS = "weekday_name_leads.txt", AsWritten, Shape::Words;
    /// Holidays and their days.
    HOLIDAYS = "holidays.txt", AsWritten, Shape::Tabbed;

    // Links: claim features (links/features/).
    /// Words that carry no claim.
    STOP_WORDS = "stop_words.txt", Lower, Shape::Words;
    /// Words for spans of time.
    TIME_UNITS = "time_units.txt", Lower, Shape::Words;
    /// Words that negate a statement.
    NEGATIONS = "negations.txt", Lower, Shape::Words;
    /// Words after "not" that leave a claim affirmed.
    NOT_NEGATING = "not_negating.txt", Lower, Shape::Words;
    /// Verbs that report speech.
    REPORTING_VERBS = "reporting_verbs.txt", Lower, Shape::Words;
    /// Subject pronouns that name a speaker.
    SUBJECT_PRONOUNS = "subject_pronouns.txt", Lower, Shape::Words;
    /// Words that make a quantity approximate, by kind.
    HEDGES = "hedges.txt", Lower, Shape::Keyed(&["about", "at-least", "at-most"]);
    /// Adjectives between a number and what it counts.
    UNIT_MODIFIERS = "unit_modifiers.txt", Lower, Shape::Words;
    /// Endings of adjectives.
    ADJECTIVE_SUFFIXES = "adjective_suffixes.txt", Lower, Shape::Words;
    /// Ordinal suffixes.
    ORDINAL_SUFFIXES = "ordinal_suffixes.txt", Lower, Shape::Words;
    /// Nouns that state an amount, with their values.
    AMOUNT_NOUNS = "amount_nouns.txt", Lower, Shape::Numbered;
    /// Words that scale the number before them, with their factors.
    SCALES = "scales.txt", Lower, Shape::Numbered;
    /// Words before "May" that make it the month.
    MAY_MONTH_LEADS = "may_month_leads.txt", Lower, Shape::Words;

    // Links: stances and journeys (links/stance.rs, links/journeys.rs).
    /// Stance cues, by side.
    STANCE_CUES = "stance_cues.txt", Lower, Shape::Tagged(&["in", "out", "confirmed", "denied", "disputed"]);
    /// Words that flip a stance cue's side.
    STANCE_NEGATORS = "stance_negators.txt", Lower, Shape::Words;
    /// Nouns of a report a stance cue may take ("denied claims that").
    REPORT_NOUNS = "report_nouns.txt", Lower, Shape::Words;
    /// Words before a stance cue that make its side one considered.
    MODAL_WORDS = "modal_words.txt", Lower, Shape::Words;
    /// Words that keep a sentence from stating its act as done.
    GUARD_WORDS = "guard_words.txt", Lower, Shape::Words;
    /// Travel words, by how they place their traveller.
    TRAVEL_WORDS = "travel_words.txt", Lower, Shape::Keyed(&["goes", "receives"]);
    /// Words after which a place is a journey's destination.
    DESTINATION_LEADS = "destination_leads.txt", Lower, Shape::Words;
    /// Words that end the search for a destination.
    ORIGIN_LEADS = "origin_leads.txt", Lower, Shape::Words;
    /// Possessives that make the sentence's first person the traveller.
    TRAVELLER_POSSESSIVES = "traveller_possessives.txt", Lower, Shape::Words;

    // Links: events (links/background.rs).
    /// Words for one kind of news event, a kind a row, the kind's name first.
    EVENT_WORDS = "event_words.txt", Lower, Shape::Rows;
    /// Ordinals before "quarter" or "half" that name a part of a year.
    PERIOD_ORDINALS = "period_ordinals.txt", Lower, Shape::Words;

    // Links: how two amounts relate (links/relation.rs).
    /// Words that say a figure moved.
    MOVING_WORDS = "moving_words.txt", Lower, Shape::Words;
    /// Words that say an offer was turned away.
    REFUSAL_WORDS = "refusal_words.txt", Lower, Shape::Words;
    /// Nouns of what a country has one of ("the economy").
    NATIONAL_NOUNS = "national_nouns.txt", Lower, Shape::Words;
}

/// A set of words, looked up nearly as fast as a `matches!` over string
/// literals: most words fail the length and first-byte pre-check before any
/// hashing.
#[derive(Debug, Default)]
pub(crate) struct WordSet {
    words: FnvSet<&'static str>,
    gate: Gate,
}

impl WordSet {
    /// The set of `words`.
    pub(crate) fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        let mut set = Self::default();
        for w in words {
            set.gate.admit(w);
            set.words.insert(w);
        }
        set
    }

    /// The set of a list's entries.
    pub(crate) fn of(list: &List) -> Self {
        Self::new(list.entries())
    }

    /// Whether `word` is in the set, compared byte for byte.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.gate.may_hold(word) && self.words.contains(word)
    }
}

/// A map from words to values, with [`WordSet`]'s pre-check.
#[derive(Debug)]
pub(crate) struct WordMap<V> {
    map: FnvMap<&'static str, V>,
    gate: Gate,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        Self {
            map: FnvMap::default(),
            gate: Gate::default(),
        }
    }
}

impl<V> WordMap<V> {
    /// The map of `pairs`; of two pairs with one word, the first is kept.
    pub(crate) fn new(pairs: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let mut m = Self::default();
        for (w, v) in pairs {
            m.gate.admit(w);
            m.map.entry(w).or_insert(v);
        }
        m
    }

    /// The map of a numbered or keyed list: each entry with its value read
    /// by `value` from the rest of its line. A line whose value cannot be
    /// read is skipped (the tests prove no shipped line is).
    pub(crate) fn parse(list: &List, value: impl Fn(&str) -> Option<V>) -> Self {
        Self::new(list.pairs().filter_map(|(w, rest)| Some((w, value(rest)?))))
    }

    /// The value of `word`, compared byte for byte.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        if self.gate.may_hold(word) {
            self.map.get(word)
        } else {
            None
        }
    }

    /// The word as the list holds it, with its value.
    #[inline]
    pub(crate) fn get_key_value(&self, word: &str) -> Option<(&'static str, &V)> {
        if self.gate.may_hold(word) {
            self.map.get_key_value(word).map(|(k, v)| (*k, v))
        } else {
            None
        }
    }

    /// How many words it holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// What every word of a set has in common: a length within bounds and a
/// first byte among few.
#[derive(Debug, Clone, Copy)]
struct Gate {
    min: usize,
    max: usize,
    /// A bit per byte value that some word starts with.
    first: [u64; 4],
}

impl Default for Gate {
    fn default() -> Self {
        Self {
            min: usize::MAX,
            max: 0,
            first: [0; 4],
        }
    }
}

impl Gate {
    fn admit(&mut self, w: &str) {
        self.min = self.min.min(w.len());
        self.max = self.max.max(w.len());
        if let Some(&b) = w.as_bytes().first() {
            self.first[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        let b = w.as_bytes();
        match b.first() {
            Some(&c) => {
                b.len() >= self.min
                    && b.len() <= self.max
                    && self.first[usize::from(c >> 6)] & (1 << (c & 63)) != 0
            }
            None => self.min == 0,
        }
    }
}

/// The twelve full month names, January first, as `months.txt` writes
/// them: read from the file when the crate is compiled, for code that needs
/// them as constants. A row the reader cannot take (none ships) leaves an
/// empty name.
pub const MONTH_NAMES: [&str; 12] = first_fields(MONTHS.text);

/// The first field of each of the first `N` entry lines of `text`, in a
/// constant context (no iterators there): lines starting with `#` and blank
/// lines are skipped, fields end at a space or a tab.
const fn first_fields<const N: usize>(text: &'static str) -> [&'static str; N] {
    let mut out = [""; N];
    let mut rest = text.as_bytes();
    let mut found = 0;
    while found < N && !rest.is_empty() {
        // One line: up to its newline.
        let mut end = 0;
        while end < rest.len() && rest[end] != b'\n' {
            end += 1;
        }
        let (line, tail) = rest.split_at(end);
        rest = match tail.split_first() {
            Some((_, after)) => after,
            None => tail,
        };
        // Its first field, after any leading white space.
        let mut start = 0;
        while start < line.len() && is_space(line[start]) {
            start += 1;
        }
        let (_, line) = line.split_at(start);
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        let mut stop = 0;
        while stop < line.len() && !is_space(line[stop]) {
            stop += 1;
        }
        let (field, _) = line.split_at(stop);
        out[found] = match std::str::from_utf8(field) {
            Ok(s) => s,
            Err(_) => "",
        };
        found += 1;
    }
    out
}

/// White space within a line (a carriage return ends a CRLF line).
const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// The rows of `months.txt`: each month's names, full name first.
static MONTH_ROWS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    MONTHS
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect()
});

/// Every month name and abbreviation, as written in running text.
static MONTH_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&MONTHS));

/// The weekday names, Monday first.
static WEEKDAY_LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| WEEKDAYS.entries());

/// The weekday names, as written in running text.
static WEEKDAY_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&WEEKDAYS));

/// The number words and their values.
static NUMBER_MAP: LazyLock<WordMap<u32>> =
    LazyLock::new(|| WordMap::parse(&NUMBERS, |v| v.parse().ok()));

/// Every month name by its length, with its month number and whether it
/// is the month's full name, in month order: for lookups in any case, which
/// compare a word only with the few names of its length.
static MONTH_KEYS: LazyLock<Vec<Vec<MonthKey>>> = LazyLock::new(|| {
    let mut by_len: Vec<Vec<MonthKey>> = Vec::new();
    for (i, names) in MONTH_ROWS.iter().enumerate() {
        let Ok(number) = i8::try_from(i + 1) else {
            break;
        };
        for (k, &name) in names.iter().enumerate() {
            if by_len.len() <= name.len() {
                by_len.resize_with(name.len() + 1, Vec::new);
            }
            by_len[name.len()].push(MonthKey {
                name,
                number,
                full: k == 0,
            });
        }
    }
    by_len
});

/// One name of a month.
struct MonthKey {
    name: &'static str,
    number: i8,
    full: bool,
}

/// The month number of a month name in any (ASCII) case, and whether it is
/// the full name; with `full_only`, full names only. Asked about nearly
/// every word of a claim: a word is compared only with the names of its
/// length, their first letters first.
fn month_key(word: &str, full_only: bool) -> Option<(i8, bool)> {
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    MONTH_KEYS
        .get(word.len())?
        .iter()
        .find(|k| {
            (k.full || !full_only)
                && k.name.as_bytes().first().map(u8::to_ascii_lowercase) == Some(first)
                && k.name.eq_ignore_ascii_case(word)
        })
        .map(|k| (k.number, k.full))
}

/// The month (1–12) a month's full name or abbreviation names, in any case,
/// trailing dots ignored ("March", "SEPT.", "dec" name 3, 9 and 12).
pub(crate) fn month_number(word: &str) -> Option<i8> {
    month_key(word.trim_end_matches('.'), false).map(|(n, _)| n)
}

/// The month (1–12) a month's full name names, in any case ("march" is 3,
/// "mar" is none).
pub(crate) fn full_month_number(word: &str) -> Option<i8> {
    month_key(word, true).map(|(n, _)| n)
}

/// Whether `word` is a month's full name or abbreviation as written in
/// running text ("March", "Sept"; not "march", not "Sept.").
pub(crate) fn is_month_name(word: &str) -> bool {
    MONTH_SET.contains(word)
}

/// Whether `word` is a month's abbreviation, in any case ("jan", "Sept";
/// "May", which is its full name, is none).
pub(crate) fn is_month_abbreviation(word: &str) -> bool {
    month_key(word, false).is_some_and(|(_, full)| !full)
}

/// Each month's full name, January first.
pub(crate) fn full_month_names() -> impl Iterator<Item = &'static str> {
    MONTH_ROWS.iter().filter_map(|names| names.first().copied())
}

/// Each month's abbreviations, January's first.
pub(crate) fn month_abbreviations() -> impl Iterator<Item = &'static [&'static str]> {
    MONTH_ROWS.iter().map(|names| names.get(1..).unwrap_or(&[]))
}

/// The weekday (1 for Monday to 7 for Sunday) a weekday's name names, in
/// any case.
pub(crate) fn weekday_number(word: &str) -> Option<i8> {
    let i = WEEKDAY_LIST
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))?;
    i8::try_from(i + 1).ok()
}

/// Whether `word` is a weekday's name as written in running text
/// ("Monday").
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAY_SET.contains(word)
}

/// The weekday names, Monday first.
pub(crate) fn weekday_names() -> impl Iterator<Item = &'static str> {
    WEEKDAY_LIST.iter().copied()
}

/// The value of a number word in lower case ("twelve" is 12, "ninety" 90).
pub(crate) fn number_value(lower: &str) -> Option<u32> {
    NUMBER_MAP.get(lower).copied()
}

/// The number words with their values, in the file's (ascending) order.
pub(crate) fn number_words() -> impl Iterator<Item = (&'static str, u32)> {
    NUMBERS
        .pairs()
        .filter_map(|(w, v)| Some((w, v.parse().ok()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list: no entry twice, every entry of a lower-case list in lower
    /// case, every line readable in the list's shape, and a header that
    /// says what the list is for, where it is used and how it is matched.
    #[test]
    fn every_list_is_well_formed() {
        let mut names = std::collections::HashSet::new();
        for list in ALL {
            let name = list.name;
            assert!(names.insert(name), "{name} is registered twice");
            let header: Vec<&str> = list
                .text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .collect();
            assert!(header.len() >= 3, "{name}: a header of three lines or more");
            let matched = match list.case {
                Case::Lower => "# Matched: lower case",
                Case::AsWritten => "# Matched: as written",
            };
            assert!(
                header.iter().any(|l| l.starts_with(matched)),
                "{name}: the header says \"{matched}\""
            );
            assert!(
                header.iter().any(|l| l.starts_with("# Used in: ")),
                "{name}: the header says where the list is used"
            );
            let entries = list.entries();
            assert!(!entries.is_empty(), "{name} is empty");
            let mut seen = std::collections::HashSet::new();
            for e in &entries {
                assert!(seen.insert(*e), "{name}: {e:?} is listed twice");
                assert!(!e.is_empty(), "{name}: an empty entry");
                if list.case == Case::Lower {
                    assert_eq!(*e, e.to_lowercase(), "{name}: {e:?} is not in lower case");
                }
            }
            if list.shape == Shape::Tabbed {
                for (entry, value) in list.tabbed() {
                    assert!(
                        !value.is_empty(),
                        "{name}: {entry:?} has no value after a tab"
                    );
                }
            }
            for (first, rest) in list.pairs() {
                let line = format!("{first} {rest}");
                match list.shape {
                    Shape::Words | Shape::Rows => {}
                    Shape::Tabbed => {}
                    Shape::Numbered => assert!(
                        !rest.contains(char::is_whitespace) && rest.parse::<f64>().is_ok(),
                        "{name}: {line:?} is not a word and a number"
                    ),
                    Shape::Keyed(tags) => assert!(
                        tags.contains(&rest),
                        "{name}: {line:?} is not a word and one of {tags:?}"
                    ),
                    Shape::Tagged(tags) => assert!(
                        tags.contains(&first) && !rest.is_empty(),
                        "{name}: {line:?} is not one of {tags:?} and an entry"
                    ),
                }
            }
        }
    }

    /// Every file of `data/lexicon/` is registered, so the test above
    /// checks them all.
    #[test]
    fn every_file_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let mut registered: Vec<String> = ALL.iter().map(|l| l.name.to_string()).collect();
        registered.sort();
        assert_eq!(files, registered);
    }

    #[test]
    fn the_shared_lists_parse_fully() {
        assert_eq!(MONTH_ROWS.len(), 12);
        // A name found in any case is the one listed: no two are one in
        // another case.
        let names = MONTHS.entries();
        let lower: std::collections::HashSet<String> =
            names.iter().map(|n| n.to_ascii_lowercase()).collect();
        assert_eq!(lower.len(), names.len());
        assert_eq!(WEEKDAY_LIST.len(), 7);
        assert_eq!(NUMBER_MAP.len(), NUMBERS.lines().count());
        assert_eq!(number_words().count(), NUMBERS.lines().count());
        // The constant names are the rows' first names, every one read.
        assert!(MONTH_NAMES
            .iter()
            .zip(full_month_names())
            .all(|(a, b)| *a == b));
        assert!(MONTH_NAMES.iter().all(|m| !m.is_empty()));
    }

    #[test]
    fn months_are_numbered_by_any_name_in_any_case() {
        assert_eq!(month_number("SEPT."), Some(9));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(full_month_number("march"), Some(3));
        assert_eq!(full_month_number("mar"), None);
        assert!(is_month_name("Sept") && !is_month_name("sept") && !is_month_name("Sept."));
        assert!(is_month_abbreviation("dec") && !is_month_abbreviation("may"));
        assert_eq!(weekday_number("sunday"), Some(7));
        assert!(is_weekday("Monday") && !is_weekday("monday"));
    }

    #[test]
    fn sets_gate_on_length_and_first_byte() {
        let s = WordSet::new(["in", "into", "at"]);
        assert!(s.contains("in") && s.contains("at") && s.contains("into"));
        assert!(!s.contains("") && !s.contains("i") && !s.contains("inside"));
        assert!(!s.contains("on") && !s.contains("ta"));
        let m = WordMap::new([("é", 1), ("e", 2)]);
        assert_eq!(m.get("é"), Some(&1));
        assert_eq!(m.get("è"), None);
    }
}
