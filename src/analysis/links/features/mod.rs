//! What a sentence claims, as features two sentences can share: content
//! words (stemmed), names, dates, quantities with what they count, whether
//! it is negated and whether it is attributed to a speaker.
//!
//! Entities and dates come from the other analysis passes when they have
//! found any; this module adds its own cheap fallbacks (capitalised words as
//! names, month and year expressions) so that linking never depends on them.
//!
//! The features are read off the sentence's tokens (`tokens.rs`): its
//! quantities (`quantities.rs`), its own dates when no other pass found any
//! (`dates.rs`), and its cues of negation and attribution (`cues.rs`); this
//! file holds the claim, the content words and the extractor that builds
//! both.

mod cues;
mod dates;
mod quantities;
mod tokens;

pub use quantities::{conversion, Hedge, Quantity};

use crate::analysis::lexicon::{self, WordSet};
use crate::corpus::PartialDate;
use cues::{attribution, guard, negation};
use dates::{date_token_mask, month_number, own_dates};
use quantities::{number_word, quantities};
use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::LazyLock;
use tokens::{adjacent, lower_token, token_spans, tokens, Token};

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
    /// Stemmed pairs of adjacent content words ("`peac_treati`").
    pub bigrams: Vec<String>,
    /// Capitalised words not at the start of the sentence and outside entity
    /// mentions: a proxy for names the entity pass missed (stems, a subset
    /// of `words`).
    pub names: Vec<String>,
    /// Canonical entity ids, from the mentions.
    pub entities: Vec<usize>,
    /// The entities among them that are places: where the claim happens.
    pub places: Vec<usize>,
    /// The entities among them that are people: who it happens to.
    pub persons: Vec<usize>,
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
    /// The stem of the act a negation denies happened, when it negates a
    /// verb of a past or finished act ("did not win", "has not visited",
    /// "hadn't signed", "never signed"); not "no bids", "not a kick", "never
    /// answer" (a habit) or "not to explore".
    pub negated_act: Option<String>,
    /// Who the claim is attributed to ("Putin" in "Putin said"; "he" when only
    /// a pronoun names the speaker), when it is reported speech.
    pub attribution: Option<String>,
    /// Where it starts to state its act under a condition, a modal, a wish
    /// or advice, or as not come about ("if found guilty", "failed to win"),
    /// as a byte of the sentence: what follows affirms nothing another claim
    /// negates or denies.
    pub guard: Option<u32>,
    /// Which side it takes on the oppositions of [`super::stance`].
    pub stances: Vec<super::stance::Stance>,
    /// The journeys it reports ([`super::journeys`]).
    pub journeys: Vec<super::journeys::Journey>,
    /// The parts of a year it names ("third quarter", "first half"): figures
    /// of two different parts are two periods' figures.
    pub periods: Vec<String>,
    /// Whether it speaks of people by a personal pronoun ("charged them",
    /// "she denies"): of someone another sentence names, perhaps.
    pub pronoun: bool,
}

impl Claim {
    /// Whether it states its act, anywhere, under a guard ([`Claim::guard`]).
    pub fn guarded(&self) -> bool {
        self.guard.is_some()
    }

    /// Whether the guard comes before the word `stem` (or the sentence does
    /// not have it): "he promised the unions a pay rise he would pay in May"
    /// states the promise, though not the paying.
    pub fn guarded_before(&self, stem: &str) -> bool {
        self.guard.is_some_and(|g| {
            self.words
                .iter()
                .find(|(w, _)| w == stem)
                .is_none_or(|&(_, (start, _))| g < start)
        })
    }
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
/// other generic roles (`data/lexicon/stop_words.txt`). Asked about every
/// word of every sentence.
static STOP_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::STOP_WORDS));

/// Words before "quarter" or "half" that name one part of a year
/// (`data/lexicon/period_ordinals.txt`).
static PERIOD_ORDINALS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&lexicon::PERIOD_ORDINALS));

/// Whether a lower-case word carries no claim.
pub fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.contains(w)
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
                // A headline's capitals are no evidence of names.
                if is_headline_spans(text, &toks) {
                    return seen;
                }
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
            places: {
                let mut p: Vec<usize> = named
                    .iter()
                    .filter(|n| n.kind == crate::analysis::entities::Kind::Place)
                    .map(|n| n.entity)
                    .collect();
                p.sort_unstable();
                p.dedup();
                p
            },
            ..Claim::default()
        };
        claim.persons = named
            .iter()
            .filter(|n| n.kind == crate::analysis::entities::Kind::Person)
            .map(|n| n.entity)
            .collect();
        claim.persons.sort_unstable();
        claim.persons.dedup();
        // A headline in title case ("Sox Make Offer To Teixeira") capitalises
        // every word: its capitals say nothing of names.
        let headline = is_headline(&toks);
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
                if t.capital && !headline && self.modifiers.contains(&t.lower) {
                    continue;
                }
                if month_number(p).is_some() || number_word(p).is_some() {
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
                let at = if let Some(at) = claim.words.iter().position(|(w, _)| *w == s) {
                    at
                } else {
                    claim.words.push((s, span_in(text, surface)));
                    claim.words.len() - 1
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
                if t.capital && !headline && i > 0 && !mentioned && !claim.names.contains(stem) {
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
        claim.quantities = quantities(text, &toks, &date_parts, &|w| self.stem(w), headline);
        // Whose amount each is: the first entity named in its clause (its
        // subject: "Verizon won the fight for MCI with a bid of $6.8bn" is
        // Verizon's bid), else the sentence's first (the subject an
        // apposition or a clause of its own put away: "Acme, the largest
        // firm, restated its earnings by $5bn").
        for q in &mut claim.quantities {
            let at = q.at.min(toks.len());
            let from = clause_start(text, &toks, at);
            let first_in = |range: std::ops::Range<usize>| {
                toks[range]
                    .iter()
                    .find_map(|t| mention_of(t).map(|n| n.entity))
            };
            q.holder = first_in(from..at).or_else(|| first_in(0..at));
        }
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
            claim.negated_act = negated_act(&toks, at).map(|w| self.stem(w));
        }
        claim.attribution = attribution(text, &toks);
        claim.guard = guard(&toks);
        for p in periods(text, &toks) {
            if !claim.periods.contains(&p) {
                claim.periods.push(p);
            }
        }
        let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        if !named.is_empty() && lower.iter().any(|w| super::journeys::is_travel_word(w)) {
            let named: Vec<Option<(usize, crate::analysis::entities::Kind)>> = toks
                .iter()
                .map(|t| mention_of(t).map(|n| (n.entity, n.kind)))
                .collect();
            claim.journeys = super::journeys::journeys(&lower, &named, &|i| denied.contains(&i));
        }
        claim.pronoun = toks.iter().any(|t| {
            matches!(
                t.lower.as_str(),
                "he" | "she" | "they" | "him" | "her" | "them" | "his" | "their"
            )
        });
        claim.stances = super::stance::stances(&lower, &|w| self.stem(w), &|i| {
            let t = &toks[i];
            !t.capital && t.lower.len() > 1 && !is_stop_word(&t.lower)
        });
        claim
    }
}

/// The parts of a year a sentence names, as "<ordinal> quarter" or
/// "<ordinal> half": as written ("the third quarter", "the first half"; a
/// final quarter or half is the fourth or the second), or as the months of
/// a calendar quarter ("the three months to September", "the July to
/// September period", "July-September", "between July and September":
/// the third quarter).
fn periods(text: &str, toks: &[Token<'_>]) -> Vec<String> {
    const QUARTERS: [&str; 4] = ["first", "second", "third", "fourth"];
    // the quarter that runs from month `from` to month `to`, both 1-12
    let quarter = |from: i8, to: i8| {
        (to - from == 2 && from % 3 == 1)
            .then(|| format!("{} quarter", QUARTERS[(from / 3) as usize]))
    };
    let month = |k: usize| {
        toks.get(k)
            .filter(|t| t.capital)
            .and_then(|t| month_number(&t.lower))
    };
    let word = |k: usize| toks.get(k).map_or("", |t| t.lower.as_str());
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let found = match t.lower.as_str() {
            "quarter" | "half" if i > 0 && PERIOD_ORDINALS.contains(&toks[i - 1].lower) => {
                let ordinal = match (toks[i - 1].lower.as_str(), t.lower.as_str()) {
                    ("final", "quarter") => "fourth",
                    ("final", "half") => "second",
                    (o, _) => o,
                };
                Some(format!("{ordinal} {}", t.lower))
            }
            // "the three months to (the end of) September"
            "months" if matches!(word(i.wrapping_sub(1)), "three" | "3") && word(i + 1) == "to" => {
                let at = if word(i + 2) == "the" && word(i + 3) == "end" && word(i + 4) == "of" {
                    i + 5
                } else {
                    i + 2
                };
                month(at).and_then(|m| quarter(m - 2, m))
            }
            // "July-September" (one token)
            w if t.capital && w.contains(['-', '‐']) => {
                let mut parts = w.split(['-', '‐']).map(month_number);
                match (parts.next().flatten(), parts.next().flatten(), parts.next()) {
                    (Some(from), Some(to), None) => quarter(from, to),
                    _ => None,
                }
            }
            // "July to September", "July – September", "between July and
            // September"
            _ => month(i).and_then(|from| {
                let dash = toks.get(i + 1).is_some_and(|n| {
                    text.get(t.end..n.start)
                        .is_some_and(|g| g.contains(['–', '—', '-']))
                });
                let to = match word(i + 1) {
                    _ if dash => month(i + 1),
                    "to" => month(i + 2),
                    "and" if word(i.wrapping_sub(1)) == "between" => month(i + 2),
                    _ => None,
                };
                to.and_then(|to| quarter(from, to))
            }),
        };
        if let Some(p) = found {
            out.push(p);
        }
    }
    out
}

/// Auxiliaries of a finished act, before "not" ("did not win", "has not
/// visited"), and their contractions.
const PAST_AUXILIARIES: &[&str] = &[
    "did",
    "has",
    "have",
    "had",
    "was",
    "were",
    "didn't",
    "didn’t",
    "hasn't",
    "hasn’t",
    "haven't",
    "haven’t",
    "hadn't",
    "hadn’t",
    "wasn't",
    "wasn’t",
    "weren't",
    "weren’t",
];

/// The verb a negation at token `at` denies as a past or finished act: the
/// word after "did not", "has not", "didn't" (an adverb in "-ly" between),
/// or a past form after "never" ("never signed"), in lower case and not a
/// stop word.
fn negated_act<'t>(toks: &'t [Token<'_>], at: usize) -> Option<&'t str> {
    // "has not played since the final" denies the act after a time only,
    // which a report of it before that time does not contradict
    if toks[at..].iter().any(|t| t.lower == "since") {
        return None;
    }
    let cue = toks[at].lower.as_str();
    let contracted = PAST_AUXILIARIES.contains(&cue);
    let after_aux = cue == "not"
        && at
            .checked_sub(1)
            .is_some_and(|p| PAST_AUXILIARIES.contains(&toks[p].lower.as_str()));
    let never = cue == "never";
    if !(contracted || after_aux || never) {
        return None;
    }
    let verb = toks[at + 1..]
        .iter()
        .take(2)
        .find(|t| !t.lower.ends_with("ly") || t.lower.len() < 5)?;
    let w = verb.lower.as_str();
    // after "never", or "was not" (a passive), a participle: "was not
    // arrested", not "was not good"
    let passive = matches!(cue, "wasn't" | "wasn’t" | "weren't" | "weren’t")
        || cue == "not" && matches!(toks[at - 1].lower.as_str(), "was" | "were");
    let participle = w.ends_with("ed") || w.ends_with("en");
    let past = participle || !(never || passive);
    (past && !verb.capital && !is_stop_word(w) && w.chars().all(char::is_alphabetic)).then_some(w)
}

/// Words that open a clause of their own within a sentence.
const CLAUSE_OPENERS: &[&str] = &[
    "while", "whereas", "but", "although", "though", "amid", "after", "before", "because", "which",
    "who", "whose", "when", "where", "unless", "if",
];

/// Words that, opening a stretch between commas, say it goes on the clause
/// before it ("Acme, the largest firm, is suing"): its subject is there.
const PREDICATE_LEADS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "should", "said", "says",
];

/// The index of the first token of the clause that token `at` lies in:
/// after the last comma, semicolon, colon, dash or bracket between tokens
/// before it, or the last word opening a clause ("while", "which", "amid");
/// a stretch that opens with a verb ("is suing") goes on the one before.
fn clause_start(text: &str, toks: &[Token<'_>], at: usize) -> usize {
    let mut end = at.min(toks.len());
    loop {
        let from = (1..end)
            .rev()
            .find(|&k| {
                let gap = text.get(toks[k - 1].end..toks[k].start).unwrap_or("");
                // a hyphen between spaces is a dash; between digits, a score
                gap.contains([',', ';', ':', '(', ')', '—', '–'])
                    || gap.contains('-') && gap.contains(' ')
                    || CLAUSE_OPENERS.contains(&toks[k].lower.as_str())
            })
            .unwrap_or(0);
        if from == 0 || !PREDICATE_LEADS.contains(&toks[from].lower.as_str()) {
            return from;
        }
        end = from;
    }
}

/// Whether a sentence is written in title case or in capitals, as
/// headlines are: of its words of four letters or more, at least three and
/// four in five start with a capital.
fn is_headline(toks: &[Token<'_>]) -> bool {
    headline_by(toks.iter().map(|t| t.raw))
}

/// [`is_headline`] over token spans.
fn is_headline_spans(text: &str, spans: &[(usize, usize)]) -> bool {
    headline_by(spans.iter().filter_map(|&(s, e)| text.get(s..e)))
}

fn headline_by<'a>(words: impl Iterator<Item = &'a str>) -> bool {
    let (mut long, mut capital) = (0, 0);
    for w in words {
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            if w.starts_with(char::is_uppercase) {
                capital += 1;
            }
        }
    }
    long >= 3 && capital * 5 >= long * 4
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
    // A constant pattern, which the tests prove compiles (without it no
    // sentence is a colophon).
    static COLOPHON: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?i:this (?:article|commentary|piece|column|essay|post|story|is an abridged)\b.*\b(?:appeared|published|version)\b)|\p{Lu}[\p{L}.'’\-]+(?: \p{Lu}[\p{L}.'’\-]+){1,3},? (?:is|was)?,? ?(?i:(?:a |an |the )?(?:senior |associate |assistant |visiting |former )?(?:professor|lecturer|fellow|phd|doctoral|candidate|researcher|research|director|head|editor|author|correspondent|journalist|analyst|chair|dean|columnist|reporter)\b))",
        )
        .ok()
    });
    COLOPHON.as_ref().is_some_and(|re| re.is_match(text.trim()))
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

/// Whether a sentence opens with a pronoun that stands for what an earlier
/// sentence named: `Some(false)` for "It" (a thing), `Some(true)` for "He"
/// or "She" (a person).
pub(crate) fn opening_pronoun(text: &str) -> Option<bool> {
    let first = text
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()?;
    match first {
        "It" => Some(false),
        "He" | "She" => Some(true),
        _ => None,
    }
}

/// Whether a sentence opens with "The" and a noun of what a country has
/// one of ("The economy grew 3.7%", "The jobless rate fell to 5%";
/// `data/lexicon/national_nouns.txt`): its figures are of the country the
/// article is about.
pub(crate) fn opens_with_national_noun(text: &str) -> bool {
    let mut words = text
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    words.next() == Some("The")
        && words
            .next()
            .is_some_and(|w| NATIONAL_NOUNS.contains(&w.to_lowercase()))
}

static NATIONAL_NOUNS: std::sync::LazyLock<WordSet> =
    std::sync::LazyLock::new(|| WordSet::of(&lexicon::NATIONAL_NOUNS));

/// The claim of a sentence that names no entity, in an article published
/// in the month `published` ("2016-09"): for tests.
#[cfg(test)]
pub(crate) fn claim_of(text: &str, published: &str) -> Claim {
    Extractor::new().claim(text, &[], Vec::new(), PartialDate::parse(published))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_months_of_a_calendar_quarter_name_that_quarter() {
        let periods = |text: &str| claim_of(text, "2005-01").periods;
        let third = vec!["third quarter".to_string()];
        for text in [
            "Output rose 3.7% in the July to September period.",
            "Output rose 3.9% in the three months to September.",
            "Output rose 3.9% in the three months to the end of September.",
            "Output rose 3.9% in July-September.",
            "Output rose 3.9% in July – September.",
            "Output rose 3.9% between July and September.",
            "Output rose 3.9% in the third quarter.",
        ] {
            assert_eq!(periods(text), third, "{text}");
        }
        assert_eq!(
            periods("Sales fell in the final quarter."),
            vec!["fourth quarter".to_string()]
        );
        // months that are no calendar quarter, or a span of another length
        for text in [
            "Output rose in the August to October period.",
            "Output rose in the three months to August.",
            "Output rose in the six months to September.",
            "Prices rose from July to December.",
        ] {
            assert!(periods(text).is_empty(), "{text}");
        }
    }

    fn claim(text: &str) -> Claim {
        claim_of(text, "2016-09")
    }

    #[test]
    fn colophons() {
        // Also proves the pattern compiles: without it nothing would match.
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
    fn content_words_are_stemmed_without_stop_words_or_titles() {
        let c = claim("The Prime Minister said the negotiations were postponed.");
        let words: Vec<&str> = c.words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, vec!["negoti", "postpon"]);
        let c = claim("Japan joined other G-7 countries.");
        assert!(c.words.iter().any(|(w, _)| w == "g7"));
    }

    #[test]
    fn headline_case_words_are_words_not_names() {
        let mut x = Extractor::new();
        x.learn(&[
            "Sox Make Offer To Teixeira",
            "Red Sox extend offer to Teixeira.",
        ]);
        let c = x.claim("Sox Make Offer To Teixeira", &[], Vec::new(), None);
        let words: Vec<&str> = c.words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, vec!["sox", "offer", "teixeira"]);
        assert!(c.names.is_empty(), "{:?}", c.names);
        let c = x.claim("GRANDMOTHER KILLED BY DRUNK DRIVER", &[], Vec::new(), None);
        assert!(c.words.iter().any(|(w, _)| w == "kill") && c.names.is_empty());
        // A sentence with a few names is no headline.
        let c = x.claim(
            "Angels made an offer to Mark Teixeira on Monday.",
            &[],
            Vec::new(),
            None,
        );
        assert!(c.names.contains(&"teixeira".to_string()));
    }

    #[test]
    fn a_negated_act_is_a_verb_of_a_finished_act() {
        let act = |t: &str| claim(t).negated_act;
        assert_eq!(act("Putin has not visited Japan."), Some("visit".into()));
        assert_eq!(act("The team did not win any medals."), Some("win".into()));
        assert_eq!(
            act("They never formally signed a treaty."),
            Some("sign".into())
        );
        assert_eq!(act("There have been no bids for the striker."), None);
        assert_eq!(act("It was not a kick he would have tried."), None);
        assert_eq!(act("We never answer questions about it."), None);
        assert_eq!(act("The mark was not good enough."), None);
        assert_eq!(act("He has not played for them since the final."), None);
        assert_eq!(act("He was not arrested."), Some("arrest".into()));
        assert_eq!(act("He would be missing a trick not to explore it."), None);
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
