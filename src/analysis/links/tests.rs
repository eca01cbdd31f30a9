//! End-to-end tests of the link stage: small corpora in, links out.

use super::*;
use crate::analysis::entities::{Entity, Kind, Mention};
use crate::analysis::segment;

fn docs(bodies: &[String]) -> (Vec<Vec<segment::Sentence>>, Vec<String>) {
    (
        bodies.iter().map(|b| segment::split(b)).collect(),
        bodies.to_vec(),
    )
}

fn run(bodies: &[String], settings: &LinkSettings) -> Vec<Link> {
    let (sentences, bodies) = docs(bodies);
    let link_docs: Vec<LinkDoc<'_>> = bodies
        .iter()
        .zip(&sentences)
        .map(|(body, sentences)| LinkDoc {
            body,
            sentences,
            mentions: &[],
            dates: &[],
            published: PartialDate::parse("2019-06"),
        })
        .collect();
    link(&link_docs, &[], settings)
}

/// Three articles: one shared specific fact, much shared background.
fn corpus() -> Vec<String> {
    let filler = |k: usize| {
        (0..12)
            .map(|i| format!("Japan and Russia talked about topic{k}x{i} again."))
            .collect::<Vec<_>>()
            .join(" ")
    };
    vec![
        format!(
            "The flood destroyed the Kellerman bridge on March 3, 2019. {} Japan and Russia held talks.",
            filler(0)
        ),
        format!(
            "{} Officials said the flood destroyed the Kellerman bridge on March 3, 2019. Japan and Russia met.",
            filler(1)
        ),
        filler(2),
    ]
}

#[test]
fn links_the_shared_fact_and_explains_it() {
    let links = run(&corpus(), &LinkSettings::default());
    let l = links
        .iter()
        .find(|l| {
            l.a == SentenceRef {
                article: 0,
                sentence: 0,
            }
        })
        .expect("the bridge sentence is linked");
    assert_eq!(
        l.b,
        SentenceRef {
            article: 1,
            sentence: 12
        }
    );
    assert_eq!(l.relation, Relation::Agrees);
    assert!(l.why.contains("March 3, 2019"), "{}", l.why);
    assert!(l.why.contains("Kellerman"), "{}", l.why);
    assert!((0.0..=1.0).contains(&l.score));
}

#[test]
fn two_common_names_alone_do_not_link() {
    let links = run(&corpus(), &LinkSettings::default());
    let held = SentenceRef {
        article: 0,
        sentence: 13,
    };
    assert!(
        links.iter().all(|l| l.a != held && l.b != held),
        "{links:?}"
    );
}

#[test]
fn links_are_ordered_across_articles_and_capped_per_sentence() {
    let settings = LinkSettings {
        threshold: 0.0,
        max_per_sentence: 2,
        per_article: 2,
    };
    let links = run(&corpus(), &settings);
    assert!(!links.is_empty());
    // Each sentence links to at most two other articles, and to at most
    // `per_article` sentences of each.
    let mut per: std::collections::HashMap<(SentenceRef, usize), u8> = Default::default();
    for l in &links {
        assert!(l.a.article < l.b.article);
        *per.entry((l.a, l.b.article)).or_default() += 1;
        *per.entry((l.b, l.a.article)).or_default() += 1;
    }
    assert!(per.values().all(|&n| n <= settings.per_article));
    let mut articles: std::collections::HashMap<SentenceRef, usize> = Default::default();
    for (s, _) in per.keys() {
        *articles.entry(*s).or_default() += 1;
    }
    assert!(articles.values().all(|&n| n <= 2));
    let mut sorted = links.clone();
    sorted.sort_by_key(|l| (l.a, l.b));
    assert_eq!(sorted, links);
    assert_eq!(run(&corpus(), &settings), links, "deterministic");
}

/// Links computed with the given names marked as entity mentions, as the
/// entity pass would.
fn run_with_names(bodies: &[String], names: &[&str], settings: &LinkSettings) -> Vec<Link> {
    let places: Vec<(&str, Kind)> = names.iter().map(|&n| (n, Kind::Place)).collect();
    run_with_entities(bodies, &places, settings)
}

/// [`run_with_names`], each name with its kind.
fn run_with_entities(
    bodies: &[String],
    names: &[(&str, Kind)],
    settings: &LinkSettings,
) -> Vec<Link> {
    with_entities(bodies, names, |docs, entities| {
        link(docs, entities, settings)
    })
}

/// Calls `f` with the documents of `bodies`, each name a mention of the
/// entity of its kind wherever it is written.
fn with_entities<R>(
    bodies: &[String],
    names: &[(&str, Kind)],
    f: impl FnOnce(&[LinkDoc<'_>], &[Entity]) -> R,
) -> R {
    let (sentences, bodies) = docs(bodies);
    let mentions: Vec<Vec<Mention>> = bodies
        .iter()
        .zip(&sentences)
        .map(|(body, sentences)| {
            let mut out = Vec::new();
            for (entity, (name, _)) in names.iter().enumerate() {
                for (start, _) in body.match_indices(name) {
                    let sentence = sentences
                        .iter()
                        .position(|s| s.start <= start && start < s.end)
                        .unwrap_or(0);
                    let end = start + name.len();
                    out.push(Mention {
                        entity,
                        sentence,
                        start,
                        end,
                    });
                }
            }
            out
        })
        .collect();
    let entities: Vec<Entity> = names
        .iter()
        .map(|&(name, kind)| Entity {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
        })
        .collect();
    let link_docs: Vec<LinkDoc<'_>> = bodies
        .iter()
        .zip(&sentences)
        .zip(&mentions)
        .map(|((body, sentences), mentions)| LinkDoc {
            body,
            sentences,
            mentions,
            dates: &[],
            published: PartialDate::parse("2019-06"),
        })
        .collect();
    f(&link_docs, &entities)
}

/// Two articles of background in which a minister named Vik is
/// everywhere, each closed by one sentence: the link between those two.
fn journey_link(last: [&str; 2]) -> Option<Link> {
    let background = |k: usize| {
        (0..10)
            .map(|i| format!("Vik discussed item{k}x{i} and item{k}y{i} in Osaka."))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let bodies: Vec<String> = last
        .iter()
        .enumerate()
        .map(|(k, s)| format!("{} {s}", background(k)))
        .collect();
    let names = [
        ("Vik", Kind::Person),
        ("Berg", Kind::Person),
        ("Japan", Kind::Place),
        ("Osaka", Kind::Place),
        ("Canada", Kind::Place),
    ];
    run_with_entities(&bodies, &names, &LinkSettings::default())
        .into_iter()
        .find(|l| l.a.sentence == 10 && l.b.sentence == 10)
}

#[test]
fn reports_of_one_journey_link_in_other_words() {
    // Nothing but the minister and the journey in common: "travel to
    // Japan" and "host him in Osaka", a city of Japan.
    let l = journey_link([
        "Vik will travel to Japan next spring.",
        "Officials said they would host Vik in Osaka.",
    ])
    .expect("one journey, told twice");
    assert_eq!(l.relation, Relation::Agrees);
    assert!(l.why.starts_with("Vik → Japan"), "{}", l.why);
}

#[test]
fn journeys_sharing_only_a_traveller_or_a_place_are_different_journeys() {
    assert_eq!(
        journey_link([
            "Vik will travel to Canada next spring.",
            "Officials said they would host Vik in Osaka.",
        ]),
        None,
        "one traveller, two destinations"
    );
    assert_eq!(
        journey_link([
            "Berg will travel to Osaka next spring.",
            "Officials said they would host Vik in Osaka.",
        ]),
        None,
        "two travellers, one destination"
    );
}

#[test]
fn a_denied_journey_differs_from_one_reported_done_not_from_a_plan() {
    let l = journey_link([
        "Vik has never visited Japan in his career.",
        "Officials said they hosted Vik in Osaka last year.",
    ])
    .expect("a denial and a report of one journey");
    assert_eq!(l.relation, Relation::Differs);
    assert!(
        l.why.starts_with("“never visited” vs “hosted”"),
        "{}",
        l.why
    );
    let l = journey_link([
        "Officials said they hosted Vik in Osaka last year.",
        "Vik has never visited Japan in his career.",
    ])
    .expect("either way round");
    assert!(
        l.why.starts_with("“hosted” vs “never visited”"),
        "{}",
        l.why
    );
    // A journey planned is no contradiction of one never made.
    let plan = journey_link([
        "Vik has never visited Japan in his career.",
        "Officials said Vik will visit Osaka next year.",
    ]);
    assert!(
        plan.as_ref()
            .is_none_or(|l| l.relation != Relation::Differs),
        "{plan:?}"
    );
}

#[test]
fn one_journey_on_one_day_in_two_places_differs() {
    let l = journey_link([
        "Vik travelled to Canada on May 5, 2019.",
        "Officials said they hosted Vik in Osaka on May 5, 2019.",
    ])
    .expect("one journey, placed twice");
    assert_eq!(l.relation, Relation::Differs);
    assert!(l.why.starts_with("Canada vs Osaka"), "{}", l.why);
    // Days apart, they are two journeys: no disagreement.
    let two = journey_link([
        "Vik travelled to Canada on May 5, 2019.",
        "Officials said they hosted Vik in Osaka on June 9, 2019.",
    ]);
    assert!(
        two.as_ref().is_none_or(|l| l.relation != Relation::Differs),
        "{two:?}"
    );
}

#[test]
fn one_journey_in_two_years_is_two_journeys() {
    assert!(journey_link([
        "Vik will travel to Japan in May 2019.",
        "Officials said they would host Vik in Osaka in 2019.",
    ])
    .is_some());
    assert_eq!(
        journey_link([
            "Vik travelled to Japan in May 2019.",
            "Officials said they hosted Vik in Osaka in 2011.",
        ]),
        None
    );
}

/// Background sentences, half of them naming Norway: a name that common
/// weighs little on its own.
fn background(k: usize) -> String {
    (0..10)
        .map(|i| {
            let place = if i % 2 == 0 { "Norway" } else { "Oslo" };
            format!("Officials in {place} discussed item{k}x{i} and item{k}y{i}.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The link between the last sentences (after the background) of two
/// articles naming Norway, if any.
fn last_sentences_link(bodies: &[String]) -> Option<Link> {
    run_with_names(bodies, &["Norway"], &LinkSettings::default())
        .into_iter()
        .find(|l| l.a.sentence == 10 && l.b.sentence == 10)
}

#[test]
fn close_amounts_naming_one_entity_link_and_differ() {
    let bodies = vec![
        format!(
            "{} The border question with Norway has been pending for about 60 years now.",
            background(0)
        ),
        format!(
            "{} Leaders hope to settle the border question with Norway, pending for the last 70 years.",
            background(1)
        ),
    ];
    let l = last_sentences_link(&bodies).expect("the two durations are linked");
    assert_eq!(l.relation, Relation::Differs);
    assert!(l.why.starts_with("about 60 years vs 70 years"), "{}", l.why);
    // Amounts far apart are two quantities: whatever links the pair, it
    // is no disagreement.
    let far = vec![
        bodies[0].clone(),
        bodies[1].replace("70 years", "300 years"),
    ];
    let l = last_sentences_link(&far);
    assert!(
        l.as_ref().is_none_or(|l| l.relation != Relation::Differs),
        "{l:?}"
    );
}

#[test]
fn an_amount_after_an_opening_it_is_of_what_the_sentence_before_named() {
    let bodies = vec![
        format!(
            "{} Halvard sold its drilling arm Vestra in Norway to pay a tax bill. \
             It was bought for $9.4bn by a little-known fund, which was then bought by Korvo.",
            background(0)
        ),
        format!(
            "{} Korvo bought it for $9.3bn after the Norway auction.",
            background(1)
        ),
    ];
    let names = [
        ("Norway", Kind::Place),
        ("Halvard", Kind::Organization),
        ("Vestra", Kind::Organization),
        ("Korvo", Kind::Organization),
    ];
    let links = run_with_entities(&bodies, &names, &LinkSettings::default());
    let l = links
        .iter()
        .find(|l| l.a.sentence == 11 && l.b.sentence == 10)
        .expect("the two prices of the sale are linked");
    // "It" is Vestra, which Korvo bought: one sale, two prices.
    assert_eq!(l.relation, Relation::Differs, "{}", l.why);
    assert!(l.why.starts_with("$9.4bn vs $9.3bn"), "{}", l.why);
    // Without the sentence that names what "it" is, the amount is no one's
    // and may be of another sale.
    let alone = vec![
        bodies[0].replace(
            "Halvard sold its drilling arm Vestra in Norway to pay a tax bill. ",
            "",
        ),
        bodies[1].clone(),
    ];
    let links = run_with_entities(&alone, &names, &LinkSettings::default());
    assert!(
        links.iter().all(|l| l.relation != Relation::Differs),
        "{links:?}"
    );
}

#[test]
fn the_economy_is_the_economy_of_the_place_its_article_names_most() {
    let bodies = vec![
        format!(
            "{} The economy grew at an annual rate of 3.7% in the third quarter, the statistics office said.",
            background(0)
        ),
        format!(
            "{} Norway's economy grew at an annual rate of 3.9% in the third quarter.",
            background(1)
        ),
    ];
    let names = [("Norway", Kind::Place), ("Sweden", Kind::Place)];
    let differs = |bodies: &[String]| {
        run_with_entities(bodies, &names, &LinkSettings::default())
            .into_iter()
            .find(|l| l.relation == Relation::Differs)
    };
    let l = differs(&bodies).expect("one economy, one quarter, two rates");
    assert!(l.why.starts_with("3.7% vs 3.9%"), "{}", l.why);
    // An article about Sweden speaks of Sweden's economy.
    let swedish = vec![bodies[0].replace("Norway", "Sweden"), bodies[1].clone()];
    assert_eq!(differs(&swedish), None);
}

#[test]
fn one_entity_at_one_date_links_and_its_name_is_said_once() {
    let bodies = vec![
        format!(
            "{} Norway ratified the fisheries accord on 4 May 2019.",
            background(0)
        ),
        format!(
            "{} Ministers in Norway celebrated on 4 May 2019 with a parade.",
            background(1)
        ),
    ];
    let l = last_sentences_link(&bodies).expect("one entity, one day: linked");
    assert_eq!(l.relation, Relation::Agrees);
    assert_eq!(l.why, "4 May 2019 · Norway");
    // Months apart, the same entity is two events.
    let apart = vec![bodies[0].clone(), bodies[1].replace("4 May", "4 September")];
    assert_eq!(last_sentences_link(&apart), None);
}

#[test]
fn a_claim_reported_by_three_articles_is_closed_into_a_triangle() {
    // Each pair shares a different part of the claim; the pair of the
    // first and third articles shares only a little, and is linked
    // directly or, below the threshold, because both are linked to the
    // second.
    let bodies = vec![
        format!("{} The Kellerman bridge collapsed after the spring flood.", background(0)),
        format!(
            "{} Engineers said the Kellerman bridge collapsed when the spring flood peaked at the weir.",
            background(1)
        ),
        format!("{} The flood peaked at the weir near the bridge.", background(2)),
    ];
    let settings = LinkSettings::default();
    let links = run(&bodies, &settings);
    let pair = |a: usize, b: usize| {
        links
            .iter()
            .find(|l| l.a.article == a && l.b.article == b && l.a.sentence == 10)
    };
    assert!(pair(0, 1).is_some() && pair(1, 2).is_some(), "{links:?}");
    let closed = pair(0, 2).expect("closed over the shared neighbour");
    assert!(closed.score >= settings.threshold * CLOSURE, "{closed:?}");
}

#[test]
fn one_article_has_nothing_to_link() {
    let settings = LinkSettings {
        threshold: 0.0,
        max_per_sentence: 5,
        ..LinkSettings::default()
    };
    let one = corpus();
    // The same text twice links; once, alone, it cannot.
    assert!(!run(&[one[0].clone(), one[0].clone()], &settings).is_empty());
    assert!(run(&one[..1], &settings).is_empty());
}

#[test]
fn one_shared_word_alone_is_no_link() {
    // Two articles of one story (their backgrounds share the question),
    // closed by sentences that share one rare word and nothing else.
    let bodies = vec![
        format!(
            "{} The committee later sent an apology to the residents.",
            background(0)
        ),
        format!(
            "{} Nobody expected an apology from the visiting coach.",
            background(1)
        ),
    ];
    assert_eq!(last_sentences_link(&bodies), None);
    // Sharing what was apologised for, and to whom, they link.
    let bodies = vec![
        bodies[0].clone(),
        format!(
            "{} The committee sent residents an apology for the flooding.",
            background(1)
        ),
    ];
    assert!(last_sentences_link(&bodies).is_some());
}

/// Old links and an added article's together keep the caps: the best
/// first, at most `max_per_sentence` other articles per sentence and
/// `per_article` sentences of each.
#[test]
fn merged_links_keep_the_caps_best_first() {
    let at = |article, sentence| SentenceRef { article, sentence };
    let link = |a, b, score| Link {
        a,
        b,
        score,
        relation: Relation::Related,
        why: String::new(),
    };
    let settings = LinkSettings {
        threshold: 0.3,
        max_per_sentence: 2,
        per_article: 3,
    };
    let one = at(0, 0);
    let links = vec![
        link(one, at(1, 0), 0.5),
        link(one, at(2, 0), 0.9),
        link(one, at(3, 0), 0.7),
        link(one, at(2, 1), 0.8),
        link(one, at(2, 2), 0.6),
        link(one, at(2, 3), 0.95),
        link(at(1, 4), at(3, 1), 0.4),
    ];
    let kept: Vec<(SentenceRef, SentenceRef)> =
        merge(links, &settings).iter().map(|l| (l.a, l.b)).collect();
    // two articles for sentence 0:0 (2 and 3, its best), the best three
    // sentences of article 2; the link of two other sentences is kept
    assert_eq!(
        kept,
        vec![
            (one, at(2, 0)),
            (one, at(2, 1)),
            (one, at(2, 3)),
            (one, at(3, 0)),
            (at(1, 4), at(3, 1)),
        ]
    );
}

/// Two fires in two towns, each told by two sources: the reports of one
/// fire say it in other words, the two fires in the same words.
fn two_fires() -> (Vec<String>, Vec<(&'static str, Kind)>) {
    let bodies = [
        "A fire destroyed the Hollins timber warehouse in Brackwell on Tuesday night. \
         Fire chief Maria Oduya said forty firefighters fought the blaze for six hours. \
         Nobody was hurt, and the cause of the fire is not yet known.",
        "Forty firefighters spent six hours fighting a blaze at the Hollins warehouse in Brackwell. \
         The timber store was destroyed, said fire chief Maria Oduya. \
         Investigators from Brackwell will look into the cause.",
        "A fire destroyed the Pellow furniture warehouse in Dunmoor on Tuesday night. \
         Fire chief Tom Reyes said forty firefighters fought the blaze for six hours. \
         Nobody was hurt, and the cause of the fire is not yet known.",
        "The Pellow furniture warehouse in Dunmoor burned down overnight, fire chief Tom Reyes said. \
         Forty firefighters fought the blaze for six hours before it was under control. \
         Dunmoor police are asking for witnesses.",
    ];
    let names = vec![
        ("Brackwell", Kind::Place),
        ("Dunmoor", Kind::Place),
        ("Maria Oduya", Kind::Person),
        ("Tom Reyes", Kind::Person),
        ("Hollins", Kind::Organization),
        ("Pellow", Kind::Organization),
    ];
    (bodies.iter().map(ToString::to_string).collect(), names)
}

#[test]
fn two_fires_in_two_towns_do_not_link_and_each_fire_does() {
    let (bodies, names) = two_fires();
    let links = run_with_entities(&bodies, &names, &LinkSettings::default());
    let story = |article: usize| article / 2;
    assert!(
        links
            .iter()
            .all(|l| story(l.a.article) == story(l.b.article)),
        "{links:#?}"
    );
    // Each fire's two reports link, in other words.
    for s in 0..2 {
        assert!(
            links
                .iter()
                .any(|l| story(l.a.article) == s && l.a.article != l.b.article),
            "story {s}: {links:#?}"
        );
    }
    // Read alone, the two first reports link: what tells the two fires
    // apart is what the other report of each names.
    let pair = [bodies[0].clone(), bodies[2].clone()];
    assert!(!run_with_entities(&pair, &names, &LinkSettings::default()).is_empty());
}

#[test]
fn articles_are_grouped_by_the_story_their_names_tell() {
    let (bodies, names) = two_fires();
    with_entities(&bodies, &names, |docs, entities| {
        let (_, vocab) = claims(docs, entities, None);
        let stories = &vocab.stories;
        assert_eq!(stories.told(), 2);
        assert!(!stories.apart(0, 1) && !stories.apart(2, 3));
        assert!(stories.apart(0, 2) && stories.apart(1, 3) && stories.apart(0, 3));
    });
    // One story told by two sources, and a third article of another kind
    // that names none of it: one story, and the odd article apart from none.
    let mut three = bodies[..2].to_vec();
    three.push(
        "The council approved a new budget for the town library on Monday. \
         Readers will get longer opening hours next year."
            .to_string(),
    );
    with_entities(&three, &names, |docs, entities| {
        let (_, vocab) = claims(docs, entities, None);
        assert_eq!(vocab.stories.told(), 1);
        assert!(!vocab.stories.apart(0, 1));
        assert!(!vocab.stories.apart(0, 2) && !vocab.stories.apart(1, 2));
    });
}

/// Opposite sides taken in two articles of two different stories (a tennis
/// report and a piece on gaming) are on two things that share a word.
#[test]
fn sides_taken_in_two_unlike_articles_are_no_link() {
    let tennis = "Two players both pulled out of tournaments last week through injury. \
                  The coach said the pair would be fit for the clay season in April. \
                  Their rankings fell after a poor run of results on hard courts.";
    let gaming = "Gamers are getting a chance to take part in tournaments with big prizes. \
                  The consoles were sold out before the holiday sales began in shops. \
                  Developers said the new graphics chips cost more than before.";
    let settings = LinkSettings {
        threshold: 0.3,
        ..LinkSettings::default()
    };
    let links = run(&[tennis.to_string(), gaming.to_string()], &settings);
    assert!(links.is_empty(), "{links:?}");
    // in one story, the same two sides are a disagreement worth a link
    let report = "Gamers in the league pulled out of tournaments last week in protest. \
                  The league said the protest would end before the finals in April. \
                  Sponsors said the prizes of the finals were paid before.";
    let links = run(&[report.to_string(), gaming.to_string()], &settings);
    assert!(
        links
            .iter()
            .any(|l| l.a.sentence == 0 && l.b.sentence == 0 && l.relation == Relation::Differs),
        "{links:?}"
    );
}
