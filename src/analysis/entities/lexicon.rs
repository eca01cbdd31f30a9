//! Closed word classes the entity rules lean on: titles, head words of
//! organisation and place names, cue nouns and verbs, and the capitalised
//! function words that open sentences. Every list is general English; none
//! names a particular person, place or organisation.
//!
//! The lists are data (`data/lexicon/`, one file each, loaded once by
//! `analysis::lexicon`); this module is the entity rules' view of
//! them. Each test takes the word in lower case unless it says otherwise.

use crate::analysis::lexicon::{self as lists, List, WordMap, WordSet};
use std::sync::LazyLock;

/// A word set loaded from its list on first use.
type Lazy = LazyLock<WordSet>;

/// The set of `list`'s entries (for the statics below).
fn set(list: &List) -> WordSet {
    WordSet::of(list)
}

static TITLES: Lazy = Lazy::new(|| set(&lists::TITLES));
static TRAILING_TITLES: Lazy = Lazy::new(|| set(&lists::TRAILING_TITLES));
static TITLE_MODIFIERS: Lazy = Lazy::new(|| set(&lists::TITLE_MODIFIERS));
static PERSON_NOUNS: Lazy = Lazy::new(|| set(&lists::PERSON_NOUNS));
static PLACE_NOUNS: Lazy = Lazy::new(|| set(&lists::PLACE_NOUNS));
static ORG_NOUNS: Lazy = Lazy::new(|| set(&lists::ORG_NOUNS));
static ORG_HEADS: Lazy = Lazy::new(|| set(&lists::ORG_HEADS));
static LEGAL_FORMS: Lazy = Lazy::new(|| set(&lists::LEGAL_FORMS));
static PLACE_HEADS: Lazy = Lazy::new(|| set(&lists::PLACE_HEADS));
static OTHER_HEADS: Lazy = Lazy::new(|| set(&lists::OTHER_HEADS));
static PLACE_LEADS: Lazy = Lazy::new(|| set(&lists::PLACE_LEADS));
static PLACE_SUFFIXES: Lazy = Lazy::new(|| set(&lists::PLACE_SUFFIXES));
static COMPASS_WORDS: Lazy = Lazy::new(|| set(&lists::COMPASS_WORDS));
static PERSON_VERBS: Lazy = Lazy::new(|| set(&lists::PERSON_VERBS));
static FUNCTION_WORDS: Lazy = Lazy::new(|| set(&lists::FUNCTION_WORDS));
static LOWER_FUNCTION_WORDS: Lazy = Lazy::new(|| set(&lists::LOWER_FUNCTION_WORDS));
static NAME_PARTICLES: Lazy = Lazy::new(|| set(&lists::NAME_PARTICLES));
static COMMON_ACRONYMS: Lazy = Lazy::new(|| set(&lists::COMMON_ACRONYMS));
static HONORIFICS: Lazy = Lazy::new(|| set(&lists::HONORIFICS));
static ABBREVIATIONS_KEEP_DOT: Lazy = Lazy::new(|| set(&lists::ABBREVIATIONS_KEEP_DOT));
static NEWSPAPER_OPENERS: Lazy = Lazy::new(|| set(&lists::NEWSPAPER_OPENERS));
static PLURAL_PLACE_HEADS: Lazy = Lazy::new(|| set(&lists::PLURAL_PLACE_HEADS));
static GIVEN_NAMES: Lazy = Lazy::new(|| set(&lists::GIVEN_NAMES));
static HOLIDAYS: Lazy = Lazy::new(|| set(&lists::SEASONS_AND_HOLIDAYS));
static TEAM_VERBS: Lazy = Lazy::new(|| set(&lists::TEAM_VERBS));
static SPORT_WORDS: Lazy = Lazy::new(|| set(&lists::SPORT_WORDS));
static GAME_WORDS: Lazy = Lazy::new(|| set(&lists::GAME_WORDS));
static TEAM_PLACE_HEADS: Lazy = Lazy::new(|| set(&lists::TEAM_PLACE_HEADS));
static CLUB_SUFFIXES: Lazy = Lazy::new(|| set(&lists::CLUB_SUFFIXES));
static CLUB_PREFIXES: Lazy = Lazy::new(|| set(&lists::CLUB_PREFIXES));

/// Words that, after a town's name, name a club ("… United"). Checked on
/// the word as written.
pub fn is_club_suffix(w: &str) -> bool {
    CLUB_SUFFIXES.contains(w)
}

/// Words that, before a town's name, name a club ("Real …"). Checked on
/// the word as written.
pub fn is_club_prefix(w: &str) -> bool {
    CLUB_PREFIXES.contains(w)
}

/// Place heads that end a team's name in a report of sport ("… City").
pub fn is_team_place_head(w: &str) -> bool {
    TEAM_PLACE_HEADS.contains(w)
}

/// Season and holiday names ("Christmas"), as written.
pub fn is_holiday(w: &str) -> bool {
    HOLIDAYS.contains(w)
}

/// Words that, next to a name in a report of sport, make it a side in a
/// match ("beat", "v").
pub fn is_team_verb(w: &str) -> bool {
    TEAM_VERBS.contains(w)
}

/// Words said only of games (`game_words.txt`). Checked on the word as
/// written, which must be in lower case.
pub fn is_game_word(w: &str) -> bool {
    GAME_WORDS.contains(w)
}

/// Words of reports of sport ("innings", "striker").
pub fn is_sport_word(w: &str) -> bool {
    SPORT_WORDS.contains(w)
}

/// The prepositions of location with their weights; a line whose weight
/// cannot be read is skipped (a test proves none is).
static PLACE_PREPOSITIONS: LazyLock<WordMap<f32>> =
    LazyLock::new(|| WordMap::parse(&lists::PLACE_PREPOSITIONS, |v| v.parse().ok()));

/// The endings of contractions, in file order.
static CONTRACTION_SUFFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::CONTRACTION_SUFFIXES.entries());

/// The surname prefixes, in file order.
static SURNAME_PREFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::SURNAME_PREFIXES.entries());

/// Titles that, before a name, make it a person ("President", "Mr",
/// "Minister"). Checked on the lower-cased word, dots removed.
pub fn is_strong_title(w: &str) -> bool {
    TITLES.contains(w)
}

/// Role words that may end a name ("… Council Chief") and are dropped there.
pub fn is_trailing_title(w: &str) -> bool {
    TRAILING_TITLES.contains(w)
}

/// Words that qualify a title without being a name ("Prime", "Foreign",
/// "Deputy"): dropped with the title they precede.
pub fn is_title_modifier(w: &str) -> bool {
    TITLE_MODIFIERS.contains(w)
}

/// Nouns that, near a name, say it names a person: titles, roles, kin,
/// occupations.
pub fn is_person_noun(w: &str) -> bool {
    is_strong_title(w) || PERSON_NOUNS.contains(w)
}

/// Nouns that, near a name, say it names a place.
pub fn is_place_noun(w: &str) -> bool {
    PLACE_NOUNS.contains(w)
}

/// Nouns that, near a name, say it names an organisation.
pub fn is_org_noun(w: &str) -> bool {
    ORG_NOUNS.contains(w)
}

/// Head words that end an organisation's name ("… University", "… Party").
/// Checked on the word as written, a final dot left out ("Inc.", "Corp.").
pub fn is_org_head(w: &str) -> bool {
    ORG_HEADS.contains(w) || w.strip_suffix('.').is_some_and(|s| ORG_HEADS.contains(s))
}

/// Legal forms that close a firm's name ("Corp", "AG"), with or without
/// a final dot. Checked on the word as written.
pub fn is_legal_form(w: &str) -> bool {
    LEGAL_FORMS.contains(w) || w.strip_suffix('.').is_some_and(|s| LEGAL_FORMS.contains(s))
}

/// Head words that end a place's name ("… Islands", "… Sea"). Checked on
/// the word as written.
pub fn is_place_head(w: &str) -> bool {
    PLACE_HEADS.contains(w)
}

/// Head words that end the name of an event, treaty or law: kind `other`.
/// Checked on the word as written.
pub fn is_other_head(w: &str) -> bool {
    OTHER_HEADS.contains(w)
}

/// Words that head place names from the front ("Sea of …", "Gulf of …").
/// Checked on the word as written.
pub fn is_place_lead(w: &str) -> bool {
    PLACE_LEADS.contains(w)
}

/// Lower-case place words that extend the name before them ("the Faroe
/// islands", "the Korean peninsula"). Checked on the word as written.
pub fn is_place_suffix(w: &str) -> bool {
    PLACE_SUFFIXES.contains(w)
}

/// Compass and size words that start regional place names ("East Asia").
/// Checked on the word as written.
pub fn is_compass(w: &str) -> bool {
    COMPASS_WORDS.contains(w)
}

/// Verbs of speech and belief that follow a person's name ("X said").
pub fn is_speech_verb(w: &str) -> bool {
    PERSON_VERBS.contains(w)
}

/// Prepositions of location: "in X", "at X" weigh 1, "to X" 0.5, any other
/// word 0.
pub fn place_preposition_weight(w: &str) -> f32 {
    PLACE_PREPOSITIONS.get(w).copied().unwrap_or(0.0)
}

/// Capitalised function words that never start a name ("The", "In",
/// "However"). Checked on the word as written.
pub fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.contains(w)
}

/// [`is_function_word`], a word in capitals ("AT", "THE") compared in
/// title case.
pub fn is_function_word_any_case(w: &str) -> bool {
    if FUNCTION_WORDS.contains(w) {
        return true;
    }
    title_case(w).is_some_and(|t| FUNCTION_WORDS.contains(&t))
}

/// A word in capitals ("GORAN", "AT") in title case; `None` for any other.
pub fn title_case(w: &str) -> Option<String> {
    let mut chars = w.chars();
    let first = chars.next()?;
    if w.len() < 2 || !w.is_ascii() || !chars.clone().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut t = String::with_capacity(w.len());
    t.push(first);
    t.extend(chars.map(|c| c.to_ascii_lowercase()));
    Some(t)
}

/// Lower-case words that can follow a name without making it a modifier of
/// the next noun: prepositions, conjunctions, auxiliaries, pronouns.
pub fn is_lower_function(w: &str) -> bool {
    LOWER_FUNCTION_WORDS.contains(w)
}

/// Month and weekday names and month abbreviations, never entities on
/// their own. Checked on the word as written.
pub fn is_calendar_word(w: &str) -> bool {
    lists::is_month_name(w)
        || lists::is_weekday(w)
        || (w.len() >= 3
            && w.bytes().all(|b| b.is_ascii_uppercase())
            && (lists::month_number(w).is_some() || lists::weekday_number(w).is_some()))
}

/// Lower-case words that may join capitalised words inside one name.
/// Checked on the word as written.
pub fn is_name_particle(w: &str) -> bool {
    NAME_PARTICLES.contains(w)
}

/// Common acronyms that name no entity ("GDP", "CEO", "LNG"). Checked on
/// the word as written.
pub fn is_common_acronym(w: &str) -> bool {
    COMMON_ACRONYMS.contains(w)
}

/// Honorifics ("Mr", "Dame"): titles that make the name after them a
/// person whatever else it could be. Checked on the lower-cased word, dots
/// removed.
pub fn is_honorific(w: &str) -> bool {
    HONORIFICS.contains(w)
}

/// Abbreviations whose period belongs to the word ("Mr.", "Inc.").
pub fn keeps_dot(w: &str) -> bool {
    ABBREVIATIONS_KEEP_DOT.contains(w)
}

/// Words that open newspaper names ("Daily", "Sunday"). Checked on the
/// word as written.
pub fn is_newspaper_opener(w: &str) -> bool {
    NEWSPAPER_OPENERS.contains(w)
}

/// Plural head words of coordinated place names ("Seas" in "the East and
/// South China Seas"). Checked on the word as written.
pub fn is_plural_place_head(w: &str) -> bool {
    PLURAL_PLACE_HEADS.contains(w)
}

/// Given names ("Sandrine", "Goran"). Checked on the word as written; a
/// word in capitals ("GORAN") is compared in title case.
pub fn is_given_name(w: &str) -> bool {
    GIVEN_NAMES.contains(w) || title_case(w).is_some_and(|t| GIVEN_NAMES.contains(&t))
}

/// Whether a word in lower case (straight apostrophes) ends like a
/// contraction ("i'm", "they'll", "don't").
pub fn is_contraction(w: &str) -> bool {
    CONTRACTION_SUFFIXES.iter().any(|s| w.ends_with(s))
}

/// The Gaelic and Scottish surname prefixes ("O'", "Mc"), as written.
pub fn surname_prefixes() -> &'static [&'static str] {
    &SURNAME_PREFIXES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_prepositions_parse_fully() {
        assert_eq!(
            PLACE_PREPOSITIONS.len(),
            lists::PLACE_PREPOSITIONS.lines().count()
        );
        assert!(place_preposition_weight("in") > place_preposition_weight("to"));
        assert_eq!(place_preposition_weight("with"), 0.0);
    }

    #[test]
    fn every_contraction_suffix_has_an_apostrophe() {
        // `chunk::is_contraction` skips words without one.
        assert!(CONTRACTION_SUFFIXES.iter().all(|s| s.contains('\'')));
    }
}
