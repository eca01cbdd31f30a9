//! The mentions filter read from the search index against the filter
//! folding every row, on the articles, a generated corpus and one with
//! whitespace runs and letters whose lowercase has another length.
use super::*;
use crate::app::search::SearchIndex;
use std::path::Path;

fn analysed(dir: &Path) -> (Arc<Corpus>, Arc<Analysis>) {
    let corpus = Corpus::load(dir).unwrap();
    let analysis = Analysis::run(&corpus, &Default::default());
    (Arc::new(corpus), Arc::new(analysis))
}

/// A generated corpus whose bodies are roughened: some spaces become
/// runs of white space (tabs, line breaks, no-break and line
/// separators), some words gain a capital whose lowercase is longer,
/// shorter or non-ASCII.
fn roughened(articles: usize) -> (tempfile::TempDir, Arc<Corpus>, Arc<Analysis>) {
    let dir = tempfile::tempdir().unwrap();
    crate::generate::generate(dir.path(), articles, 5).unwrap();
    let spaces = [
        "  ",
        "\t",
        "\n",
        " \u{a0} ",
        " \r\n  ",
        "\u{2028}",
        " \u{b}\u{c}",
        "\u{2003}",
        " \u{3000}\t",
    ];
    let marks = ["\u{130}", "\u{3a3}", "\u{212a}", "\u{c9}", "\u{1e9e}", "Ǆ"];
    let mut n = 0usize;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // the front matter between the first two `+++` lines stays
        let Some((front, body)) = text
            .match_indices("+++\n")
            .nth(1)
            .map(|(at, _)| text.split_at(at + 4))
        else {
            continue;
        };
        let mut out = front.to_string();
        for (i, word) in body.split(' ').enumerate() {
            if i > 0 {
                n += 1;
                out.push_str(if n.is_multiple_of(5) {
                    spaces[n / 5 % spaces.len()]
                } else {
                    " "
                });
            }
            if n % 7 == 3 {
                out.push_str(marks[n / 7 % marks.len()]);
            }
            out.push_str(word);
        }
        std::fs::write(&path, out).unwrap();
    }
    let (corpus, analysis) = analysed(dir.path());
    (dir, corpus, analysis)
}

/// Filters worth trying on a list: fixed ones with capitals, white
/// space and non-ASCII letters, and pieces of its rows as drawn and of
/// its sentences as they stand in the bodies (runs of white space,
/// capitals, cut anywhere).
fn filters(corpus: &Corpus, analysis: &Analysis, list: &ListView) -> Vec<String> {
    let mut out: Vec<String> = [
        "s1", "s", "1", "2", "s12", "the", "e", " ", "  ", "The ", " THE", "\t", "a b", "x",
        "\u{130}", "i\u{307}", "\u{3c3}", "\u{3a3}", "k", "\u{212a}", "\u{e9}", "\u{c9}", "\u{a0}",
        "\u{2003}", "\u{df}", "ss", "ǆ", "—", " — ", "zzzz", ".", ",", "’", "\0",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    let step = (list.rows.len() / 12).max(1);
    for i in (0..list.rows.len()).step_by(step) {
        let Some(row) = list.rows.get(i) else {
            continue;
        };
        let mut texts = vec![row.text.clone()];
        if let Target::Sentence(r) = row.target {
            texts.push(sentence_str(corpus, analysis, r).to_string());
        }
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            for (from, len) in [(0, 1), (0, 6), (3, 2), (5, 9), (11, 17), (2, 40)] {
                let piece: String = chars.iter().skip(from).take(len).collect();
                out.push(piece);
            }
            // the end of the text, and the whole of it
            out.push(chars.iter().rev().take(8).rev().collect());
            out.push(text);
        }
    }
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    out
}

/// Into how many lists [`compare`] types its filters by default: a
/// spread of the lists (the folding of every one is compared), as good a
/// test of the filter as all of them in a fraction of the time — the
/// roughened corpus has over 500 lists, mostly of one sentence.
const TYPED_LISTS: usize = 24;

/// Which lists [`compare`] types its filters into.
#[derive(Debug, Clone, Copy)]
enum Typed {
    /// Every list.
    All,
    /// The three longest and others spread evenly over the entities, about
    /// this many in all.
    Spread(usize),
}

/// What [`compare`] looked at.
#[derive(Debug, Default)]
struct Compared {
    /// Lists whose folded rows were compared: every list.
    lists: usize,
    /// Lists the filters were typed into.
    typed: usize,
    /// Filters tried.
    tried: usize,
    /// Every filter tried, a NUL after each.
    filters: String,
}

/// [`compare`], on enough lists and filters to mean something.
fn compare_enough(corpus: &Arc<Corpus>, analysis: &Arc<Analysis>, typed: Typed) -> Compared {
    let c = compare(corpus, analysis, typed);
    assert!(
        c.lists > 5 && c.typed > 5 && c.tried > c.typed * 20,
        "{} lists, {} typed into, {} filters",
        c.lists,
        c.typed,
        c.tried
    );
    c
}

/// The lists to type filters into, by entity.
fn chosen(index: &MentionIndex, entities: usize, typed: Typed) -> Vec<bool> {
    let n = match typed {
        Typed::All => return vec![true; entities],
        Typed::Spread(n) => n,
    };
    let mut out = vec![false; entities];
    // the longest lists hold the most articles' headings and rows
    let mut by_length: Vec<usize> = (0..entities).collect();
    by_length.sort_by_key(|&e| std::cmp::Reverse(index.sentences(e).len()));
    for &e in by_length.iter().take(3) {
        out[e] = true;
    }
    for e in (0..entities).step_by((entities / n.max(1)).max(1)) {
        out[e] = true;
    }
    out
}

fn compare(corpus: &Arc<Corpus>, analysis: &Arc<Analysis>, typed: Typed) -> Compared {
    // sentences found in the folded bodies as the list is folded, and
    // placed ahead as the reader's worker does
    let search = Arc::new(SearchIndex::new(corpus));
    let placed = Arc::new(SearchIndex::new(corpus));
    placed.prepare_sentences(analysis);
    let index = MentionIndex::new(analysis);
    // and headings folded ahead, as the worker does
    let mut ahead = MentionIndex::new(analysis);
    ahead.prepare_headings(corpus);
    let chosen = chosen(&index, analysis.entities.len(), typed);
    let mut out = Compared::default();
    for (e, &typed_into) in chosen.iter().enumerate() {
        let old = mentions(corpus, analysis, &index, e);
        let new = mentions_with(corpus, analysis, &ahead, Some(&placed), e);
        let found = mentions_with(corpus, analysis, &index, Some(&search), e);
        let (Rows::Sentences(made), Rows::Sentences(found)) = (&new.rows, &found.rows) else {
            panic!("a mentions list makes its rows lazily");
        };
        // the same folded text, row by row, in blocks of any size
        let folded = FoldedRows::new(&old.rows);
        for indexed in [
            FoldedRows::new(&new.rows),
            made.folded_in_blocks(3),
            found.folded_in_blocks(1024),
            found.folded_in_blocks(5),
        ] {
            assert_eq!(indexed.starts.len(), folded.starts.len());
            for i in 0..old.rows.len() {
                assert_eq!(
                    String::from_utf8_lossy(indexed.row(i)),
                    String::from_utf8_lossy(folded.row(i)),
                    "{} row {i}",
                    new.title
                );
            }
            assert!(indexed.text == folded.text);
        }
        out.lists += 1;
        if !typed_into {
            continue;
        }
        out.typed += 1;
        // and the same rows shown for any filter, typed a key at a time
        let (mut a, mut b) = (old.clone(), new.clone());
        for filter in filters(corpus, analysis, &old) {
            let (mut c, mut d) = (old.clone(), new.clone());
            c.filter = filter.as_str().into();
            d.filter = filter.as_str().into();
            c.refilter();
            d.refilter();
            assert_eq!(c.visible, d.visible, "{} {filter:?}", new.title);
            for ch in filter.chars() {
                a.filter.push(ch);
                b.filter.push(ch);
                a.refilter();
                b.refilter();
                assert_eq!(a.visible, b.visible, "{} {:?}", new.title, a.filter.text());
            }
            while a.filter.text().chars().count() > 2 {
                a.filter.pop();
                b.filter.pop();
                a.refilter();
                b.refilter();
                assert_eq!(a.visible, b.visible, "{} {:?}", new.title, a.filter.text());
            }
            out.tried += 1;
            out.filters.push_str(&filter);
            out.filters.push('\0');
        }
    }
    out
}

/// The articles, and a generated corpus.
fn plain_corpora() -> Vec<(tempfile::TempDir, Arc<Corpus>, Arc<Analysis>)> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (corpus, analysis) = analysed(&content);
    let none = tempfile::tempdir().unwrap();
    let generated = tempfile::tempdir().unwrap();
    crate::generate::generate(generated.path(), 25, 3).unwrap();
    let (g_corpus, g_analysis) = analysed(generated.path());
    vec![(none, corpus, analysis), (generated, g_corpus, g_analysis)]
}

/// What the roughening puts in the bodies: runs of white space and
/// capitals whose lowercase has another length (or is not ASCII).
const ROUGH: [&str; 8] = [
    "  ", "\n", "\u{a0}", "\u{2003}", "\u{3000}", "\u{130}", "\u{212a}", "\u{1e9e}",
];

#[test]
fn the_filter_read_from_the_search_index_shows_the_rows_folding_shows() {
    for (_dir, corpus, analysis) in plain_corpora() {
        compare_enough(&corpus, &analysis, Typed::Spread(TYPED_LISTS));
    }
}

#[test]
fn the_index_filter_folds_white_space_runs_and_long_lowercase_as_folding_does() {
    let (_dir, corpus, analysis) = roughened(20);
    // the roughening is there to compare
    let bodies: String = corpus.articles.iter().map(|a| a.body.as_str()).collect();
    for s in ROUGH {
        assert!(bodies.contains(s), "{s:?}");
    }
    let c = compare_enough(&corpus, &analysis, Typed::Spread(TYPED_LISTS));
    // and the lists typed into hold all of it
    for s in ROUGH {
        assert!(c.filters.contains(s), "no filter typed holds {s:?}");
    }
}

/// Both tests above with the filters typed into every list, not a spread
/// of them: a minute or more on two cores in a debug build. Run it with
/// `cargo test --lib every_list -- --ignored` after changing the filter or
/// the folding.
#[test]
#[ignore = "slow: types every filter into every list; run with --ignored"]
fn every_list_filters_alike_typed_a_key_at_a_time_long() {
    let (dir, corpus, analysis) = roughened(20);
    let mut corpora = plain_corpora();
    corpora.push((dir, corpus, analysis));
    for (_dir, corpus, analysis) in corpora {
        let c = compare_enough(&corpus, &analysis, Typed::All);
        assert_eq!(c.lists, c.typed);
    }
}

#[test]
fn an_index_of_other_bodies_is_not_read() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (corpus, analysis) = analysed(&content);
    let index = MentionIndex::new(&analysis);
    let e = (0..analysis.entities.len())
        .max_by_key(|&e| index.sentences(e).len())
        .unwrap();
    // read at the sentences' offsets, these would give other text
    let bodies: Vec<String> = corpus
        .articles
        .iter()
        .map(|a| format!("Zq {}", a.body))
        .collect();
    let other = Arc::new(SearchIndex::from_bodies(bodies));
    let list = mentions_with(&corpus, &analysis, &index, Some(&other), e);
    let same = mentions(&corpus, &analysis, &index, e);
    let (a, b) = (FoldedRows::new(&list.rows), FoldedRows::new(&same.rows));
    assert!(a.text == b.text);
    assert_eq!(a.starts, b.starts);
}
