//! One row per real thing: joins the candidate names of every document into
//! entities. Names join when they share a key (spelling variants: "G-7" and
//! "G7", "U.S." and "US"), a gazetteer entry ("US" and "United States"), an
//! acronym and its expansion ("NPP" and "National People's Party"), a
//! declaration in the text ("X, or Y"), a nationality prefix ("Canadian
//! Arctic" and "Arctic"), a plural short form ("the Azores" and "Azores
//! Islands"); a lone surname joins the full name of a person, in its own
//! article first. Every step is linear in the number of candidates.

use super::chunk::{self, Cand, DocCands, Evidence, ORG, OTHER, PERSON, PLACE};
use super::gazetteer::{all_caps, key, Gazetteer};
use super::lexicon as lx;
use super::{Entity, EntitySettings, Extraction, Kind, Mention};
use crate::analysis::{FnvMap, FnvSet};

/// Added to a team's key, so that "Leeds" the team and "Leeds" the town are
/// two things.
const TEAM_KEY: &str = "\u{1}team";

/// Evidence below this is no evidence: the name is dropped.
const MIN_EVIDENCE: f32 = 1.0;
/// How many times as often as all other bearers of a surname together a
/// person must be named in full for a lone surname in another article to
/// be theirs.
const DOMINANT: u32 = 4;

/// Kind `other` needs at least a head word's worth of evidence.
const MIN_OTHER: f32 = 4.0;

struct Names {
    index: FnvMap<String, usize>,
    parent: Vec<usize>,
    /// Largest number of words among a name's forms.
    words: Vec<usize>,
    count: Vec<u32>,
    gaz: Vec<Option<usize>>,
    custom: Vec<Option<usize>>,
    acronym: Vec<bool>,
    /// One written form of each name.
    form: Vec<String>,
}

impl Names {
    fn new() -> Self {
        Self {
            index: FnvMap::default(),
            parent: Vec::new(),
            words: Vec::new(),
            count: Vec::new(),
            gaz: Vec::new(),
            custom: Vec::new(),
            acronym: Vec::new(),
            form: Vec::new(),
        }
    }

    fn id(&mut self, k: String, form: &str) -> usize {
        let n = self.parent.len();
        let id = *self.index.entry(k).or_insert(n);
        if id == n {
            self.parent.push(n);
            self.words.push(0);
            self.count.push(0);
            self.gaz.push(None);
            self.custom.push(None);
            self.acronym.push(false);
            self.form.push(form.to_string());
        }
        id
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins two names, unless both are bound to different custom entities
    /// or different gazetteer entries.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        if let (Some(x), Some(y)) = (self.custom[ra], self.custom[rb]) {
            if x != y {
                return;
            }
        }
        if let (Some(x), Some(y)) = (self.gaz[ra], self.gaz[rb]) {
            if x != y {
                return;
            }
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[gone] = keep;
        self.custom[keep] = self.custom[keep].or(self.custom[gone]);
        self.gaz[keep] = self.gaz[keep].or(self.gaz[gone]);
        self.words[keep] = self.words[keep].max(self.words[gone]);
        self.count[keep] += self.count[gone];
    }
}

/// The kind evidence says, if it says enough.
fn decide(ev: &Evidence) -> Option<Kind> {
    let (best, &score) = ev[..3]
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
    if ev[OTHER] >= MIN_OTHER && ev[OTHER] > score {
        return Some(Kind::Other);
    }
    if score < MIN_EVIDENCE {
        return None;
    }
    Some(match best {
        PERSON => Kind::Person,
        PLACE => Kind::Place,
        ORG => Kind::Organization,
        _ => Kind::Other,
    })
}

/// Merges every document's candidates into entities and mentions.
pub fn merge(docs: &[DocCands], settings: &EntitySettings) -> Extraction {
    let gaz = Gazetteer::get();
    let ignore: FnvSet<String> = settings.ignore.iter().map(|n| key(n)).collect();
    let mut names = Names::new();
    for (i, c) in settings.custom.iter().enumerate() {
        let id = names.id(key(&c.name), &c.name);
        names.custom[id] = Some(i);
        for a in &c.aliases {
            let other = names.id(key(a), a);
            names.custom[other] = Some(i);
            names.union(id, other);
        }
    }
    // Name of each candidate; None when ignored.
    let mut cand_name: Vec<Vec<Option<usize>>> = Vec::with_capacity(docs.len());
    let mut name_ev: Vec<Evidence> = Vec::new();
    for d in docs {
        let mut ids = Vec::with_capacity(d.cands.len());
        for c in &d.cands {
            let mut k = key(&c.name);
            // A team named after a town is a thing of its own.
            if c.team && !k.is_empty() {
                k.push_str(TEAM_KEY);
            }
            if k.is_empty() || (c.custom.is_none() && ignore.contains(&k)) {
                ids.push(None);
                continue;
            }
            let id = match c.custom {
                Some(ci) => {
                    let id = names.id(key(&settings.custom[ci].name), &settings.custom[ci].name);
                    names.custom[id] = Some(ci);
                    id
                }
                None => names.id(k, &c.name),
            };
            let r = names.find(id);
            names.words[id] = names.words[id].max(c.words);
            names.words[r] = names.words[r].max(c.words);
            names.count[id] += 1;
            if c.gaz.is_some() {
                names.gaz[id] = c.gaz;
            }
            names.acronym[id] = c.acronym;
            if name_ev.len() <= id {
                name_ev.resize(id + 1, [0.0; 4]);
            }
            chunk::add(&mut name_ev[id], &c.ev);
            ids.push(Some(id));
        }
        cand_name.push(ids);
    }
    let n = names.parent.len();
    name_ev.resize(n, [0.0; 4]);
    // Same gazetteer entry.
    let mut by_gaz: FnvMap<usize, usize> = FnvMap::default();
    for id in 0..n {
        if let Some(g) = names.gaz[id] {
            let first = *by_gaz.entry(g).or_insert(id);
            names.union(first, id);
        }
    }
    // Declared in the text.
    for (d, dc) in docs.iter().enumerate() {
        for &(a, b) in &dc.same {
            if let (Some(x), Some(y)) = (cand_name[d][a], cand_name[d][b]) {
                names.union(x, y);
            }
        }
    }
    // Acronyms and expansions; "X University" and "X"; nationality prefixes;
    // plural short forms of island groups.
    let mut by_initials: FnvMap<String, Vec<usize>> = FnvMap::default();
    for id in 0..n {
        let form = names.form[id].clone();
        if !names.acronym[id] {
            if let Some(ini) = chunk::initials(&form) {
                if ini.chars().count() >= 2 && !form.contains(['(', ')']) {
                    by_initials.entry(ini).or_default().push(id);
                }
            }
        }
    }
    for id in 0..n {
        let form = names.form[id].clone();
        if names.acronym[id] && names.gaz[id].is_none() {
            let letters: String = form.chars().filter(|c| c.is_alphabetic()).collect();
            if let Some(list) = by_initials.get(&letters) {
                // People are rarely called by their initials ("TB" is not "Tony Blair").
                let best = list
                    .iter()
                    .filter(|&&x| {
                        let e = name_ev[x];
                        e[PLACE].max(e[ORG]) > e[PERSON].max(e[OTHER])
                    })
                    .max_by_key(|&&x| names.count[x]);
                if let Some(&best) = best {
                    names.union(id, best);
                }
            }
        }
        let words: Vec<&str> = form.split_whitespace().collect();
        if words.len() == 2 && all_caps(words[0]) && lx::is_org_head(words[1]) {
            if let Some(&short) = names.index.get(&key(words[0])) {
                if names.gaz[short].is_none() {
                    names.union(id, short);
                }
            }
        }
        // "Russian Far East" and "Far East"; not "Scottish Labour Party" and
        // "Labour Party", a branch of its own.
        let org_like = words.last().is_some_and(|w| lx::is_org_head(w));
        if words.len() >= 2 && !org_like && gaz.nationality_country(words[0]).is_some() {
            let rest = words[1..].join(" ");
            if let Some(&short) = names.index.get(&key(&rest)) {
                let short_org =
                    names.gaz[short].is_some_and(|g| gaz.entries[g].kind == Kind::Organization);
                if !short_org {
                    names.union(id, short);
                }
            }
        }
        if words.len() == 1 && form.len() > 3 && form.ends_with('s') {
            let stem = &form[..form.len() - 1];
            for head in ["Islands", "Mountains", "Isles"] {
                if let Some(&long) = names.index.get(&key(&format!("{stem} {head}"))) {
                    names.union(id, long);
                }
            }
        }
    }
    // Provisional kinds per group, for the surname step.
    let mut group_ev: FnvMap<usize, Evidence> = FnvMap::default();
    for (d, dc) in docs.iter().enumerate() {
        for (j, c) in dc.cands.iter().enumerate() {
            if let Some(id) = cand_name[d][j] {
                let r = names.find(id);
                // Prepositions left out: "to X" fits people as well as places.
                let e = group_ev.entry(r).or_insert([0.0; 4]);
                chunk::add(e, &c.ev);
                e[PLACE] -= c.weak_place + c.city;
                e[ORG] -= c.side;
            }
        }
    }
    let kind_of = |r: usize, names: &Names, group_ev: &FnvMap<usize, Evidence>| -> Option<Kind> {
        if let Some(ci) = names.custom[r] {
            return Some(settings.custom[ci].kind);
        }
        group_ev.get(&r).and_then(decide)
    };
    // Surnames: last word of each multi-word person name -> its group.
    // Each surname's bearers across the corpus, with their full names'
    // mentions.
    let mut bearers: FnvMap<String, Vec<(usize, u32)>> = FnvMap::default();
    let mut assigned: Vec<Vec<Option<usize>>> = Vec::with_capacity(docs.len());
    let mut roots: Vec<Vec<Option<usize>>> = Vec::with_capacity(docs.len());
    for (d, dc) in docs.iter().enumerate() {
        let mut rs = Vec::with_capacity(dc.cands.len());
        for (j, c) in dc.cands.iter().enumerate() {
            let r = cand_name[d][j].map(|id| names.find(id));
            if let Some(r) = r {
                if c.words >= 2 && kind_of(r, &names, &group_ev) == Some(Kind::Person) {
                    for last in surnames_of(&c.name) {
                        let people = bearers.entry(last).or_default();
                        match people.iter_mut().find(|(p, _)| *p == r) {
                            Some(p) => p.1 += 1,
                            None => people.push((r, 1)),
                        }
                    }
                }
            }
            rs.push(r);
        }
        roots.push(rs);
    }
    // A lone surname elsewhere joins the one bearer, or one who is named
    // far more often than all the others together ("Tony Blair" against
    // "Cherie Blair" and "Ian Blair"); of bearers named about as often, it
    // joins none.
    let global_last: FnvMap<String, usize> = bearers
        .into_iter()
        .filter_map(|(k, people)| {
            let total: u32 = people.iter().map(|p| p.1).sum();
            let &(top, n) = people
                .iter()
                .max_by_key(|p| (p.1, std::cmp::Reverse(p.0)))?;
            (n >= DOMINANT * (total - n)).then_some((k, top))
        })
        .collect();
    for (d, dc) in docs.iter().enumerate() {
        let mut local: FnvMap<String, usize> = FnvMap::default();
        for (j, c) in dc.cands.iter().enumerate() {
            if let Some(r) = roots[d][j] {
                if c.words >= 2 && kind_of(r, &names, &group_ev) == Some(Kind::Person) {
                    for last in surnames_of(&c.name) {
                        local.entry(last).or_insert(r);
                    }
                }
            }
        }
        let mut out = Vec::with_capacity(dc.cands.len());
        for (j, c) in dc.cands.iter().enumerate() {
            let Some(r) = roots[d][j] else {
                out.push(None);
                continue;
            };
            let short = c.words <= 2
                && names.words[r] <= 2
                && names.gaz[r].is_none()
                && names.custom[r].is_none()
                && !c.acronym
                && group_ev
                    .get(&r)
                    .and_then(decide)
                    .is_none_or(|k| k == Kind::Person);
            let target = if short {
                let k = key(&c.name);
                local
                    .get(&k)
                    .copied()
                    .or_else(|| global_last.get(&k).copied())
                    .filter(|&t| t != r && names.words[t] > names.words[r])
            } else {
                None
            };
            out.push(Some(target.unwrap_or(r)));
        }
        assigned.push(out);
    }
    build(gaz, docs, &assigned, &names, settings, &ignore)
}

/// The keys a person's full name may be shortened to: its last word, and a
/// double-barrelled surname whole ("Kilroy-Silk" of "Robert Kilroy-Silk").
fn surnames_of(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = Vec::new();
    let Some(last) = words.last() else {
        return out;
    };
    if words.len() >= 2 && !last.ends_with('.') {
        out.push(key(last));
        let parts: Vec<&str> = last.split(['-', '–']).collect();
        if let [.., tail] = parts.as_slice() {
            if parts.len() >= 2 {
                out.push(key(tail));
            }
        }
    }
    out
}

fn build(
    gaz: &Gazetteer,
    docs: &[DocCands],
    assigned: &[Vec<Option<usize>>],
    names: &Names,
    settings: &EntitySettings,
    ignore: &FnvSet<String>,
) -> Extraction {
    struct Group {
        ev: Evidence,
        /// The weak parts of `ev`: a side's position, a town's name.
        side: f32,
        city: f32,
        forms: FnvMap<String, (usize, usize, u32)>,
        first: (usize, usize),
    }
    let mut groups: FnvMap<usize, Group> = FnvMap::default();
    for (d, dc) in docs.iter().enumerate() {
        for (j, c) in dc.cands.iter().enumerate() {
            let Some(r) = assigned[d][j] else { continue };
            let g = groups.entry(r).or_insert_with(|| Group {
                ev: [0.0; 4],
                side: 0.0,
                city: 0.0,
                forms: FnvMap::default(),
                first: (d, c.start),
            });
            chunk::add(&mut g.ev, &c.ev);
            g.side += c.side;
            g.city += c.city;
            let f = g
                .forms
                .entry(c.name.clone())
                .or_insert((c.words, c.name.chars().count(), 0));
            f.2 += 1;
        }
    }
    let mut order: Vec<(usize, (usize, usize))> =
        groups.iter().map(|(&r, g)| (r, g.first)).collect();
    order.sort_by_key(|&(r, first)| (first, r));
    let mut entity_of: FnvMap<usize, usize> = FnvMap::default();
    let mut entities = Vec::new();
    for g in groups.values_mut() {
        // A town's name and a side's position say least: anything else said
        // of a person ("Eidur Gudjohnsen") or an organisation outweighs them.
        if g.ev[PERSON] > 0.0 {
            g.ev[ORG] -= g.side;
            g.ev[PLACE] -= g.city;
        } else if g.ev[ORG] - g.side > 0.0 {
            g.ev[PLACE] -= g.city;
        }
    }
    for (r, _) in order {
        let g = &groups[&r];
        let (name, kind) = if let Some(ci) = names.custom[r] {
            (settings.custom[ci].name.clone(), settings.custom[ci].kind)
        } else {
            let Some(kind) = decide(&g.ev) else { continue };
            // A place the gazetteer knows goes by the gazetteer's name when
            // the corpus uses it ("New York", not one article's "New York
            // City"; "Russia", not "Russian Federation"), written as the
            // corpus writes it most; else by the fullest form.
            let gaz_key = names.gaz[r].map(|e| key(&gaz.entries[e].name));
            let listed = gaz_key.and_then(|k| {
                g.forms
                    .iter()
                    .filter(|(n, _)| key(n) == k)
                    .max_by(|a, b| a.1 .2.cmp(&b.1 .2).then_with(|| b.0.cmp(a.0)))
                    .map(|(n, _)| n.clone())
            });
            let name = listed.unwrap_or_else(|| {
                g.forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(n, _)| n.clone())
                    .unwrap_or_default()
            });
            if ignore.contains(&key(&name)) {
                continue;
            }
            (name, kind)
        };
        let mut aliases: Vec<String> = g.forms.keys().cloned().collect();
        if !aliases.contains(&name) {
            aliases.push(name.clone());
        }
        aliases.sort();
        entity_of.insert(r, entities.len());
        entities.push(Entity {
            name,
            kind,
            aliases,
        });
    }
    let mentions = docs
        .iter()
        .enumerate()
        .map(|(d, dc)| {
            let mut v: Vec<Mention> = dc
                .cands
                .iter()
                .enumerate()
                .filter_map(|(j, c): (usize, &Cand)| {
                    let e = *entity_of.get(&assigned[d][j]?)?;
                    Some(Mention {
                        entity: e,
                        sentence: c.sentence,
                        start: c.start,
                        end: c.end,
                    })
                })
                .collect();
            v.sort_by_key(|m| (m.start, m.end));
            v.dedup_by(|b, a| b.start < a.end);
            v
        })
        .collect();
    Extraction { entities, mentions }
}
