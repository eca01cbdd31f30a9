//! Evidence of kind: what the shape of a candidate name (its head word, its
//! first word, a person-shaped run of words) and the words around it (cue
//! nouns, prepositions, verbs of speech, an apposition) say about whether it
//! names a person, a place, an organisation or something else.

use super::chunk::{Ctx, Evidence, ORG, OTHER, PERSON, PLACE};
use super::gazetteer::all_caps;
use super::lexicon as lx;

/// What a head word ("University", "Islands") weighs.
const HEAD_WEIGHT: f32 = 4.0;

pub(super) fn shape_evidence(cx: &Ctx<'_>, words: &[&str], ev: &mut Evidence) {
    let n = words.len();
    let head = words
        .iter()
        .rev()
        .find(|w| !is_roman_or_number(w))
        .copied()
        .unwrap_or("");
    let head = head.rsplit(['-', '–']).next().unwrap_or(head);
    if n >= 2 {
        if lx::is_org_head(head) {
            ev[ORG] += HEAD_WEIGHT;
        } else if lx::is_place_head(head) || lx::is_place_suffix(head) {
            ev[PLACE] += HEAD_WEIGHT;
        } else if lx::is_other_head(head) {
            ev[OTHER] += HEAD_WEIGHT;
        }
        let second = words[1];
        if matches!(second, "of" | "for" | "on") {
            if lx::is_org_head(words[0]) {
                ev[ORG] += HEAD_WEIGHT;
            } else if lx::is_place_lead(words[0]) {
                ev[PLACE] += HEAD_WEIGHT;
            }
        }
        if lx::is_newspaper_opener(words[0]) && ev[ORG] == 0.0 {
            ev[ORG] += 2.0;
        }
        if lx::is_compass(words[0]) && ev.iter().all(|&x| x == 0.0) {
            ev[PLACE] += 2.0;
        }
        // "Harwick Hornets", "Carrow Reds", "Harwick United", "Real
        // Carrow": a town and a plural or a club's word, a club.
        if ev.iter().all(|&x| x == 0.0) && team_shape(cx, words) {
            ev[ORG] += TEAM_SHAPE_WEIGHT;
        }
        let person_shape = n <= 4
            && ev.iter().all(|&x| x == 0.0)
            && words.iter().all(|w| {
                let mut ch = w.chars();
                let initial = ch.next().is_some_and(char::is_uppercase);
                let rest_lower = surname_core(w).chars().skip(1).all(|c| !c.is_uppercase());
                (initial
                    && rest_lower
                    && !cx.stats.is_common(w)
                    && cx.gaz.lookup(w).is_none()
                    && !cx.gaz.is_nationality(w)
                    && !lx::is_function_word(w))
                    || lx::is_name_particle(w)
            });
        if person_shape {
            ev[PERSON] += 1.5;
        }
        // "Sandrine Testud", "Guy Forget": a given name opening a run of
        // capitalised words that head no other kind of name.
        let given = ev[PLACE] == 0.0
            && ev[ORG] == 0.0
            && ev[OTHER] == 0.0
            && lx::is_given_name(words[0])
            && words[1..].iter().all(|w| {
                (w.chars().next().is_some_and(char::is_uppercase)
                    && !lx::is_function_word(w)
                    && !lx::is_strong_title(&w.to_lowercase())
                    && !lx::is_calendar_word(w)
                    && !lx::is_holiday(w)
                    && !cx.gaz.is_nationality(w))
                    || lx::is_name_particle(w)
            })
            // "Roxy Music", "Marshall Plan": a common word ends no name.
            && words.last().is_some_and(|w| !cx.stats.is_common(w));
        // "P. Simmons", "J. Russell": an initial before a name.
        let mut first = words[0].chars();
        let initial = first.next().is_some_and(char::is_uppercase)
            && first.next() == Some('.')
            && first.next().is_none()
            && words[1..]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if given || (initial && ev[ORG] == 0.0 && ev[PLACE] == 0.0) {
            ev[PERSON] += 2.5;
        }
    }
}

/// What a town followed by a plural weighs as organisation evidence
/// ([`team_shape`]): more than a person-shaped run, less than a head word.
const TEAM_SHAPE_WEIGHT: f32 = 2.5;

/// Whether a name is a place the gazetteer knows, not a country (nor
/// opening with a given name: "Austin Evans" is a person), followed by one
/// capitalised plural ("Minnesota Foxes", "Denton Times"): the name of a
/// club or a paper from its town; or a town with a word clubs are named
/// with, after it ("Harwick United") or before it ("Real Carrow").
fn team_shape(cx: &Ctx<'_>, words: &[&str]) -> bool {
    let town = |town: &[&str]| {
        if town.is_empty() || lx::is_given_name(town[0]) {
            return false;
        }
        // A country's name is a given name as often ("Chad Morris") and a
        // country's side goes by the country's name alone.
        cx.is_known_place(&town.join(" "), false)
    };
    let (Some((last, init)), Some((first, rest))) = (words.split_last(), words.split_first())
    else {
        return false;
    };
    if (lx::is_club_suffix(last) && town(init)) || (lx::is_club_prefix(first) && town(rest)) {
        return true;
    }
    let mut ch = last.chars();
    let plural = last.len() >= 4
        && ch.next().is_some_and(char::is_uppercase)
        && ch.all(char::is_lowercase)
        && last.ends_with('s')
        && !last.ends_with("ss");
    plural && town(init)
}

/// A surname without its Gaelic or Scottish prefix ("O'Sullivan" ->
/// "Sullivan", "`McDonald`" -> "Donald"), so its inner capital does not make it
/// look like an acronym or a brand.
fn surname_core(w: &str) -> &str {
    for p in lx::surname_prefixes() {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().next().is_some_and(char::is_uppercase) {
                return rest;
            }
        }
    }
    w
}

fn is_roman_or_number(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
        || (w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

pub(super) fn context_evidence(
    cx: &Ctx<'_>,
    first: usize,
    last: usize,
    ev: &mut Evidence,
    weak: &mut f32,
) {
    // Before the name.
    if first > 0 && cx.same_sentence(first - 1, first) {
        let p = first - 1;
        let gap = cx.gap(p, first).trim();
        let lw = cx.lower(p);
        if cx.is_lower(p) || lw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            if gap.is_empty() {
                if lx::is_person_noun(&lw) {
                    ev[PERSON] += 3.0;
                } else if lx::is_org_noun(&lw) {
                    ev[ORG] += 3.0;
                } else if lw == "of" && p > 0 && cx.same_sentence(p - 1, p) {
                    let lw2 = cx.lower(p - 1);
                    if lx::is_place_noun(&lw2) {
                        ev[PLACE] += 3.0;
                    }
                } else if !cx.toks[last].possessive && !is_modifier(cx, last) {
                    *weak += lx::place_preposition_weight(&lw);
                }
                if lw == "the" && first == last && all_caps(cx.text(first)) {
                    ev[ORG] += 1.0;
                }
            } else if gap == "," && lx::is_place_noun(&lw) {
                ev[PLACE] += 2.0;
            }
        }
    }
    // After the name.
    let t = cx.toks[last];
    let n = last + 1;
    if t.possessive || !cx.same_sentence(last, n) {
        return;
    }
    let gap = cx.gap(last, n).trim();
    let lw = cx.lower(n);
    // "Lib Dem spokesman", "Tory leader": the name qualifies a person, so
    // it names a party, a body or a place, not the person.
    if gap.is_empty() && cx.is_lower(n) && (lx::is_person_noun(&lw) || lx::is_org_noun(&lw)) {
        ev[PERSON] = 0.0;
        ev[ORG] += 0.5;
    }
    // "Kravia news agency", "Vantor oil company": a lower-case word and an
    // organisation's noun after the name say what it is (not after one word
    // that opens its sentence or is common in lower case, which may be an
    // adjective: "Parliamentary standards watchdog").
    let adjective = first == last
        && (first == 0
            || !cx.same_sentence(first - 1, first)
            || cx.stats.is_common(cx.text(first)));
    if gap.is_empty()
        && !adjective
        && cx.is_lower(n)
        && !lx::is_lower_function(&lw)
        && n + 1 < cx.toks.len()
        && cx.same_sentence(n, n + 1)
        && cx.gap(n, n + 1).chars().all(char::is_whitespace)
        && cx.is_lower(n + 1)
        && lx::is_org_noun(&cx.lower(n + 1))
        && !lx::is_person_noun(&cx.lower(n + 1))
    {
        ev[ORG] += 2.0;
    }
    if gap.is_empty() && lx::is_speech_verb(&lw) {
        ev[PERSON] += 1.0;
    }
    if gap == "," && lw == "who" {
        ev[PERSON] += 1.5;
    }
    let scan_from = if (gap == "," && matches!(lw.as_str(), "a" | "an" | "the"))
        || (gap.is_empty() && matches!(lw.as_str(), "is" | "was"))
    {
        Some(n + 1)
    } else if gap == "(" {
        Some(n)
    } else {
        None
    };
    if let Some(from) = scan_from {
        let mut k = from;
        while k < cx.toks.len() && k < from + 6 && cx.same_sentence(last, k) {
            let w = cx.lower(k);
            let w = w.rsplit('-').next().unwrap_or(&w).to_string();
            if lx::is_person_noun(&w) {
                ev[PERSON] += 2.0;
                break;
            }
            if lx::is_place_noun(&w) && w != "area" {
                ev[PLACE] += 2.0;
                break;
            }
            if lx::is_org_noun(&w) && !lx::is_person_noun(&w) {
                ev[ORG] += 2.0;
                break;
            }
            if !cx.same_sentence(k, k + 1) || !cx.gap(k, k + 1).chars().all(char::is_whitespace) {
                break;
            }
            k += 1;
        }
    }
}

/// The name at token `last` is followed by a lower-case content word, so it
/// qualifies that word ("in Tory ranks") rather than standing alone.
fn is_modifier(cx: &Ctx<'_>, last: usize) -> bool {
    let n = last + 1;
    cx.same_sentence(last, n)
        && cx.gap(last, n).chars().all(char::is_whitespace)
        && cx.is_lower(n)
        && !lx::is_lower_function(&cx.lower(n))
        && !lx::is_place_suffix(cx.text(n))
}
