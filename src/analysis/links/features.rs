//! What a sentence claims, as features two sentences can share: content
//! words (stemmed), names, dates, quantities with what they count, whether
//! it is negated and whether it is attributed to a speaker.
//!
//! Entities and dates come from the other analysis passes when they have
//! found any; this module adds its own cheap fallbacks (capitalised words as
//! names, month and year expressions) so that linking never depends on them.

use crate::corpus::PartialDate;
use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A number with what it counts: "68 accords", "$10 billion", "0.8%".
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The value, scaled ("$2.5bn" is 2.5e9).
    pub value: f64,
    /// What it counts, stemmed ("year", "accord"), or "%" or a currency sign.
    pub unit: String,
    /// How exact it is ("about", "over", "almost" make it a range).
    pub hedge: Hedge,
    /// The words as written, for explanations.
    pub text: String,
}

impl Quantity {
    /// Whether two quantities of the same unit state the same amount, allowing
    /// for hedges ("about 60 years" and "60 years" agree).
    pub fn same_amount(&self, other: &Quantity) -> bool {
        let (a0, a1) = self.range();
        let (b0, b1) = other.range();
        a0 <= b1 && b0 <= a1
    }

    /// The amounts the words allow: "about 60" is 51–69, "over 50" is 50 or
    /// more, "almost 10" is 8–10.
    fn range(&self) -> (f64, f64) {
        let v = self.value;
        match self.hedge {
            Hedge::Exact => (v * 0.995, v * 1.005),
            Hedge::About => (v * 0.85, v * 1.15),
            Hedge::AtLeast => (v, f64::INFINITY),
            Hedge::AtMost => (v * 0.8, v),
        }
    }

    /// Whether two amounts of one unit are close enough to be two reports of
    /// one quantity (within a factor of two), rather than two quantities.
    pub fn comparable(&self, other: &Quantity) -> bool {
        self.ratio(other).is_some_and(|r| r <= 2.0)
    }

    /// Whether two amounts are within a quarter of each other: close enough
    /// that they alone suggest one quantity.
    pub fn close_to(&self, other: &Quantity) -> bool {
        self.ratio(other).is_some_and(|r| r <= 1.25)
    }

    /// The larger amount over the smaller, when both are positive.
    fn ratio(&self, other: &Quantity) -> Option<f64> {
        let (lo, hi) = if self.value < other.value {
            (self.value, other.value)
        } else {
            (other.value, self.value)
        };
        (lo > 0.0).then(|| hi / lo)
    }
}

/// How exactly a number is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    /// As written.
    Exact,
    /// "about", "around", "roughly".
    About,
    /// "over", "more than", "at least".
    AtLeast,
    /// "almost", "nearly", "up to", "under".
    AtMost,
}

/// A time expression of a sentence, reduced to a calendar value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFeature {
    /// Its value.
    pub value: PartialDate,
    /// The words as written.
    pub text: String,
}

/// Everything linking compares about one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Claim {
    /// Stemmed content words, with the byte span in the sentence of the
    /// surface form first seen, in order, no duplicates. Words inside entity mentions count as words; the entity,
    /// not they, counts as the name.
    pub words: Vec<(String, (u32, u32))>,
    /// Stemmed pairs of adjacent content words ("peac_treati").
    pub bigrams: Vec<String>,
    /// Capitalised words not at the start of the sentence and outside entity
    /// mentions: a proxy for names the entity pass missed (stems, a subset
    /// of `words`).
    pub names: Vec<String>,
    /// Canonical entity ids, from the mentions.
    pub entities: Vec<usize>,
    /// Dates.
    pub dates: Vec<DateFeature>,
    /// Numbers with units.
    pub quantities: Vec<Quantity>,
    /// The negation, as written ("not visited", "never formally"), when the
    /// sentence says something did not or does not happen.
    pub negation: Option<String>,
    /// Stems of the content words the negation governs ("visit", "japan" in
    /// "has not visited Japan"): a disagreement on polarity needs the other
    /// claim to speak of them.
    pub negated: Vec<String>,
    /// Who the claim is attributed to ("Putin" in "Putin said"; "he" when only
    /// a pronoun names the speaker), when it is reported speech.
    pub attribution: Option<String>,
    /// Which side it takes on the oppositions of [`super::stance`].
    pub stances: Vec<super::stance::Stance>,
    /// The journeys it reports ([`super::journeys`]).
    pub journeys: Vec<super::journeys::Journey>,
}

/// An entity mention in a sentence, as a claim sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    /// Byte offset of its first character in the sentence.
    pub start: usize,
    /// Byte offset after it.
    pub end: usize,
    /// The entity's id.
    pub entity: usize,
    /// Its kind.
    pub kind: crate::analysis::entities::Kind,
}

/// Words that carry no claim: function words, reporting verbs, titles and
/// other generic roles.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "neither",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "over",
    "own",
    "per",
    "perhaps",
    "quite",
    "rather",
    "really",
    "same",
    "several",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "well",
    "were",
    "what",
    "whatever",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "indeed",
    "also",
    "thereby",
    "moreover",
    "furthermore",
    "meanwhile",
    "instead",
    "whereas",
    "said",
    "say",
    "says",
    "saying",
    "told",
    "tell",
    "tells",
    "according",
    "reportedly",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prime",
    "minister",
    "president",
    "chancellor",
    "secretary",
    "chief",
    "official",
    "officials",
    "leader",
    "leaders",
    "spokesman",
    "spokeswoman",
    "government",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "today",
    "time",
    "times",
    "way",
    "first",
    "last",
    "next",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "make",
    "made",
    "take",
    "took",
    "get",
    "got",
    "go",
    "went",
    "come",
    "came",
    "see",
    "seen",
    "seem",
    "seems",
    "s",
    "t",
    "let",
    "lot",
    "whole",
    "part",
];

/// [`STOP_WORDS`] as a set: it is asked about every word of every sentence.
static STOP_SET: LazyLock<crate::analysis::FnvSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// Whether a lower-case word carries no claim.
pub fn is_stop_word(w: &str) -> bool {
    STOP_SET.contains(w)
}

/// Words for spans of time: stop words among content words (the dates say
/// when), but units after a number ("six months").
const TIME_UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days",
];

/// Words that turn a statement into its negation.
const NEGATIONS: &[&str] = &[
    "not", "never", "neither", "nor", "none", "nobody", "nothing",
];

/// Words after "not" that do not negate the claim ("not only", "not just").
const NOT_NEGATING: &[&str] = &["only", "just", "merely", "least", "without", "surprising"];

/// Verbs that report speech.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "stated",
    "announced",
    "declared",
    "argued",
    "claimed",
    "insisted",
    "noted",
    "added",
    "warned",
    "explained",
    "stressed",
    "remarked",
];

/// Words that make a quantity approximate.
const HEDGES: &[(&str, Hedge)] = &[
    ("about", Hedge::About),
    ("around", Hedge::About),
    ("roughly", Hedge::About),
    ("approximately", Hedge::About),
    ("some", Hedge::About),
    ("estimated", Hedge::About),
    ("almost", Hedge::AtMost),
    ("nearly", Hedge::AtMost),
    ("under", Hedge::AtMost),
    ("less", Hedge::AtMost),
    ("up", Hedge::AtMost),
    ("over", Hedge::AtLeast),
    ("more", Hedge::AtLeast),
    ("least", Hedge::AtLeast),
    ("above", Hedge::AtLeast),
];

/// The hedge before a number at token `i` ("about 60", "more than 60",
/// "at least 60"), looking back two tokens.
fn hedge_before(toks: &[Token<'_>], i: usize) -> (Hedge, usize) {
    for k in 1..=2 {
        let Some(j) = i.checked_sub(k) else { break };
        let w = toks[j].lower.as_str();
        if w == "than" || w == "to" || w == "a" {
            continue;
        }
        return HEDGES
            .iter()
            .find(|(h, _)| *h == w)
            .map_or((Hedge::Exact, i), |(_, h)| (*h, j));
    }
    (Hedge::Exact, i)
}

/// Adjectives often between a number and what it counts ("68 new accords").
const UNIT_MODIFIERS: &[&str] = &[
    "new",
    "old",
    "more",
    "other",
    "major",
    "key",
    "big",
    "small",
    "large",
    "additional",
    "separate",
    "different",
    "long",
    "short",
    "straight",
    "consecutive",
    "full",
    "top",
];

/// The month (1–12) a lower-case word names in full ("march" is 3).
fn month_number(lower: &str) -> Option<usize> {
    crate::analysis::dates::MONTH_NAMES
        .iter()
        .position(|m| m.eq_ignore_ascii_case(lower))
        .map(|i| i + 1)
}

/// Cardinal number words and their values.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

/// Words that scale the number before them.
const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("m", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("tn", 1e12),
];

/// A token of a sentence: a word, a number or a currency/percent sign.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    // A fixed pattern: compiling it cannot fail.
    #[allow(clippy::expect_used)]
    Regex::new(r"US\$|[$€£¥%]|[0-9]+(?:[.,][0-9]+)*|[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*")
        .expect("token pattern is valid")
});

#[derive(Debug, Clone)]
struct Token<'a> {
    /// The text as written.
    raw: &'a str,
    /// Lower case, possessive removed.
    lower: String,
    /// Byte offset in the sentence.
    start: usize,
    end: usize,
    /// Whether it starts with a capital letter.
    capital: bool,
}

/// A token in lower case, its possessive removed ("Japan's" is "japan").
fn lower_token(raw: &str) -> String {
    let mut lower = raw.to_lowercase();
    for suffix in ["'s", "’s"] {
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            lower.truncate(lower.len() - suffix.len());
        }
    }
    lower
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    token_spans(text)
        .map(|(start, end)| {
            let raw = &text[start..end];
            Token {
                raw,
                lower: lower_token(raw),
                start,
                end,
                capital: raw.chars().next().is_some_and(char::is_uppercase),
            }
        })
        .collect()
}

/// The byte spans [`TOKEN`] finds in `text`, the same ones: ASCII, most of
/// news text, is scanned by hand, and from anything else on to the end of
/// its token the regex decides.
fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        // Skip what starts no token; hand a non-ASCII character to the regex.
        while pos < b.len() {
            let c = b[pos];
            if c >= 0x80 {
                let m = TOKEN.find_at(text, pos);
                pos = m.map_or(b.len(), |m| m.end());
                return m.map(|m| (m.start(), m.end()));
            }
            if c.is_ascii_alphanumeric() || c == b'$' || c == b'%' {
                break;
            }
            pos += 1;
        }
        if pos >= b.len() {
            return None;
        }
        let start = pos;
        let alnum_run = |mut i: usize| {
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            i
        };
        let end = if b[start..].starts_with(b"US$") {
            Some(start + 3)
        } else if b[start] == b'$' || b[start] == b'%' {
            Some(start + 1)
        } else if b[start].is_ascii_digit() {
            // [0-9]+(?:[.,][0-9]+)*
            let mut i = start;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            while i + 1 < b.len() && matches!(b[i], b'.' | b',') && b[i + 1].is_ascii_digit() {
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            Some(i)
        } else {
            // [\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*, while it stays ASCII.
            let mut i = alnum_run(start);
            loop {
                match b.get(i) {
                    Some(b'\'' | b'-') => match b.get(i + 1) {
                        Some(n) if n.is_ascii_alphanumeric() => i = alnum_run(i + 1),
                        Some(n) if *n >= 0x80 => break None,
                        _ => break Some(i),
                    },
                    Some(c) if *c >= 0x80 => break None,
                    _ => break Some(i),
                }
            }
        };
        match end {
            Some(end) => {
                pos = end;
                Some((start, end))
            }
            None => {
                let m = TOKEN.find_at(text, start);
                pos = m.map_or(b.len(), |m| m.end());
                m.map(|m| (m.start(), m.end()))
            }
        }
    })
}

/// Whether only spaces (or a hyphen) separate two tokens: no punctuation
/// breaks the phrase between them.
fn adjacent(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || c == '-'))
}

/// Builds claim features; holds the stemmer and corpus-wide knowledge of
/// which capitalised words only ever modify the next one ("Shinzo" in
/// "Shinzo Abe").
pub struct Extractor {
    stemmer: Stemmer,
    modifiers: std::collections::HashSet<String>,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// An extractor with no corpus knowledge.
    pub fn new() -> Self {
        Self {
            stemmer: Stemmer::create(Algorithm::English),
            modifiers: Default::default(),
        }
    }

    /// Learns, from every sentence of the corpus, the capitalised words that
    /// are always followed by another capitalised word (first names, the
    /// first words of multi-word names): they add nothing the last word of
    /// the name does not, and would make two sentences look alike twice.
    pub fn learn(&mut self, sentences: &[&str]) {
        use rayon::prelude::*;
        type Seen = crate::analysis::FnvMap<String, (u32, u32)>;
        let seen: Seen = sentences
            .par_iter()
            .fold(Seen::default, |mut seen, text| {
                let toks: Vec<(usize, usize)> = token_spans(text).collect();
                for (i, &(start, end)) in toks.iter().enumerate().skip(1) {
                    let raw = &text[start..end];
                    if !raw.starts_with(char::is_uppercase)
                        || raw.chars().any(|c| c.is_ascii_digit())
                    {
                        continue;
                    }
                    let followed = toks.get(i + 1).is_some_and(|&(next, _)| {
                        text[next..].starts_with(char::is_uppercase)
                            && text.get(end..next).is_some_and(|gap| {
                                gap.chars().all(|c| c.is_whitespace() || c == '-')
                            })
                    });
                    let e = seen.entry(lower_token(raw)).or_default();
                    e.0 += 1;
                    e.1 += u32::from(followed);
                }
                seen
            })
            .reduce(Seen::default, |mut a, b| {
                for (w, (all, followed)) in b {
                    let e = a.entry(w).or_default();
                    e.0 += all;
                    e.1 += followed;
                }
                a
            });
        self.modifiers = seen
            .into_iter()
            .filter(|(_, (all, followed))| all == followed)
            .map(|(w, _)| w)
            .collect();
    }

    fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The features of one sentence. `named` are its entity mentions, whose
    /// words the entity stands for; `dates` the dates other passes found in
    /// it (when empty, the sentence's own month and year expressions are
    /// used).
    pub fn claim(
        &self,
        text: &str,
        named: &[Named],
        dates: Vec<DateFeature>,
        published: Option<PartialDate>,
    ) -> Claim {
        let toks = tokens(text);
        let mut claim = Claim {
            entities: {
                let mut e: Vec<usize> = named.iter().map(|n| n.entity).collect();
                e.sort_unstable();
                e.dedup();
                e
            },
            ..Claim::default()
        };
        let mention_of = |t: &Token<'_>| named.iter().find(|n| t.start < n.end && n.start < t.end);
        let in_mention = |t: &Token<'_>| mention_of(t).is_some();
        let date_parts = date_token_mask(&toks);
        // The previous content word, as its index in `claim.words`.
        let mut prev: Option<usize> = None;
        let mut prev_tok: Option<&Token<'_>> = None;
        // Reused from token to token: most sentences' tokens need no
        // allocation of their own.
        let mut raw_parts: Vec<&str> = Vec::new();
        let mut stems_here: Vec<(String, &str)> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let parts = split_compound(&t.lower);
            let skip_words = date_parts[i];
            let mentioned = in_mention(t);
            raw_parts.clear();
            raw_parts.extend(t.raw.split(['-', '‐']));
            stems_here.clear();
            for (k, p) in parts.iter().enumerate() {
                let surface = if parts.len() > 1 {
                    raw_parts.get(k).copied().unwrap_or(t.raw)
                } else {
                    t.raw
                };
                let p = p.trim_matches(|c: char| c == '\'' || c == '’');
                if p.len() < 2 && !p.chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                if is_stop_word(p)
                    || p.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                {
                    continue;
                }
                if t.capital && self.modifiers.contains(&t.lower) {
                    continue;
                }
                if month_number(p).is_some() || NUMBER_WORDS.iter().any(|(w, _)| *w == p) {
                    continue;
                }
                stems_here.push((self.stem(p), surface));
            }
            if skip_words {
                prev = None;
                prev_tok = Some(t);
                continue;
            }
            let had_words = !stems_here.is_empty();
            for (s, surface) in stems_here.drain(..) {
                let at = match claim.words.iter().position(|(w, _)| *w == s) {
                    Some(at) => at,
                    None => {
                        claim.words.push((s, span_in(text, surface)));
                        claim.words.len() - 1
                    }
                };
                let stem = &claim.words[at].0;
                if let (Some(p), Some(pt)) = (prev, prev_tok) {
                    if adjacent(text, pt, t) || std::ptr::eq(pt, t) {
                        let b = format!("{}_{stem}", claim.words[p].0);
                        if !claim.bigrams.contains(&b) {
                            claim.bigrams.push(b);
                        }
                    }
                }
                if t.capital && i > 0 && !mentioned && !claim.names.contains(stem) {
                    claim.names.push(stem.clone());
                }
                prev = Some(at);
            }
            if !had_words {
                prev = None;
            }
            prev_tok = Some(t);
        }
        claim.dates = if dates.is_empty() {
            own_dates(text, &toks, published)
        } else {
            dates
        };
        claim.quantities = quantities(text, &toks, &date_parts, &|w| self.stem(w));
        // The words a negation governs, as token indices.
        let mut denied = 0..0;
        if let Some((written, at)) = negation(text, &toks) {
            claim.negation = Some(written);
            let mut prev = &toks[at];
            denied = at + 1..at + 1;
            for t in toks.iter().skip(at + 1).take(4) {
                if !adjacent(text, prev, t) {
                    break;
                }
                prev = t;
                denied.end += 1;
                if !is_stop_word(&t.lower) {
                    claim.negated.push(self.stem(&t.lower));
                }
            }
        }
        claim.attribution = attribution(text, &toks);
        let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        if !named.is_empty() && lower.iter().any(|w| super::journeys::is_travel_word(w)) {
            let named: Vec<Option<(usize, crate::analysis::entities::Kind)>> = toks
                .iter()
                .map(|t| mention_of(t).map(|n| (n.entity, n.kind)))
                .collect();
            claim.journeys = super::journeys::journeys(&lower, &named, &|i| denied.contains(&i));
        }
        claim.stances = super::stance::stances(&lower, &|w| self.stem(w), &|i| {
            let t = &toks[i];
            !t.capital && t.lower.len() > 1 && !is_stop_word(&t.lower)
        });
        claim
    }
}

/// The byte span of `part`, a slice of `text`, in `text`.
fn span_in(text: &str, part: &str) -> (u32, u32) {
    // Both point into one string: the difference of their addresses is the
    // offset (sentences are far shorter than 4 GiB).
    let start = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let start = start.min(text.len());
    let end = (start + part.len()).min(text.len());
    (start as u32, end as u32)
}

/// Whether a sentence reads like an author's bio or a publication note
/// ("X is a professor of …", "This commentary originally appeared in …").
pub fn is_colophon(text: &str) -> bool {
    static COLOPHON: LazyLock<Regex> = LazyLock::new(|| {
        // A fixed pattern: compiling it cannot fail.
        #[allow(clippy::expect_used)]
        Regex::new(
            r"^(?:(?i:this (?:article|commentary|piece|column|essay|post|story|is an abridged)\b.*\b(?:appeared|published|version)\b)|\p{Lu}[\p{L}.'’\-]+(?: \p{Lu}[\p{L}.'’\-]+){1,3},? (?:is|was)?,? ?(?i:(?:a |an |the )?(?:senior |associate |assistant |visiting |former )?(?:professor|lecturer|fellow|phd|doctoral|candidate|researcher|research|director|head|editor|author|correspondent|journalist|analyst|chair|dean|columnist|reporter)\b))",
        )
        .expect("colophon pattern is valid")
    });
    COLOPHON.is_match(text.trim())
}

/// Splits "eight-part" and "Abe-Putin" into their parts, but keeps codes
/// such as "G-7" whole ("g7").
fn split_compound(lower: &str) -> Vec<Cow<'_, str>> {
    if !lower.contains(['-', '‐']) {
        return vec![Cow::Borrowed(lower)];
    }
    let parts: Vec<&str> = lower.split(['-', '‐']).collect();
    if parts.iter().any(|p| p.chars().count() <= 1) {
        return vec![Cow::Owned(squash(lower))];
    }
    parts.into_iter().map(Cow::Borrowed).collect()
}

/// Normalises a code such as "G-7" to the form "G7" takes.
fn squash(word: &str) -> String {
    word.chars().filter(|c| *c != '-' && *c != '‐').collect()
}

fn month_of(t: &Token<'_>) -> Option<i8> {
    if !t.capital {
        return None;
    }
    i8::try_from(month_number(&t.lower)?).ok()
}

fn year_of(t: &Token<'_>) -> Option<i16> {
    if t.lower.len() != 4 {
        return None;
    }
    let y: i16 = t.lower.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

fn day_of(t: &Token<'_>) -> Option<i8> {
    let d: i8 = t.lower.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// Marks tokens that belong to a date: month names with their day and year
/// numbers, and four-digit years.
fn date_token_mask(toks: &[Token<'_>]) -> Vec<bool> {
    let mut mask = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if year_of(t).is_some() {
            mask[i] = true;
        }
        if month_of(t).is_some() && is_month_use(toks, i) {
            mask[i] = true;
            for j in [i.wrapping_sub(1), i + 1, i + 2] {
                if let Some(n) = toks.get(j) {
                    if day_of(n).is_some() || year_of(n).is_some() {
                        mask[j] = true;
                    }
                }
            }
            // "September 2-3": the second day of a range.
            if let Some(n) = toks.get(i + 2) {
                if day_of(n).is_some() {
                    mask[i + 2] = true;
                }
            }
        }
    }
    mask
}

/// "May" is a month only next to a day or year, or after a preposition.
fn is_month_use(toks: &[Token<'_>], i: usize) -> bool {
    if toks[i].lower != "may" {
        return true;
    }
    let next_num = toks
        .get(i + 1)
        .is_some_and(|n| day_of(n).is_some() || year_of(n).is_some());
    let prev_num = i > 0 && day_of(&toks[i - 1]).is_some();
    let prev_prep = i > 0
        && [
            "in", "of", "since", "until", "by", "early", "late", "mid", "last", "next", "this",
        ]
        .contains(&toks[i - 1].lower.as_str());
    next_num || prev_num || prev_prep
}

/// The sentence's own dates: "May 6", "29–30 April 2013", "March 2014",
/// "2014", "this year", "this month", "last year". A month without a year
/// takes the year that puts it nearest the publication date.
fn own_dates(text: &str, toks: &[Token<'_>], published: Option<PartialDate>) -> Vec<DateFeature> {
    let mut out: Vec<DateFeature> = Vec::new();
    let mut used = vec![false; toks.len()];
    let push = |out: &mut Vec<DateFeature>, value: PartialDate, text: String| {
        if !out.iter().any(|d| d.value == value) {
            out.push(DateFeature { value, text });
        }
    };
    for (i, t) in toks.iter().enumerate() {
        let Some(month) = month_of(t) else { continue };
        if !is_month_use(toks, i) {
            continue;
        }
        let day_before = i
            .checked_sub(1)
            .and_then(|j| toks.get(j))
            .and_then(day_of)
            .map(|d| (d, i - 1));
        let day_after = toks.get(i + 1).and_then(day_of).map(|d| (d, i + 1));
        let day = day_after.or(day_before);
        let year_at = if day_after.is_some() { i + 2 } else { i + 1 };
        // "December of this year"
        let this_year = toks.get(i + 1).is_some_and(|n| n.lower == "of")
            && toks.get(i + 2).is_some_and(|n| n.lower == "this")
            && toks.get(i + 3).is_some_and(|n| n.lower == "year");
        let year = toks.get(year_at).and_then(year_of).or_else(|| {
            if this_year {
                return published.map(|p| p.year);
            }
            let p = published?;
            Some(match p.month {
                Some(pm) => {
                    let delta = i32::from(month) - i32::from(pm);
                    if delta > 6 {
                        p.year - 1
                    } else if delta < -6 {
                        p.year + 1
                    } else {
                        p.year
                    }
                }
                None => p.year,
            })
        });
        let Some(year) = year else { continue };
        let first = day.map_or(i, |(_, j)| j.min(i));
        let last = if toks.get(year_at).and_then(year_of).is_some() {
            year_at
        } else {
            day.map_or(i, |(_, j)| j.max(i))
        };
        for u in used.iter_mut().take(last + 1).skip(first) {
            *u = true;
        }
        let value = match day {
            Some((d, _)) => PartialDate::day(year, month, d),
            None => PartialDate::month(year, month),
        };
        if let Some(value) = value {
            let written = text.get(toks[first].start..toks[last].end).unwrap_or("");
            push(&mut out, value, written.to_string());
        }
    }
    for (i, t) in toks.iter().enumerate() {
        if used[i] {
            continue;
        }
        if let Some(y) = year_of(t) {
            // A year after a quantity's currency sign is an amount, not a date.
            if i > 0 && matches!(toks[i - 1].lower.as_str(), "$" | "us$" | "€" | "£") {
                continue;
            }
            push(&mut out, PartialDate::year(y), t.raw.to_string());
        }
    }
    if let Some(p) = published {
        for (i, t) in toks.iter().enumerate() {
            let Some(n) = toks.get(i + 1) else { break };
            let rel = match (t.lower.as_str(), n.lower.as_str()) {
                ("this", "year") => Some(PartialDate::year(p.year)),
                ("last", "year") => Some(PartialDate::year(p.year - 1)),
                ("next", "year") => Some(PartialDate::year(p.year + 1)),
                ("this", "month") => p.month.and_then(|m| PartialDate::month(p.year, m)),
                _ => None,
            };
            if let Some(v) = rel {
                let covered = out.iter().any(|d| {
                    d.value.year == v.year && (v.month.is_none() || d.value.month == v.month)
                });
                if !covered {
                    let written = text.get(t.start..n.end).unwrap_or("");
                    push(&mut out, v, written.to_string());
                }
            }
        }
    }
    out
}

fn number_value(t: &Token<'_>) -> Option<f64> {
    if t.lower.starts_with(|c: char| c.is_ascii_digit()) {
        return t.lower.replace(',', "").parse().ok();
    }
    let first = t.lower.split(['-', '‐']).next().unwrap_or("");
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == first)
        .map(|(_, v)| *v)
}

/// Numbers with what they count. Years and the day numbers of dates are
/// dates, not quantities.
fn quantities(
    text: &str,
    toks: &[Token<'_>],
    date_parts: &[bool],
    stem: &dyn Fn(&str) -> String,
) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let currency = match t.lower.as_str() {
            "$" | "us$" => Some("$"),
            "€" => Some("€"),
            "£" => Some("£"),
            "¥" => Some("¥"),
            _ => None,
        };
        let (num_at, currency) = match currency {
            Some(c)
                if toks
                    .get(i + 1)
                    .is_some_and(|n| adjacent(text, t, n) || t.end == n.start) =>
            {
                (i + 1, Some(c))
            }
            _ => (i, None),
        };
        let Some(num_tok) = toks.get(num_at) else {
            break;
        };
        let Some(mut value) = number_value(num_tok) else {
            i += 1;
            continue;
        };
        // "21st", "3D", "G7": letters glued to the digits make an ordinal or
        // a code, not an amount ("2.5bn" keeps its scale).
        let glued = toks.get(num_at + 1).filter(|n| n.start == num_tok.end);
        // …except "the 60th anniversary", which is sixty years.
        let anniversary = glued
            .is_some_and(|n| ["st", "nd", "rd", "th"].contains(&n.lower.as_str()))
            && toks
                .get(num_at + 2)
                .is_some_and(|n| n.lower == "anniversary");
        if anniversary && currency.is_none() {
            out.push(Quantity {
                value,
                unit: stem("year"),
                hedge: Hedge::Exact,
                text: text
                    .get(num_tok.start..toks[num_at + 2].end)
                    .unwrap_or("")
                    .to_string(),
            });
            i = num_at + 3;
            continue;
        }
        if glued.is_some_and(|n| {
            n.lower.starts_with(char::is_alphabetic) && !SCALES.iter().any(|(w, _)| *w == n.lower)
        }) {
            i = num_at + 2;
            continue;
        }
        if date_parts[num_at] && currency.is_none() {
            i = num_at + 1;
            continue;
        }
        // "a half century" is fifty years
        let mut end = num_at;
        if let Some(s) = toks
            .get(end + 1)
            .and_then(|n| SCALES.iter().find(|(w, _)| *w == n.lower))
        {
            value *= s.1;
            end += 1;
        }
        let (hedge, hedge_at) = hedge_before(toks, i);
        // The compound "eight-part": the unit is the second half.
        let mut unit: Option<(String, usize)> = None;
        let num_parts: Vec<&str> = num_tok.lower.split(['-', '‐']).collect();
        if num_parts.len() == 2 && !num_parts[1].is_empty() {
            unit = Some((stem(num_parts[1]), end));
        }
        if let Some(c) = currency {
            unit = Some((c.to_string(), end));
        } else if toks
            .get(end + 1)
            .is_some_and(|n| matches!(n.lower.as_str(), "%" | "percent" | "per"))
        {
            unit = Some(("%".to_string(), end + 1));
        }
        if unit.is_none() {
            let mut prev = num_tok;
            for (j, n) in toks.iter().enumerate().skip(end + 1).take(3) {
                if !adjacent(text, prev, n) {
                    break;
                }
                let first = n.lower.split(['-', '‐']).next().unwrap_or("");
                let adjective = UNIT_MODIFIERS.contains(&first)
                    || ["al", "ic", "ive", "ous", "ful", "ian", "ese"]
                        .iter()
                        .any(|s| first.len() > 4 && first.ends_with(s));
                if adjective && j < end + 3 {
                    prev = n;
                    continue;
                }
                if first.chars().any(|c| !c.is_alphabetic())
                    || is_stop_word(first) && !TIME_UNITS.contains(&first) && first != "times"
                {
                    break;
                }
                unit = Some((stem(first), j));
                break;
            }
        }
        let Some((unit, last)) = unit else {
            i = end + 1;
            continue;
        };
        let start_tok = hedge_at;
        let written = text
            .get(toks[start_tok].start..toks[last].end)
            .unwrap_or("")
            .to_string();
        out.push(Quantity {
            value,
            unit,
            hedge,
            text: written,
        });
        i = last + 1;
    }
    // "half a century", "a half century": fifty years.
    for (i, t) in toks.iter().enumerate() {
        if t.lower != "half" {
            continue;
        }
        let century = toks
            .iter()
            .skip(i + 1)
            .take(2)
            .any(|n| n.lower == "century");
        if century {
            let (hedge, _) = hedge_before(toks, i);
            let last = toks
                .iter()
                .enumerate()
                .skip(i + 1)
                .find(|(_, n)| n.lower == "century")
                .map_or(i, |(j, _)| j);
            out.push(Quantity {
                value: 50.0,
                unit: stem("year"),
                hedge,
                text: text
                    .get(toks[i].start..toks[last].end)
                    .unwrap_or("")
                    .to_string(),
            });
        }
    }
    out
}

/// Where the sentence negates its claim ("has not visited", "never",
/// "no longer", "didn't"): the cue and the word after it, and where the cue is.
fn negation(text: &str, toks: &[Token<'_>]) -> Option<(String, usize)> {
    let at = toks.iter().enumerate().position(|(i, t)| {
        let w = t.lower.as_str();
        let next = toks.get(i + 1).map_or("", |n| n.lower.as_str());
        if w == "not" {
            return !NOT_NEGATING.contains(&next);
        }
        if w == "no" {
            return next != "doubt";
        }
        NEGATIONS.contains(&w) || w.ends_with("n't") || w.ends_with("n’t") || w == "cannot"
    })?;
    let last = (at + 1).min(toks.len() - 1);
    let written = text.get(toks[at].start..toks[last].end).unwrap_or("");
    Some((written.to_string(), at))
}

/// Who a sentence is attributed to: "X said", "said X", "he told …",
/// "according to X", or a quotation with a speech verb.
fn attribution(text: &str, toks: &[Token<'_>]) -> Option<String> {
    for (i, t) in toks.iter().enumerate() {
        let w = t.lower.as_str();
        if w == "according" && toks.get(i + 1).is_some_and(|n| n.lower == "to") {
            return Some(speaker_after(toks, i + 2).unwrap_or_default());
        }
        if !SPEECH_VERBS.contains(&w) {
            continue;
        }
        // "X said" / "X has said" / "he told"
        let before = toks[..i].iter().rev().take(3).find(|p| {
            p.capital || ["he", "she", "they", "it", "we", "i"].contains(&p.lower.as_str())
        });
        if let Some(p) = before {
            return Some(p.raw.to_string());
        }
        if let Some(s) = speaker_after(toks, i + 1) {
            return Some(s);
        }
        let quoted = text.contains(['"', '“', '”']);
        if quoted {
            return Some(String::new());
        }
    }
    None
}

fn speaker_after(toks: &[Token<'_>], from: usize) -> Option<String> {
    let names: Vec<&str> = toks
        .iter()
        .skip(from)
        .take_while(|t| t.capital)
        .take(3)
        .map(|t| t.raw)
        .collect();
    (!names.is_empty()).then(|| names.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_regex(text: &str) -> Vec<(usize, usize)> {
        TOKEN
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn the_token_scanner_finds_what_the_pattern_finds() {
        for text in [
            "Japan’s US$2.5bn deal, 1,000.5 tonnes and 0.8% in G-7 talks.",
            "Abe-Putin rock-'n'-roll co‐operation: U.S. $5 and €3 or ¥4; 7th-floor",
            "naïve café Zürich — “quoted” 12,a 3. 4.5.6 US US$ $ %",
            "don't it's -dash trailing- 'quote' x'",
            "",
        ] {
            assert_eq!(
                token_spans(text).collect::<Vec<_>>(),
                by_regex(text),
                "{text:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn the_token_scanner_agrees_with_the_pattern_on_any_text(
            text in "([a-zA-Z0-9 .,'$%U\\-]|’|‐|€|é|ß|\\u{301}|—|\\PC){0,40}"
        ) {
            prop_assert_eq!(token_spans(&text).collect::<Vec<_>>(), by_regex(&text));
        }
    }

    fn claim(text: &str) -> Claim {
        Extractor::new().claim(text, &[], Vec::new(), PartialDate::parse("2016-09"))
    }

    fn units(text: &str) -> Vec<(f64, String)> {
        claim(text)
            .quantities
            .into_iter()
            .map(|q| (q.value, q.unit))
            .collect()
    }

    #[test]
    fn numbers_with_units() {
        assert_eq!(
            units("Japan may invest almost $10 billion in the firm."),
            vec![(1e10, "$".into())]
        );
        assert_eq!(
            units("Putin returned home with 68 new commercial accords."),
            vec![(68.0, "accord".into())]
        );
        assert_eq!(
            units("The dispute has been pending for about 60 years now."),
            vec![(60.0, "year".into())]
        );
        assert_eq!(
            units("a programme involving eight sectors, including energy"),
            vec![(8.0, "sector".into())]
        );
        assert_eq!(
            units("The economy is expected to contract by 0.8% in 2016."),
            vec![(0.8, "%".into())]
        );
        assert_eq!(
            units("deals worth $2.5bn were signed"),
            vec![(2.5e9, "$".into())]
        );
        assert_eq!(
            units("an eight-point cooperation plan"),
            vec![(8.0, "point".into())]
        );
        assert_eq!(
            units("The talks were delayed by six months and then ten days."),
            vec![(6.0, "month".into()), (10.0, "day".into())]
        );
        assert_eq!(
            units("This year marks the 60th anniversary of that declaration."),
            vec![(60.0, "year".into())]
        );
    }

    #[test]
    fn dates_ordinals_and_years_are_not_quantities() {
        assert!(units("for the 21st month in a row").is_empty());
        assert!(units("On September 2, they met in 2016.").is_empty());
        assert!(units("Russia annexed Crimea in March 2014.").is_empty());
    }

    #[test]
    fn hedges_make_quantities_approximate() {
        let q = &claim("pending for about 60 years now").quantities[0];
        assert_eq!(q.hedge, Hedge::About);
        assert_eq!(q.text, "about 60 years");
        let more = &claim("more than 60 years").quantities[0];
        assert_eq!(
            (more.hedge, more.text.as_str()),
            (Hedge::AtLeast, "more than 60 years")
        );
        let exact = &claim("it lasted 63 years").quantities[0];
        assert!(q.same_amount(&Quantity {
            value: 62.0,
            ..exact.clone()
        }));
        assert!(!q.same_amount(&Quantity {
            value: 70.0,
            ..exact.clone()
        }));
    }

    #[test]
    fn half_a_century_is_fifty_years() {
        let q = &claim("they have been jockeying for over a half century").quantities[0];
        assert_eq!(
            (q.value, q.unit.as_str(), q.hedge),
            (50.0, "year", Hedge::AtLeast)
        );
        // "over fifty" allows sixty; "about sixty" does not allow seventy.
        let about_60 = &claim("pending for about 60 years now").quantities[0];
        let exact_70 = &claim("it has lasted for the last 70 years").quantities[0];
        assert!(q.same_amount(about_60));
        assert!(!about_60.same_amount(exact_70));
        assert!(about_60.comparable(exact_70));
    }

    #[test]
    fn colophons() {
        assert!(is_colophon("Dmitri Streltsov is Head of the Department of Asian Studies, MGIMO University, Moscow."));
        assert!(is_colophon(
            "Jane Doe is a PhD candidate in history at the University of Leeds."
        ));
        assert!(is_colophon("Brahma Chellaney, professor of strategic studies at the Center, is the author of nine books."));
        assert!(is_colophon(
            "This commentary originally appeared in Indian Defence Review."
        ));
        assert!(is_colophon(
            "This is an abridged version of an article which appeared here in the Times."
        ));
        assert!(!is_colophon(
            "Putin is the head of a state that annexed Crimea."
        ));
        assert!(!is_colophon(
            "This article of the treaty was never applied."
        ));
    }

    #[test]
    fn negation() {
        let neg = |t: &str| claim(t).negation;
        assert_eq!(
            neg("While Putin has not visited Japan even once, Abe went.").as_deref(),
            Some("not visited")
        );
        assert_eq!(
            neg("They never formally signed a peace treaty.").as_deref(),
            Some("never formally")
        );
        assert_eq!(
            neg("He is no longer in charge.").as_deref(),
            Some("no longer")
        );
        assert!(neg("The talks didn't resume.").is_some());
        assert_eq!(neg("It is not only a meeting but a landmark."), None);
        assert_eq!(neg("This month he hosted Putin in Tokyo."), None);
        let c = claim("While Putin has not visited Japan even once, Abe went.");
        assert_eq!(c.negated, vec!["visit", "japan"]);
    }

    #[test]
    fn attribution() {
        assert_eq!(
            claim("“We have no problems,” he said.")
                .attribution
                .as_deref(),
            Some("he")
        );
        assert_eq!(
            claim("Putin said the talks went well.")
                .attribution
                .as_deref(),
            Some("Putin")
        );
        assert_eq!(
            claim("Before the summit, he told the Japanese media that it suits them.")
                .attribution
                .as_deref(),
            Some("he")
        );
        assert_eq!(
            claim("According to Reuters, the deal is off.")
                .attribution
                .as_deref(),
            Some("Reuters")
        );
        assert_eq!(claim("Abe met Putin in Sochi.").attribution, None);
    }

    #[test]
    fn own_dates_resolve_against_publication() {
        let c = claim("Putin will visit Japan on December 15, after the May 2016 meeting and the 2014 crisis.");
        let values: Vec<String> = c.dates.iter().map(|d| d.value.to_string()).collect();
        assert_eq!(values, vec!["2016-12-15", "2016-05", "2014"]);
        let c = claim("This month he hosted Putin; it may rain.");
        let values: Vec<String> = c.dates.iter().map(|d| d.value.to_string()).collect();
        assert_eq!(values, vec!["2016-09"]);
        assert_eq!(
            claim("On 29–30 April 2013, he visited.").dates[0]
                .value
                .to_string(),
            "2013-04-30"
        );
    }

    #[test]
    fn content_words_are_stemmed_without_stop_words_or_titles() {
        let c = claim("The Prime Minister said the negotiations were postponed.");
        let words: Vec<&str> = c.words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, vec!["negoti", "postpon"]);
        let c = claim("Japan joined other G-7 countries.");
        assert!(c.words.iter().any(|(w, _)| w == "g7"));
    }

    #[test]
    fn first_names_learned_from_the_corpus_are_dropped() {
        let mut x = Extractor::new();
        x.learn(&["Today Shinzo Abe spoke.", "Later Abe left."]);
        let c = x.claim("Then Shinzo Abe arrived.", &[], Vec::new(), None);
        let words: Vec<&str> = c.words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, vec!["abe", "arriv"]);
    }
}
