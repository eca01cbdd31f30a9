//! Words the time-expression rules need: month and weekday names, small
//! number words, and the lexical cues that stand in for a tense tagger.

/// The pattern for a month name, full or abbreviated (capitalised, as in
/// running text). Full names come first so the alternation prefers them.
pub(super) const MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))";

/// Full month names only: a bare month ("in December") must be spelt out.
pub(super) const MONTH_FULL: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b";

/// Weekday names.
pub(super) const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b";

/// A day of the month with an optional ordinal suffix.
pub(super) const DAY: &str = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?\b";

/// A four-digit year from 1000 to 2099.
pub(super) const YEAR: &str = r"(?:1[0-9]{3}|20[0-9]{2})\b";

/// The month number (1–12) of a month name or abbreviation.
pub(super) fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    let key = w.get(..3)?.to_ascii_lowercase();
    let n = match key.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// The weekday a name stands for.
pub(super) fn weekday(word: &str) -> Option<jiff::civil::Weekday> {
    use jiff::civil::Weekday::*;
    let key = word.get(..3)?.to_ascii_lowercase();
    Some(match key.as_str() {
        "mon" => Monday,
        "tue" => Tuesday,
        "wed" => Wednesday,
        "thu" => Thursday,
        "fri" => Friday,
        "sat" => Saturday,
        "sun" => Sunday,
        _ => return None,
    })
}

/// A day number with its ordinal suffix removed ("15th" -> 15).
pub(super) fn day_number(s: &str) -> Option<i8> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// A count written as digits or as a small number word ("a", "two", "12").
pub(super) fn count(word: &str) -> Option<i32> {
    if let Ok(n) = word.parse::<i32>() {
        return Some(n);
    }
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let w = word.to_ascii_lowercase();
    if w == "a" || w == "an" {
        return Some(1);
    }
    WORDS
        .iter()
        .position(|x| *x == w)
        .and_then(|i| i32::try_from(i).ok())
}

/// The pattern for a small count written as digits or words.
pub(super) const COUNT: &str = r"(?i:[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)";

/// Words or phrases that put a clause in the future (HeidelTime's lexical
/// stand-in for a tense tagger). Matched as whole lower-case words; a
/// multi-word cue is matched on its first word plus the following words.
pub(super) const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "would",
    "might",
    "upcoming",
    "forthcoming",
    "next",
    "plans to",
    "plan to",
    "planned for",
    "is slated",
    "are slated",
    "is set to",
    "are set to",
    "is expected to",
    "are expected to",
    "is scheduled",
    "are scheduled",
    "is due to",
    "are due to",
    "is going to",
    "are going to",
    "is to",
    "are to",
    "hopes to",
    "intends to",
    "aims to",
];

/// Words that put a clause in the past.
pub(super) const PAST_CUES: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "took",
    "made",
    "came",
    "went",
    "held",
    "gave",
    "saw",
    "began",
    "left",
    "became",
    "won",
    "lost",
    "signed",
    "announced",
    "visited",
    "returned",
    "agreed",
    "confirmed",
    "reported",
    "ago",
    "last",
    "previously",
    "earlier",
];

/// Words before a bare four-digit number that make it a quantity, not a year.
pub(super) const QUANTITY_BEFORE: &[&str] = &[
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "over",
    "under",
    "than",
    "least",
    "most",
    "only",
    "just",
    "estimated",
    "total",
    "at",
    "no",
    "number",
    "page",
    "pages",
    "route",
    "flight",
    "model",
    "top",
    "worth",
    "cost",
    "costs",
    "paid",
    "pay",
    "another",
    "additional",
    "extra",
    "every",
    "each",
    "per",
    "x",
];

/// Words after a bare four-digit number that make it a measure.
pub(super) const UNIT_AFTER: &[&str] = &[
    "percent",
    "per",
    "pc",
    "km",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "mile",
    "miles",
    "metre",
    "metres",
    "meter",
    "meters",
    "m",
    "ft",
    "feet",
    "foot",
    "tonnes",
    "tons",
    "tonne",
    "ton",
    "kg",
    "mw",
    "gw",
    "kw",
    "barrels",
    "bpd",
    "people",
    "persons",
    "hours",
    "hrs",
    "gmt",
    "bst",
    "utc",
    "est",
    "pst",
    "cet",
    "jst",
    "msk",
    "am",
    "pm",
    "h",
    "minutes",
    "seconds",
    "times",
    "years",
    "months",
    "weeks",
    "days",
    "yen",
    "dollars",
    "euros",
    "pounds",
    "rubles",
    "roubles",
    "yuan",
    "won",
    "rupees",
    "points",
    "votes",
    "seats",
    "jobs",
    "units",
    "cars",
    "homes",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "deaths",
    "cases",
    "pupils",
    "students",
    "words",
    "calories",
    "degrees",
    "acres",
    "hectares",
    "square",
    "cubic",
    "sq",
    "million",
    "billion",
    "trillion",
    "bn",
    "mn",
    "k",
    "x",
    "mph",
    "kph",
    "km/h",
    "cc",
    "gb",
    "mb",
    "tb",
    "ghz",
    "mhz",
    "pixels",
    "dpi",
    "rpm",
    "bhp",
    "hp",
    "year-old",
    "years-old",
    "euro",
    "dollar",
    "pound",
    "yards",
    "yard",
    "inches",
    "inch",
    "litres",
    "liters",
    "gallons",
    "employees",
    "workers",
    "staff",
    "members",
    "users",
    "customers",
    "visitors",
    "fans",
    "copies",
    "signatures",
    "shares",
    "sq.",
];

/// Words before a number that make it an attribute year ("the 1960 treaty",
/// "in 2014"): determiners and the prepositions of time.
pub(super) const YEAR_LEAD: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "before",
    "after",
    "of",
    "for",
    "through",
    "throughout",
    "to",
    "between",
    "and",
    "or",
    "the",
    "a",
    "its",
    "his",
    "her",
    "their",
    "our",
    "this",
    "that",
    "early",
    "late",
    "mid",
    "circa",
    "c.",
    "year",
    "fiscal",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "nor",
];
