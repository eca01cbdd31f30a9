//! Relation and why: for two linked sentences, whether they agree, differ
//! or are only related, and the short reason the reader sees (what they
//! share, and for a disagreement what differs).

use super::features::Claim;
use super::scoring::{denied_journey, misplaced_journey, same_journey};
use super::stance;
use super::vocabulary::{TermKind, Vocabulary};
use super::{journeys, Relation, Unit};
use crate::analysis::entities::Entity;

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
                let named = forms.iter().chain(&names).any(|n| {
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
    let decision = decide(&a.claim, &b.claim, (&vocab.within, entities));
    names.truncate(3);
    words.truncate(if names.len() >= 2 { 1 } else { 3 });
    let mut about: Vec<&str> = journey.iter().map(String::as_str).collect();
    about.extend(names);
    about.extend(words);
    let mut why = String::new();
    match &decision {
        Decision::Differs(what) | Decision::Agrees(what) => why.push_str(what),
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
        Decision::Unknown => Relation::Related,
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
    /// No specific fact to compare.
    Unknown,
}

/// Compares the specific facts of two claims already judged to be about the
/// same thing: quantities of the same unit, dates, polarity.
fn decide(a: &Claim, b: &Claim, (within, entities): (&[Option<usize>], &[Entity])) -> Decision {
    let mut agreed = Vec::new();
    // Quantities of the same kind: an equal amount is a shared fact, a
    // different one (beyond the hedges' tolerance) a disagreement.
    let mut differ: Option<String> = None;
    for qa in &a.quantities {
        let same_unit: Vec<_> = b.quantities.iter().filter(|q| q.unit == qa.unit).collect();
        if let Some(qb) = same_unit.iter().find(|qb| qa.same_amount(qb)) {
            agreed.push(qb.text.clone());
        } else if let Some(qb) = same_unit.iter().find(|qb| qa.comparable(qb)) {
            // Amounts far apart are more likely two different quantities.
            differ.get_or_insert_with(|| format!("{} vs {}", qa.text, qb.text));
        }
    }
    // Dates, compared at the precision both state: the same day, month or
    // year is a shared fact. Two different days a few weeks apart are
    // likely two reports of one event; further apart, two events (a
    // meeting in May, another in September), which is no disagreement.
    let mut date_agrees = None;
    let mut date_differs = None;
    for da in &a.dates {
        for db in &b.dates {
            let (x, y) = (da.value, db.value);
            if x.day.is_some() && y.day.is_some() {
                let gap = (x.first_day() - y.first_day()).get_days().abs();
                if gap == 0 {
                    date_agrees.get_or_insert_with(|| da.text.clone());
                } else if gap <= 31 {
                    date_differs.get_or_insert_with(|| format!("{} vs {}", da.text, db.text));
                }
            } else if x.year == y.year
                && x.month == y.month
                && (x.month.is_some() || (x.day.is_none() && y.day.is_none()))
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
    match (date_agrees, date_differs) {
        (Some(t), _) => agreed.push(t),
        (None, Some(d)) => {
            differ.get_or_insert(d);
        }
        (None, None) => {}
    }
    // Opposite sides on the same thing: joined vs broke ranks, rose vs fell.
    if differ.is_none() {
        differ = stance::opposed(&a.stances, &b.stances).map(|o| o.cues);
    }
    // A journey one denies and the other reports done.
    if differ.is_none() {
        differ = denied_journey(a, b, within)
            .map(|(n, w)| format!("“{n}” vs “{w}”"))
            .or_else(|| denied_journey(b, a, within).map(|(n, w)| format!("“{w}” vs “{n}”")));
    }
    // One journey, placed in two places.
    if differ.is_none() {
        differ = misplaced_journey(a, b, within).and_then(|(x, y)| {
            Some(format!(
                "{} vs {}",
                entities.get(x)?.name,
                entities.get(y)?.name
            ))
        });
    }
    // Polarity: one says it happened, the other that it did not. A negation
    // that only flips a stance's side ("cannot opt out") was weighed above.
    let plain = |c: &Claim| c.negation.is_some() && !c.stances.iter().any(|s| s.negated);
    if differ.is_none() && (plain(a) || plain(b)) {
        // The other claim must speak of what is negated (two of its words),
        // not merely share a word with the sentence.
        let speaks_of = |negated: &[String], other: &Claim| {
            negated
                .iter()
                .filter(|s| other.words.iter().any(|(w, _)| w == *s))
                .count()
                >= 2
        };
        match (&a.negation, &b.negation) {
            (Some(n), None) if speaks_of(&a.negated, b) => {
                differ = Some(format!("“{n}” vs affirmed"));
            }
            (None, Some(n)) if speaks_of(&b.negated, a) => {
                differ = Some(format!("affirmed vs “{n}”"));
            }
            _ => {}
        }
    }
    if let Some(d) = &mut differ {
        if a.attribution.is_some() || b.attribution.is_some() {
            d.push_str(" (attributed)");
        }
    }
    match differ {
        Some(d) => Decision::Differs(d),
        None if !agreed.is_empty() => {
            agreed.dedup();
            Decision::Agrees(agreed.join(", "))
        }
        None => Decision::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::features::Extractor;
    use crate::corpus::PartialDate;

    fn claim(text: &str) -> Claim {
        Extractor::new().claim(text, &[], Vec::new(), PartialDate::parse("2019-06"))
    }

    fn decision(a: &str, b: &str) -> Decision {
        decide(&claim(a), &claim(b), (&[], &[]))
    }

    #[test]
    fn different_amounts_of_one_quantity_differ() {
        assert_eq!(
            decision(
                "The dam will cost about $3 billion, officials said.",
                "The dam will cost $5 billion."
            ),
            Decision::Differs("about $3 billion vs $5 billion".into())
        );
        assert_eq!(
            decision(
                "The strike has lasted for about 60 years.",
                "It has lasted 70 years."
            ),
            Decision::Differs("about 60 years vs 70 years".into())
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
            decision(
                "The minister has not visited the refinery at all.",
                "Last week the minister visited the refinery."
            ),
            Decision::Differs("“not visited” vs affirmed".into())
        );
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
    fn attributed_disagreements_say_so() {
        assert_eq!(
            decision(
                "“We have no territorial problems,” he said.",
                "The two have territorial problems over the islands."
            ),
            Decision::Differs("“no territorial” vs affirmed (attributed)".into())
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
}
