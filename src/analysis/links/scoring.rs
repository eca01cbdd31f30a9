//! Scoring: how likely two sentences speak of the same event, 0–1, by the
//! fitted model ([`super::model`]) over the features of the pair — the
//! weight of the terms they share, per kind, damped by their length; how
//! alike their articles are; what anchors them to one entity at one time
//! or amount; what sets them apart (two places, two years, two amounts of
//! one measure, publication dates far apart) — plus the fixed bonuses of a
//! contradiction (opposite stances, a denied journey), and an upper bound of
//! it that lets the candidate stage skip most pairs unscored.

use super::candidates::POSTING_CAP;
use super::features::{self, Claim};
use super::journeys::Journey;
use super::model::{slot, Features, FEATURES, MODEL};
use super::stance;
use super::vocabulary::{likeness, name_likeness, ArticleProfile, TermKind, Vocabulary};
use super::Unit;
use crate::corpus::PartialDate;

/// How much the length of the two sentences damps their shared weight
/// (0: not at all; 0.5: the geometric mean of their masses, like cosine).
const LENGTH_DAMPING: f32 = 0.1;

/// Added to the score of two sentences that take opposite sides on a thing
/// named by a word at least `OPPOSITION_RARITY` rare (see
/// [`opposition_bonus`]): the default threshold, so the opposition alone
/// links them. Not fitted: the development stories hold no such pair.
const OPPOSITION_BONUS: f32 = 0.35;
const OPPOSITION_RARITY: f32 = 0.3;

/// Added to the score of two sentences of which one denies a journey the
/// other reports done (see [`denied_journey`]), so that the contradiction,
/// which a reader most wants to see, is not crowded out by a sentence's
/// other links. Not fitted, like [`OPPOSITION_BONUS`].
const DENIAL_BONUS: f32 = 0.5;

/// How alike two articles must be ([`likeness`]) for their sentences to be
/// linked. Set by hand, not fitted (one story per development folder
/// leaves the fit nothing to learn it from), at the likeness below which
/// few pairs of one ECB+ story fall (about one in twenty) and most pairs of
/// articles of different BBC sections do.
const MIN_LIKENESS: f32 = 0.2;

/// Publication dates this many days apart or more count fully against one
/// event ([`slot::GAP`]).
const GAP_DAYS: f32 = 365.0;

/// Unit evidence bits: it takes a stance, states an amount, names a
/// month or day.
const EVIDENCE_STANCE: u8 = 1;
const EVIDENCE_AMOUNT: u8 = 2;
const EVIDENCE_DATE: u8 = 4;
/// It denies a journey or reports one done.
const EVIDENCE_JOURNEY: u8 = 8;

/// Relative slack of [`bound`], for the rounding of sums taken in another
/// order.
pub(super) const BOUND_SLACK: f32 = 1e-4;

fn evidence_bits(u: &Unit<'_>, vocab: &Vocabulary) -> u8 {
    let mut bits = 0;
    if !u.claim.stances.is_empty() {
        bits |= EVIDENCE_STANCE;
    }
    if u.claim.journeys.iter().any(|j| j.denied || j.done()) {
        bits |= EVIDENCE_JOURNEY;
    }
    if !u.claim.quantities.is_empty() {
        bits |= EVIDENCE_AMOUNT;
    }
    if u.terms
        .iter()
        .any(|&t| matches!(vocab.kinds[t as usize], TermKind::Month | TermKind::Day))
    {
        bits |= EVIDENCE_DATE;
    }
    bits
}

/// Prepares a unit for scoring once the vocabulary has its terms: the
/// summed rarity of its terms and its length damping, the weight of its
/// terms too common to be indexed, and its evidence bits.
pub(super) fn measure(u: &mut Unit<'_>, vocab: &Vocabulary) {
    u.mass = u.terms.iter().map(|&t| vocab.rarity[t as usize]).sum();
    u.damping = u.mass.powf(LENGTH_DAMPING);
    u.unindexed = u
        .terms
        .iter()
        .filter(|&&t| vocab.df[t as usize] as usize > POSTING_CAP)
        .map(|&t| vocab.weight[t as usize])
        .sum();
    u.evidence = evidence_bits(u, vocab);
    u.length = vocab
        .articles
        .get(u.at.article)
        .map_or(0.0, |p| article_length(p.sentences));
}

/// The length of an article as the model sees it: the log of its sentences
/// against a short news report's twenty, bounded. Each sentence of a long
/// article is one of many that could speak of a fact, so any one pair of
/// them is less likely to be the pair that does.
pub(super) fn article_length(sentences: u32) -> f32 {
    ((sentences.max(1) as f32).ln() - 20f32.ln()).clamp(-1.5, 2.0)
}

/// An upper bound of [`score`] for a candidate whose indexed shared terms
/// weigh `shared`: every unindexed term of the one with fewer counted as
/// shared too, every pair feature at its most and every bonus both could
/// take part in granted.
pub(super) fn bound(a: &Unit<'_>, b: &Unit<'_>, shared: f32) -> f32 {
    let m = &*MODEL;
    // A shared unindexed term is an unindexed term of both.
    let terms = (shared + a.unindexed.min(b.unindexed)) / (a.damping * b.damping).max(1.0);
    let both = a.evidence & b.evidence;
    let most = |s: usize| m.w[s].max(0.0);
    let mut z = m.bias
        + terms
        + most(slot::DOCUMENT)
        + most(slot::STORY_NAMES)
        + m.w[slot::LENGTH] * (a.length + b.length) / 2.0;
    for s in [
        slot::PLACE_CONFLICT,
        slot::YEAR_CONFLICT,
        slot::GAP,
        slot::PERSON_CONFLICT,
        slot::STORY_YEAR_CONFLICT,
        slot::DATE_CONFLICT,
    ] {
        z += most(s);
    }
    if both & EVIDENCE_AMOUNT != 0 {
        z += most(slot::CLOSE) + most(slot::AMOUNT_CONFLICT);
    }
    if both & EVIDENCE_DATE != 0 {
        z += most(slot::ANCHOR);
    }
    let mut evidence = 0.0;
    if both & EVIDENCE_STANCE != 0 {
        evidence += OPPOSITION_BONUS;
    }
    if both & EVIDENCE_JOURNEY != 0 {
        evidence += DENIAL_BONUS;
    }
    m.score(z) + evidence
}

/// How likely two sentences speak of the same event, 0–1 (see the module
/// documentation).
pub(super) fn score(a: &Unit<'_>, b: &Unit<'_>, vocab: &Vocabulary) -> f32 {
    score_with(overlap(&a.terms, &b.terms, vocab), a, b, vocab)
}

/// [`score`], from the overlap of the two already taken.
pub(super) fn score_with(o: Overlap, a: &Unit<'_>, b: &Unit<'_>, vocab: &Vocabulary) -> f32 {
    let Some((f, denial)) = pair_features(&o, a, b, vocab) else {
        return 0.0;
    };
    let m = &*MODEL;
    let mut evidence = opposition_bonus(a, b, vocab);
    if denial {
        evidence += DENIAL_BONUS;
    }
    (m.score(m.z(&f)) + evidence).min(1.0)
}

/// The model's features of a pair, with whether one denies a journey the
/// other reports done; `None` when they share no claim (only a date or a
/// number, and no denied journey).
pub(super) fn pair_features(
    o: &Overlap,
    a: &Unit<'_>,
    b: &Unit<'_>,
    vocab: &Vocabulary,
) -> Option<(Features, bool)> {
    // One says a journey never happened, the other that it did: one journey,
    // as sure as one both report, whatever else they share.
    let denial = a.evidence & b.evidence & EVIDENCE_JOURNEY != 0
        && (denied_journey(&a.claim, &b.claim, &vocab.within).is_some()
            || denied_journey(&b.claim, &a.claim, &vocab.within).is_some());
    // Two sides taken on one thing named by a rare word are one claim
    // however little else they share.
    // (asked only of the pairs a gate would drop: most pass or fail on
    // cheaper grounds)
    let opposed = || denial || opposition_bonus(a, b, vocab) > 0.0;
    // Sharing only a date or a number is no claim in common, nor is one
    // shared word or name: alone, "joked", "apology" or a town joins
    // sentences of any two stories. A specific amount both state (or two
    // close amounts of one unit), or a month or day with a shared entity
    // (one thing at one time), is one more thing shared.
    let amount = u8::from(o.amounts > 0 || (o.entity && close_amounts(a, b)));
    let anchor = u8::from(o.entity && o.anchored);
    let breadth = o.breadth().saturating_add(amount).saturating_add(anchor);
    if (o.lexical <= 0.0 || breadth < MIN_BREADTH) && !opposed() {
        return None;
    }
    // Two articles of two different stories (two fires in two towns) share
    // event words and figures, not an event.
    if vocab.stories.apart(a.at.article, b.at.article) && !opposed() {
        return None;
    }
    let damping = (a.damping * b.damping).max(1.0);
    let mut f = o.terms;
    // Two different journeys share a traveller or a destination, not the
    // journey.
    if f[slot::JOURNEY] > 0.0 && journeys_differ(&a.claim, &b.claim, &vocab.within) {
        f[slot::JOURNEY] = 0.0;
    }
    for x in &mut f[..slot::TERMS] {
        *x /= damping;
    }
    let (pa, pb) = (
        vocab.articles.get(a.at.article),
        vocab.articles.get(b.at.article),
    );
    if let (Some(pa), Some(pb)) = (pa, pb) {
        f[slot::DOCUMENT] = likeness(pa, pb);
        // Two articles this unlike tell two stories (a match report and a
        // budget): their sentences share words, not an event, nor take
        // sides on one thing ("pulled out of tournaments" in a tennis
        // report, "take part in a tournament" in one on gaming).
        if f[slot::DOCUMENT] < MIN_LIKENESS {
            return None;
        }
        f[slot::STORY_NAMES] = name_likeness(pa, pb);
        if let (Some(x), Some(y)) = (pa.published, pb.published) {
            let days = (x.first_day() - y.first_day()).get_days().abs() as f32;
            f[slot::GAP] = (days / GAP_DAYS).min(1.0);
        }
    }
    if o.entity {
        f[slot::CLOSE] = f32::from(u8::from(close_amounts(a, b)));
        f[slot::ANCHOR] = f32::from(u8::from(o.anchored));
    }
    f[slot::PLACE_CONFLICT] = f32::from(u8::from(match (pa, pb) {
        (Some(pa), Some(pb)) => places_differ(&a.claim, &b.claim, (pa, pb), &vocab.within),
        _ => false,
    }));
    f[slot::YEAR_CONFLICT] = f32::from(u8::from(years_differ(&a.claim, &b.claim)));
    f[slot::DATE_CONFLICT] = f32::from(u8::from(days_differ(&a.claim, &b.claim)));
    if let (Some(pa), Some(pb)) = (pa, pb) {
        let foreign = |mine: &[usize], theirs: &[usize]| {
            !mine.is_empty() && !mine.iter().any(|x| theirs.binary_search(x).is_ok())
        };
        // Each names someone the other's article never does: two people's
        // stories (two deaths, two verdicts).
        f[slot::PERSON_CONFLICT] = f32::from(u8::from(
            foreign(&a.claim.persons, &pb.persons) && foreign(&b.claim.persons, &pa.persons),
        ));
        f[slot::STORY_YEAR_CONFLICT] = f32::from(u8::from(
            matches!((pa.year, pb.year), (Some(x), Some(y)) if x != y),
        ));
    }
    f[slot::AMOUNT_CONFLICT] = f32::from(u8::from(amounts_differ(&a.claim, &b.claim)));
    f[slot::LENGTH] = (a.length + b.length) / 2.0;
    Some((f, denial))
}

/// Whether both sentences say where, and where each says is nowhere the
/// other's article names (nor lies in such a place, nor holds one): two
/// fires in two towns, each article naming only its own.
fn places_differ(
    a: &Claim,
    b: &Claim,
    (pa, pb): (&ArticleProfile, &ArticleProfile),
    within: &[Option<usize>],
) -> bool {
    let foreign = |mine: &[usize], theirs: &[usize]| {
        !mine
            .iter()
            .any(|&x| theirs.iter().any(|&y| near(within, x, y)))
    };
    !a.places.is_empty()
        && !b.places.is_empty()
        && foreign(&a.places, &pb.places)
        && foreign(&b.places, &pa.places)
}

/// Whether both sentences name years and none is a year of the other.
fn years_differ(a: &Claim, b: &Claim) -> bool {
    !a.dates.is_empty()
        && !b.dates.is_empty()
        && !a
            .dates
            .iter()
            .any(|x| b.dates.iter().any(|y| x.value.year == y.value.year))
}

/// Days apart beyond which two dates of one event are two dates: a report
/// may date an event by the day it was announced, or a day either side.
const SAME_DAYS: i32 = 3;

/// Whether both sentences date what they say to a month or a day and none
/// of their dates is one: two meetings in May and in September, two fires
/// on the 2nd and the 20th. The months and days are compared whatever the
/// years (a year is often inferred; [`years_differ`] weighs years), at the
/// precision both state.
fn days_differ(a: &Claim, b: &Claim) -> bool {
    fn dated(c: &Claim) -> impl Iterator<Item = &features::DateFeature> {
        c.dates.iter().filter(|d| d.value.month.is_some())
    }
    let mut compared = false;
    for x in dated(a) {
        for y in dated(b) {
            compared = true;
            let (x, y) = (x.value, y.value);
            let one = match (x.day, y.day) {
                (Some(_), Some(_)) => {
                    // in one leap year, so that every day of each is a day
                    let (x, y) = (
                        PartialDate { year: 2000, ..x },
                        PartialDate { year: 2000, ..y },
                    );
                    (x.first_day() - y.first_day()).get_days().abs() <= SAME_DAYS
                }
                _ => x.month == y.month,
            };
            if one {
                return false;
            }
        }
    }
    compared
}

/// Whether the sentences measure one thing (a unit both count, not a
/// percentage) and no amount of it agrees.
fn amounts_differ(a: &Claim, b: &Claim) -> bool {
    a.quantities.iter().any(|qa| {
        qa.unit != "%"
            && b.quantities.iter().any(|qb| qb.unit == qa.unit)
            && !b
                .quantities
                .iter()
                .any(|qb| qb.unit == qa.unit && qa.same_amount(qb))
    })
}

/// The journey two sentences both report, as (traveller, destination): one
/// traveller to one place, or to a place and the country it lies in (the
/// place named is the first sentence's).
pub(super) fn same_journey(
    a: &[Journey],
    b: &[Journey],
    within: &[Option<usize>],
) -> Option<(usize, usize)> {
    a.iter().filter(|x| !x.denied).find_map(|x| {
        let (t, d) = (x.traveller?, x.to?);
        b.iter()
            .filter(|y| !y.denied)
            .any(|y| y.traveller == Some(t) && y.to.is_some_and(|e| near(within, d, e)))
            .then_some((t, d))
    })
}

/// The words of a journey one sentence denies and the other reports done
/// ("has not visited Japan" / "hosted him in Tokyo"), as ("not visited",
/// "hosted"): the same traveller, and the denial names no place or one the
/// report's place lies in or contains.
pub(super) fn denied_journey<'c>(
    denies: &'c Claim,
    reports: &Claim,
    within: &[Option<usize>],
) -> Option<(&'c str, &'static str)> {
    let negation = denies.negation.as_deref()?;
    denies.journeys.iter().filter(|j| j.denied).find_map(|x| {
        let t = x.traveller?;
        reports
            .journeys
            .iter()
            .find(|y| {
                y.done()
                    && y.traveller == Some(t)
                    && match (x.to, y.to) {
                        (Some(dx), Some(dy)) => near(within, dx, dy),
                        (None, _) => true,
                        (Some(_), None) => false,
                    }
            })
            .map(|y| (negation, y.word))
    })
}

/// Whether two places are one, or one lies in the other.
pub(super) fn near(within: &[Option<usize>], x: usize, y: usize) -> bool {
    let of = |p: usize| within.get(p).copied().flatten();
    x == y || of(x) == Some(y) || of(y) == Some(x)
}

/// Whether two sentences report different journeys: in years that have
/// nothing in common, or one traveller to places neither of which lies in
/// the other, or different travellers to one place (and no journey of one
/// is a journey of the other).
fn journeys_differ(a: &Claim, b: &Claim, within: &[Option<usize>]) -> bool {
    let years = |c: &Claim| c.dates.iter().map(|d| d.value.year).collect::<Vec<_>>();
    let (ya, yb) = (years(a), years(b));
    if !ya.is_empty() && !yb.is_empty() && !ya.iter().any(|y| yb.contains(y)) {
        return true;
    }
    if misplaced_journey(a, b, within).is_some() {
        // One journey that the two place differently: a disagreement.
        return false;
    }
    let mut differ = false;
    for x in a.journeys.iter().filter(|j| !j.denied) {
        for y in b.journeys.iter().filter(|j| !j.denied) {
            let (Some(tx), Some(ty), Some(dx), Some(dy)) = (x.traveller, y.traveller, x.to, y.to)
            else {
                continue;
            };
            match (tx == ty, near(within, dx, dy)) {
                (true, true) => return false,
                (true, false) | (false, true) => differ = true,
                (false, false) => {}
            }
        }
    }
    differ
}

/// One traveller's journey on one day (a date to the day both state) to
/// places neither of which lies in the other, as the two destinations: the
/// same journey, placed differently.
pub(super) fn misplaced_journey(
    a: &Claim,
    b: &Claim,
    within: &[Option<usize>],
) -> Option<(usize, usize)> {
    let same_day = a
        .dates
        .iter()
        .any(|x| x.value.day.is_some() && b.dates.iter().any(|y| y.value == x.value));
    if !same_day {
        return None;
    }
    a.journeys.iter().filter(|j| !j.denied).find_map(|x| {
        let (t, dx) = (x.traveller?, x.to?);
        b.journeys
            .iter()
            .filter(|y| !y.denied && y.traveller == Some(t))
            .find_map(|y| y.to.filter(|&dy| !near(within, dx, dy)))
            .map(|dy| (dx, dy))
    })
}

/// What two sentences share, summed in one pass over their sorted terms
/// (scoring runs for every candidate pair: it allocates nothing).
#[derive(Debug, Default)]
pub(super) struct Overlap {
    /// The rarities of the shared terms, summed per kind in the model's
    /// term slots (the pair slots left at 0).
    terms: Features,
    /// Rarity of the shared words, names, phrases, events and entities.
    lexical: f32,
    /// Whether they share an entity that is not everywhere.
    entity: bool,
    /// Whether they share a month or a day.
    anchored: bool,
    /// How many words, names, journeys and events they share
    /// (each counted only where not everywhere in the corpus).
    words: u8,
    names: u8,
    journeys: u8,
    events: u8,
    /// How many specific amounts they share (not a year, not a small count).
    amounts: u8,
}

/// [`overlap`] of a sentence whose terms are set in `mark` (a bit per term
/// of the vocabulary) with the sorted terms `b`: one pass over `b` only, for
/// comparing one sentence with many. The shared terms come in the same
/// order as in [`overlap`], so the sums are the same to the last bit.
pub(super) fn overlap_marked(mark: &[u64], b: &[u32], vocab: &Vocabulary) -> Overlap {
    let mut o = Overlap::default();
    for &t in b {
        if mark[t as usize / 64] & (1 << (t % 64)) != 0 {
            o.add(t as usize, vocab);
        }
    }
    o
}

impl Overlap {
    /// Counts shared term `t`.
    fn add(&mut self, t: usize, vocab: &Vocabulary) {
        let (kind, r) = (vocab.kinds[t], vocab.rarity[t]);
        self.terms[kind.slot()] += r;
        if let Some(s) = kind.background_slot() {
            self.terms[s] += vocab.background[t];
        }
        if kind.lexical() {
            self.lexical += r;
        }
        self.entity |= kind == TermKind::Entity && r > 0.0;
        self.anchored |= matches!(kind, TermKind::Month | TermKind::Day);
        if r > 0.0 {
            let n = match kind {
                TermKind::Word => &mut self.words,
                TermKind::Name => &mut self.names,
                TermKind::Journey => &mut self.journeys,
                TermKind::Event => &mut self.events,
                TermKind::Amount if r >= SPECIFIC_AMOUNT_RARITY => &mut self.amounts,
                _ => return,
            };
            *n = n.saturating_add(1);
        }
    }

    /// How many distinct things the two share: words and names (an
    /// entity's name is among them, so the entity itself is not counted
    /// again), journeys (each a traveller and a place: two things); an event
    /// kind counts only when no word is shared, since the shared word
    /// usually names it.
    pub(super) fn breadth(&self) -> u8 {
        let events = u8::from(self.words == 0 && self.names == 0 && self.events > 0);
        self.words
            .saturating_add(self.names)
            .saturating_add(self.journeys.saturating_mul(2))
            .saturating_add(events)
    }
}

/// How rare a shared amount must be in the corpus to count as a thing two
/// sentences share: a figure a few sentences state, not "two" or "10%".
const SPECIFIC_AMOUNT_RARITY: f32 = 0.3;

/// The fewest distinct things two sentences must share to be linked
/// ([`Overlap::breadth`]).
pub(super) const MIN_BREADTH: u8 = 2;

fn overlap(a: &[u32], b: &[u32], vocab: &Vocabulary) -> Overlap {
    let mut o = Overlap::default();
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                o.add(a[x] as usize, vocab);
                x += 1;
                y += 1;
            }
        }
    }
    o
}

/// The features of every scored pair, for fitting the model: as
/// [`pair_features`], from the pair's terms.
pub(super) fn features_of(a: &Unit<'_>, b: &Unit<'_>, vocab: &Vocabulary) -> Option<Features> {
    let o = overlap(&a.terms, &b.terms, vocab);
    pair_features(&o, a, b, vocab).map(|(f, _)| f)
}

const _: () = assert!(slot::TERMS < FEATURES);

/// Two sentences taking opposite sides on the same thing ("joined the
/// sanctions" / "broke ranks with the sanctions") are about one claim even
/// when they share little else, as long as that thing is named by a rare
/// word: a common one ("the case", "the launch") pairs unrelated stories.
fn opposition_bonus(a: &Unit<'_>, b: &Unit<'_>, vocab: &Vocabulary) -> f32 {
    if a.claim.stances.is_empty() || b.claim.stances.is_empty() {
        return 0.0;
    }
    let Some(o) = stance::opposed(&a.claim.stances, &b.claim.stances) else {
        return 0.0;
    };
    let rarest = o
        .shared
        .iter()
        .filter_map(|s| vocab.word(s))
        .map(|t| vocab.rarity[t as usize])
        .fold(0.0, f32::max);
    if rarest >= OPPOSITION_RARITY {
        OPPOSITION_BONUS
    } else {
        0.0
    }
}

/// Whether two sentences state amounts of the same kind within a quarter
/// of each other ("about 60 years" and "70 years", "$9.3bn" and "$9.4bn"):
/// when they also name the same entity, likely two reports of one quantity,
/// whether the amounts agree or not. Amounts further apart are usually two
/// quantities (two deals, two workforces).
fn close_amounts(a: &Unit<'_>, b: &Unit<'_>) -> bool {
    a.claim.quantities.iter().any(|qa| {
        b.claim
            .quantities
            .iter()
            .any(|qb| qa.unit == qb.unit && specific(qa) && qa.close_to(qb))
    })
}

/// Whether an amount is specific enough to identify a quantity: not a
/// percentage (there are too many), not a small count ("two countries",
/// "three hours", "four islands"), unless it is money.
fn specific(q: &features::Quantity) -> bool {
    let money = q.unit.chars().any(|c| "$€£¥".contains(c));
    q.unit != "%" && (money || q.value >= 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::features::{claim_of, Claim};

    fn claim(text: &str) -> Claim {
        claim_of(text, "2016-12")
    }

    #[test]
    fn two_days_or_months_of_one_year_are_two_dates() {
        let may = claim("The two leaders met in the resort on 6 May.");
        let september = claim("The two leaders met in the port on 2 September.");
        assert!(days_differ(&may, &september));
        // a day either side is the same event, dated by its report
        assert!(!days_differ(
            &september,
            &claim("They talked for three hours on 3 September.")
        ));
        // a month holds its days
        assert!(!days_differ(
            &september,
            &claim("Another meeting is due in September.")
        ));
        assert!(days_differ(
            &may,
            &claim("Another meeting is due in September.")
        ));
        // undated, or dated by the year alone, nothing is compared
        assert!(!days_differ(&may, &claim("The two leaders met in 2016.")));
        assert!(!days_differ(&may, &claim("The two leaders met at last.")));
    }
}
