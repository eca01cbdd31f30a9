//! Named entities: people, places and organisations, found in running text
//! and merged into one row per real thing across the corpus.
//!
//! No model: capitalised runs ([`chunk`]) weighed by general evidence
//! (titles, head words, cue nouns, prepositions, verbs of speech) and a
//! gazetteer ([`gazetteer`]); then one pass over the whole corpus joins the
//! names of one thing ([`merge`]): spelling variants, acronyms and their
//! expansions, surnames and full names, names the text declares equal.

pub mod chunk;
mod evidence;
pub mod gazetteer;
pub mod lexicon;
pub mod merge;
mod sport;
pub mod stats;
pub mod tokens;

use super::segment::Sentence;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chunk::{Cand, DocCands};
use gazetteer::Gazetteer;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use stats::WordStats;

/// The kind of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A named human being.
    Person,
    /// A country, city, region, island, sea.
    Place,
    /// A company, government body, party, institution, group of states.
    Organization,
    /// Anything else worth naming.
    Other,
}

impl Kind {
    /// The contract's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Place => "place",
            Self::Organization => "organization",
            Self::Other => "other",
        }
    }
}

/// One real thing, with every name the corpus uses for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name: the fullest form the corpus uses.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// Every form it appears under, the canonical one included.
    pub aliases: Vec<String>,
}

/// One mention of an entity in an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Index into the corpus-wide entity list.
    pub entity: usize,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// Byte offset in the body.
    pub start: usize,
    /// Byte offset after it.
    pub end: usize,
}

/// An entity a user declares in `config.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomEntity {
    /// Its canonical name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// Other names it goes by.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// What the user adds to and removes from the extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntitySettings {
    /// Entities to recognise whatever the rules say.
    pub custom: Vec<CustomEntity>,
    /// Names never to report.
    pub ignore: Vec<String>,
}

/// The text of one article, as entity extraction sees it.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// The body.
    pub body: &'a str,
    /// Its sentences.
    pub sentences: &'a [Sentence],
}

/// The entities of a corpus and their mentions, per article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// One row per real thing.
    pub entities: Vec<Entity>,
    /// For each article, its mentions in body order.
    pub mentions: Vec<Vec<Mention>>,
}

/// Finds the entities of every document and merges them across the corpus.
///
/// Two parallel passes over the documents (word statistics, then
/// candidates) and one linear merge; nothing is quadratic in the corpus.
pub fn extract(docs: &[Doc<'_>], settings: &EntitySettings) -> Extraction {
    let gaz = Gazetteer::get();
    // Tokenised once for both passes; the tokens are dropped before the
    // merge.
    let tokens: Vec<Vec<tokens::Token>> = docs
        .par_iter()
        .map(|d| tokens::tokenize(d.body, d.sentences))
        .collect();
    let stats = docs
        .par_iter()
        .zip(&tokens)
        .fold(WordStats::default, |mut acc, (d, toks)| {
            acc.add_doc(d.body, toks);
            acc
        })
        .reduce(WordStats::default, WordStats::merge);
    let custom = CustomMatcher::new(&settings.custom);
    let per_doc: Vec<DocCands> = docs
        .par_iter()
        .zip(tokens)
        .map(|(d, toks)| {
            let found = gaz.find_all(d.body);
            chunk::candidates(d.body, &toks, gaz, &found, &stats, custom.find(d))
        })
        .collect();
    merge::merge(&per_doc, settings)
}

/// Finds the names and aliases of user-declared entities in a text.
struct CustomMatcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the index of its custom entity.
    owner: Vec<usize>,
}

impl CustomMatcher {
    fn new(custom: &[CustomEntity]) -> Self {
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, c) in custom.iter().enumerate() {
            for n in std::iter::once(&c.name).chain(&c.aliases) {
                if !n.trim().is_empty() {
                    patterns.push(n.trim().to_string());
                    owner.push(i);
                }
            }
        }
        let automaton = (!patterns.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        Self { automaton, owner }
    }

    fn find(&self, doc: &Doc<'_>) -> Vec<Cand> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let body = doc.body;
        ac.find_iter(body)
            .filter(|m| {
                let before = body[..m.start()].chars().next_back();
                let after = body[m.end()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|m| {
                let sentence = doc
                    .sentences
                    .partition_point(|s| s.end <= m.start())
                    .min(doc.sentences.len().saturating_sub(1));
                Cand {
                    start: m.start(),
                    end: m.end(),
                    sentence,
                    name: body[m.start()..m.end()].to_string(),
                    words: 1,
                    gaz: None,
                    acronym: false,
                    ev: [0.0; 4],
                    custom: Some(self.owner[m.pattern().as_usize()]),
                    weak_place: 0.0,
                    city: 0.0,
                    side: 0.0,
                    team: false,
                    hint: 0,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment;

    fn run_with(texts: &[&str], settings: &EntitySettings) -> Extraction {
        let sentences: Vec<Vec<Sentence>> = texts.iter().map(|t| segment::split(t)).collect();
        let docs: Vec<Doc<'_>> = texts
            .iter()
            .zip(&sentences)
            .map(|(b, s)| Doc {
                body: b,
                sentences: s,
            })
            .collect();
        extract(&docs, settings)
    }

    fn run(texts: &[&str]) -> Extraction {
        run_with(texts, &EntitySettings::default())
    }

    fn entity<'a>(x: &'a Extraction, name: &str) -> Option<&'a Entity> {
        x.entities.iter().find(|e| e.name == name)
    }

    fn kind(x: &Extraction, name: &str) -> Option<Kind> {
        entity(x, name).map(|e| e.kind)
    }

    fn names(x: &Extraction) -> Vec<&str> {
        x.entities.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn names_with_connectors_stay_whole() {
        let x = run(&[
            "Officials from the Ministry of Agriculture, Forestry, and Fisheries met \
             researchers of the Institute for Fiscal Studies. She studied at the School of \
             Oriental and African Studies in London.",
        ]);
        assert_eq!(
            kind(&x, "Ministry of Agriculture, Forestry, and Fisheries"),
            Some(Kind::Organization),
            "{:?}",
            names(&x)
        );
        assert_eq!(
            kind(&x, "Institute for Fiscal Studies"),
            Some(Kind::Organization)
        );
        assert_eq!(
            kind(&x, "School of Oriental and African Studies"),
            Some(Kind::Organization)
        );
        assert_eq!(kind(&x, "London"), Some(Kind::Place));
    }

    #[test]
    fn a_list_of_countries_is_not_one_name() {
        let x = run(&["Trade grew between Peru, Chile, and Bolivia last year."]);
        for n in ["Peru", "Chile", "Bolivia"] {
            assert_eq!(kind(&x, n), Some(Kind::Place), "{n} in {:?}", names(&x));
        }
        assert_eq!(x.entities.len(), 3);
    }

    #[test]
    fn sentence_initial_words_need_evidence() {
        let x = run(&[
            "Analysts expect growth. Despite this, investors waited. Kowalczyk said \
             prices would rise. Later, reporters asked Kowalczyk again.",
        ]);
        let n = names(&x);
        assert!(
            !n.contains(&"Analysts") && !n.contains(&"Despite") && !n.contains(&"Later"),
            "{n:?}"
        );
        assert_eq!(kind(&x, "Kowalczyk"), Some(Kind::Person), "{n:?}");
    }

    #[test]
    fn a_nationality_before_a_name_is_not_part_of_it() {
        let x = run(&[
            "Carroll faces Australian Craig Mottram, and beat leading American Alan Webb \
             in Boston. Russian President Vladimir Putin toured the Russian Far East.",
        ]);
        let n = names(&x);
        assert_eq!(kind(&x, "Craig Mottram"), Some(Kind::Person), "{n:?}");
        assert_eq!(kind(&x, "Alan Webb"), Some(Kind::Person), "{n:?}");
        assert_eq!(kind(&x, "Vladimir Putin"), Some(Kind::Person), "{n:?}");
        // A gazetteer name that starts with a nationality stays whole.
        assert_eq!(kind(&x, "Russian Far East"), Some(Kind::Place), "{n:?}");
        assert!(
            !n.iter()
                .any(|e| e.starts_with("Australian") || e.starts_with("American")),
            "{n:?}"
        );
    }

    #[test]
    fn a_demonym_or_a_label_glued_before_a_name_is_not_part_of_it() {
        let x = run(&[
            "Top seed Frenchman Luc Ravel lost in Lyon. Ravel blamed the wind. \
             The vote split Centrist Hugh Dorrance from his party, and Dorrance left.",
        ]);
        let n = names(&x);
        assert_eq!(kind(&x, "Luc Ravel"), Some(Kind::Person), "{n:?}");
        assert_eq!(kind(&x, "Hugh Dorrance"), Some(Kind::Person), "{n:?}");
        assert!(
            !n.iter()
                .any(|e| e.starts_with("Frenchman") || e.starts_with("Centrist")),
            "{n:?}"
        );
    }

    #[test]
    fn a_legal_form_or_a_newspapers_head_makes_an_organisation() {
        let x = run(
            &["Shares of Halvorsen Corp. rose, Quillon Brands Inc. said. \
             Merkwood Inc. and Tallis Corp. agreed to merge, the Kita Shimbun reported."],
        );
        let n = names(&x);
        for org in [
            "Halvorsen Corp.",
            "Quillon Brands Inc.",
            "Merkwood Inc.",
            "Tallis Corp.",
            "Kita Shimbun",
        ] {
            assert_eq!(kind(&x, org), Some(Kind::Organization), "{org}: {n:?}");
        }
    }

    #[test]
    fn in_a_report_of_sport_a_town_with_city_or_county_is_a_team() {
        let x = run(&[
            "Harwick County won the league match 2-1 at home. The striker scored \
             twice and the goalkeeper of Dunmore City conceded 2 goals in the cup.",
        ]);
        let n = names(&x);
        assert_eq!(
            kind(&x, "Harwick County"),
            Some(Kind::Organization),
            "{n:?}"
        );
        assert_eq!(kind(&x, "Dunmore City"), Some(Kind::Organization), "{n:?}");
    }

    #[test]
    fn in_a_report_of_sport_the_dateline_after_a_byline_is_a_place() {
        let x = run(&[
            "Mary Stone\n\nLONDON 1996-08-30\n\nThe top seed won 6-3 6-4 in the \
             second round of the tournament. The champion beat the qualifier 6-2 7-5 on the \
             centre court and the home player lost 4-6 3-6 in the first round.",
        ]);
        let n = names(&x);
        assert_eq!(kind(&x, "LONDON"), Some(Kind::Place), "{n:?}");
    }

    #[test]
    fn a_town_and_a_plural_is_a_club_unless_a_given_name_or_a_country_opens_it() {
        let x = run(&[
            "The Minnesota Foxes beat the Los Angeles Comets on Sunday. \
             Fans of the Leeds Hornets cheered. Austin Evans and Chad Morris watched.",
        ]);
        let n = names(&x);
        for club in ["Minnesota Foxes", "Los Angeles Comets", "Leeds Hornets"] {
            assert_eq!(kind(&x, club), Some(Kind::Organization), "{club}: {n:?}");
        }
        for person in ["Austin Evans", "Chad Morris"] {
            assert_ne!(
                kind(&x, person),
                Some(Kind::Organization),
                "{person}: {n:?}"
            );
        }
    }

    #[test]
    fn a_town_with_a_clubs_word_before_or_after_it_is_a_club() {
        let x = run(&[
            "Shares in Kettering Rovers fell after a bid from a firm that owns \
             Dynamo Tampere. United Airlines flew the fans home.",
        ]);
        let n = names(&x);
        for club in ["Kettering Rovers", "Dynamo Tampere", "United Airlines"] {
            assert_eq!(kind(&x, club), Some(Kind::Organization), "{club}: {n:?}");
        }
    }

    #[test]
    fn a_noun_phrase_of_an_organisation_after_a_name_makes_it_one() {
        let regional = "The regional vote was close. ".repeat(10);
        let text = format!(
            "The Kravia news agency said the talks ended. Kravia said more would \
             follow. {regional}Members of the Regional business group met on Monday."
        );
        let x = run(&[&text]);
        let n = names(&x);
        assert_eq!(kind(&x, "Kravia"), Some(Kind::Organization), "{n:?}");
        // A word written in lower case as often is an adjective.
        assert_eq!(kind(&x, "Regional"), None, "{n:?}");
    }

    #[test]
    fn names_joined_by_an_ampersand_are_one_firm_unless_both_are_places() {
        let x = run(
            &["Shares in Harwell & Pike rose after Tandry & Co said the \
             deal with Norway & Sweden would close."],
        );
        let n = names(&x);
        for firm in ["Harwell & Pike", "Tandry & Co"] {
            assert_eq!(kind(&x, firm), Some(Kind::Organization), "{firm}: {n:?}");
        }
        assert_eq!(kind(&x, "Norway"), Some(Kind::Place), "{n:?}");
        assert_eq!(kind(&x, "Sweden"), Some(Kind::Place), "{n:?}");
    }

    #[test]
    fn of_and_a_place_after_a_firms_legal_form_say_where_it_is_from() {
        let x = run(&[
            "Cars made by Harlow Motor Corp of South Korea and engines by Vantor \
             Co of the United States were sold to Tandry Corp of Ohio on Monday, \
             the Bank of England said.",
        ]);
        let n = names(&x);
        for firm in [
            "Harlow Motor Corp",
            "Vantor Co",
            "Tandry Corp",
            "Bank of England",
        ] {
            assert_eq!(kind(&x, firm), Some(Kind::Organization), "{firm}: {n:?}");
        }
        for place in ["South Korea", "United States", "Ohio"] {
            assert_eq!(kind(&x, place), Some(Kind::Place), "{place}: {n:?}");
        }
    }

    #[test]
    fn a_legal_form_after_of_makes_one_firm_unless_a_person_or_a_title_comes_first() {
        let x = run(&[
            "Shares in Gold Mines of Carrow Ltd rose, said Lynn Ames of Tandry Corp, \
             and the Chairman of Vantor Inc agreed.",
        ]);
        let n = names(&x);
        for firm in ["Gold Mines of Carrow Ltd", "Tandry Corp", "Vantor Inc"] {
            assert_eq!(kind(&x, firm), Some(Kind::Organization), "{firm}: {n:?}");
        }
        assert_eq!(kind(&x, "Lynn Ames"), Some(Kind::Person), "{n:?}");
    }

    #[test]
    fn a_match_told_in_prose_is_a_report_of_sport_but_a_market_report_is_not() {
        let x = run(&[
            "Dorset beat Rutland by an innings and 39 runs to lead the county \
             championship. Rutland were bowled out for 83 in their first innings \
             after Dorset won the toss. The league title race is close, and the \
             cricket season ends in September.",
        ]);
        let n = names(&x);
        for side in ["Dorset", "Rutland"] {
            assert_eq!(kind(&x, side), Some(Kind::Organization), "{side}: {n:?}");
        }
        let x = run(&[
            "Shares won 5 points in Tokyo as the index beat forecasts. The index \
             ended the season high, a game of patience, said a trader. Traders in \
             Osaka saw the final round of selling.",
        ]);
        let n = names(&x);
        for town in ["Tokyo", "Osaka"] {
            assert_eq!(kind(&x, town), Some(Kind::Place), "{town}: {n:?}");
        }
    }

    #[test]
    fn a_persons_noun_opening_a_sentence_is_no_part_of_the_name() {
        let x = run(&["Boxer Oliver Dunmore was arrested. Democrat Walter Pendry spoke."]);
        let n = names(&x);
        for person in ["Oliver Dunmore", "Walter Pendry"] {
            assert_eq!(kind(&x, person), Some(Kind::Person), "{person}: {n:?}");
        }
        assert!(
            !n.iter()
                .any(|m| m.starts_with("Boxer") || m.starts_with("Democrat")),
            "{n:?}"
        );
    }

    #[test]
    fn a_country_named_like_its_adjectives_plural_is_a_place() {
        let x = run(&["Peace came to the southern Philippines on Friday."]);
        assert_eq!(
            kind(&x, "Philippines"),
            Some(Kind::Place),
            "{:?}",
            names(&x)
        );
    }

    #[test]
    fn a_word_before_a_name_named_only_once_stays_with_it() {
        // Without the surname alone elsewhere nothing says the first word is
        // no part of the name.
        let x = run(&["Fans filled Copper Paul Lane for the final."]);
        let n = names(&x);
        assert!(!n.contains(&"Paul Lane"), "{n:?}");
    }

    #[test]
    fn a_role_before_a_persons_name_is_a_title_and_consultancies_are_organisations() {
        let x = run(&[
            "Britain's Europe Director Dominick Chilcott will attend. The figures came \
             from Clearview Economics, said its chief economist Pat Lowe.",
        ]);
        let n = names(&x);
        assert_eq!(kind(&x, "Dominick Chilcott"), Some(Kind::Person), "{n:?}");
        assert_eq!(
            kind(&x, "Clearview Economics"),
            Some(Kind::Organization),
            "{n:?}"
        );
        assert!(!n.iter().any(|e| e.contains("Director")), "{n:?}");
    }

    #[test]
    fn possessives_are_cut_off() {
        let body = "Canada’s exports grew while Mexico's fell.";
        let x = run(&[body]);
        let spans: Vec<&str> = x.mentions[0]
            .iter()
            .map(|m| &body[m.start..m.end])
            .collect();
        assert_eq!(spans, ["Canada", "Mexico"]);
    }

    #[test]
    fn hyphenated_pairs_split_into_their_parts() {
        let x = run(&["The Germany-France talks and a Lisbon-Madrid rail link were discussed."]);
        let mut n = names(&x);
        n.sort_unstable();
        assert_eq!(n, ["France", "Germany", "Lisbon", "Madrid"]);
    }

    #[test]
    fn bracketed_acronyms_join_their_expansion() {
        let x = run(&[
            "The Wildlife Protection Council (WPC) warned farmers. Later the WPC said \
             its budget fell.",
        ]);
        let e = entity(&x, "Wildlife Protection Council").expect("entity");
        assert_eq!(e.kind, Kind::Organization);
        assert!(e.aliases.contains(&"WPC".to_string()));
        assert_eq!(x.entities.len(), 1, "{:?}", names(&x));
        assert_eq!(x.mentions[0].len(), 3);
    }

    #[test]
    fn acronyms_join_expansions_by_initials() {
        let x = run(&[
            "The Social-Democratic Party won the vote in Oslo.",
            "Voters backed the SDP again.",
        ]);
        let e = entity(&x, "Social-Democratic Party").expect("entity");
        assert!(e.aliases.contains(&"SDP".to_string()), "{:?}", e.aliases);
        assert_eq!(x.mentions[1].len(), 1);
        assert_eq!(x.mentions[1][0].entity, x.mentions[0][0].entity);
    }

    #[test]
    fn names_after_titles_are_people() {
        let x = run(&[
            "Chancellor Olaf Scholz spoke first. The foreign minister Baerbock arrived \
             later, and Mr. Habeck stayed home.",
        ]);
        assert_eq!(
            kind(&x, "Olaf Scholz"),
            Some(Kind::Person),
            "{:?}",
            names(&x)
        );
        assert_eq!(kind(&x, "Baerbock"), Some(Kind::Person));
        assert_eq!(kind(&x, "Habeck"), Some(Kind::Person));
        assert!(!names(&x)
            .iter()
            .any(|n| n.contains("Chancellor") || n.contains("Mr")));
    }

    #[test]
    fn titles_split_off_a_country_before_them() {
        let x = run(&["US President Joe Biden met Kenyan officials."]);
        assert_eq!(kind(&x, "Joe Biden"), Some(Kind::Person));
        assert_eq!(kind(&x, "US"), Some(Kind::Place));
        assert_eq!(x.entities.len(), 2, "{:?}", names(&x));
    }

    #[test]
    fn headings_make_no_junk() {
        let x = run(&["Markets Rally After Vote\n\nShares rose in Paris on Monday."]);
        assert_eq!(names(&x), ["Paris"]);
    }

    #[test]
    fn in_a_report_of_sport_a_name_opening_a_row_of_figures_is_a_side() {
        let x = run(&[
            "Brakemoor won the league match 2-1 at home and the striker scored twice.\n\n\
             Standings after the matches (played, won, lost, goals, points):\n\n\
             Brakemoor 3 2 1 5 6\n\nQuillfield 3 1 2 4 3\n\nTotal 6 3 3 9 9\n",
        ]);
        let n = names(&x);
        assert_eq!(kind(&x, "Quillfield"), Some(Kind::Organization), "{n:?}");
        // a word the text writes in lower case is no name
        let x = run(&[
            "Brakemoor won the league match 2-1 at home and the striker scored twice.\n\n\
             The total was 9 goals.\n\nTotal 6 3 3 9 9\n",
        ]);
        assert_eq!(kind(&x, "Total"), None, "{:?}", names(&x));
    }

    #[test]
    fn a_row_of_results_is_no_heading() {
        // Capitalised words and a time: a row of a results table, whose
        // names are names, not a title's capitals.
        let x = run(&["Results of the final:\n\n1. Karin Vellstrand (Norway) 12.71\n\n2. Sandra Okoye-Brandt (Kenya) 4:08.22\n"]);
        assert_eq!(
            kind(&x, "Karin Vellstrand"),
            Some(Kind::Person),
            "{:?}",
            names(&x)
        );
        assert_eq!(
            kind(&x, "Sandra Okoye-Brandt"),
            Some(Kind::Person),
            "{:?}",
            names(&x)
        );
        // A heading with a year is still a heading.
        let x = run(&["Markets Rally After Vote 2004\n\nShares rose in Paris on Monday."]);
        assert_eq!(names(&x), ["Paris"]);
    }

    #[test]
    fn a_heading_that_is_a_given_name_and_a_surname_is_a_person() {
        // A byline on its own line.
        let x = run(&["Karin Vellstrand\n\nShares rose in Paris on Monday."]);
        assert_eq!(
            kind(&x, "Karin Vellstrand"),
            Some(Kind::Person),
            "{:?}",
            names(&x)
        );
        // A given name before a venue's or a body's head word is no person.
        for heading in ["Grace Road", "Karin University", "Karin Islands"] {
            let x = run(&[&format!("{heading}\n\nShares rose in Paris on Monday.")]);
            assert_ne!(kind(&x, heading), Some(Kind::Person), "{heading}");
        }
    }

    #[test]
    fn nationality_adjectives_are_not_entities() {
        let x = run(&["Brazilian officials met Chilean diplomats and Soviet-era veterans."]);
        assert!(x.entities.is_empty(), "{:?}", names(&x));
    }

    #[test]
    fn surnames_join_the_full_name_across_articles() {
        let x = run(&[
            "Angela Merkel visited Warsaw. Merkel said the talks went well.",
            "Merkel returned to Berlin on Friday.",
        ]);
        let e = entity(&x, "Angela Merkel").expect("entity");
        assert_eq!(e.kind, Kind::Person);
        assert_eq!(e.aliases, ["Angela Merkel", "Merkel"]);
        let id = x.entities.iter().position(|e| e.name == "Angela Merkel");
        assert_eq!(x.mentions[1].first().map(|m| Some(m.entity)), Some(id));
    }

    #[test]
    fn spelling_variants_are_one_row() {
        let x = run(&[
            "The G-20 met in Rome while U.S. envoys waited.",
            "Leaders of the G20 and the United States agreed, and the US signed.",
        ]);
        assert_eq!(
            entity(&x, "G-20").map(|e| e.aliases.len()),
            Some(2),
            "{:?}",
            names(&x)
        );
        let us = entity(&x, "United States").expect("entity");
        assert_eq!(us.aliases, ["U.S.", "US", "United States"]);
    }

    #[test]
    fn names_the_text_declares_equal_are_one_row() {
        let x = run(&[
            "Boats reached the Varnak islands, or Eastern Shoals, at dawn. Later the \
             Eastern Shoals (known in Norway as the Varnak Islands) were calm.",
        ]);
        let e = x
            .entities
            .iter()
            .find(|e| e.aliases.contains(&"Eastern Shoals".to_string()))
            .expect("entity");
        assert!(
            e.aliases.contains(&"Varnak islands".to_string()),
            "{:?}",
            e.aliases
        );
        assert!(
            e.aliases.contains(&"Varnak Islands".to_string()),
            "{:?}",
            e.aliases
        );
        assert_eq!(e.kind, Kind::Place);
        assert_eq!(x.entities.len(), 2, "{:?}", names(&x));
    }

    #[test]
    fn kinds_come_from_context_and_head_words() {
        let x = run(&[
            "Shares of Veltrax, the carmaker, fell. She grew up in the town of Pellworth. \
             The Ardmore Institute published the study. Storms hit the Sarn Islands.",
        ]);
        assert_eq!(
            kind(&x, "Veltrax"),
            Some(Kind::Organization),
            "{:?}",
            names(&x)
        );
        assert_eq!(kind(&x, "Pellworth"), Some(Kind::Place));
        assert_eq!(kind(&x, "Ardmore Institute"), Some(Kind::Organization));
        assert_eq!(kind(&x, "Sarn Islands"), Some(Kind::Place));
    }

    #[test]
    fn coordinated_seas_name_two_places() {
        let x = run(&[
            "Tensions rose in the East and South China Seas, and between North and South Korea.",
        ]);
        let mut n = names(&x);
        n.sort_unstable();
        assert_eq!(
            n,
            [
                "East China Sea",
                "North Korea",
                "South China Sea",
                "South Korea"
            ]
        );
    }

    #[test]
    fn a_currency_prefix_is_not_a_country() {
        let x = run(&["The project cost US$40 billion."]);
        assert!(x.entities.is_empty(), "{:?}", names(&x));
    }

    #[test]
    fn custom_entities_and_ignored_names_apply() {
        let settings = EntitySettings {
            custom: vec![CustomEntity {
                name: "Blue Harbour Fund".into(),
                kind: Kind::Organization,
                aliases: vec!["BHF".into()],
            }],
            ignore: vec!["Paris".into()],
        };
        let x = run_with(&["BHF invested in Paris and Lyon."], &settings);
        assert_eq!(kind(&x, "Blue Harbour Fund"), Some(Kind::Organization));
        assert_eq!(kind(&x, "Paris"), None);
        assert_eq!(kind(&x, "Lyon"), Some(Kind::Place));
    }

    #[test]
    fn mentions_are_sorted_spans_with_their_sentence() {
        let body = "Oslo is cold. Rain fell on Oslo and Bergen.";
        let x = run(&[body]);
        let m = &x.mentions[0];
        assert!(m.windows(2).all(|w| w[0].start < w[1].start));
        let got: Vec<(&str, usize)> = m
            .iter()
            .map(|m| (&body[m.start..m.end], m.sentence))
            .collect();
        assert_eq!(got, [("Oslo", 0), ("Oslo", 1), ("Bergen", 1)]);
    }

    #[test]
    fn gaelic_surname_with_inner_capital_is_a_person() {
        let x =
            run(&["Maeve O'Hara will defend her title in the city race. O'Hara won it before."]);
        assert_eq!(
            kind(&x, "Maeve O'Hara"),
            Some(Kind::Person),
            "{:?}",
            names(&x)
        );
    }

    #[test]
    fn household_company_names_are_organizations_not_persons() {
        let x = run(&[
            "Shares rose after rival Google reported results. During the quarter, Yahoo earned more. Sony is entering the market.",
        ]);
        for n in ["Google", "Yahoo", "Sony"] {
            assert_eq!(
                kind(&x, n),
                Some(Kind::Organization),
                "{n}: {:?}",
                names(&x)
            );
        }
    }
}
