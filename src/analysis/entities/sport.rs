//! Reports of sport, where a town's name often stands for its team:
//! "Leeds beat Chelsea 2-1", "Chicago 5 Atlanta 3", a row of a league table.
//! A document is a report of sport when it holds scores ("6-3", "2-1")
//! and the vocabulary of games (`sport_words.txt`). There, a name in a
//! team's position — right before a score or a figure of a table, or next
//! to a word of the match ("beat", "v": `team_verbs.txt`) — names a side:
//! a team named after a town or region is an organisation of its own, apart
//! from the place (a country's side stays the country, as news names it).

use super::chunk::{Cand, Ctx, ORG, PLACE};
use super::lexicon as lx;
use super::tokens::Token;

/// What a team's position weighs as organisation evidence.
const TEAM_WEIGHT: f32 = 3.0;

/// How many words of sport, and of them words said only of games, make a
/// report of sport without a score: a match told in prose ("won by an
/// innings and 39 runs"), not a market report ("shares won 5 points").
const PROSE_SPORT_WORDS: usize = 6;
const PROSE_GAME_WORDS: usize = 3;

/// The town evidence of a city of 100,000 people or more (`chunk.rs`).
const LARGE_TOWN: f32 = 1.2;

/// Whether a word is a score: two numbers of one to three digits joined by
/// a hyphen ("6-3", "108-3").
fn is_score(w: &str) -> bool {
    let Some((a, b)) = w.split_once(['-', '–']) else {
        return false;
    };
    let digits = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    digits(a) && digits(b)
}

/// Whether a document reads as a report of sport: scores, and words of
/// games around them.
pub(super) fn is_sport(body: &str, toks: &[Token]) -> bool {
    let (mut scores, mut rows, mut words, mut games) = (0, 0, 0, 0);
    // The current sentence: its figures, and whether it has capitalised
    // words and lower-case ones.
    let (mut sentence, mut figures, mut caps, mut lower) = (usize::MAX, 0, false, false);
    let row = |figures: usize, caps: bool, lower: bool| {
        // "Bradford 1 Tranmere 0", "Haitai 64 2 43 .596": a row of results.
        usize::from(figures >= 2 && caps && !lower)
    };
    for t in toks {
        if t.sentence != sentence {
            rows += row(figures, caps, lower);
            (sentence, figures, caps, lower) = (t.sentence, 0, false, false);
        }
        let w = &body[t.start..t.end];
        let Some(c) = w.chars().next() else { continue };
        if c.is_ascii_digit() {
            figures += 1;
            if is_score(w) {
                scores += 1;
            }
        } else if c.is_lowercase() {
            lower = true;
            if lx::is_sport_word(w) {
                words += 1;
            }
            if lx::is_game_word(w) {
                games += 1;
            }
        } else if c.is_uppercase() {
            caps = true;
        }
        if scores >= 3
            || (scores >= 1 && words >= 3)
            || (rows >= 3 && words >= 2)
            || (words >= PROSE_SPORT_WORDS && games >= PROSE_GAME_WORDS)
        {
            return true;
        }
    }
    rows += row(figures, caps, lower);
    rows >= 3 && words >= 2
}

/// Whether a figure after a name is a date ("LONDON 1996-08-30", a
/// dateline), not a score or a figure of a table.
fn is_date_figure(w: &str) -> bool {
    w.len() >= 8 && w.bytes().filter(|&b| b == b'-' || b == b'/').count() == 2
}

/// Whether the name over tokens `first..=last` stands where a team stands:
/// before a score or a table's figures, or next to a word of the match;
/// never after a preposition of place ("in Leeds").
fn team_position(cx: &Ctx<'_>, first: usize, last: usize, verbs: bool) -> bool {
    if first > 0 && cx.same_sentence(first - 1, first) {
        let p = first - 1;
        let lw = cx.lower(p);
        if cx.is_lower(p) && lx::place_preposition_weight(&lw) > 0.0 {
            return false;
        }
        if verbs && cx.gap(p, first).trim().is_empty() && lx::is_team_verb(&lw) {
            return true;
        }
    }
    let n = last + 1;
    if cx.toks[last].possessive || !cx.same_sentence(last, n) {
        return false;
    }
    if !cx.gap(last, n).chars().all(char::is_whitespace) {
        return false;
    }
    let w = cx.text(n);
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        return !is_date_figure(w);
    }
    verbs && lx::is_team_verb(&cx.lower(n))
}

/// In a report of sport, makes the candidate over tokens `first..=last` a
/// team when it stands in a team's position and names no person and no
/// country: its place evidence becomes organisation evidence, and it is
/// marked as a team, to be kept apart from the place.
pub(super) fn mark_team(cx: &Ctx<'_>, first: usize, last: usize, c: &mut Cand) {
    if !cx.sport || c.ev[super::chunk::PERSON] > 0.0 {
        return;
    }
    // "Bristol City", "Notts County": a team, wherever it stands, unless
    // the place is known by that name ("Atlantic City").
    if first < last && lx::is_team_place_head(cx.text(last)) && c.gaz.is_none() && c.city == 0.0 {
        c.hint = HINT_TEAM;
        return;
    }
    // (town, a large one): a small town's name is as often a surname
    // ("Ferguson").
    let (town, large) = match c.gaz {
        // A country's side is the country; an organisation is one already.
        Some(g) => {
            if cx.gaz.entries[g].kind != super::Kind::Place || cx.gaz.is_nation(g) {
                return;
            }
            (true, true)
        }
        None => (c.city > 0.0, c.city >= LARGE_TOWN),
    };
    // In a report of sport a large town named with no preposition of place,
    // not as the venue ("Leicester: ...", "London (The Oval)") nor the
    // dateline, is its team.
    if town {
        if team_position(cx, first, last, true)
            || (large && c.weak_place == 0.0 && !venue(cx, first, last))
        {
            c.hint = HINT_TEAM;
        }
    } else if team_position(cx, first, last, false)
        && !(first == last && lx::is_given_name(cx.text(first)))
    {
        // "Haitai 2 Samsung 0": before a figure, a side, whatever else the
        // name is ("Henman beat Flach" may name players).
        c.hint = HINT_SIDE;
    }
}

/// A candidate's hint: none.
pub(super) const HINT_NONE: u8 = 0;
/// A town in a team's place: the team.
const HINT_TEAM: u8 = 1;
/// Another name in a side's place.
const HINT_SIDE: u8 = 2;

/// Settles the hints of a report of sport's candidates, once all are
/// known: a name that is the surname of a person the report names in full
/// ("Lindsay Davenport" … "Davenport beat Smith") is that player, not a
/// team; the others become teams and sides. A side's evidence is weak: the
/// merge leaves it out when it asks whether a surname names a person.
pub(super) fn settle(cands: &mut [Cand], gaz: &super::gazetteer::Gazetteer) {
    let surnames: Vec<String> = cands
        .iter()
        .filter(|c| c.words >= 2 && c.ev[super::chunk::PERSON] > 0.0)
        .filter_map(|c| c.name.split_whitespace().last().map(super::gazetteer::key))
        .collect();
    for c in cands.iter_mut() {
        let hint = std::mem::replace(&mut c.hint, HINT_NONE);
        if hint == HINT_NONE || surnames.contains(&super::gazetteer::key(&c.name)) {
            continue;
        }
        if hint == HINT_TEAM {
            make_team(c);
        } else {
            c.ev[ORG] += TEAM_WEIGHT;
            c.side = TEAM_WEIGHT;
        }
    }
    spread_teams(cands, gaz, &surnames);
}

/// A name that opens its line before a colon or a bracket ("Leicester:",
/// "London (The Oval)"), or a date (a dateline, "DUNMORE 2004-05-01", after
/// a byline too), or the first line of the body: where a match is played or
/// a report filed.
fn venue(cx: &Ctx<'_>, first: usize, last: usize) -> bool {
    let t = cx.toks[first];
    if t.sentence == 0 {
        return true;
    }
    let n = last + 1;
    let opens = first == 0 || !cx.same_sentence(first - 1, first);
    if opens && n < cx.toks.len() && cx.same_sentence(last, n) && is_date_figure(cx.text(n)) {
        return true;
    }
    let gap = if cx.same_sentence(last, n) {
        cx.gap(last, n)
    } else {
        &cx.body[cx.toks[last].end..]
    };
    opens && gap.trim_start().starts_with([':', '('])
}

/// Turns a candidate into a team: its place evidence (the town it is named
/// after) moves to the organisation.
fn make_team(c: &mut Cand) {
    c.ev[ORG] += c.ev[PLACE].max(0.0) + TEAM_WEIGHT;
    c.ev[PLACE] = 0.0;
    c.weak_place = 0.0;
    c.city = 0.0;
    c.gaz = None;
    c.team = true;
}

/// Once a name is seen as a team in a report of sport, its other mentions
/// there that no preposition of place introduces are the team too.
fn spread_teams(cands: &mut [Cand], gaz: &super::gazetteer::Gazetteer, surnames: &[String]) {
    let teams: Vec<String> = cands
        .iter()
        .filter(|c| c.team)
        .map(|c| super::gazetteer::key(&c.name))
        .collect();
    if teams.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        if !c.team
            && c.weak_place == 0.0
            && c.ev[super::chunk::PERSON] <= 0.0
            && c.gaz
                .is_none_or(|g| gaz.entries[g].kind == super::Kind::Place && !gaz.is_nation(g))
            && teams.contains(&super::gazetteer::key(&c.name))
            && !surnames.contains(&super::gazetteer::key(&c.name))
        {
            make_team(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_short_numbers_joined_by_a_hyphen() {
        assert!(is_score("6-3") && is_score("108-3") && is_score("2–1"));
        assert!(!is_score("1996-08") && !is_score("6-") && !is_score("G-7"));
        assert!(is_date_figure("1996-08-30") && !is_date_figure("74"));
    }
}
