//! Relation and why: for two linked sentences, whether they agree, differ
//! or are only related, and the short reason the reader sees (what they
//! share, and for a disagreement what differs).

use super::background::event_kind;
use super::features::{conversion, Claim, Hedge, Quantity};
use super::scoring::{denied_journey, misplaced_journey, same_journey};
use super::stance;
use super::vocabulary::{TermKind, Vocabulary};
use super::{journeys, Relation, Unit};
use crate::analysis::entities::Entity;
use crate::analysis::lexicon;
use crate::analysis::FnvSet;

/// The terms two sorted term lists share.
fn shared(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut x, mut y, mut out) = (0, 0, Vec::new());
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[x]);
                x += 1;
                y += 1;
            }
        }
    }
    out
}

/// Decides how two linked claims relate and says why.
pub(super) fn relate(
    a: &Unit<'_>,
    b: &Unit<'_>,
    vocab: &Vocabulary,
    entities: &[Entity],
) -> (Relation, String) {
    let mut common = shared(&a.terms, &b.terms);
    // A shared phrase of two content words ("peace treaty", "annual
    // summit") names an event, more than two loose words do.
    let shared_phrase = common.iter().any(|&t| {
        vocab.kinds[t as usize] == TermKind::Bigram
            && vocab.keys[t as usize][2..]
                .split('_')
                .all(|w| !a.claim.names.iter().any(|n| n == w))
    });
    common.sort_by(|x, y| {
        vocab.weight[*y as usize]
            .total_cmp(&vocab.weight[*x as usize])
            .then_with(|| x.cmp(y))
    });
    let mut names: Vec<&str> = Vec::new();
    // Every form of the shared entities, so that their words are not listed
    // again ("Abe" of "Shinzo Abe", "G7" of "G-7").
    let mut forms: Vec<&str> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    // A journey both report is said first, as who goes where; its names are
    // then said.
    let journey =
        same_journey(&a.claim.journeys, &b.claim.journeys, &vocab.within).and_then(|(t, d)| {
            let (t, d) = (entities.get(t)?, entities.get(d)?);
            for e in [t, d] {
                forms.push(&e.name);
                forms.extend(e.aliases.iter().map(String::as_str));
            }
            Some(format!("{} → {}", t.name, d.name))
        });
    // Every form of every shared entity, so that a word that is one of them
    // is not said as a word, whichever comes first by weight.
    let mut entity_forms: Vec<&str> = Vec::new();
    for &t in &common {
        if vocab.kinds[t as usize] == TermKind::Entity {
            let key = &vocab.keys[t as usize];
            if let Some(e) = key[2..].parse::<usize>().ok().and_then(|e| entities.get(e)) {
                entity_forms.push(&e.name);
                entity_forms.extend(e.aliases.iter().map(String::as_str));
            }
        }
    }
    for &t in &common {
        // Three names and a word are all that is said (see below).
        if names.len() >= 3 && !words.is_empty() {
            break;
        }
        let key = &vocab.keys[t as usize];
        match vocab.kinds[t as usize] {
            TermKind::Entity => {
                if let Some(e) = key[2..].parse::<usize>().ok().and_then(|e| entities.get(e)) {
                    if !names.contains(&e.name.as_str()) && !forms.contains(&e.name.as_str()) {
                        names.push(&e.name);
                    }
                    forms.push(&e.name);
                    forms.extend(e.aliases.iter().map(String::as_str));
                }
            }
            TermKind::Word | TermKind::Name => {
                let stem = &key[2..];
                let surface = a
                    .claim
                    .words
                    .iter()
                    .find(|(w, _)| w == stem)
                    .and_then(|(_, (start, end))| a.text.get(*start as usize..*end as usize))
                    .unwrap_or(stem)
                    .trim_end_matches("’s")
                    .trim_end_matches("'s");
                let named = forms.iter().chain(&names).chain(&entity_forms).any(|n| {
                    n.eq_ignore_ascii_case(surface)
                        || n.split([' ', '-']).any(|w| w.eq_ignore_ascii_case(surface))
                });
                if named {
                    // Already said by its entity's name ("Abe" in "Shinzo Abe").
                } else if journey.is_some() && journeys::is_travel_word(&surface.to_lowercase()) {
                    // Already said by the journey.
                } else if a.claim.names.iter().any(|n| n == stem) {
                    if !names.contains(&surface) {
                        names.push(surface);
                    }
                } else if !words.contains(&surface) {
                    words.push(surface);
                }
            }
            _ => {}
        }
    }
    let one_event = journey.is_some()
        || common
            .iter()
            .any(|&t| vocab.kinds[t as usize] == TermKind::Event);
    let apart = match (
        vocab.articles.get(a.at.article).and_then(|p| p.published),
        vocab.articles.get(b.at.article).and_then(|p| p.published),
    ) {
        (Some(x), Some(y)) => (x.first_day() - y.first_day()).get_days().abs() > UPDATE_DAYS,
        _ => false,
    };
    let context = Context {
        within: &vocab.within,
        entities,
        one_event,
        apart,
    };
    let decision = decide(&a.claim, &b.claim, &context);
    names.truncate(3);
    words.truncate(if names.len() >= 2 { 1 } else { 3 });
    let mut about: Vec<&str> = journey.iter().map(String::as_str).collect();
    about.extend(names);
    about.extend(words);
    let mut why = String::new();
    match &decision {
        Decision::Differs(what) | Decision::Agrees(what) => why.push_str(what),
        Decision::Update(what) => {
            why.push_str("update: ");
            why.push_str(what);
        }
        Decision::Unclear(what) => why.push_str(what),
        Decision::Unknown => {}
    }
    if !about.is_empty() {
        if !why.is_empty() || !matches!(decision, Decision::Unknown) {
            why.push_str(" · ");
        }
        why.push_str(&about.join(", "));
    }
    // One line whatever the text spans: phrases may cross a line break.
    if let std::borrow::Cow::Owned(folded) = crate::text::one_line(&why) {
        why = folded;
    }
    let relation = match decision {
        Decision::Differs(_) => Relation::Differs,
        Decision::Agrees(_) => Relation::Agrees,
        Decision::Unknown if shared_phrase || journey.is_some() => Relation::Agrees,
        Decision::Unknown | Decision::Update(_) | Decision::Unclear(_) => Relation::Related,
    };
    (relation, why)
}

/// What the facts of two claims about the same thing say about each other.
#[derive(Debug, Clone, PartialEq)]
enum Decision {
    /// A shared specific fact, described.
    Agrees(String),
    /// A fact stated differently, described ("60 years vs 70 years").
    Differs(String),
    /// A figure that differs, but for another period or reported at
    /// another time: an update, not a contradiction ("3.8% vs 3.7% (another
    /// period)").
    Update(String),
    /// Two close figures of one measure that may be of two things (no one
    /// holder named, one of a series): neither agreeing nor differing
    /// ("£182,920 vs £180,226 (one of a series)").
    Unclear(String),
    /// No specific fact to compare.
    Unknown,
}

/// Articles published more than this many days apart report a figure
/// that differs as an update.
const UPDATE_DAYS: i32 = 7;

/// What [`decide`] knows of a pair beyond its two claims.
struct Context<'a> {
    /// The country each place lies in.
    within: &'a [Option<usize>],
    entities: &'a [Entity],
    /// Whether the two share an event kind or a journey: one event, whose
    /// day two sources may give differently.
    one_event: bool,
    /// Whether their articles were published days apart.
    apart: bool,
}

/// Whether two amounts measure the same thing: one unit; for a percentage
/// or a sum of money, a word of what it measures in common ("growth",
/// "sale"); and not amounts of two different holders ("X bid £1.4bn" /
/// "Y offered £1.3bn": each sentence names only its own).
fn same_measure(qa: &Quantity, qb: &Quantity, a: &Claim, b: &Claim) -> bool {
    if qa.unit != qb.unit {
        return false;
    }
    let generic = qa.unit == "%" || qa.unit.chars().any(|c| "$€£¥".contains(c));
    if generic && speaks_of_words(&qb.context, &qa.context) == 0 {
        return false;
    }
    match (qa.holder, qb.holder) {
        (Some(x), Some(y)) if x != y => a.entities.contains(&y) || b.entities.contains(&x),
        _ => true,
    }
}

/// Whether two amounts are of one holder: each sentence names the entity
/// nearest before its amount, and it is the same one or one the other
/// sentence names too ("Acme restated its earnings by $5bn" / "Acme … will
/// restate its earnings by $4.4bn"). An amount of no named holder
/// ("the 29-year-old", "three penalties") may be anyone's: two such differ
/// as often as not because they are of two people or two things.
fn same_holder(qa: &Quantity, qb: &Quantity, a: &Claim, b: &Claim) -> bool {
    match (qa.holder, qb.holder) {
        (Some(x), Some(y)) => x == y || a.entities.contains(&y) || b.entities.contains(&x),
        _ => false,
    }
}

/// The amounts (of `a`, of `b`) that the amounts `ia` of `a` and `ib` of
/// `b` are each restated as, or restate, alike in another unit: "£5bn" of
/// "$9.3bn (£5bn)" and "$9.4bn (£5bn)"; "$2bn" of "$2bn (1.53bn euros)" and
/// "1.55bn euros ($2bn)".
fn converted_alike<'a, 'b>(
    a: &'a Claim,
    ia: usize,
    b: &'b Claim,
    ib: usize,
) -> Option<(&'a Quantity, &'b Quantity)> {
    fn others(c: &Claim, i: usize) -> impl Iterator<Item = &Quantity> {
        conversion(&c.quantities, i)
            .filter(move |(j, _)| *j != i)
            .map(|(_, q)| q)
    }
    // Exact amounts only: "an estimated $121.9m" and "an estimated
    // $125.4m" overlap as estimates, "more than $20bn" holds any sum above.
    let exact = |q: &&Quantity| q.hedge == Hedge::Exact;
    others(a, ia).filter(exact).find_map(|pa| {
        others(b, ib)
            .filter(exact)
            .find(|pb| pa.unit == pb.unit && pa.same_amount(pb))
            .map(|pb| (pa, pb))
    })
}

/// Whether a claim states a series of amounts of one unit: three or more
/// (a table in a sentence: prices by region, takings by film), or two with
/// two dates or periods ("94.7% in July, 92.9% by October"). Which of its
/// amounts is whose, or of when, the nearest name does not say.
fn series(c: &Claim, unit: &str) -> bool {
    let n = c.quantities.iter().filter(|q| q.unit == unit).count();
    n >= 3 || n == 2 && c.dates.len() + c.periods.len() >= 2
}

/// The English stems of `words`, as a set.
fn stems(words: &[&str]) -> FnvSet<String> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    words.iter().map(|w| stemmer.stem(w).into_owned()).collect()
}

/// Stems of the words that say a figure moved ("rose", "closed", "added"):
/// a price or a count so reported is one day's or one month's
/// (`data/lexicon/moving_words.txt`).
static MOVING: std::sync::LazyLock<FnvSet<String>> =
    std::sync::LazyLock::new(|| stems(&lexicon::MOVING_WORDS.entries()));

/// Whether a claim reports a figure as moving (see [`MOVING`]).
fn moving(c: &Claim) -> bool {
    c.words.iter().any(|(w, _)| MOVING.contains(w.as_str()))
}

/// Stems of the words that say an offer was turned away ("rejected a deal
/// worth $8bn"): its amount is of that offer, not of the one accepted
/// (`data/lexicon/refusal_words.txt`).
static REFUSED: std::sync::LazyLock<FnvSet<String>> =
    std::sync::LazyLock::new(|| stems(&lexicon::REFUSAL_WORDS.entries()));

/// Whether a claim reports an offer turned away (see [`REFUSED`]).
fn refused(c: &Claim) -> bool {
    c.words.iter().any(|(w, _)| REFUSED.contains(w.as_str()))
}

/// Whether two claims speak of different periods: both are dated (or name
/// a quarter or half) and no date of one holds or lies in a date of the
/// other.
fn periods_differ(a: &Claim, b: &Claim) -> bool {
    let dated = !a.dates.is_empty() && !b.dates.is_empty();
    let dates_differ = dated
        && !a.dates.iter().any(|x| {
            b.dates.iter().any(|y| {
                let (x, y) = (x.value, y.value);
                x.year == y.year
                    && (x.month.is_none() || y.month.is_none() || x.month == y.month)
                    && (x.day.is_none() || y.day.is_none() || x.day == y.day)
            })
        });
    let periods = !a.periods.is_empty() && !b.periods.is_empty();
    dates_differ || periods && !a.periods.iter().any(|p| b.periods.contains(p))
}

/// Whether two claims name one period: a month (or a year, when neither
/// names a month) or a quarter or half both state.
fn period_shared(a: &Claim, b: &Claim) -> bool {
    a.dates.iter().any(|x| {
        b.dates
            .iter()
            .any(|y| x.value.year == y.value.year && x.value.month == y.value.month)
    }) || a.periods.iter().any(|p| b.periods.contains(p))
}

/// The stems a claim speaks of, each also as its event kind ("collaps" as
/// `fail`), for comparing what a denial denies with what another affirms.
fn speaks_of(claim: &Claim, words: &[String]) -> usize {
    let mine: Vec<&str> = claim.words.iter().map(|(w, _)| w.as_str()).collect();
    speaks_of_words(&mine, words)
}

/// How many of `words` are among `mine`, as stems or by their event kinds.
fn speaks_of_words<S: AsRef<str>>(mine: &[S], words: &[String]) -> usize {
    words
        .iter()
        .filter(|w| {
            let kind = event_kind(w);
            mine.iter().any(|m| {
                let m = m.as_ref();
                m == w.as_str() || (kind.is_some() && event_kind(m) == kind)
            })
        })
        .count()
}

/// Compares the specific facts of two claims already judged to be about the
/// same thing: quantities of the same measure, dates of one event, stances,
/// journeys, polarity.
fn decide(a: &Claim, b: &Claim, ctx: &Context<'_>) -> Decision {
    let mut agreed = Vec::new();
    // Amounts of the same measure: an equal amount (allowing for hedges and
    // rounding) is a shared fact; a different one a disagreement, unless
    // the two speak of different periods or were reported at different
    // times (an update), or lie far apart (two different quantities).
    let mut differ: Option<String> = None;
    let mut update: Option<String> = None;
    // Two close figures of one measure that may be of two things (two
    // holders, a series, an offer turned away): neither a shared fact nor a
    // difference, and no agreement however much else the two share.
    let mut unclear: Option<String> = None;
    // A figure of one that the other also states is that figure: it is not
    // a second report of another ("DB offered £1.3bn, Euronext £1.4bn"
    // against "a £1.3bn offer from DB": the £1.4bn is another bid).
    let stated = |q: &Quantity, other: &[Quantity]| {
        other.iter().any(|o| o.unit == q.unit && o.same_amount(q))
    };
    for (ia, qa) in a.quantities.iter().enumerate() {
        // One amount both restate alike in another unit, this one given
        // differently (however far apart: one sum has one amount in each
        // unit): the same thing stated differently, whoever holds it.
        // A sum pinned only by rounding ("$9m (£4.6m)" and "$9.5m
        // (£4.9m)") is one sum only when one holder has it: two films'
        // takings round alike.
        let restated = b
            .quantities
            .iter()
            .enumerate()
            .filter(|(_, qb)| qb.unit == qa.unit && !qa.same_amount(qb))
            .find_map(|(ib, qb)| {
                converted_alike(a, ia, b, ib)
                    .filter(|(pa, pb)| pa.value == pb.value || same_holder(qa, qb, a, b))
                    .map(|pins| (qb, pins))
            });
        if let Some((qb, (pa, pb))) = restated {
            // the pin as each wrote it, when they round it differently
            // (one amount written two ways is one: "4bn euros")
            let pinned = if pa.value == pb.value {
                format!("both {}", pa.text)
            } else {
                format!("{} and {}", pa.text, pb.text)
            };
            differ.get_or_insert_with(|| format!("{} vs {} ({pinned})", qa.text, qb.text));
            continue;
        }
        let same: Vec<&Quantity> = b
            .quantities
            .iter()
            .filter(|qb| same_measure(qa, qb, a, b))
            .filter(|qb| qa.same_amount(qb) || !stated(qb, &a.quantities))
            .collect();
        if let Some(qb) = same.iter().find(|qb| qa.same_amount(qb)) {
            agreed.push(qb.text.clone());
        } else if let Some(qb) = same.iter().find(|qb| {
            // two counts of one unit differ only as counts of one thing:
            // "the last 24 years" is not "the 20th anniversary"
            qa.near(qb) && speaks_of_words(&qb.context, &qa.context) > 0
        }) {
            let text = format!("{} vs {}", qa.text, qb.text);
            if series(a, &qa.unit) || series(b, &qa.unit) {
                // which amount of a series is of when, or of whom, the
                // nearest name does not say
                unclear.get_or_insert_with(|| format!("{text} (one of a series)"));
            } else if (qa.unit == "%" || moving(a) || moving(b)) && !period_shared(a, b) {
                // a rate (growth, inflation, a rise in sales), or a figure
                // said to rise, fall or close (a price, a count of jobs
                // added), moves from one day, month or quarter to the next:
                // two such figures differ only for a period both name
                update.get_or_insert_with(|| format!("{text} (period not stated)"));
            } else if periods_differ(a, b) {
                update.get_or_insert_with(|| format!("{text} (another period)"));
            } else if ctx.apart {
                update.get_or_insert_with(|| format!("{text} (reported at another time)"));
            } else if same_holder(qa, qb, a, b)
                && !qa.compound
                && !qb.compound
                // an offer turned away and one taken are two offers
                && refused(a) == refused(b)
            {
                differ.get_or_insert(text);
            } else {
                unclear.get_or_insert_with(|| format!("{text} (not said to be of one thing)"));
            }
        }
    }
    // Dates, compared at the precision both state: the same day, month or
    // year (or one holding the other: "2014" and March 2014) is a shared
    // fact. Two different days a few weeks apart are two reports of one
    // event's day only when the two speak of one event (an event kind or a
    // journey in common); otherwise, and further apart, two events.
    let mut date_agrees = None;
    let mut date_differs = None;
    for da in &a.dates {
        for db in &b.dates {
            let (x, y) = (da.value, db.value);
            if x.day.is_some() && y.day.is_some() {
                let gap = (x.first_day() - y.first_day()).get_days().abs();
                // the same day of the same month is one date, whatever year
                // each was placed in (a year is often inferred)
                if gap == 0 || x.month == y.month && x.day == y.day {
                    date_agrees.get_or_insert_with(|| da.text.clone());
                } else if gap <= 31 && ctx.one_event {
                    date_differs.get_or_insert_with(|| format!("{} vs {}", da.text, db.text));
                }
            } else if x.year == y.year
                && (x.month.is_none() || y.month.is_none() || x.month == y.month)
            {
                let text = if x.month.is_some() && x.day.is_some() {
                    &db.text
                } else {
                    &da.text
                };
                date_agrees.get_or_insert_with(|| text.clone());
            }
        }
    }
    let date_differ = match (date_agrees, date_differs) {
        (Some(t), _) => {
            agreed.push(t);
            false
        }
        (None, Some(d)) if differ.is_none() => {
            differ = Some(d);
            true
        }
        _ => false,
    };
    // Opposite sides on the same thing: joined vs broke ranks.
    if differ.is_none() {
        // Sides are taken by someone: when both name people, one of them
        // ("Smith pulled out" is no disagreement with "Brown joins"). A
        // confirmation and a denial must share two words of what they are
        // about ("denied any wrongdoing" / "will not admit any wrongdoing"
        // share one, and both deny).
        differ = stance::opposed(&a.stances, &b.stances)
            .filter(|_| {
                a.persons.is_empty()
                    || b.persons.is_empty()
                    || a.persons.iter().any(|p| b.persons.contains(p))
            })
            .filter(|o| o.axis != stance::Axis::Confirmation || o.shared.len() >= 2)
            .map(|o| o.cues);
    }
    // A journey one denies and the other reports done.
    if differ.is_none() {
        differ = denied_journey(a, b, ctx.within)
            .map(|(n, w)| format!("“{n}” vs “{w}”"))
            .or_else(|| denied_journey(b, a, ctx.within).map(|(n, w)| format!("“{w}” vs “{n}”")));
    }
    // One journey, placed in two places.
    if differ.is_none() {
        differ = misplaced_journey(a, b, ctx.within).and_then(|(x, y)| {
            Some(format!(
                "{} vs {}",
                ctx.entities.get(x)?.name,
                ctx.entities.get(y)?.name
            ))
        });
    }
    // Polarity: one says it happened, the other that it did not. A negation
    // that only flips a stance's side ("cannot opt out") was weighed above.
    let plain = |c: &Claim| c.negation.is_some() && !c.stances.iter().any(|s| s.negated);
    if differ.is_none() && (plain(a) || plain(b)) {
        // The other claim must speak of what is negated (two of its words),
        // not merely share a word with the sentence.
        match (&a.negation, &b.negation) {
            (Some(n), None) if affirms(b, a) => {
                differ = Some(format!("“{n}” vs affirmed"));
            }
            (None, Some(n)) if affirms(a, b) => {
                differ = Some(format!("affirmed vs “{n}”"));
            }
            _ => {}
        }
    }
    // A denial ("the minister denied the talks had failed") against a claim
    // that affirms what it denies ("the talks collapsed"), in the same or
    // other words of one event kind.
    if differ.is_none() {
        differ = denied_claim(a, b)
            .map(|cue| format!("“{cue}” vs affirmed"))
            .or_else(|| denied_claim(b, a).map(|cue| format!("affirmed vs “{cue}”")));
    }
    // A disagreement between sentences of two different periods is about
    // two things, not one (a date of each, neither holding the other).
    if differ.is_some() && !date_differ && periods_differ(a, b) {
        differ = None;
    }
    if let Some(d) = &mut differ {
        if a.attribution.is_some() || b.attribution.is_some() {
            d.push_str(" (attributed)");
        }
    }
    match (differ, update) {
        (Some(d), _) => Decision::Differs(d),
        (None, Some(u)) => Decision::Update(u),
        (None, None) if !agreed.is_empty() => {
            agreed.dedup();
            Decision::Agrees(agreed.join(", "))
        }
        (None, None) => unclear.map_or(Decision::Unknown, Decision::Unclear),
    }
}

/// Whether `affirms` states what `negates` says did not happen: it speaks
/// of the negated act itself (the verb of a finished act the negation
/// governs, by the same word: "not visited" against "visited", not "not to
/// release" against "detained"), of one more of its words, and, when
/// `negates` names people, of one of them: the same act of the same subject
/// ("Vik never won" is no disagreement with "Berg won"). Both must name who
/// does it (an entity both name that is not a place); it must state
/// the act as done (not "if found guilty of", "hopes to win", "failed to
/// win"), and two sentences that name places must share one ("did not win
/// in Athens" is no disagreement with "won in Sydney").
fn affirms(affirms: &Claim, negates: &Claim) -> bool {
    // The act must be a verb of a finished act ("did not win"), stated in
    // the other by the same word: "no bids", "not a kick" and "never
    // answer" negate no act two reports could give differently.
    let Some(head) = &negates.negated_act else {
        return false;
    };
    if !affirms.words.iter().any(|(w, _)| w == head) {
        return false;
    }
    // who does the act: an entity both name that is not a place (a
    // country's name in both says little of who)
    let subject = |c: &Claim| {
        c.entities
            .iter()
            .filter(|e| !c.places.contains(e))
            .copied()
            .collect::<Vec<_>>()
    };
    let (sa, sn) = (subject(affirms), subject(negates));
    // all the words the negation governs, or three of them: "not
    // nominated for best band" is no disagreement with "nominated for best
    // song"
    let covered = speaks_of(affirms, &negates.negated);
    let enough = covered >= 3 || covered == negates.negated.len();
    let one_place = affirms.places.is_empty()
        || negates.places.is_empty()
        || negates.places.iter().any(|p| affirms.places.contains(p));
    !affirms.guarded()
        && one_place
        && speaks_of(affirms, std::slice::from_ref(head)) == 1
        && covered >= 2
        && enough
        && (negates.persons.is_empty()
            || negates.persons.iter().any(|e| affirms.persons.contains(e)))
        && sn.iter().any(|e| sa.contains(e))
        && !denies_any(affirms)
}

/// Whether a claim denies something itself ("the companies denied that
/// they conspired"): it affirms nothing another negates.
fn denies_any(c: &Claim) -> bool {
    c.stances
        .iter()
        .any(|s| s.axis == stance::Axis::Confirmation && !s.positive)
}

/// The cue of a denial in `denies` ("denied") whose object `affirms`
/// states without a negation of its own: two of the denied words, or words
/// of their event kinds.
fn denied_claim<'c>(denies: &'c Claim, affirms: &Claim) -> Option<&'c str> {
    // the same people: "Lee was forced to pull out" is no report of what
    // "Garcia denied she has pulled out" denies; one that names nobody and
    // speaks of people by a pronoun may speak of the denier ("prosecutors
    // charged them with faking a crash")
    let people = denies.persons.is_empty()
        || denies.persons.iter().any(|p| affirms.persons.contains(p))
        || affirms.persons.is_empty() && affirms.pronoun;
    if affirms.negation.is_some() || !people {
        return None;
    }
    // The denied act itself must be stated: "denied the new tax had
    // led to a slump" says nothing against "the new tax was
    // lawful", which shares only the thing the act is of.
    denies
        .stances
        .iter()
        .filter(|s| s.axis == stance::Axis::Confirmation && !s.positive && !s.negated)
        .filter(|s| {
            s.predicate.as_ref().is_some_and(|p| {
                speaks_of(affirms, std::slice::from_ref(p)) == 1 && !affirms.guarded_before(p)
            })
        })
        .find(|s| speaks_of(affirms, &s.object) >= 2)
        .filter(|_| {
            !affirms
                .stances
                .iter()
                .any(|s| s.axis == stance::Axis::Confirmation && !s.positive)
        })
        .map(|s| s.cue.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::features::{claim_of, Extractor};
    use crate::corpus::PartialDate;

    fn claim(text: &str) -> Claim {
        claim_of(text, "2019-06")
    }

    fn decision(a: &str, b: &str) -> Decision {
        decide_in(a, b, true, false)
    }

    /// The decision on two sentences, saying whether they share an event
    /// and whether their articles were published days apart.
    fn decide_in(a: &str, b: &str, one_event: bool, apart: bool) -> Decision {
        let ctx = Context {
            within: &[],
            entities: &[],
            one_event,
            apart,
        };
        decide(&claim(a), &claim(b), &ctx)
    }

    #[test]
    fn different_amounts_of_one_quantity_of_one_holder_differ() {
        let a = claim_naming("Damco said the dam will cost $3.2 billion.", &["Damco"]);
        let b = claim_naming(
            "Damco puts the cost of the dam at $3.5 billion.",
            &["Damco"],
        );
        assert_eq!(
            decide_claims(&a, &b),
            Decision::Differs("$3.2 billion vs $3.5 billion (attributed)".into())
        );
        // Of no named holder, two amounts may be of two things.
        assert!(!matches!(
            decision(
                "The dam will cost $3.2 billion, officials said.",
                "The dam will cost $3.5 billion."
            ),
            Decision::Differs(_)
        ));
        // Far apart, they are two figures, not one stated twice.
        let c = claim_naming("Damco says the dam will cost $5 billion.", &["Damco"]);
        assert!(!matches!(decide_claims(&a, &c), Decision::Differs(_)));
    }

    #[test]
    fn counts_of_two_things_in_one_unit_do_not_differ() {
        // years of a tenure and an anniversary's years: two measures
        let a = claim_naming(
            "Mr Vane said there had been 20 cases like it over the last 24 years.",
            &["Vane"],
        );
        let b = claim_naming(
            "Mr Vane left a party marking the 20th anniversary of the hall's opening.",
            &["Vane"],
        );
        assert!(!matches!(decide_claims(&a, &b), Decision::Differs(_)));
        // the same measure stated twice still differs
        let c = claim_naming(
            "Mr Vane has led the council for the last 22 years.",
            &["Vane"],
        );
        let d = claim_naming("Mr Vane has led the council for 24 years.", &["Vane"]);
        assert!(
            matches!(decide_claims(&c, &d), Decision::Differs(_)),
            "{:?}",
            decide_claims(&c, &d)
        );
    }

    #[test]
    fn hedged_amounts_that_overlap_agree() {
        assert_eq!(
            decision(
                "The feud has lasted over a half century.",
                "The feud is about 60 years old."
            ),
            Decision::Agrees("about 60 years".into())
        );
        assert_eq!(
            decision(
                "Police arrested 12 people.",
                "Twelve arrests? No: 12 people were held."
            ),
            Decision::Agrees("12 people".into())
        );
    }

    #[test]
    fn amounts_far_apart_are_different_quantities_not_a_disagreement() {
        assert_eq!(
            decision(
                "Gas projects worth $40 billion.",
                "An investment of $10 billion."
            ),
            Decision::Unknown
        );
    }

    #[test]
    fn dates_a_few_days_apart_differ_months_apart_do_not() {
        assert_eq!(
            decision(
                "The bridge opened on March 3, 2019.",
                "The bridge opened on March 5, 2019."
            ),
            Decision::Differs("March 3, 2019 vs March 5, 2019".into())
        );
        assert_eq!(
            decision(
                "The leaders met on May 6, 2019.",
                "The leaders met on September 2, 2019."
            ),
            Decision::Unknown
        );
        assert_eq!(
            decision(
                "The bridge opened in March 2019.",
                "Officials opened the bridge on March 3, 2019."
            ),
            Decision::Agrees("March 2019".into())
        );
    }

    #[test]
    fn opposite_polarity_on_the_same_act_differs() {
        assert_eq!(
            decide_claims(
                &claim_naming(
                    "Minister Vik has not inspected the refinery at all.",
                    &["Vik"]
                ),
                &claim_naming("Last week Vik inspected the refinery.", &["Vik"])
            ),
            Decision::Differs("“not inspected” vs affirmed".into())
        );
        // Of no named doer: anyone's visit.
        assert!(!matches!(
            decision(
                "The minister has not visited the refinery at all.",
                "Last week the minister visited the refinery."
            ),
            Decision::Differs(_)
        ));
        // Not a finished act ("no bids") and a habit ("never answer"): no
        // act two reports could give differently.
        assert!(!matches!(
            decide_claims(
                &claim_naming("“There have been no bids for Vik,” he said.", &["Vik"]),
                &claim_naming("Rivals bid for Vik last week.", &["Vik"])
            ),
            Decision::Differs(_)
        ));
        assert!(!matches!(
            decide_claims(
                &claim_naming("“We never answer questions about it,” said Vik.", &["Vik"]),
                &claim_naming("Vik answered questions from the public.", &["Vik"])
            ),
            Decision::Differs(_)
        ));
        // Stated under a condition, or said not to have come about, the act
        // is not affirmed.
        assert!(!matches!(
            decide_claims(
                &claim_naming("Vik did not win any medals at the games.", &["Vik"]),
                &claim_naming("Vik failed to win any medals at the games.", &["Vik"])
            ),
            Decision::Differs(_)
        ));
        // A negation about something else is no disagreement.
        assert_eq!(
            decision(
                "The minister visited the refinery, but did not speak.",
                "Last week the minister visited the refinery."
            ),
            Decision::Unknown
        );
        // Both negated: they agree.
        assert_eq!(
            decision(
                "They never signed a treaty.",
                "The two never signed a peace treaty."
            ),
            Decision::Unknown
        );
    }

    #[test]
    fn rates_differ_only_for_a_period_both_name() {
        // two growth rates with no period in common: an update at most
        let d = decision(
            "Growth in Freedonia remains at a brisk 9.1%.",
            "Freedonia's economy grew by a brisk 9.5%.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
        // the same month, two rates of one economy: they differ
        let d = decide_claims(
            &claim_naming(
                "Freedonia's economy grew by 9.1% in March 2019.",
                &["Freedonia"],
            ),
            &claim_naming(
                "In March 2019 the economy of Freedonia grew by 9.5%.",
                &["Freedonia"],
            ),
        );
        assert!(matches!(d, Decision::Differs(_)), "{d:?}");
    }

    #[test]
    fn a_figure_both_state_is_not_set_against_another() {
        // One bidder's offer in both, a second bidder's only in one: the
        // second is another bid, not another report of the first.
        let d = decision(
            "Harlow previously offered £1.3bn for the exchange, while Verity is rumoured to fund a £1.4bn cash bid for the exchange.",
            "A £1.3bn offer for the exchange from Harlow has already been rejected.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    #[test]
    fn a_negation_of_another_act_on_the_same_thing_is_no_disagreement() {
        // "not to release" the prisoners against prisoners held: the
        // negated act (releasing) is not what the other states.
        assert!(!matches!(
            decision(
                "The governor decided not to release the dam prisoners despite the ruling.",
                "The dam prisoners are currently held at the northern jail."
            ),
            Decision::Differs(_)
        ));
        // The same act of the same doer, negated and affirmed: a
        // disagreement.
        assert!(matches!(
            decide_claims(
                &claim_naming("Governor Vik did not release the dam prisoners.", &["Vik"]),
                &claim_naming("Vik released the dam prisoners on Monday.", &["Vik"])
            ),
            Decision::Differs(_)
        ));
    }

    #[test]
    fn attributed_disagreements_say_so() {
        assert_eq!(
            decide_claims(
                &claim_naming("“Vik has not signed the accord,” he said.", &["Vik"]),
                &claim_naming("Vik signed the accord on Monday.", &["Vik"])
            ),
            Decision::Differs("“not signed” vs affirmed (attributed)".into())
        );
    }

    #[test]
    fn opposite_stances_on_a_shared_thing_differ() {
        let d = decision(
            "Though Japan joined other G-7 countries in enforcing sanctions against Russia, few cheered.",
            "Continuing to break ranks with the G7's sanctions policies, the leader pressed on.",
        );
        assert_eq!(d, Decision::Differs("“joined” vs “break ranks”".into()));
        // Both in: no disagreement, though one is negated.
        let d = decision(
            "Japan is a participant in the sanctions imposed on Russia.",
            "It cannot opt out of the sanctions regime.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    /// A claim whose listed names are entity mentions (organisations, ids
    /// in list order).
    fn claim_naming(text: &str, names: &[&str]) -> Claim {
        claim_with(text, names, crate::analysis::entities::Kind::Organization)
    }

    /// A claim naming every occurrence of each of `names` as an entity of
    /// `kind`, each name an entity of its own.
    fn claim_with(text: &str, names: &[&str], kind: crate::analysis::entities::Kind) -> Claim {
        use crate::analysis::links::features::Named;
        let named: Vec<Named> = names
            .iter()
            .enumerate()
            .flat_map(|(id, n)| {
                text.match_indices(n).map(move |(start, _)| Named {
                    start,
                    end: start + n.len(),
                    entity: id,
                    kind,
                })
            })
            .collect();
        Extractor::new().claim(text, &named, Vec::new(), PartialDate::parse("2005-01"))
    }

    fn decide_claims(a: &Claim, b: &Claim) -> Decision {
        let ctx = Context {
            within: &[],
            entities: &[],
            one_event: true,
            apart: false,
        };
        decide(a, b, &ctx)
    }

    #[test]
    fn an_amount_is_its_clause_subjects() {
        let names = ["Vantel", "Qwix", "Micor", "Acme"];
        // two bidders for one firm: each bid is its bidder's, not the firm's
        let a = claim_naming(
            "Vantel won the race for Micor with a bid worth $6.8bn.",
            &names,
        );
        let b = claim_naming("Qwix has bid $6.3bn for Micor.", &names);
        assert_eq!(a.quantities[0].holder, Some(0));
        assert_eq!(b.quantities[0].holder, Some(1));
        assert!(!matches!(decide_claims(&a, &b), Decision::Differs(_)));
        // a clause of its own has its own subject
        let c = claim_naming(
            "Acme offered £1.3bn, while Qwix is ready to fund a £1.4bn bid.",
            &names,
        );
        assert_eq!(c.quantities[1].holder, Some(1));
        // an apposition puts the subject before the clause of the amount
        let d = claim_naming(
            "Acme, the largest lender, was forced to restate its earnings by $4.4bn.",
            &names,
        );
        assert_eq!(d.quantities[0].holder, Some(3));
        let e = claim_naming("Acme restated its earnings by $5bn last year.", &names);
        assert!(matches!(decide_claims(&d, &e), Decision::Differs(_)));
    }

    #[test]
    fn an_offer_turned_away_is_another_offer() {
        let names = ["Micor", "Vantel", "Qwix"];
        let taken = claim_naming(
            "Last week, Micor agreed to a buyout by Vantel in a deal valued at $6.75bn.",
            &names,
        );
        let refused = claim_naming(
            "Qwix said that Micor had rejected a deal worth $7.5bn.",
            &names,
        );
        assert!(!matches!(
            decide_claims(&taken, &refused),
            Decision::Differs(_)
        ));
        // two reports of the offer taken still differ
        let other = claim_naming(
            "Micor agreed to a buyout by Vantel in a deal worth $7.5bn.",
            &names,
        );
        assert!(matches!(
            decide_claims(&taken, &other),
            Decision::Differs(_)
        ));
    }

    #[test]
    fn an_amount_within_a_range_is_no_difference() {
        let a = claim_of_people(
            "Dano faces a ban of between six months and two years.",
            &["Dano"],
        );
        let b = claim_of_people(
            "Dano was banned for seven months for the offence.",
            &["Dano"],
        );
        assert!(!matches!(decide_claims(&a, &b), Decision::Differs(_)));
    }

    #[test]
    fn a_label_written_with_its_unit_is_no_reported_figure() {
        // "a five-set battle" and "a four-set win": two matches of one
        // player, not one match counted twice
        let a = claim_naming(
            "Vik came through a five-set battle to reach the semi-finals.",
            &["Vik"],
        );
        let b = claim_naming(
            "Vik kept his hopes alive with a four-set win in the semi-final.",
            &["Vik"],
        );
        assert!(!matches!(decide_claims(&a, &b), Decision::Differs(_)));
    }

    #[test]
    fn a_series_of_figures_is_not_set_against_one() {
        // Three prices in one sentence: which is whose the nearest name
        // does not say.
        let a = claim_naming(
            "Housco said the average price was £182,920 in Aland.",
            &["Housco", "Aland"],
        );
        let b = claim_naming(
            "Housco put the average price at £192,713 in Aland, £139,544 in Bland and £116,542 in Cland.",
            &["Housco", "Aland"],
        );
        assert!(!matches!(decide_claims(&a, &b), Decision::Differs(_)));
    }

    #[test]
    fn a_negation_must_govern_what_the_other_states() {
        // "not nominated for best band" against "nominated for best song"
        let a = claim_naming("Vik were not nominated for best Irish band.", &["Vik"]);
        let b = claim_naming("Vik are nominated twice, for best rock song.", &["Vik"]);
        assert!(!matches!(decide_claims(&a, &b), Decision::Differs(_)));
        // "has not played since the final" against a report of before it
        let a = claim_naming("He has not played for Vik since the final.", &["Vik"]);
        let b = claim_naming("He played for Vik in every game of the final.", &["Vik"]);
        assert!(!matches!(decide_claims(&a, &b), Decision::Differs(_)));
    }

    #[test]
    fn a_price_is_not_a_rapper() {
        let d = decision(
            "Shares closed at 51 cents in London on Friday.",
            "Tickets for the 50 Cent concert sold out in London on Friday.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    #[test]
    fn growth_in_two_quarters_is_an_update_not_a_disagreement() {
        let d = decision(
            "The economy grew by 3.8% in the third quarter, figures showed.",
            "The economy grew by 3.7% in the second quarter, figures showed.",
        );
        assert!(matches!(d, Decision::Update(_)), "{d:?}");
        // Two years: another period too.
        let d = decision(
            "Sales grew by 12% in 2003 at the chain.",
            "Sales grew by 13% in 2004 at the chain.",
        );
        assert!(matches!(d, Decision::Update(_)), "{d:?}");
        // A percentage of something else is no figure of the same thing.
        let d = decision(
            "Unemployment fell to 5% in the region.",
            "The firm holds a 6% stake in the region's bank.",
        );
        assert!(
            !matches!(d, Decision::Differs(_) | Decision::Update(_)),
            "{d:?}"
        );
    }

    #[test]
    fn two_bidders_amounts_are_two_amounts() {
        let a = claim_naming(
            "Glazerco has bid £1.4bn for the football club.",
            &["Glazerco", "Rivalco"],
        );
        let b = claim_naming(
            "Rivalco offered £1.3bn for the football club last year.",
            &["Glazerco", "Rivalco"],
        );
        let d = decide_claims(&a, &b);
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
        // One holder, the other named too: one amount stated twice.
        let c = claim_naming(
            "The club said Glazerco bid £1.3bn for the football club.",
            &["Glazerco", "Rivalco"],
        );
        assert!(matches!(decide_claims(&a, &c), Decision::Differs(_)));
    }

    #[test]
    fn one_sale_at_two_prices_differs() {
        let a = claim_naming(
            "The state firm bought Unitco for $9.3bn at the auction.",
            &["Unitco"],
        );
        let b = claim_naming("Unitco was sold for $9.4bn at the auction.", &["Unitco"]);
        assert_eq!(
            decide_claims(&a, &b),
            Decision::Differs("$9.3bn vs $9.4bn".into())
        );
        // The same figures reported a month apart: an update.
        let ctx = Context {
            within: &[],
            entities: &[],
            one_event: true,
            apart: true,
        };
        let d = decide(&a, &b, &ctx);
        assert!(
            matches!(d, Decision::Update(ref u) if u.contains("another time")),
            "{d:?}"
        );
    }

    #[test]
    fn values_that_hold_or_round_to_each_other_agree() {
        for (a, b) in [
            (
                "The plant opened in 2014 after delays.",
                "The plant opened in March 2014 after delays.",
            ),
            (
                "The summit took place in April 2013 in the capital.",
                "The summit took place on 29–30 April 2013 in the capital.",
            ),
            (
                "About 300 people were evacuated from the town.",
                "Officials evacuated 312 people from the town.",
            ),
            (
                "More than 90% of voters backed the plan.",
                "The plan was backed by 95% of voters.",
            ),
            (
                "Growth was 0.8% in the quarter to March.",
                "Growth was 0.75% in the quarter to March.",
            ),
        ] {
            assert!(matches!(decision(a, b), Decision::Agrees(_)), "{a} / {b}");
        }
    }

    #[test]
    fn two_years_far_apart_are_two_events_not_a_disagreement() {
        let d = decision(
            "The treaty was never signed after the war ended in 1945.",
            "The declaration of 1956 ended the state of war.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    #[test]
    fn days_of_two_events_do_not_differ() {
        let d = decide_in(
            "On September 1, the government confirmed the leader will come in December.",
            "They set a date for their next meeting: September 2-3 in the port city.",
            false,
            false,
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    #[test]
    fn a_denial_against_a_report_differs() {
        let a = claim("The minister denied the talks had failed.");
        let b = claim("The talks collapsed on Monday, officials said.");
        eprintln!("{:?}\n{:?}\n{:?}", a.stances, b.words, denied_claim(&a, &b));
        assert_eq!(
            decision(
                "The minister denied the talks had failed.",
                "The talks collapsed on Monday, officials said."
            ),
            Decision::Differs("“denied” vs affirmed (attributed)".into())
        );
        // Both deny: no disagreement.
        let d = decision(
            "The minister denied the talks had failed.",
            "Officials denied that the talks collapsed.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
        // A denial of charges denies no act: "accused of fraud" is no
        // report that the fraud was done.
        let d = decision(
            "The former chief has denied charges of fraud.",
            "The former chief is accused of fraud at the firm.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
        // The denied act must be the one stated, not only what it is of.
        let d = decision(
            "The minister denied the tax ban had led to job losses.",
            "The court ruled the tax ban was lawful.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    #[test]
    fn dismissing_or_rejecting_claims_is_a_denial() {
        for (denial, cue) in [
            (
                "The minister dismissed reports that the talks had failed.",
                "dismissed reports",
            ),
            (
                "The minister rejected claims that the talks had failed.",
                "rejected claims",
            ),
            (
                "The minister refuted suggestions that the talks had failed.",
                "refuted",
            ),
        ] {
            assert_eq!(
                decision(denial, "The talks collapsed on Monday, officials said."),
                Decision::Differs(format!("“{cue}” vs affirmed (attributed)")),
            );
        }
        // Rejecting an offer denies nothing it is said to be.
        let d = decision(
            "The board rejected the offer that the rival had made.",
            "The rival made an offer for the board's firm.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    #[test]
    fn a_modal_after_the_denied_act_leaves_it_affirmed() {
        // A modal after the denied act governs what was promised, not the
        // promise: "promised … he would resign" states the promise.
        assert_eq!(
            decision(
                "The minister denied he had promised the unions a pay rise.",
                "The minister promised the unions a pay rise he would pay in May, aides said."
            ),
            Decision::Differs("“denied” vs affirmed (attributed)".into())
        );
        let d = decision(
            "The minister denied he had promised the unions a pay rise.",
            "The minister would have promised the unions a pay rise, aides said.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    /// A claim naming people (each name an entity of its own).
    fn claim_of_people(text: &str, names: &[&str]) -> Claim {
        claim_with(text, names, crate::analysis::entities::Kind::Person)
    }

    #[test]
    fn one_amount_restated_alike_pins_the_other_stated_differently() {
        // The two agree on the dollars; the euros of the same sum differ.
        let a = claim_naming(
            "Rotor settled with Vane for $2bn (1.53bn euros; £1.05bn) on Friday.",
            &["Rotor", "Vane"],
        );
        let b = claim_naming(
            "Vane will receive 1.55bn euros ($2bn; £1.1bn) from the settlement.",
            &["Rotor", "Vane"],
        );
        assert_eq!(
            decide_claims(&a, &b),
            Decision::Differs("1.53bn euros vs 1.55bn euros (both $2bn)".into())
        );
        // Of no named holder at all, the shared conversion still says the
        // two speak of one sum.
        assert_eq!(
            decision(
                "The plant was sold for $9.3bn (£5bn) last year.",
                "It went in a deal worth $9.4bn (£5bn)."
            ),
            Decision::Differs("$9.3bn vs $9.4bn (both £5bn)".into())
        );
        // however far apart: one sum has one amount in each unit
        assert_eq!(
            decision(
                "The market will be worth $1.8 billion (£9.4 million) by 2009.",
                "The market will be worth $1.8 billion (£94 million) by 2009."
            ),
            Decision::Differs("£9.4 million vs £94 million (both $1.8 billion)".into())
        );
    }

    #[test]
    fn a_sum_pinned_only_by_rounding_needs_one_holder() {
        // "$9m" and "$9.5m" round alike, but two films took them
        let a = claim_naming(
            "The comedy Brightwater entered the chart at number three, taking $9m (£4.6m).",
            &["Brightwater", "Nightfall"],
        );
        let b = claim_naming(
            "The thriller Nightfall was in fourth position with $9.5m (£4.9m).",
            &["Brightwater", "Nightfall"],
        );
        assert!(
            !matches!(decide_claims(&a, &b), Decision::Differs(_)),
            "{:?}",
            decide_claims(&a, &b)
        );
        // of one holder, the same sum stated differently
        let a = claim_naming(
            "Korvex was presented with a $27.5bn (£13bn) tax demand.",
            &["Korvex"],
        );
        let b = claim_naming(
            "Korvex must sell assets to pay a $27bn (£14bn) back tax bill.",
            &["Korvex"],
        );
        assert_eq!(
            decide_claims(&a, &b),
            Decision::Differs("£13bn vs £14bn ($27.5bn and $27bn)".into())
        );
        // one pin written two ways is one amount
        assert_eq!(
            decision(
                "Vantor said 4 billion euros (£2.8bn; $4.8bn) it held did not exist.",
                "Vantor said the 4bn euros ($5.2bn; £2.8bn) it held did not exist."
            ),
            Decision::Differs("$4.8bn vs $5.2bn (both 4 billion euros) (attributed)".into())
        );
    }

    #[test]
    fn one_quarter_named_two_ways_is_one_period() {
        // the same rate of the same economy for the same quarter: differs
        let a = claim_naming(
            "Freedonia's economy grew at an annual rate of 3.7% in the third quarter.",
            &["Freedonia"],
        );
        let b = claim_naming(
            "Freedonia's economy grew at an annual rate of 3.9% in the three months to September.",
            &["Freedonia"],
        );
        assert_eq!(
            decide_claims(&a, &b),
            Decision::Differs("3.7% vs 3.9%".into())
        );
        // another quarter: an update
        let c = claim_naming(
            "Freedonia's economy grew at an annual rate of 3.9% in the three months to June.",
            &["Freedonia"],
        );
        assert!(
            matches!(decide_claims(&a, &c), Decision::Update(_)),
            "{:?}",
            decide_claims(&a, &c)
        );
    }

    #[test]
    fn close_figures_that_may_be_of_two_things_neither_agree_nor_differ() {
        // no holder named: two phones' cameras, or one
        assert_eq!(
            decision(
                "The phone has a three megapixel camera.",
                "The phone has a two megapixel camera."
            ),
            Decision::Unclear(
                "three megapixel vs two megapixel (not said to be of one thing)".into()
            )
        );
        // one of a series: which is of when the sentence does not say
        assert_eq!(
            decision(
                "Acme's average price was £182,920, down from £187,971 in July-September 2004.",
                "Acme's average price fell to £180,226."
            ),
            Decision::Unclear("£182,920 vs £180,226 (one of a series)".into())
        );
    }

    #[test]
    fn a_hedged_amount_pins_nothing() {
        // "more than $20bn" holds $27.5bn, but does not make it one sum
        assert!(!matches!(
            decision(
                "The firm faces a $27.5bn (£13bn) bill for back taxes.",
                "The firm is claiming more than $20bn (£11bn) back in damages."
            ),
            Decision::Differs(_)
        ));
        // two estimates overlap without being one figure
        assert!(!matches!(
            decision(
                "The top films took an estimated $121.9m (£63.3m) at the weekend.",
                "The top films took an estimated $125.4m (£65.8m) at the weekend."
            ),
            Decision::Differs(_)
        ));
        // a conversion of an amount "about" so much is approximate too
        assert!(!matches!(
            decision(
                "It collapsed with debts of 14bn euros ($18.34bn; £9.6bn).",
                "It collapsed with debts of about 14bn euros ($19bn; £10bn)."
            ),
            Decision::Differs(_)
        ));
    }

    #[test]
    fn a_denial_of_claims_is_about_what_they_claim() {
        // "denied claims that he faked a crash" denies the faking, which
        // the charge affirms
        let a = claim_of_people(
            "The sprinter Ivo Dask has denied claims that he faked a motorbike crash to miss a test.",
            &["Dask", "Oster"],
        );
        let b = claim_of_people(
            "Dask faces trial after being charged with missing a test and faking a motorcycle crash.",
            &["Dask", "Oster"],
        );
        assert_eq!(
            decide_claims(&a, &b),
            Decision::Differs("“denied” vs affirmed".into())
        );
        // of someone else, the charge says nothing against his denial
        let c = claim_of_people(
            "Rami Oster was charged with faking a motorcycle crash to miss a test.",
            &["Dask", "Oster"],
        );
        assert!(!matches!(decide_claims(&a, &c), Decision::Differs(_)));
        // naming nobody, a pronoun may be the denier
        let d = claim_of_people(
            "Prosecutors have also charged them with faking a motorcycle crash.",
            &["Dask", "Oster"],
        );
        assert_eq!(
            decide_claims(&a, &d),
            Decision::Differs("“denied” vs affirmed".into())
        );
        // naming nobody and no pronoun: anyone's act
        let e = claim_of_people(
            "The runner was found guilty of faking a motorcycle crash.",
            &["Dask", "Oster"],
        );
        assert!(!matches!(decide_claims(&a, &e), Decision::Differs(_)));
    }
}
