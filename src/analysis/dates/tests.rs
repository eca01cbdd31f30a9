//! Behaviour of the whole extractor, one form at a time.

use super::*;
use crate::analysis::segment;

/// Every (text, value) found in `body` for an article published at `published`.
fn run(body: &str, published: &str) -> Vec<(String, Option<String>)> {
    let sentences = segment::split(body);
    extract(body, &sentences, PartialDate::parse(published))
        .into_iter()
        .map(|d| (d.text, d.value.map(|v| v.contract())))
        .collect()
}

/// The expected list; an empty value stands for `None`.
fn want(v: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    v.iter()
        .map(|(t, x)| (t.to_string(), (!x.is_empty()).then(|| x.to_string())))
        .collect()
}

/// Asserts that `body` yields exactly one expression, `text` valued `value`.
fn one(body: &str, published: &str, text: &str, value: &str) {
    assert_eq!(run(body, published), want(&[(text, value)]), "in {body:?}");
}

#[test]
fn full_dates_in_every_common_order() {
    let p = "2016-06-01";
    one(
        "It was signed on May 17, 2016.",
        p,
        "May 17, 2016",
        "2016-05-17",
    );
    one(
        "It was signed on 17 May 2016.",
        p,
        "17 May 2016",
        "2016-05-17",
    );
    one(
        "Logged at 2016-05-17 10:15:12 by the server.",
        p,
        "2016-05-17 10:15:12",
        "2016-05-17",
    );
    one(
        "The order dated 16.05.2013 stands.",
        p,
        "16.05.2013",
        "2013-05-16",
    );
    one(
        "They met on May 15th, 2013 in Moscow.",
        p,
        "May 15th, 2013",
        "2013-05-15",
    );
    one(
        "On the 15th of May 2013 they met.",
        p,
        "the 15th of May 2013",
        "2013-05-15",
    );
    one(
        "On Tuesday, May 17, 2016 they met.",
        p,
        "Tuesday, May 17, 2016",
        "2016-05-17",
    );
    one("The form says 05/16/2013.", p, "05/16/2013", "2013-05-16");
    one(
        "Signed Sept. 2, 2015 in Paris.",
        p,
        "Sept. 2, 2015",
        "2015-09-02",
    );
}

#[test]
fn impossible_days_are_not_dates() {
    assert_eq!(run("It says 31.02.2016 on the form.", "2016"), want(&[]));
    assert_eq!(run("He said February 30 was the day.", "2016"), want(&[]));
}

#[test]
fn month_and_year() {
    let p = "2016-09";
    one(
        "He went to Moscow in April 2013.",
        p,
        "April 2013",
        "2013-04",
    );
    one(
        "The deal of April of 2013 collapsed.",
        p,
        "April of 2013",
        "2013-04",
    );
    one("Talks resumed in Sept 2015.", p, "Sept 2015", "2015-09");
    one("It happened in early 2014.", p, "early 2014", "2014");
    one("Prices rose until mid-2015.", p, "mid-2015", "2015");
    one(
        "They will decide by the end of 2017.",
        p,
        "the end of 2017",
        "2017",
    );
}

#[test]
fn month_alone_needs_a_preposition_of_time() {
    one(
        "Putin will visit Japan in December.",
        "2016-09",
        "December",
        "2016-12",
    );
    one(
        "The law has applied since March.",
        "2016-09",
        "March",
        "2016-03",
    );
    one(
        "Prices peaked in mid-June.",
        "2016-09",
        "mid-June",
        "2016-06",
    );
    one(
        "It fell in early August.",
        "2016-09",
        "early August",
        "2016-08",
    );
    // "May" the verb, the name and a month without a time preposition.
    assert_eq!(
        run("Japan may accept a partial return.", "2016-09"),
        want(&[])
    );
    assert_eq!(run("May said the plan would work.", "2016-09"), want(&[]));
    assert_eq!(run("It was seen as May's victory.", "2016-09"), want(&[]));
    assert_eq!(run("June Carter sang in the hall.", "2016-09"), want(&[]));
}

#[test]
fn day_and_month_without_a_year() {
    let p = "2016-09";
    one(
        "On September 2, Abe met Putin.",
        p,
        "September 2",
        "2016-09-02",
    );
    one(
        "He is slated to visit on December 15.",
        p,
        "December 15",
        "2016-12-15",
    );
    one(
        "The vote is on 2 September.",
        p,
        "2 September",
        "2016-09-02",
    );
    one(
        "They met on September 2nd.",
        p,
        "September 2nd",
        "2016-09-02",
    );
}

#[test]
fn years_and_numbers_that_are_not_years() {
    let p = "2016-12";
    one("The treaty was abandoned in 1945.", p, "1945", "1945");
    one("Sanctions followed in 2014.", p, "2014", "2014");
    one(
        "The 1960 Japan-US Security Treaty still binds.",
        p,
        "1960",
        "1960",
    );
    one("He reneged on a 1956 agreement.", p, "1956", "1956");
    one("Growth fell below that of 2003's boom.", p, "2003", "2003");
    one(
        "Output will stay flat until at least 2006.",
        p,
        "2006",
        "2006",
    );
    for not_years in [
        "Deals worth $2.5bn (€2.4bn) were signed.",
        "They met in the 2+2 format.",
        "A 3200 kilometre-long gas pipeline is planned.",
        "Putin returned home with 68 new commercial accords.",
        "The economy will contract by 0.8% this quarter.",
        "About 1,000 people came.",
        "Some 2000 troops were sent.",
        "It moved more than 1500 tonnes of grain.",
        "Shares fell by 1830 GMT.",
        "The machines run Windows 2000 and XP.",
        "Call 020 7946 2015 for details.",
        "It reached number 1999 in the charts.",
        "The price was US$2014 per tonne.",
    ] {
        assert_eq!(run(not_years, p), want(&[]), "{not_years}");
    }
}

#[test]
fn ranges() {
    let p = "2016-09";
    one(
        "On 29–30 April 2013, Abe visited.",
        p,
        "29–30 April 2013",
        "2013-04-29/2013-04-30",
    );
    one(
        "Their next meeting: September 2-3 in Vladivostok.",
        p,
        "September 2-3",
        "2016-09-02/2016-09-03",
    );
    one(
        "He served from 2013 to 2016.",
        p,
        "from 2013 to 2016",
        "2013/2016",
    );
    one(
        "It held between 1945 and 1956.",
        p,
        "between 1945 and 1956",
        "1945/1956",
    );
    one(
        "It ran 29 April–1 May 2013.",
        p,
        "29 April–1 May 2013",
        "2013-04-29/2013-05-01",
    );
    one("Figures for 2014/15 are out.", p, "2014/15", "2014/2015");
    one("The 1945-56 period was tense.", p, "1945-56", "1945/1956");
    one(
        "Trade rose from May to July 2015.",
        p,
        "from May to July 2015",
        "2015-05/2015-07",
    );
    one(
        "It ran from March 2014 to May 2016.",
        p,
        "from March 2014 to May 2016",
        "2014-03/2016-05",
    );
    one(
        "It will close December 30–January 2.",
        p,
        "December 30–January 2",
        "2016-12-30/2017-01-02",
    );
}

#[test]
fn decades() {
    let p = "2013-05-15";
    one("Relations improved in the 2000s.", p, "the 2000s", "200X");
    one("It collapsed in the 1990s.", p, "the 1990s", "199X");
    one("It peaked in the mid-1990s.", p, "the mid-1990s", "199X");
    one("Music of the '80s returned.", p, "the '80s", "198X");
    one(
        "He was famous in the seventies.",
        p,
        "the seventies",
        "197X",
    );
    assert_eq!(
        run("In the 1950s and '60s it grew.", p),
        want(&[("the 1950s", "195X"), ("'60s", "196X")])
    );
    // Ages, not decades.
    assert_eq!(run("Both men are in their 60s.", p), want(&[]));
    assert_eq!(run("She is in her sixties.", p), want(&[]));
}

#[test]
fn relative_expressions_against_a_day() {
    // 2016-05-18 is a Wednesday.
    let p = "2016-05-18";
    one("This year will be decisive.", p, "This year", "2016");
    one("He visited this month.", p, "this month", "2016-05");
    one("Exports fell last year.", p, "last year", "2015");
    one("They will meet next month.", p, "next month", "2016-06");
    one(
        "He said earlier this week that talks go on.",
        p,
        "earlier this week",
        "2016-05-16/2016-05-22",
    );
    one(
        "The report came out last week.",
        p,
        "last week",
        "2016-05-09/2016-05-15",
    );
    one(
        "The minister resigned yesterday.",
        p,
        "yesterday",
        "2016-05-17",
    );
    one("The minister resigns today.", p, "today", "2016-05-18");
    one("The minister spoke on Tuesday.", p, "Tuesday", "2016-05-17");
    one(
        "The minister will speak on Friday.",
        p,
        "Friday",
        "2016-05-20",
    );
    one(
        "They met last Wednesday.",
        p,
        "last Wednesday",
        "2016-05-11",
    );
    one(
        "They meet next Wednesday.",
        p,
        "next Wednesday",
        "2016-05-25",
    );
    one("It happened two years ago.", p, "two years ago", "2014");
    one(
        "It happened three days ago.",
        p,
        "three days ago",
        "2016-05-15",
    );
    one("It happened a month ago.", p, "a month ago", "2016-04");
    one(
        "He will decide by the end of the year.",
        p,
        "the end of the year",
        "2016",
    );
    one(
        "He will visit in December of this year.",
        p,
        "December of this year",
        "2016-12",
    );
    one(
        "He will visit in September this year.",
        p,
        "September this year",
        "2016-09",
    );
    one(
        "Prices rose in December last year.",
        p,
        "December last year",
        "2015-12",
    );
    one("It opened last December.", p, "last December", "2015-12");
    one("It opens next March.", p, "next March", "2017-03");
    one(
        "Just prior to this month's summit he spoke.",
        p,
        "this month",
        "2016-05",
    );
}

#[test]
fn relative_expressions_at_the_turn_of_a_month_and_year() {
    one(
        "It was signed last month.",
        "2017-01-03",
        "last month",
        "2016-12",
    );
    one(
        "They met yesterday.",
        "2017-01-01",
        "yesterday",
        "2016-12-31",
    );
    one(
        "Leap day came yesterday.",
        "2016-03-01",
        "yesterday",
        "2016-02-29",
    );
    one(
        "It was signed a month ago.",
        "2016-03-31",
        "a month ago",
        "2016-02",
    );
}

#[test]
fn month_and_year_precision_published_dates() {
    // Known to the month: day-level relatives cannot be resolved.
    assert_eq!(
        run("He resigned yesterday, this month.", "2016-09"),
        want(&[("yesterday", ""), ("this month", "2016-09")])
    );
    assert_eq!(
        run("He spoke on Tuesday.", "2016-09"),
        want(&[("Tuesday", "")])
    );
    // "today" is within the published month even when its day is unknown.
    one("Talks resume today.", "2016-09", "today", "2016-09");
    // Known to the year: the month of "this month" is unknown, the year is not.
    assert_eq!(
        run(
            "This month he left; last year he came; in December he returns.",
            "2016"
        ),
        want(&[
            ("This month", ""),
            ("last year", "2015"),
            ("December", "2016-12")
        ])
    );
}

#[test]
fn without_a_published_date_relatives_stay_unresolved() {
    assert_eq!(
        run(
            "This year is calm. It began in March 2014. In December it ended.",
            ""
        ),
        want(&[
            ("This year", ""),
            ("March 2014", "2014-03"),
            ("December", "2014-12")
        ])
    );
    assert_eq!(run("It ended in December.", ""), want(&[("December", "")]));
}

#[test]
fn year_inference_at_the_turn_of_the_year() {
    // Published in January: a past December is last year's, a future one next.
    one(
        "Prices fell sharply in December.",
        "2017-01-10",
        "December",
        "2016-12",
    );
    one(
        "Putin will visit Japan in December.",
        "2017-01-10",
        "December",
        "2017-12",
    );
    // Published in December: a future January is next year's.
    one(
        "The law will take effect in January.",
        "2016-12",
        "January",
        "2017-01",
    );
    one(
        "The law took effect in January.",
        "2016-12",
        "January",
        "2016-01",
    );
    // The same month: the day decides when both days are known.
    one("They met on May 6.", "2016-05-17", "May 6", "2016-05-06");
    one("They met on May 20.", "2016-05-17", "May 20", "2015-05-20");
    one(
        "They will meet on May 20.",
        "2016-05-17",
        "May 20",
        "2016-05-20",
    );
    one(
        "They will meet on May 6.",
        "2016-05-17",
        "May 6",
        "2017-05-06",
    );
    // With no tense, the nearest such month: three months ahead rather
    // than nine behind; nine ahead rather than three behind.
    one("A summit in December.", "2016-09", "December", "2016-12");
    one("A summit in June.", "2016-09", "June", "2016-06");
}

#[test]
fn a_month_named_again_keeps_its_year() {
    let body = "Putin will visit Japan in December of this year. \
                By inviting Putin to Japan in December, Abe took a gamble.";
    assert_eq!(
        run(body, "2016-09"),
        want(&[
            ("December of this year", "2016-12"),
            ("December", "2016-12")
        ])
    );
}

#[test]
fn a_month_written_with_a_nearby_year_fixes_later_mentions() {
    assert_eq!(
        run(
            "The summit of December 2016 was set. In December, Abe took a gamble.",
            "2016-09"
        ),
        want(&[("December 2016", "2016-12"), ("December", "2016-12")])
    );
    // A distant year does not: this December is still inferred from the tense.
    assert_eq!(
        run(
            "He returned in December 2012. In December, Abe took a gamble.",
            "2016-09"
        ),
        want(&[("December 2012", "2012-12"), ("December", "2015-12")])
    );
}

#[test]
fn durations_and_ages_are_not_dates() {
    for s in [
        "A dispute that has lasted for the last 70 years.",
        "They spoke for over three hours.",
        "This marks the 60th anniversary of the declaration.",
        "Relations improved over the last year.",
        "He has worked there for four years.",
        "The boy, 12, was unhurt.",
        "In recent months, talks stalled.",
    ] {
        assert_eq!(run(s, "2016-12"), want(&[]), "{s}");
    }
}

#[test]
fn names_are_not_weekdays_or_today() {
    for s in [
        "He told the Sunday Times it was over.",
        "Shops prepared for Black Friday sales.",
        "She writes for Russia Today.",
        "He spoke to the Mail on Sunday about it.",
    ] {
        assert_eq!(run(s, "2016-05-18"), want(&[]), "{s}");
    }
}

#[test]
fn text_leaves_out_the_leading_preposition_and_spans_point_into_the_body() {
    let body = "Talks began.\n\nIn a meeting at Sochi on May 6, Abe met Putin.";
    let sentences = segment::split(body);
    let found = extract(body, &sentences, PartialDate::parse("2016-05-17"));
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(d.text, "May 6");
    assert_eq!(&body[d.start..d.end], "May 6");
    assert_eq!(d.sentence, 1);
    assert!(sentences[d.sentence].range().contains(&d.start));
}

#[test]
fn mentions_come_in_reading_order_with_their_sentences() {
    let body = "In 2014 it began. On May 6 they met. Next month they meet again.";
    let sentences = segment::split(body);
    let found = extract(body, &sentences, PartialDate::parse("2016-05-17"));
    let got: Vec<(usize, &str)> = found
        .iter()
        .map(|d| (d.sentence, d.text.as_str()))
        .collect();
    assert_eq!(got, vec![(0, "2014"), (1, "May 6"), (2, "Next month")]);
}

#[test]
fn sort_key_orders_finer_values_first_within_the_same_start() {
    let day = TimeValue::Point(PartialDate::day(2016, 5, 1).unwrap());
    let month = TimeValue::Point(PartialDate::month(2016, 5).unwrap());
    let year = TimeValue::Point(PartialDate::year(2016));
    let decade = TimeValue::Decade(2010);
    let earlier = TimeValue::Point(PartialDate::year(2015));
    let mut v = vec![
        decade.clone(),
        year.clone(),
        earlier.clone(),
        month.clone(),
        day.clone(),
    ];
    v.sort_by_key(TimeValue::sort_key);
    assert_eq!(v, vec![decade, earlier, year, day, month]);
    assert_eq!(
        TimeValue::Point(PartialDate::month(2016, 2).unwrap()).last_day(),
        jiff::civil::date(2016, 2, 29)
    );
    let r = TimeValue::Range(
        PartialDate::day(2016, 9, 2).unwrap(),
        PartialDate::day(2016, 9, 3).unwrap(),
    );
    assert!(r.overlaps(&TimeValue::Point(PartialDate::month(2016, 9).unwrap())));
    assert!(!r.overlaps(&TimeValue::Point(PartialDate::year(2015))));
}

/// Throughput sanity (no timing): a long body made of many copies of one
/// paragraph yields the same expressions per copy, in order, with increasing
/// sentence indices, so nothing in the scan degrades or drops on long input.
#[test]
fn long_bodies_scale_linearly_in_output() {
    let paragraph = "On September 2, Abe met Putin in Vladivostok. The Soviet Union \
                     abandoned the treaty in 1945. Putin will visit in December of this \
                     year, and prices fell 0.8% last year on deals worth $2.5bn.";
    let single = run(paragraph, "2016-09");
    assert_eq!(single.len(), 4);
    let copies = 2000;
    let body = vec![paragraph; copies].join("\n\n");
    let sentences = segment::split(&body);
    let found = extract(&body, &sentences, PartialDate::parse("2016-09"));
    assert_eq!(found.len(), single.len() * copies);
    assert!(found
        .windows(2)
        .all(|w| w[0].start < w[1].start && w[0].sentence <= w[1].sentence));
    for (i, d) in found.iter().enumerate() {
        let (t, v) = &single[i % single.len()];
        assert_eq!(
            (&d.text, &d.value.as_ref().map(TimeValue::contract)),
            (t, v)
        );
    }
}

#[test]
fn anaphoric_years_count_from_the_last_year_spoken_of() {
    assert_eq!(
        run(
            "The war ended in 1945. The following year a treaty failed. \
             That year also saw riots. A year earlier, talks began.",
            "2016-09"
        ),
        want(&[
            ("1945", "1945"),
            ("The following year", "1946"),
            ("That year", "1946"),
            ("A year earlier", "1945"),
        ])
    );
    assert_eq!(
        run(
            "Talks began on March 3, 2014. The next day they stalled. \
             A month later, in April, sanctions came.",
            "2016-09"
        ),
        want(&[
            ("March 3, 2014", "2014-03-03"),
            ("The next day", "2014-03-04"),
            ("A month later", "2014-04"),
            ("April", "2016-04"),
        ])
    );
    // A month after a year-only date cannot be placed.
    assert_eq!(
        run("It began in 2014. The following month it ended.", "2016-09"),
        want(&[("2014", "2014")])
    );
    // With nothing to count from, nothing is reported.
    assert_eq!(
        run("The following year a treaty failed.", "2016-09"),
        want(&[])
    );
    assert_eq!(
        run(
            "Sales rose year-on-year; that year-on-year rise held.",
            "2016"
        ),
        want(&[])
    );
    assert_eq!(
        run("His term ends in 2018, a year later than planned.", "2016"),
        want(&[("2018", "2018")])
    );
}

/// The dates of one article of the default corpus, as (text, value).
fn article_dates(id: &str) -> Vec<(String, Option<String>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let corpus = crate::corpus::Corpus::load(&root).unwrap();
    let a = corpus.articles.iter().find(|a| a.id == id).unwrap();
    let sentences = segment::split(&a.body);
    extract(&a.body, &sentences, a.meta.published)
        .into_iter()
        .map(|d| (d.text, d.value.map(|v| v.contract())))
        .collect()
}

#[test]
fn regression_month_memory_and_future_cues_in_a_month_precision_article() {
    assert_eq!(
        article_dates("filippov-2016-all-in-on-russia"),
        want(&[
            ("the end of the year", "2016"),
            ("May 2016", "2016-05"),
            ("March 2014", "2014-03"),
            ("September 2-3", "2016-09-02/2016-09-03"),
            ("2015", "2015"),
            ("2014", "2014"),
            ("December 15", "2016-12-15"),
            ("December", "2016-12"),
        ])
    );
}

#[test]
fn regression_non_years_and_this_month_in_a_december_article() {
    assert_eq!(
        article_dates("chellaney-2016-unrequited-love"),
        want(&[
            ("This month", "2016-12"),
            ("August 1945", "1945-08"),
            ("March 2014", "2014-03"),
            ("this month", "2016-12"),
            ("2016", "2016"),
            ("1956", "1956"),
            ("this year", "2016"),
            ("1960", "1960"),
            ("2012", "2012"),
        ])
    );
}

#[test]
fn possessive_month_names_are_dates() {
    one(
        "He lost ground up to last November's election.",
        "2005-02",
        "last November",
        "2004-11",
    );
    one(
        "She came second in November's marathon in the city.",
        "2005-02",
        "November",
        "2004-11",
    );
}

#[test]
fn possessive_may_stays_a_surname() {
    assert_eq!(
        run("Critics attacked May's plan for the party.", "2018-06"),
        want(&[])
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any text: no panic, spans inside their sentence, text equal to the body slice.
    #[test]
    fn spans_are_consistent_on_any_text(
        body in "[ A-Za-z0-9.,;:'’$%+/–-]{0,40}(May|December|2016|the 1990s|last year|Tuesday| 15)[ A-Za-z0-9.,'’–-]{0,40}",
        published in proptest::option::of((1990i16..2030, 1i8..=12, 1i8..=28)),
    ) {
        let sentences = segment::split(&body);
        let published = published.and_then(|(y, m, d)| PartialDate::day(y, m, d));
        for d in extract(&body, &sentences, published) {
            proptest::prop_assert_eq!(body.get(d.start..d.end), Some(d.text.as_str()));
            let s = &sentences[d.sentence];
            proptest::prop_assert!(s.start <= d.start && d.end <= s.end);
        }
    }
}
