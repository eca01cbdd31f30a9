//! Finding candidate names in one document: capitalised runs of its tokens
//! ([`super::tokens`]) with their connectors, cut into names, each weighed
//! by the evidence (`evidence.rs`) that tells a person from a place from an
//! organisation. Pure per-document work, so the corpus can be chunked in
//! parallel; the only corpus-wide input is [`WordStats`], how often each
//! word is written in lower case and how often capitalised in mid-sentence.

use super::evidence::{context_evidence, shape_evidence};
use super::gazetteer::{all_caps, key, GazMatch, Gazetteer};
use super::lexicon as lx;
use super::sport;
use super::stats::WordStats;
use super::tokens::Token;
use regex::Regex;
use std::sync::OnceLock;

/// Weights of evidence for each kind: person, place, organisation, other.
pub type Evidence = [f32; 4];
/// Index of person evidence.
pub const PERSON: usize = 0;
/// Index of place evidence.
pub const PLACE: usize = 1;
/// Index of organisation evidence.
pub const ORG: usize = 2;
/// Index of other (events, treaties, laws) evidence.
pub const OTHER: usize = 3;

/// What a gazetteer match weighs: more than any single cue in the text.
const GAZ_WEIGHT: f32 = 6.0;
/// What a title before a name weighs.
const TITLE_WEIGHT: f32 = 4.0;

/// A candidate name found in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    /// Byte offset of the mention.
    pub start: usize,
    /// Byte offset after it.
    pub end: usize,
    /// Its sentence.
    pub sentence: usize,
    /// The name it stands for: its text with spaces normalised, or a name
    /// rebuilt from a coordination ("East and South China Seas").
    pub name: String,
    /// Number of capitalised words in the name.
    pub words: usize,
    /// Its gazetteer entry, if the whole name is one.
    pub gaz: Option<usize>,
    /// A single all-capitals word.
    pub acronym: bool,
    /// Evidence for each kind.
    pub ev: Evidence,
    /// A custom entity from the settings.
    pub custom: Option<usize>,
    /// The part of the place evidence that comes from a preposition only
    /// ("to X"), which people share with places.
    pub weak_place: f32,
    /// The part of the place evidence that comes from the list of towns
    /// (`data/places.tsv`), whose names people and teams share.
    pub city: f32,
    /// The part of the organisation evidence that comes from a side's
    /// position in a report of sport ("Henman beat Flach"), which players
    /// share with teams.
    pub side: f32,
    /// A sports team in a report of sport ("Leeds beat Chelsea"): an
    /// organisation of its own, apart from the place it is named after.
    pub team: bool,
    /// What its place in a report of sport suggests, until the report's
    /// other names are known (`sport.rs`).
    pub hint: u8,
}

/// What one document yields: candidates in body order, and pairs of them
/// the text declares to be one thing.
#[derive(Debug, Default, Clone)]
pub struct DocCands {
    /// Candidates, sorted by start.
    pub cands: Vec<Cand>,
    /// Index pairs into `cands`: names of one thing ("X, or Y", "X (EEF)").
    pub same: Vec<(usize, usize)>,
}

/// One document as candidate finding and the evidence rules see it.
pub(super) struct Ctx<'a> {
    /// The body.
    pub(super) body: &'a str,
    /// Its tokens.
    pub(super) toks: &'a [Token],
    /// The gazetteer.
    pub(super) gaz: &'a Gazetteer,
    /// The corpus's word statistics.
    pub(super) stats: &'a WordStats,
    /// For each token, the gazetteer match starting there: (last token, entry).
    gaz_at: Vec<Option<(usize, usize)>>,
    /// The document reads as a report of sport (`sport.rs`).
    pub(super) sport: bool,
    out: Vec<Cand>,
}

impl Ctx<'_> {
    /// Whether `name` is a place the gazetteer knows (a country too when
    /// `countries`) or a town of the list of towns.
    pub(super) fn is_known_place(&self, name: &str, countries: bool) -> bool {
        match self.gaz.lookup(name) {
            Some(g) => {
                self.gaz.entries[g].kind == super::Kind::Place
                    && (countries || !self.gaz.is_nation(g))
            }
            None => self.gaz.city(name).is_some(),
        }
    }

    /// Whether the capitalised run from token `k` is a known place.
    fn is_place_run(&self, k: usize) -> bool {
        let end = self.cap_run_end(k);
        let name = normalise_space(&self.body[self.toks[k].start..self.toks[end].end]);
        self.is_known_place(&name, true)
    }

    /// Token `i` as written.
    pub(super) fn text(&self, i: usize) -> &str {
        &self.body[self.toks[i].start..self.toks[i].end]
    }

    /// Token `i` in lower case, its dots removed.
    pub(super) fn lower(&self, i: usize) -> String {
        let w = self.text(i);
        if w.is_ascii() {
            // One pass, one allocation: the same as below for ASCII.
            w.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase()))
                .collect()
        } else {
            w.to_lowercase().replace('.', "")
        }
    }

    /// The text between tokens `a` and `b`.
    pub(super) fn gap(&self, a: usize, b: usize) -> &str {
        &self.body[self.toks[a].end..self.toks[b].start]
    }

    /// Whether token `b` exists and shares token `a`'s sentence.
    pub(super) fn same_sentence(&self, a: usize, b: usize) -> bool {
        b < self.toks.len() && self.toks[a].sentence == self.toks[b].sentence
    }

    /// Only white space between token `a` and the next, and `a` not possessive.
    fn joined(&self, a: usize) -> bool {
        let b = a + 1;
        self.same_sentence(a, b)
            && !self.toks[a].possessive
            && self.gap(a, b).chars().all(char::is_whitespace)
    }

    /// Whether tokens `a` and `a + 1` are capitalised words of one sentence
    /// with only an ampersand between them ("Marks & Spencer"), not two
    /// places the gazetteer knows ("Serbia & Montenegro").
    fn ampersand(&self, a: usize) -> bool {
        let b = a + 1;
        b < self.toks.len()
            && self.same_sentence(a, b)
            && !self.toks[a].possessive
            && self.gap(a, b).trim() == "&"
            && self.is_cap(a)
            && self.is_cap(b)
            && !(self.gaz_at[a].is_some() && self.gaz_at[b].is_some())
    }

    fn is_cap(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `i` starts with a lower-case letter.
    pub(super) fn is_lower(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_lowercase)
    }

    /// End of the run of directly adjacent capitalised tokens from `i`.
    fn cap_run_end(&self, i: usize) -> usize {
        let mut j = i;
        while self.joined(j) && self.is_cap(j + 1) {
            j += 1;
        }
        j
    }

    /// True when a sentence-initial word may start a name.
    fn keeps_initial(&self, i: usize, last: usize) -> bool {
        let w = self.text(i);
        if lx::is_function_word(w) {
            return false;
        }
        if self.gaz_at[i].is_some()
            || self.gaz.city(w).is_some()
            || (lx::is_given_name(w) && i < last && self.is_cap(i + 1))
            || self.gaz.is_nationality(w)
            || (all_caps(w) && w.len() >= 2)
            || w.chars().any(|c| c.is_ascii_digit())
            || lx::is_strong_title(&self.lower(i))
            || self.stats.is_namey(w)
        {
            return true;
        }
        // "Airdrieonians 2 1 1 0 1 0 4", "Haitai 2 Samsung 0": in a report
        // of sport, a name right before a figure is a side's.
        if self.sport
            && self.same_sentence(last, last + 1)
            && self
                .text(last + 1)
                .starts_with(|c: char| c.is_ascii_digit())
            && !self.stats.is_common(w)
        {
            return true;
        }
        // "Peter Smith said": an unknown first word followed by another
        // capitalised word is a name unless the corpus writes it in lower case.
        i < last && self.is_cap(i + 1) && self.stats.never_lower(w)
    }
}

/// The forms in which a text declares two names one thing, as the text
/// between them. Constant patterns, which the tests prove compile (one that
/// did not would never match).
fn patterns() -> &'static [Option<Regex>; 4] {
    static P: OnceLock<[Option<Regex>; 4]> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).ok();
        [
            // "the Outer Isles, or Western Territories,"
            re(r"^,\s+or\s+(?:the\s+)?$"),
            // "(known in Norway as the Bear Islands)", "(also called X)"
            re(r"^\s*\((?:also\s+|locally\s+|commonly\s+)?(?:known|called|referred\s+to)\b[^()]{0,60}?\bas\s+(?:the\s+)?$"),
            // "— a resource-rich area known as the Northern Territories"
            re(r"^\s*(?:[—–,]|--)\s*[^—–()]{0,60}?\b(?:known|referred\s+to)\s+as\s+(?:the\s+)?$"),
            // ", also called X"
            re(r"^\s*,\s+(?:also\s+)?called\s+(?:the\s+)?$"),
        ]
    })
}

/// Finds the candidates of one document.
pub fn candidates(
    body: &str,
    toks: &[Token],
    gaz: &Gazetteer,
    gaz_matches: &[GazMatch],
    stats: &WordStats,
    custom: Vec<Cand>,
) -> DocCands {
    let mut gaz_at = vec![None; toks.len()];
    {
        // The token starting (ending) at an offset, the last one when two
        // share it: sorted (offset, index) pairs searched by halving, cheaper
        // than hashing every token of the document.
        let index = |at: fn(&Token) -> usize| {
            let mut v: Vec<(usize, usize)> =
                toks.iter().enumerate().map(|(i, t)| (at(t), i)).collect();
            if !v.is_sorted() {
                v.sort_unstable();
            }
            v
        };
        let (by_start, by_end) = (index(|t| t.start), index(|t| t.end));
        let find = |v: &[(usize, usize)], at: usize| {
            let k = v.partition_point(|&(x, _)| x <= at);
            k.checked_sub(1)
                .map(|k| v[k])
                .filter(|&(x, _)| x == at)
                .map(|(_, i)| i)
        };
        for m in gaz_matches {
            if let (Some(a), Some(b)) = (find(&by_start, m.start), find(&by_end, m.end)) {
                if a <= b && toks[a].sentence == toks[b].sentence {
                    gaz_at[a] = Some((b, m.entry));
                }
            }
        }
    }
    let mut cx = Ctx {
        body,
        toks,
        gaz,
        stats,
        gaz_at,
        sport: sport::is_sport(body, toks),
        out: Vec::new(),
    };
    let mut i = 0;
    while i < toks.len() {
        if !cx.is_cap(i) {
            i += 1;
            continue;
        }
        let last = build_run(&cx, i);
        if let Some(next) = coordination(&mut cx, i, last) {
            i = next;
            continue;
        }
        process_run(&mut cx, i, last);
        i = last + 1;
    }
    let sport = cx.sport;
    let mut cands = cx.out;
    if sport {
        sport::settle(&mut cands, gaz);
    }
    if !custom.is_empty() {
        cands.retain(|c| !custom.iter().any(|u| c.start < u.end && u.start < c.end));
        cands.extend(custom);
    }
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    cands.dedup_by(|b, a| b.start < a.end);
    let same = declared_same(body, &cands);
    DocCands { cands, same }
}

/// Extends a run of capitalised words from token `i`, through connectors
/// that belong inside names; returns its last token.
fn build_run(cx: &Ctx<'_>, i: usize) -> usize {
    let mut last = match cx.gaz_at[i] {
        Some((b, _)) => b,
        None => i,
    };
    let mut has_of = false;
    loop {
        // "Procter & Gamble", "Harwell & Co": a firm's names joined by
        // an ampersand between spaces are one name.
        if cx.ampersand(last) {
            last = cx.cap_run_end(last + 1);
            continue;
        }
        if !cx.joined(last) {
            // "Ministry of Economy, Trade, and Industry": a listed of-phrase.
            if has_of {
                if let Some(end) = comma_list(cx, last) {
                    last = end;
                    continue;
                }
            }
            break;
        }
        let nx = last + 1;
        if cx.is_cap(nx) {
            last = match cx.gaz_at[nx] {
                Some((b, _)) => b,
                None => nx,
            };
            continue;
        }
        let conn = cx.text(nx);
        let after = |k: usize| k < cx.toks.len() && cx.joined(k - 1) && cx.is_cap(k);
        match conn {
            "of" | "for" | "on" => {
                let head = cx.text(last);
                let ok =
                    lx::is_org_head(head) || lx::is_place_lead(head) || lx::is_other_head(head);
                // "Acme Corp of Ohio", "Zenith AG of Germany": after a firm's
                // legal form a place says where the firm is from.
                let home = |k: usize| after(k) && cx.is_place_run(k);
                if conn == "of"
                    && lx::is_legal_form(head)
                    && (home(nx + 1) || cx.text(nx + 1) == "the" && home(nx + 2))
                {
                    break;
                }
                // "Gold Mines of Carrow Ltd": a legal form closing the name
                // after "of" makes the whole one firm's name (not after a
                // title, "Chairman of Acme Corp", nor a person, "Lynn Ames
                // of Acme Corp").
                let firm = || {
                    let end = cx.cap_run_end(nx + 1);
                    let lw = cx.lower(last);
                    conn == "of"
                        && end > nx + 1
                        && lx::is_legal_form(cx.text(end))
                        && !lx::is_given_name(cx.text(i))
                        && !lx::is_strong_title(&lw)
                        && !lx::is_trailing_title(&lw)
                        && !lx::is_person_noun(&lw)
                };
                if after(nx + 1) && (ok || firm()) {
                    last = nx + 1;
                    has_of = true;
                    continue;
                }
                if ok && nx + 1 < cx.toks.len() && cx.text(nx + 1) == "the" && after(nx + 2) {
                    last = nx + 2;
                    has_of = true;
                    continue;
                }
                break;
            }
            "and" | "&" => {
                if !after(nx + 1) {
                    break;
                }
                let w = cx.text(nx + 1).to_lowercase();
                if lx::is_person_noun(&w) {
                    break;
                }
                let end = cx.cap_run_end(nx + 1);
                let org_end = lx::is_org_head(cx.text(end));
                let left_is_place = cx.gaz_at[i].is_some_and(|(b, _)| b == last);
                // "Acme Inc and Zenith Corp.": two companies, each whole.
                let left_is_whole =
                    last > i && lx::is_org_head(cx.text(last)) && lx::keeps_dot(&cx.lower(last));
                if conn == "&" || has_of || (org_end && !left_is_place && !left_is_whole) {
                    last = end;
                    continue;
                }
                break;
            }
            p if lx::is_name_particle(p) && after(nx + 1) && last == cx.cap_run_end(i) => {
                last = nx + 1;
            }
            _ => {
                // "the Faroe islands", "the Korean peninsula"
                if lx::is_place_suffix(conn) && !cx.toks[last].possessive {
                    last = nx;
                }
                break;
            }
        }
    }
    last
}

/// ", Trade, and Industry" after an of-phrase: the last token of the list.
fn comma_list(cx: &Ctx<'_>, last: usize) -> Option<usize> {
    let mut k = last;
    let mut items = 0;
    loop {
        if !cx.same_sentence(k, k + 1) || cx.toks[k].possessive {
            return None;
        }
        let gap = cx.gap(k, k + 1).trim();
        let nx = k + 1;
        if gap == "," && cx.is_cap(nx) && items < 6 {
            k = cx.cap_run_end(nx);
            items += 1;
            continue;
        }
        if (gap == "," || gap.is_empty())
            && cx.text(nx) == "and"
            && items >= 1
            && nx + 1 < cx.toks.len()
            && cx.joined(nx)
            && cx.is_cap(nx + 1)
        {
            return Some(cx.cap_run_end(nx + 1));
        }
        return None;
    }
}

/// "East and South China Seas", "North and South Korea": one compass word,
/// "and", and a name that starts with another; each stands for a full name.
fn coordination(cx: &mut Ctx<'_>, i: usize, last: usize) -> Option<usize> {
    if i != last || !lx::is_compass(cx.text(i)) || !cx.joined(i) || cx.text(i + 1) != "and" {
        return None;
    }
    let b0 = i + 2;
    if b0 >= cx.toks.len() || !cx.joined(i + 1) || !lx::is_compass(cx.text(b0)) {
        return None;
    }
    let b1 = build_run(cx, b0);
    if b1 == b0 {
        return None;
    }
    let rest: Vec<String> = (b0 + 1..=b1).map(|k| cx.text(k).to_string()).collect();
    let singular = |mut words: Vec<String>| {
        if let Some(w) = words.last_mut() {
            if lx::is_plural_place_head(w) {
                *w = w.trim_end_matches('s').to_string();
            }
        }
        words.join(" ")
    };
    let first = format!("{} {}", cx.text(i), singular(rest.clone()));
    let second = format!("{} {}", cx.text(b0), singular(rest));
    for (a, b, name) in [(i, i, first), (b0, b1, second)] {
        let mut c = make_cand(cx, a, b, name);
        c.end = cx.toks[b].end;
        cx.out.push(c);
    }
    Some(b1 + 1)
}

/// Turns a run into zero or more candidates: drops words that open the
/// sentence or are function words, splits off titles, splits hyphenated
/// pairs of names.
fn process_run(cx: &mut Ctx<'_>, mut first: usize, mut last: usize) {
    // Leading words that are not part of the name.
    while first <= last {
        let w = cx.text(first);
        let in_gaz = cx.gaz_at[first].is_some();
        if !in_gaz
            && (lx::is_function_word(w)
                || is_contraction(w)
                || lx::is_calendar_word(w)
                || cx.is_lower(first)
                || (cx.toks[first].initial && !cx.keeps_initial(first, last)))
        {
            first += 1;
            continue;
        }
        break;
    }
    // Trailing dates, connectors and role words ("… Council Chief").
    while first < last {
        let w = cx.text(last);
        let lw = cx.lower(last);
        // "Theresa May": a month after a given name is a surname.
        let surname = last == first + 1 && lx::is_given_name(cx.text(first));
        if (lx::is_calendar_word(w) && !surname)
            || (cx.is_lower(last) && !lx::is_place_suffix(w))
            || (lx::is_trailing_title(&lw) && cx.gaz_at[last].is_none())
        {
            last -= 1;
            continue;
        }
        break;
    }
    if first > last {
        return;
    }
    // In a heading every word is capitalised: keep only the words that are
    // names on their own evidence.
    if cx.toks[first].heading {
        // A given name and a surname or two, and nothing else: a byline or
        // a row of names ("Karin Vellstrand"), a person.
        if heading_person(cx, first, last) {
            emit(cx, first, last, [0.0; 4]);
            return;
        }
        let mut k = first;
        while k <= last {
            while k <= last && !heading_word_ok(cx, k) {
                k += 1;
            }
            let a = k;
            while k <= last && heading_word_ok(cx, k) {
                k = cx.gaz_at[k].map_or(k, |(b, _)| b.min(last)) + 1;
            }
            if a < k {
                emit(cx, a, k - 1, [0.0; 4]);
            }
        }
        return;
    }
    // Titles: "US President Barack Obama" -> "US" + person "Barack Obama".
    let mut title_at = None;
    // A word of a person's name: not a role, nor the head word of an
    // organisation's or a place's.
    let person_word = |cx: &Ctx<'_>, k: usize| {
        let w = cx.text(k);
        name_shaped(cx, k)
            && !lx::is_trailing_title(&cx.lower(k))
            && !lx::is_org_head(w)
            && !lx::is_place_head(w)
    };
    for k in first..last {
        let lw = cx.lower(k);
        // "Europe Director Dominick Chilcott": a role before a name of two
        // person-shaped words is a title too.
        let role = lx::is_trailing_title(&lw)
            && k + 2 <= last
            && (k + 1..=last).all(|j| person_word(cx, j));
        if (lx::is_strong_title(&lw) || role) && cx.gaz_at[k].is_none() && cx.is_cap(k + 1) {
            title_at = Some(k);
        }
    }
    let head_end = |cx: &Ctx<'_>| {
        let w = cx.text(last);
        lx::is_org_head(w) || lx::is_place_head(w) || lx::is_other_head(w)
    };
    let honorific = title_at.is_some_and(|k| lx::is_honorific(&cx.lower(k)));
    if !honorific
        && title_at
            .is_some_and(|k| head_end(cx) || cx.gaz_at[k + 1].is_some_and(|(b, _)| b >= last))
    {
        title_at = None;
    }
    if let Some(k) = title_at {
        let mut p = k;
        while p > first
            && (lx::is_title_modifier(&cx.lower(p - 1)) || lx::is_strong_title(&cx.lower(p - 1)))
        {
            p -= 1;
        }
        if p > first {
            emit(cx, first, p - 1, [0.0; 4]);
        }
        let before = cx.out.len();
        emit(cx, k + 1, last, [TITLE_WEIGHT, 0.0, 0.0, 0.0]);
        // "Mr Houston": a person, whatever the gazetteer says of the name.
        if honorific && cx.out.len() > before {
            if let Some(c) = cx.out.last_mut() {
                if let Some(g) = c.gaz.take() {
                    c.ev[kind_index(cx.gaz.entries[g].kind)] -= GAZ_WEIGHT;
                }
            }
        }
        return;
    }
    // "Australian Craig Mottram", "American Alan Webb": a nationality
    // adjective before a person-shaped name of two words or more says where
    // the person is from; it is no part of the name.
    if cx.gaz_at[first].is_none()
        && cx.gaz.is_nationality(cx.text(first))
        && first + 2 <= last
        && !head_end(cx)
    {
        let person_shaped = (first + 1..=last).all(|k| {
            name_shaped(cx, k)
                && !lx::is_strong_title(&cx.lower(k))
                && !cx.gaz.is_nationality(cx.text(k))
        });
        if person_shaped {
            emit(cx, first + 1, last, [0.0; 4]);
            return;
        }
    }
    // "Blairite Alan Milburn", "Treasurer Peter Costello": a word that is
    // no given name before a given name and a surname says what the person
    // is; it is no part of the name, when the article names the person
    // without it too ("Milburn said"), which "White Hart Lane" does not, or
    // when the word is a person's noun ("Boxer Ian Dunmore").
    if cx.gaz_at[first].is_none()
        && first + 2 <= last
        && cx.text(first).len() > 3
        && lx::is_given_name(cx.text(first + 1))
        && !lx::is_given_name(cx.text(first))
        && !head_end(cx)
        && (first + 1..=last).all(|k| person_word(cx, k) && !cx.text(k).ends_with('.'))
        && !lx::is_name_particle(&cx.lower(first))
        && (lx::is_person_noun(&cx.lower(first))
            || (!cx.stats.is_common(cx.text(first))
                && whole_word_count(cx.body, cx.text(last)) >= 2))
    {
        emit(cx, first + 1, last, [0.0; 4]);
        return;
    }
    // "Labour Jane Smith", "Tory Tom Jones": a party or country before a
    // person-shaped name is a name of its own.
    if let Some((b, _)) = cx.gaz_at[first] {
        let rest_is_person =
            b + 2 <= last && !head_end(cx) && (b + 1..=last).all(|k| name_shaped(cx, k));
        if rest_is_person {
            emit(cx, first, b, [0.0; 4]);
            emit(cx, b + 1, last, [0.0; 4]);
            return;
        }
    }
    // Hyphenated pairs of names: "Japan-Russia", "Moscow-Beijing".
    if first == last && cx.gaz_at[first].is_none() {
        let t = cx.toks[first];
        let w = cx.text(first);
        if w.contains(['-', '–']) {
            let w = w.to_string();
            let parts: Vec<(usize, &str)> = split_parts(&w);
            let all_names = parts.len() > 1
                && !cx.stats.is_name_tail(&w)
                && parts.iter().all(|(_, p)| {
                    p.chars().next().is_some_and(char::is_uppercase)
                        && (cx.gaz.lookup(p).is_some()
                            || cx.gaz.is_nationality(p)
                            || (cx.stats.is_namey(p) && !cx.stats.is_common(p)))
                });
            if all_names {
                for (off, p) in parts {
                    if cx.gaz.is_nationality(p) {
                        continue;
                    }
                    let start = t.start + off;
                    let c = make_cand_span(cx, start, start + p.len(), t.sentence, p.to_string());
                    cx.out.push(c);
                }
                return;
            }
        }
    }
    emit(cx, first, last, [0.0; 4]);
}

/// How often `word` stands in `body` as a whole word.
fn whole_word_count(body: &str, word: &str) -> usize {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    body.match_indices(word)
        .filter(|&(i, _)| {
            !alnum(body[..i].chars().next_back()) && !alnum(body[i + word.len()..].chars().next())
        })
        .count()
}

/// Whether word `k` is shaped like a word of a person's name: capitalised,
/// the rest in lower case, not a common word, not a gazetteer name.
fn name_shaped(cx: &Ctx<'_>, k: usize) -> bool {
    let w = cx.text(k);
    cx.gaz_at[k].is_none()
        && w.split(['-', '–']).all(|part| {
            part.chars().next().is_some_and(char::is_uppercase)
                && part.chars().skip(1).all(|c| !c.is_uppercase())
        })
        && !cx.stats.is_common(w)
}

/// Whether the run `first..=last` of a heading is a given name and one or
/// two capitalised words that are neither common nor known as anything
/// else: a person's name.
fn heading_person(cx: &Ctx<'_>, first: usize, last: usize) -> bool {
    (first + 1..=first + 2).contains(&last)
        && lx::is_given_name(cx.text(first))
        && cx.gaz_at[first].is_none()
        && (first + 1..=last).all(|k| {
            let w = cx.text(k);
            cx.gaz_at[k].is_none()
                && !all_caps(w)
                && !lx::is_org_head(w)
                && !lx::is_place_head(w)
                && !lx::is_other_head(w)
                && !lx::is_function_word_any_case(w)
                && !lx::is_calendar_word(w)
                && !cx.stats.is_common(w)
        })
}

/// A word of a heading that is a name on its own evidence.
fn heading_word_ok(cx: &Ctx<'_>, k: usize) -> bool {
    let w = cx.text(k);
    !lx::is_function_word_any_case(w)
        && (cx.gaz_at[k].is_some() || (all_caps(w) && w.len() >= 2) || cx.stats.is_namey(w))
}

fn split_parts(w: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut off = 0;
    for part in w.split(['-', '–']) {
        out.push((off, part));
        off += part.len();
        off += w[off..].chars().next().map_or(0, char::len_utf8);
    }
    out
}

/// Emits tokens `first..=last` as a candidate if they can be a name.
fn emit(cx: &mut Ctx<'_>, first: usize, last: usize, extra: Evidence) {
    if first > last {
        return;
    }
    let name = normalise_space(&cx.body[cx.toks[first].start..cx.toks[last].end]);
    let single = first == last;
    let w = cx.text(first);
    if single
        && (lx::is_function_word(w)
            || lx::is_calendar_word(w)
            || lx::is_strong_title(&cx.lower(first))
            || w.chars().count() < 2
            || lx::is_common_acronym(w))
    {
        return;
    }
    if cx.gaz.is_nationality(&name) || !cx.is_cap(first) {
        return;
    }
    // "Cabinet", "Union", "Treaty" alone: a common noun in capitals.
    if single
        && cx.gaz_at[first].is_none()
        && (lx::is_org_head(w) || lx::is_place_head(w) || lx::is_other_head(w))
    {
        return;
    }
    // "British Muslim": adjectives only.
    if !lx::is_place_suffix(cx.text(last))
        && (first..=last).all(|k| cx.gaz.is_nationality(cx.text(k)) || !cx.is_cap(k))
    {
        return;
    }
    let mut c = make_cand(cx, first, last, name);
    if c.words == 0 {
        return;
    }
    add(&mut c.ev, &extra);
    sport::mark_team(cx, first, last, &mut c);
    cx.out.push(c);
}

/// The capitalised words of a name, hyphenated parts counted apart:
/// "Robert Kilroy-Silk" has three.
pub fn word_count(name: &str) -> usize {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count()
}

/// "I'm", "We're", "They'll": a pronoun with a verb, never a name.
fn is_contraction(w: &str) -> bool {
    if !w.contains(['\'', '’']) {
        // Every suffix has an apostrophe: nothing to lower-case.
        return false;
    }
    lx::is_contraction(&w.replace('’', "'").to_lowercase())
}

/// Adds evidence `b` to `a`.
pub fn add(a: &mut Evidence, b: &Evidence) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

fn normalise_space(s: &str) -> String {
    crate::text::one_line(s).into_owned()
}

fn make_cand_span(cx: &Ctx<'_>, start: usize, end: usize, sentence: usize, name: String) -> Cand {
    let gaz = cx.gaz.lookup(&name);
    let mut ev = [0.0; 4];
    let mut city = 0.0;
    if let Some(g) = gaz {
        ev[kind_index(cx.gaz.entries[g].kind)] += GAZ_WEIGHT;
    } else if let Some(c) = cx.gaz.city(&name).filter(|_| title_or_caps(&name)) {
        // A town's name is often a person's too ("Hamilton"): weak evidence,
        // left out when the merge asks whether a surname names a person.
        city = city_weight(c.population);
        ev[PLACE] += city;
    }
    Cand {
        start,
        end,
        sentence,
        words: 1,
        acronym: all_caps(&name) && !name.chars().any(|c| c.is_ascii_digit()),
        name,
        gaz,
        ev,
        custom: None,
        weak_place: 0.0,
        city,
        side: 0.0,
        team: false,
        hint: sport::HINT_NONE,
    }
}

/// Every word of a name in title case or in capitals ("Sao Paulo",
/// "SAO PAULO"; not "BoE").
fn title_or_caps(name: &str) -> bool {
    name.split([' ', '-']).all(|w| {
        let mut c = w.chars();
        c.next().is_none_or(|f| !f.is_lowercase())
            && (c.clone().all(|x| !x.is_uppercase()) || c.all(|x| !x.is_lowercase()))
    })
}

/// What a town of `data/places.tsv` weighs as place evidence: more for a
/// large city, whose name is less often anything else.
fn city_weight(population: u32) -> f32 {
    match population {
        1_000_000.. => 2.5,
        100_000.. => 1.2,
        // A small town alone is no evidence: with "in" before it, it is.
        _ => 0.6,
    }
}

fn kind_index(k: super::Kind) -> usize {
    match k {
        super::Kind::Person => PERSON,
        super::Kind::Place => PLACE,
        super::Kind::Organization => ORG,
        super::Kind::Other => OTHER,
    }
}

/// What an ampersand between a name's words weighs as organisation
/// evidence: as much as a head word ("Marks & Spencer", "Harwell & Co").
const AMPERSAND_WEIGHT: f32 = 4.0;

/// Builds a candidate over tokens `first..=last` named `name`, with the
/// evidence of its shape and its context.
fn make_cand(cx: &Ctx<'_>, first: usize, last: usize, name: String) -> Cand {
    let t0 = cx.toks[first];
    let words: Vec<&str> = (first..=last).map(|k| cx.text(k)).collect();
    let caps = word_count(&name);
    let mut c = make_cand_span(cx, t0.start, cx.toks[last].end, t0.sentence, name);
    c.words = caps.max(1);
    c.acronym = c.acronym && first == last;
    if c.gaz.is_none() {
        // "Procter & Gamble": names joined by an ampersand name a firm.
        if (first..last).any(|k| cx.ampersand(k)) {
            c.ev[ORG] += AMPERSAND_WEIGHT;
        }
        shape_evidence(cx, &words, &mut c.ev);
        // "Russia Beyond the Headlines", "New Battleground": a phrase with
        // ordinary words in it and no head word is a title, not a name.
        let plain = words.iter().any(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && (lx::is_function_word(w) || cx.stats.is_common(w))
        });
        if words.len() >= 2 && plain && c.ev.iter().all(|&x| x == 0.0) {
            c.words = 0;
        }
    }
    context_evidence(cx, first, last, &mut c.ev, &mut c.weak_place);
    c.ev[PLACE] += c.weak_place;
    c
}

/// Pairs of candidates the text declares to name one thing.
fn declared_same(body: &str, cands: &[Cand]) -> Vec<(usize, usize)> {
    let pats = patterns();
    let is = |k: usize, text: &str| pats[k].as_ref().is_some_and(|re| re.is_match(text));
    let mut out = Vec::new();
    let pairs = (0..cands.len()).flat_map(|a| (a + 1..cands.len().min(a + 4)).map(move |b| (a, b)));
    for (a, b) in pairs {
        let (x, y) = (&cands[a], &cands[b]);
        if x.sentence != y.sentence || y.start < x.end {
            continue;
        }
        // Only the bracketed and dashed forms may reach past another name.
        if b > a + 1 && !(is(1, &body[x.end..y.start]) || is(2, &body[x.end..y.start])) {
            continue;
        }
        let between = &body[x.end..y.start];
        let after = body[y.end..].trim_start().chars().next();
        // "Eastern Economic Forum (EEF)" and "EEF (Eastern Economic Forum)"
        if between.trim() == "(" && after == Some(')') {
            let (long, short) = if y.acronym { (x, y) } else { (y, x) };
            if short.acronym && initials_fit(&short.name, &long.name) {
                out.push((a, b));
            }
            continue;
        }
        if is(0, between) {
            if matches!(after, Some(',' | ')' | '.' | ';')) || after.is_none() {
                out.push((a, b));
            }
            continue;
        }
        if is(1, between) || is(2, between) || is(3, between) {
            out.push((a, b));
        }
    }
    out
}

/// The acronym's first letter opens the long name and its letters appear
/// in order among the long name's capitals.
pub fn initials_fit(acronym: &str, long: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    let caps: Vec<char> = long.chars().filter(|c| c.is_uppercase()).collect();
    if letters.first() != caps.first() {
        return false;
    }
    let mut it = caps.iter();
    letters.iter().all(|l| it.any(|c| c == l))
}

/// The initials of a multi-word name, hyphenated parts counted: "LDP" for
/// "Liberal-Democratic Party", "METI" for "Ministry of Economy, Trade, and
/// Industry".
pub fn initials(name: &str) -> Option<String> {
    let parts: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let s: String = parts
        .iter()
        .filter_map(|p| p.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    (s.chars().count() >= 2).then_some(s)
}

/// The key of a name, as the merge compares it.
pub fn name_key(name: &str) -> String {
    key(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert!(patterns().iter().all(Option::is_some));
    }
}
