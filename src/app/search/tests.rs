//! The search: smart case, folding, spans in the original text, order
//! and wrapping, the typing search's early stop, and snippets.

use super::*;
use proptest::prelude::*;
use unicode_width::UnicodeWidthChar;

fn index(bodies: &[&str]) -> SearchIndex {
    SearchIndex::from_bodies(
        bodies
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
    )
}

fn spans(r: &Results) -> Vec<(usize, usize, usize)> {
    r.matches()
        .iter()
        .map(|m| (m.article, m.start, m.end))
        .collect()
}

fn no_sentences(_: usize) -> &'static [Sentence] {
    &[]
}

#[test]
fn lowercase_query_ignores_case_and_capital_query_does_not() {
    let idx = index(&["The treaty. A Treaty again.", "no TREATY here? treaty!"]);
    let r = idx.search_with("treaty", no_sentences);
    assert!(!r.case_sensitive());
    assert_eq!(
        spans(&r),
        vec![(0, 4, 10), (0, 14, 20), (1, 3, 9), (1, 16, 22)]
    );
    let r = idx.search_with("Treaty", no_sentences);
    assert!(r.case_sensitive());
    assert_eq!(spans(&r), vec![(0, 14, 20)]);
}

#[test]
fn spans_stay_in_the_original_when_lowercase_changes_lengths() {
    // 'İ' (2 bytes) lowercases to "i̇" (3 bytes); 'K' (Kelvin, 3 bytes)
    // to 'k' (1 byte): offsets after them shift in the folded copy
    let body = "İstanbul, 5 K and Kiel; İ kiel";
    let idx = index(&[body]);
    let r = idx.search_with("kiel", no_sentences);
    let found: Vec<&str> = r.matches().iter().map(|m| &body[m.start..m.end]).collect();
    assert_eq!(found, vec!["Kiel", "kiel"]);
    let r = idx.search_with("istanbul", no_sentences);
    let found: Vec<&str> = r.matches().iter().map(|m| &body[m.start..m.end]).collect();
    // "i̇stanbul" is the folded form; "istanbul" is not a substring of it
    assert!(found.is_empty());
    let r = idx.search_with("i̇stanbul", no_sentences);
    let found: Vec<&str> = r.matches().iter().map(|m| &body[m.start..m.end]).collect();
    assert_eq!(found, vec!["İstanbul"]);
    let r = idx.search_with("5 k", no_sentences);
    let found: Vec<&str> = r.matches().iter().map(|m| &body[m.start..m.end]).collect();
    assert_eq!(found, vec!["5 K"]);
}

#[test]
fn a_match_inside_an_expanded_character_covers_the_whole_character() {
    let body = "xİy";
    let idx = index(&[body]);
    let r = idx.search_with("xi", no_sentences);
    assert_eq!(spans(&r), vec![(0, 0, 3)]);
    assert_eq!(&body[0..3], "xİ");
}

#[test]
fn whitespace_in_the_query_matches_any_whitespace_run() {
    let body = "a peace\n  treaty was signed";
    let idx = index(&[body]);
    let r = idx.search_with("peace treaty", no_sentences);
    assert_eq!(spans(&r), vec![(0, 2, 16)]);
    assert_eq!(&body[2..16], "peace\n  treaty");
    let r = idx.search_with("peace   treaty", no_sentences);
    assert_eq!(r.len(), 1);
}

#[test]
fn blank_query_matches_nothing() {
    let idx = index(&["some text"]);
    assert!(idx.search_with("", no_sentences).is_empty());
    assert!(idx.search_with("   ", no_sentences).is_empty());
}

#[test]
fn matches_carry_their_sentence() {
    let body = "First one. Second with word. Third word.";
    let sentences = crate::analysis::segment::split(body);
    assert_eq!(sentences.len(), 3);
    let idx = index(&[body]);
    let r = idx.search_with("word", |_| sentences.as_slice());
    let s: Vec<usize> = r.matches().iter().map(|m| m.sentence).collect();
    assert_eq!(s, vec![1, 2]);
    let r = idx.search_with("first", |_| sentences.as_slice());
    assert_eq!(r.matches()[0].sentence, 0);
}

#[test]
fn next_and_previous_wrap_across_articles() {
    let idx = index(&["ab ab", "none", "ab"]);
    let r = idx.search_with("ab", no_sentences);
    assert_eq!(spans(&r), vec![(0, 0, 2), (0, 3, 5), (2, 0, 2)]);
    let at = |article, offset| Position { article, offset };
    assert_eq!(r.next_after(at(0, 0)), Some(1));
    assert_eq!(r.next_after(at(0, 3)), Some(2));
    assert_eq!(r.next_after(at(1, 0)), Some(2));
    assert_eq!(r.next_after(at(2, 0)), Some(0), "wraps to the first");
    assert_eq!(r.prev_before(at(2, 0)), Some(1));
    assert_eq!(r.prev_before(at(0, 3)), Some(0));
    assert_eq!(r.prev_before(at(0, 0)), Some(2), "wraps to the last");
    assert_eq!(r.at_or_after(at(0, 3)), Some(1));
    assert_eq!(r.at_or_after(at(0, 4)), Some(2));
    assert_eq!(r.at_or_after(at(2, 1)), Some(0));
    assert_eq!(r.in_article(0).len(), 2);
    assert!(r.in_article(1).is_empty());
    assert_eq!(r.in_article(2), &r.matches()[2..]);
    let empty = idx.search_with("zzz", no_sentences);
    assert_eq!(empty.next_after(at(0, 0)), None);
    assert_eq!(empty.prev_before(at(0, 0)), None);
}

#[test]
fn count_label_reads_like_a_status_line() {
    let idx = index(&["ab ab ab"]);
    let r = idx.search_with("ab", no_sentences);
    assert_eq!(r.count_label(Some(1)), "2/3");
    assert_eq!(r.count_label(None), "3 matches");
    assert_eq!(r.count_label(Some(7)), "3 matches");
    let one = idx.search_with("ab ab ab", no_sentences);
    assert_eq!(one.count_label(None), "1 match");
    assert_eq!(
        idx.search_with("x", no_sentences).count_label(None),
        "no match"
    );
}

#[test]
fn search_near_stops_early_from_the_reader_on_and_stays_in_order() {
    // 300 articles with 5 matches each; a batch holds 64 articles
    let bodies: Vec<String> = (0..300)
        .map(|i| format!("word {i} word word. word and word."))
        .collect();
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let idx = index(&refs);
    let full = idx.search_with("word", no_sentences);
    assert!(!full.is_partial());
    assert_eq!(full.len(), 1500);
    // from article 250: 50 articles to the end, then wraps to the start
    let near = idx.search_near("word", 250, 400, no_sentences);
    assert!(near.is_partial());
    assert!(near.len() >= 400 && near.len() < 1500, "{}", near.len());
    let arts: Vec<usize> = near.matches().iter().map(|m| m.article).collect();
    assert!(arts.windows(2).all(|w| w[0] <= w[1]), "corpus order");
    assert!(arts.contains(&250) && arts.contains(&299) && arts.contains(&0));
    assert!(!arts.contains(&200), "stopped before the whole corpus");
    for m in near.matches() {
        assert!(full.matches().contains(m));
    }
    assert_eq!(
        near.count_label(Some(0)),
        format!("{}+ matches", near.len())
    );
    // a limit never reached searches everything
    let all = idx.search_near("word", 250, usize::MAX, no_sentences);
    assert!(!all.is_partial());
    assert_eq!(all, full);
}

#[test]
fn matches_do_not_overlap() {
    let idx = index(&["aaaa"]);
    assert_eq!(
        spans(&idx.search_with("aa", no_sentences)),
        vec![(0, 0, 2), (0, 2, 4)]
    );
}

#[test]
fn search_uses_the_analysis_sentences() {
    let corpus = Corpus::load(std::path::Path::new("content")).unwrap();
    let analysis = Analysis::run(&corpus, &Default::default());
    let idx = SearchIndex::new(&corpus);
    let r = idx.search(&analysis, "peace treaty");
    assert!(r.len() > 3);
    for m in r.matches() {
        let body = &corpus.articles[m.article].body;
        assert!(body[m.start..m.end].eq_ignore_ascii_case("peace treaty"));
        let s = &analysis.articles[m.article].sentences[m.sentence];
        assert!(s.start <= m.start && m.start < s.end);
        let sn = snippet_for(&corpus, &analysis, m, 40);
        assert!(sn.text[sn.highlight.clone()].eq_ignore_ascii_case("peace treaty"));
        assert!(sn.text.chars().count() <= 40);
    }
}

#[test]
fn snippet_fits_the_width_and_keeps_the_match() {
    let body =
        "Intro. Abe met the president in Vladivostok for a summit meeting that lasted hours. Next.";
    let s = 7..84;
    let at = body.find("summit").unwrap();
    let sn = snippet(body, s.clone(), at..at + 6, 30);
    assert!(sn.text.chars().count() <= 30, "{:?}", sn.text);
    assert_eq!(&sn.text[sn.highlight.clone()], "summit");
    assert!(sn.text.starts_with('…'));
    assert!(sn.text.ends_with('…'));
    // wide enough: the whole sentence, no ellipsis
    let sn = snippet(body, s, at..at + 6, 200);
    assert_eq!(sn.text, body[7..84].trim_end());
    assert_eq!(&sn.text[sn.highlight], "summit");
}

#[test]
fn snippet_folds_whitespace_and_counts_wide_characters() {
    let body = "日本と\n  ロシアの平和条約について話した";
    let at = body.find("平和").unwrap();
    let sn = snippet(body, 0..body.len(), at..at + "平和".len(), 12);
    let w: usize = sn.text.chars().map(|c| c.width().unwrap_or(0)).sum();
    assert!(w <= 12, "{:?} is {w} wide", sn.text);
    assert_eq!(&sn.text[sn.highlight.clone()], "平和");
    let sn = snippet(body, 0..body.len(), 0..3, 80);
    assert_eq!(sn.text, "日本と ロシアの平和条約について話した");
}

#[test]
fn snippet_of_a_match_at_the_start_has_no_leading_ellipsis() {
    let body = "Summit talks went on for many hours without any agreement at all.";
    let sn = snippet(body, 0..body.len(), 0..6, 20);
    assert!(sn.text.starts_with("Summit"), "{:?}", sn.text);
    assert!(sn.text.ends_with('…'));
    assert_eq!(sn.text.chars().count(), 20);
}

#[test]
fn snippet_with_a_match_wider_than_the_width_shows_its_start() {
    let body = "a very long matched phrase indeed";
    let sn = snippet(body, 0..body.len(), 2..26, 10);
    assert!(sn.text.chars().count() <= 10);
    assert!(sn.text[sn.highlight.clone()].starts_with("very"));
}

fn fold(s: &str, lower: bool) -> String {
    let mut out = String::new();
    fold_into(s, lower, &mut out);
    out
}

proptest! {
    #[test]
    fn spans_are_char_boundaries_and_hold_the_query(
        body in "(\\PC|\\s|İ|ẞ|K|Σ){0,40}",
        pick in 0usize..40,
        len in 1usize..6,
        upper in any::<bool>(),
    ) {
        // a query taken from the body, maybe with its case changed
        let chars: Vec<char> = body.chars().collect();
        prop_assume!(!chars.is_empty());
        let from = pick % chars.len();
        let q: String = chars[from..(from + len).min(chars.len())].iter().collect();
        let q = if upper { q.to_uppercase() } else { q.to_lowercase() };
        let idx = index(&[&body]);
        let r = idx.search_with(&q, no_sentences);
        let lower = !has_capital(&q);
        let fq = fold(&q, lower);
        let mut last_end = 0;
        for m in r.matches() {
            prop_assert!(body.is_char_boundary(m.start) && body.is_char_boundary(m.end));
            prop_assert!(m.start < m.end && m.start >= last_end);
            last_end = m.end;
            prop_assert!(fold(&body[m.start..m.end], lower).contains(&fq),
                "{:?} does not hold {:?}", &body[m.start..m.end], fq);
        }
        // found exactly when the folded body holds the folded query
        let expected = !fq.trim().is_empty() && fold(&body, lower).contains(&fq);
        prop_assert_eq!(!r.is_empty(), expected);
    }

    #[test]
    fn snippet_never_exceeds_the_width(
        body in "(\\PC|\\s){1,60}",
        a in 0usize..80, b in 0usize..80, width in 3usize..40,
    ) {
        let (lo, hi) = (a.min(b), a.max(b));
        let sn = snippet(&body, 0..body.len(), lo..hi, width);
        let w: usize = sn.text.chars().map(|c| c.width().unwrap_or(0)).sum();
        prop_assert!(w <= width, "{:?} is {} wide (max {})", sn.text, w, width);
        prop_assert!(sn.text.is_char_boundary(sn.highlight.start));
        prop_assert!(sn.text.is_char_boundary(sn.highlight.end));
    }
}

#[test]
fn a_folded_slice_is_the_slice_folded_on_its_own() {
    // every character range of bodies with white space runs at the
    // ends and inside, and characters whose lowercase has another length
    let bodies = [
        "  Lead  and\n\ntrail \u{a0} ",
        "x\u{130}y \u{212a}elvin\t\u{3a3}\u{3a3}. \u{2003}\u{3000}End",
        "Plain text, one space.",
        "",
        "\u{1e9e}\u{c9} \n",
    ];
    let idx = index(&bodies);
    for (a, body) in bodies.iter().enumerate() {
        // every byte offset, on a character boundary or not, and past the end
        for start in 0..body.len() + 2 {
            for end in 0..body.len() + 2 {
                let want: Option<String> = body.get(start..end).map(|s| {
                    let words: Vec<String> = s
                        .split_whitespace()
                        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                        .collect();
                    words.join(" ")
                });
                let got = idx.folded_slice(a, start..end);
                assert_eq!(got, want.as_deref(), "{body:?} {start}..{end}");
            }
        }
    }
    // no such article
    assert_eq!(idx.folded_slice(9, 0..0), None);
    assert!(idx.holds(1, bodies[1]) && !idx.holds(1, bodies[0]) && !idx.holds(5, ""));
}
