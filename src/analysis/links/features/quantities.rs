//! Quantities: numbers with what they count ("68 accords", "$10 billion",
//! "0.8%", "half a century"), how exactly each is stated (the hedges), and
//! how two amounts of one unit compare.

use super::is_stop_word;
use super::tokens::{adjacent, Token};
use crate::analysis::lexicon::{self, WordMap, WordSet};
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
    /// How far from `value` the written figure reaches when it is exact:
    /// half a unit of its last digit ("3.8" 0.05, "51" 0.5, "$9.3bn"
    /// 0.05e9), a twentieth of a round number of 100 or more at most ("300"
    /// 15).
    pub step: f64,
    /// Stems of the content words just before the number and just after
    /// what it counts: what it measures ("growth" in "growth of 3.8%").
    pub context: Vec<String>,
    /// The token index of its number in the sentence.
    pub at: usize,
    /// The entity named nearest before it in the sentence, if any (set by
    /// the claim, which knows the mentions): whose amount it is.
    pub holder: Option<usize>,
    /// Whether it is written as one word with its unit ("a five-set
    /// battle", "the 29-year-old"): a label of a thing or a person more
    /// than a figure reported of it, and the thing is rarely named.
    pub compound: bool,
    /// The amount this one restates in another unit, by its index among
    /// the sentence's quantities: "(£5bn)" after "$9.3bn", "1.53bn euros"
    /// and "£1.05bn" in "$2bn (1.53bn euros; £1.05bn)". Two reports that
    /// give one of a pair alike measure one thing, so the other of the pair
    /// stated differently is the same amount stated differently.
    pub converts: Option<usize>,
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
    /// more, "almost 10" is 8–10, "3.8" rounds from 3.75 to 3.85.
    fn range(&self) -> (f64, f64) {
        let v = self.value;
        let step = self.step.max(v.abs() * 1e-6);
        match self.hedge {
            Hedge::Exact => (v - step + step * 1e-6, v + step - step * 1e-6),
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

    /// Whether two amounts, as far as their hedges allow, come within a
    /// seventh of each other: close enough to be two reports of one figure
    /// (rounded, converted at another rate, revised: "$9.3bn" and "$9.4bn",
    /// "$5bn" and "$4.4bn", "about 60 years" and "70 years"); further apart,
    /// two figures ("nearly $3bn" estimated, "$3.5bn" launched) are more
    /// often two things than one thing stated twice.
    pub fn near(&self, other: &Quantity) -> bool {
        let (a0, a1) = self.range();
        let (b0, b1) = other.range();
        // the closest points of the two ranges
        let (lo, hi) = if a1 < b0 { (a1, b0) } else { (b1, a0) };
        lo <= hi && lo > 0.0 && hi / lo <= 1.15 || self.same_amount(other)
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

/// A word set loaded from its list on first use.
type Lazy = LazyLock<WordSet>;

/// Words for spans of time: stop words among content words (the dates say
/// when), but units after a number ("six months").
static TIME_UNITS: Lazy = Lazy::new(|| WordSet::of(&lexicon::TIME_UNITS));

/// Words that make a quantity approximate, with how; a line of another
/// kind is skipped (a test proves none is).
static HEDGES: LazyLock<WordMap<Hedge>> = LazyLock::new(|| {
    WordMap::parse(&lexicon::HEDGES, |kind| match kind {
        "about" => Some(Hedge::About),
        "at-least" => Some(Hedge::AtLeast),
        "at-most" => Some(Hedge::AtMost),
        _ => None,
    })
});

/// Adjectives often between a number and what it counts ("68 new accords").
static UNIT_MODIFIERS: Lazy = Lazy::new(|| WordSet::of(&lexicon::UNIT_MODIFIERS));

/// Endings of adjectives, skipped like [`UNIT_MODIFIERS`] in a longer word.
static ADJECTIVE_SUFFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lexicon::ADJECTIVE_SUFFIXES.entries());

/// Ordinal suffixes glued to a number ("21st").
static ORDINAL_SUFFIXES: Lazy = Lazy::new(|| WordSet::of(&lexicon::ORDINAL_SUFFIXES));

/// Nouns that state an amount on their own ("dozen"), with their values.
static AMOUNT_NOUNS: LazyLock<WordMap<f64>> =
    LazyLock::new(|| WordMap::parse(&lexicon::AMOUNT_NOUNS, |v| v.parse().ok()));

/// Words that scale the number before them, with their factors.
static SCALES: LazyLock<WordMap<f64>> =
    LazyLock::new(|| WordMap::parse(&lexicon::SCALES, |v| v.parse().ok()));

/// The value of a number word in lower case: a cardinal from two up
/// ("eight", "ninety", "hundred") or an amount noun ("dozen"). "One" is a
/// stop word rather than an amount.
pub(super) fn number_word(w: &str) -> Option<f64> {
    match lexicon::number_value(w) {
        Some(n) if n >= 2 => Some(f64::from(n)),
        Some(_) => None,
        None => AMOUNT_NOUNS.get(w).copied(),
    }
}

/// The hedge before a number at token `i` ("about 60", "more than 60",
/// "at least 60"), looking back two tokens.
pub(super) fn hedge_before(toks: &[Token<'_>], i: usize) -> (Hedge, usize) {
    for k in 1..=2 {
        let Some(j) = i.checked_sub(k) else { break };
        let w = toks[j].lower.as_str();
        if w == "than" || w == "to" || w == "a" {
            continue;
        }
        return HEDGES.get(w).map_or((Hedge::Exact, i), |h| (*h, j));
    }
    (Hedge::Exact, i)
}

/// Half a unit of the last digit of a written number ("3.8" 0.05, "51"
/// 0.5), a round number's (100 or more) at most a twentieth of it ("300"
/// 15, "2,000" 100).
fn written_step(t: &Token<'_>, value: f64) -> f64 {
    let digits = t.lower.replace(',', "");
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return 0.5;
    }
    if let Some((_, decimals)) = digits.split_once('.') {
        let d = i32::try_from(decimals.len()).unwrap_or(6);
        return 0.5 * 10f64.powi(-d);
    }
    let zeros = digits.len() - digits.trim_end_matches('0').len();
    if zeros == 0 || zeros == digits.len() {
        return 0.5;
    }
    if value < 100.0 {
        return 0.5;
    }
    let zeros = i32::try_from(zeros).unwrap_or(6);
    (0.5 * 10f64.powi(zeros)).min(value * 0.05).max(0.5)
}

/// Stems of the content words within four tokens before `first` and two
/// after `last`, hedges and numbers left out. A capitalised word before it
/// (a name, most often) takes no place of the four: "bought the Vestra
/// unit for $9.3bn" is a price paid, as "bought the unit for" says.
fn context(
    toks: &[Token<'_>],
    first: usize,
    last: usize,
    stem: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let content = |t: &Token<'_>| {
        t.lower.len() > 1
            && t.lower.chars().all(char::is_alphabetic)
            && !is_stop_word(&t.lower)
            && HEDGES.get(&t.lower).is_none()
            && SCALES.get(&t.lower).is_none()
    };
    let mut from = first;
    let mut counted = 0;
    while from > 0 && counted < 4 {
        from -= 1;
        if !toks[from].capital {
            counted += 1;
        }
    }
    toks[from..first]
        .iter()
        .chain(toks.iter().skip(last + 1).take(2))
        .filter(|t| content(t))
        .map(|t| stem(&t.lower))
        .collect()
}

/// The quantity of `out` that one starting at byte `start` restates in
/// another unit: the one just before it, when only an opening bracket lies
/// between ("$9.3bn (£5bn"), or, after a separator inside the bracket
/// ("; ", ", ", ": "), the one that quantity itself restates. The units of a
/// conversion are all different. `ends` holds the byte each quantity of
/// `out` ends at.
fn conversion_of(
    text: &str,
    out: &[Quantity],
    ends: &[usize],
    start: usize,
    unit: &str,
) -> Option<usize> {
    let k = out.len().checked_sub(1)?;
    let gap = text.get(*ends.get(k)?..start)?.trim();
    let head = match gap {
        "(" => k,
        ";" | "," | ":" => out[k].converts?,
        _ => return None,
    };
    conversion(out, head)
        .all(|(_, q)| q.unit != unit)
        .then_some(head)
}

/// The amounts of one conversion as the quantity `i` of a sentence's
/// `quantities` (see [`Quantity::converts`]), with their indices: the amount
/// they restate and every restatement of it, `i` among them.
pub fn conversion(quantities: &[Quantity], i: usize) -> impl Iterator<Item = (usize, &Quantity)> {
    let head = quantities.get(i).and_then(|q| q.converts).unwrap_or(i);
    quantities
        .iter()
        .enumerate()
        .filter(move |(j, q)| *j == head || q.converts == Some(head))
}

/// Whether figure `b` (of value `value`) closes a score with figure `a`
/// before it: digits, a dash between them and nothing else, the second no
/// greater than the first.
fn is_score(text: &str, a: &Token<'_>, b: &Token<'_>, value: f64) -> bool {
    let digits = |t: &Token<'_>| t.lower.bytes().all(|c| c.is_ascii_digit());
    digits(a)
        && digits(b)
        && matches!(text.get(a.end..b.start), Some("-" | "–" | "‐"))
        && number_value(a).is_some_and(|x| x >= value)
}

fn number_value(t: &Token<'_>) -> Option<f64> {
    if t.lower.starts_with(|c: char| c.is_ascii_digit()) {
        return t.lower.replace(',', "").parse().ok();
    }
    let first = t.lower.split(['-', '‐']).next().unwrap_or("");
    number_word(first)
}

/// Numbers with what they count. Years and the day numbers of dates are
/// dates, not quantities.
pub(super) fn quantities(
    text: &str,
    toks: &[Token<'_>],
    date_parts: &[bool],
    stem: &dyn Fn(&str) -> String,
    headline: bool,
) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    // the byte each quantity of `out` ends at
    let mut ends: Vec<usize> = Vec::new();
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
        // "a 4-0 win", "a 1-1 draw": two figures joined by a dash that do
        // not rise make a score, not a range ("25-30 years"), nor an amount.
        if currency.is_none() && num_at > 0 && is_score(text, &toks[num_at - 1], num_tok, value) {
            i = num_at + 1;
            continue;
        }
        // "21st", "3D", "G7": letters glued to the digits make an ordinal or
        // a code, not an amount ("2.5bn" keeps its scale).
        let glued = toks.get(num_at + 1).filter(|n| n.start == num_tok.end);
        // …except "the 60th anniversary", which is sixty years.
        let anniversary = glued.is_some_and(|n| ORDINAL_SUFFIXES.contains(&n.lower))
            && toks
                .get(num_at + 2)
                .is_some_and(|n| n.lower == "anniversary");
        if anniversary && currency.is_none() {
            ends.push(toks[num_at + 2].end);
            out.push(Quantity {
                value,
                unit: stem("year"),
                hedge: Hedge::Exact,
                text: text
                    .get(num_tok.start..toks[num_at + 2].end)
                    .unwrap_or("")
                    .to_string(),
                step: 0.5,
                context: context(toks, num_at, num_at + 2, stem),
                at: num_at,
                holder: None,
                compound: false,
                converts: None,
            });
            i = num_at + 3;
            continue;
        }
        if glued.is_some_and(|n| {
            n.lower.starts_with(char::is_alphabetic) && SCALES.get(&n.lower).is_none()
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
        let mut step = written_step(num_tok, value);
        if let Some(s) = toks.get(end + 1).and_then(|n| SCALES.get(&n.lower)) {
            value *= s;
            step *= s;
            end += 1;
        }
        let (hedge, hedge_at) = hedge_before(toks, i);
        // The compound "eight-part": the unit is the second half.
        let mut unit: Option<(String, usize)> = None;
        let num_parts: Vec<&str> = num_tok.lower.split(['-', '‐']).collect();
        let compound = num_parts.len() == 2 && !num_parts[1].is_empty();
        if compound {
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
            // the unit follows the number's scale word ("1.5bn euros")
            let mut prev = &toks[end];
            for (j, n) in toks.iter().enumerate().skip(end + 1).take(3) {
                if !adjacent(text, prev, n) {
                    break;
                }
                let first = n.lower.split(['-', '‐']).next().unwrap_or("");
                let adjective = UNIT_MODIFIERS.contains(first)
                    || ADJECTIVE_SUFFIXES
                        .iter()
                        .any(|s| first.len() > 4 && first.ends_with(s));
                if adjective && j < end + 3 {
                    prev = n;
                    continue;
                }
                if first.chars().any(|c| !c.is_alphabetic())
                    || is_stop_word(first) && !TIME_UNITS.contains(first) && first != "times"
                {
                    break;
                }
                // "50 Cent": a capitalised word after a number, inside a
                // sentence not written in capitals, names something.
                if n.capital && !headline {
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
        let converts = conversion_of(text, &out, &ends, toks[start_tok].start, &unit);
        // a conversion of an amount "about" so much is about so much too
        let hedge = match converts.and_then(|h| out.get(h)) {
            Some(head) if head.hedge == Hedge::About => Hedge::About,
            _ => hedge,
        };
        ends.push(toks[last].end);
        let written = text
            .get(toks[start_tok].start..toks[last].end)
            .unwrap_or("")
            .to_string();
        out.push(Quantity {
            value,
            unit,
            hedge,
            text: written,
            step,
            context: context(toks, hedge_at, last, stem),
            at: num_at,
            holder: None,
            compound,
            converts,
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
                step: 0.5,
                context: context(toks, i, last, stem),
                at: i,
                holder: None,
                compound: false,
                converts: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::features::{Claim, Extractor};
    use crate::corpus::PartialDate;

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
    fn the_valued_lists_parse_fully() {
        assert_eq!(HEDGES.len(), lexicon::HEDGES.lines().count());
        assert_eq!(SCALES.len(), lexicon::SCALES.lines().count());
        assert_eq!(AMOUNT_NOUNS.len(), lexicon::AMOUNT_NOUNS.lines().count());
    }

    #[test]
    fn a_name_before_an_amount_takes_no_place_of_its_context() {
        let context = |text: &str| claim(text).quantities[0].context.clone();
        // the verb five tokens back, a name among them: a price paid
        assert!(context("Korvo bought the Vestra unit for $9.3bn.").contains(&"bought".into()));
        // five words of no name: the verb is too far to say what it measures
        assert!(
            !context("Korvo bought the old unit cheaply for $9.3bn.").contains(&"bought".into())
        );
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
    fn a_score_is_no_amount_but_a_range_keeps_its_unit() {
        assert!(units("Their 4-0 win over the Hornets came on Saturday.").is_empty());
        assert!(units("A 3-1 win and a 1-1 draw.").is_empty());
        assert_eq!(units("Aged 25-30 years."), vec![(30.0, "year".to_string())]);
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
        assert!(about_60.near(exact_70));
    }

    #[test]
    fn a_unit_after_a_scale_word_is_the_unit() {
        let qs = claim("They paid 1.55bn euros for 3 million shares.").quantities;
        let got: Vec<(&str, f64)> = qs.iter().map(|q| (q.unit.as_str(), q.value)).collect();
        assert_eq!(got, vec![("euro", 1.55e9), ("share", 3e6)]);
    }

    #[test]
    fn an_amount_in_brackets_after_another_restates_it() {
        let qs = claim("A $2bn (1.53bn euros; £1.05bn) deal, and $5bn, £3bn more.").quantities;
        let got: Vec<(&str, Option<usize>)> =
            qs.iter().map(|q| (q.text.as_str(), q.converts)).collect();
        assert_eq!(
            got,
            vec![
                ("$2bn", None),
                ("1.53bn euros", Some(0)),
                ("£1.05bn", Some(0)),
                ("$5bn", None),
                ("£3bn", None),
            ]
        );
        // of one unit, it is a second amount, not a conversion
        let qs = claim("Sales of $5bn ($4bn a year ago) rose.").quantities;
        assert_eq!(qs[1].converts, None);
        // a conversion of an approximate amount is approximate
        let qs = claim("Debts of about 14bn euros ($19bn; £10bn) sank it.").quantities;
        assert!(qs.iter().all(|q| q.hedge == Hedge::About), "{qs:?}");
    }

    #[test]
    fn near_amounts_are_within_a_seventh() {
        let q = |t: &str| claim(t).quantities[0].clone();
        assert!(q("sold for $9.3bn").near(&q("sold for $9.4bn")));
        assert!(q("restated by $5bn").near(&q("restated by $4.4bn")));
        assert!(!q("costs at nearly $3bn").near(&q("a drive worth $3.5bn")));
        assert!(!q("banned for two years").near(&q("banned for four years")));
    }
}
