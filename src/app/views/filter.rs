//! The filter of a list: the text typed after `/` narrows the rows to
//! those holding it, ignoring case, one SIMD scan over every row folded
//! into one text; a filter that grows by a key looks only at the rows the
//! shorter one kept. Help and the palette filter fuzzily instead.

use super::fold::push_folded;
use super::rows::Rows;
use super::{ListKind, ListView, Row, RowKind};
use crate::app::palette;

/// Every row's columns lowercased into one text, as the filter matches
/// them: a NUL between columns and a newline after each row, which no
/// typed filter contains, so a match never spans two columns or rows. One
/// text lets one SIMD scan find the matching rows of a long list.
#[derive(Debug, Default)]
pub(super) struct FoldedRows {
    /// UTF-8, kept as bytes: a list read from the search index is copied
    /// into it on both cores, piece by piece.
    pub(super) text: Vec<u8>,
    /// Where each row starts, and the text's end.
    pub(super) starts: Vec<usize>,
    /// Per row, a bit for each ASCII byte it holds and the top bit for any
    /// other: a row lacking one of a needle's bytes cannot hold the needle,
    /// and for a needle of one ASCII byte the bit is the answer. Made for
    /// built rows (the timeline), whose folding is prepared off the reader's
    /// thread; rows copied from the search index on the first key (an
    /// entity's mentions) go without, a second pass over them costing that
    /// key more than the masks save it.
    pub(super) masks: Option<Vec<u128>>,
}

/// The [`FoldedRows::masks`] bit of a byte.
pub(super) fn mask_bit(b: u8) -> u128 {
    1 << b.min(127)
}

/// The [`FoldedRows::masks`] bits a row must have to hold `needle`.
pub(super) fn needle_mask(needle: &[u8]) -> u128 {
    needle.iter().fold(0, |m, &b| m | mask_bit(b))
}

impl FoldedRows {
    pub(super) fn new(rows: &Rows) -> Self {
        match rows {
            Rows::Built(rows) => Self::of_rows(rows),
            Rows::Sentences(rows) => rows.folded(),
        }
    }

    pub(super) fn of_rows(rows: &[Row]) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(rows.len() + 1);
        for r in rows {
            starts.push(text.len());
            for (i, col) in [&r.lead, &r.text, &r.note].into_iter().enumerate() {
                if i > 0 {
                    text.push('\0');
                }
                push_folded(&mut text, col);
            }
            text.push('\n');
        }
        starts.push(text.len());
        Self::with_masks(text.into_bytes(), starts)
    }

    /// Rows from their text and starts, with their masks.
    pub(super) fn with_masks(text: Vec<u8>, starts: Vec<usize>) -> Self {
        let masks = starts
            .windows(2)
            .map(|w| text[w[0]..w[1]].iter().fold(0u128, |m, &b| m | mask_bit(b)))
            .collect();
        Self {
            text,
            starts,
            masks: Some(masks),
        }
    }

    /// Whether row `i` holds the needle whose bytes' bits are `need`.
    pub(super) fn holds(&self, i: usize, need: u128, finder: &memchr::memmem::Finder<'_>) -> bool {
        let Some(masks) = &self.masks else {
            return finder.find(self.row(i)).is_some();
        };
        let exact = finder.needle().len() == 1 && finder.needle()[0] < 127;
        masks[i] & need == need && (exact || finder.find(self.row(i)).is_some())
    }

    pub(super) fn row(&self, i: usize) -> &[u8] {
        &self.text[self.starts[i]..self.starts[i + 1]]
    }

    /// The rows holding the needle, in order.
    pub(super) fn scan(&self, finder: &memchr::memmem::Finder<'_>) -> Vec<usize> {
        if let Some(masks) = &self.masks {
            let need = needle_mask(finder.needle());
            return (0..masks.len())
                .filter(|&i| self.holds(i, need, finder))
                .collect();
        }
        let bytes = &self.text;
        let mut out = Vec::new();
        let mut pos = 0;
        let mut row = 0;
        while let Some(at) = finder.find(&bytes[pos..]) {
            // matches come in order: walk the rows, do not search them
            while self.starts[row + 1] <= pos + at {
                row += 1;
            }
            out.push(row);
            // the rest of this row cannot add anything
            pos = self.starts[row + 1];
        }
        out
    }
}

impl ListView {
    /// Lowercases the rows for the filter now rather than on its first
    /// key (for a big list built off the reader's thread).
    pub fn prepare_filter(&self) {
        self.folded.get_or_init(|| FoldedRows::new(&self.rows));
    }

    /// Re-applies the filter, keeping the selected row when it still shows.
    pub fn refilter(&mut self) {
        let keep = self.visible.get(self.sel).copied();
        if matches!(self.kind, ListKind::Help | ListKind::Palette) {
            // actions: fuzzy, best first (name, description, keys)
            let items: Vec<palette::Item<'_>> = self
                .rows
                .iter()
                .map(|r| palette::Item {
                    name: &r.note,
                    description: &r.text,
                    keys: &r.lead,
                })
                .collect();
            self.visible = palette::filter(self.filter.text(), &items)
                .into_iter()
                .map(|h| h.index)
                .collect();
            // the best match is the one Enter should run
            self.sel = 0;
            self.top = 0;
            return;
        }
        let needle: String = self
            .filter
            .text()
            .chars()
            .flat_map(char::to_lowercase)
            .collect();
        let hits: Vec<usize> = if needle.is_empty() || needle.contains(['\0', '\n']) {
            // the separators of the folded text match nothing
            Vec::new()
        } else {
            while self
                .filters
                .last()
                .is_some_and(|(f, _)| !needle.starts_with(f.as_str()))
            {
                self.filters.pop();
            }
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            let folded = self.folded.get_or_init(|| FoldedRows::new(&self.rows));
            let hits = match self.filters.last() {
                Some((f, rows)) if *f == needle => rows.clone(),
                Some((_, rows)) => {
                    let need = needle_mask(needle.as_bytes());
                    rows.iter()
                        .copied()
                        .filter(|&i| folded.holds(i, need, &finder))
                        .collect()
                }
                None => folded.scan(&finder),
            };
            if self.filters.last().is_none_or(|(f, _)| *f != needle) {
                self.filters.push((needle.clone(), hits.clone()));
            }
            hits
        };
        let mut hit = vec![needle.is_empty(); self.rows.len()];
        for &i in &hits {
            hit[i] = true;
        }
        let matches = |i: usize| hit[i];
        // a heading shows when any row under it does
        let mut visible = Vec::new();
        let mut header = None;
        for i in 0..self.rows.len() {
            if self.rows.kind(i) == Some(RowKind::Header) {
                header = Some(i);
                if !needle.is_empty() && matches(i) {
                    visible.push(i);
                    header = None;
                }
            } else if matches(i) {
                if let Some(h) = header.take() {
                    visible.push(h);
                }
                visible.push(i);
            }
        }
        self.visible = visible;
        self.sel = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .or_else(|| self.next_selectable(0, 1))
            .unwrap_or(0);
        self.top = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::views::Target;
    use std::sync::Arc;

    #[test]
    pub(super) fn list_moves_skip_headers_and_filter_keeps_headings() {
        let rows = vec![
            Row::header("A"),
            Row::item("1", "apple", Target::None),
            Row::item("2", "banana", Target::None),
            Row::header("B"),
            Row::item("3", "cherry", Target::None),
        ];
        let mut v = ListView::new(ListKind::Timeline, String::new(), None, rows);
        assert_eq!(v.selected().map(|r| r.text.as_str()), Some("apple"));
        v.move_by(2);
        assert_eq!(v.selected().map(|r| r.text.as_str()), Some("cherry"));
        v.move_to_end(false);
        v.filter = "cher".into();
        v.refilter();
        assert_eq!(v.visible, vec![3, 4]);
        assert_eq!(v.selected().map(|r| r.text.as_str()), Some("cherry"));
    }

    #[test]
    pub(super) fn filter_ignores_case_matches_each_column_and_never_across_them() {
        let mut note = Row::item("2016-05", "Leaders MEET", Target::None);
        note.note = "Daily Example".into();
        let rows = vec![note, Row::item("x", "other", Target::None)];
        let v = ListView::new(ListKind::Timeline, String::new(), None, rows);
        v.prepare_filter();
        // a copy shares the rows and their folded text
        let mut c = v.clone();
        assert!(v.rows.shares(&c.rows) && Arc::ptr_eq(&v.folded, &c.folded));
        for (filter, want) in [
            ("meet", vec![0]),
            ("2016", vec![0]),
            ("daily ex", vec![0]),
            ("meetdaily", vec![]),
            ("ER", vec![0, 1]),
            ("", vec![0, 1]),
            // growing narrows the last matches; shrinking looks again
            ("e", vec![0, 1]),
            ("ex", vec![0]),
            ("exa", vec![0]),
            ("e", vec![0, 1]),
            ("xa", vec![0]),
            ("x", vec![0, 1]),
            ("\n", vec![]),
        ] {
            c.filter = filter.into();
            c.refilter();
            assert_eq!(c.visible, want, "{filter}");
        }
        assert_eq!(v.lead_width, 7);
    }

    #[test]
    pub(super) fn the_byte_masks_find_the_rows_a_search_of_every_row_finds() {
        let texts = [
            "Leaders meet in Köln",
            "ÉTÉ: straße, DEL\u{7f} and tab\there",
            "plain ascii only",
            "",
            "Ünïcödé ĸelvin K and İstanbul",
            "digits 2016-05-06 ~ {braces}",
        ];
        let rows: Vec<Row> = texts
            .iter()
            .map(|t| Row::item("x", *t, Target::None))
            .collect();
        let folded = FoldedRows::of_rows(&rows);
        assert!(folded.masks.is_some());
        // rows read from the search index go without masks
        let plain = FoldedRows {
            text: folded.text.clone(),
            starts: folded.starts.clone(),
            masks: None,
        };
        let naive = |needle: &str| -> Vec<usize> {
            (0..rows.len())
                .filter(|&i| {
                    let row = folded.row(i);
                    row.windows(needle.len()).any(|w| w == needle.as_bytes())
                })
                .collect()
        };
        for needle in [
            "e", "k", "ö", "é", "ß", "\u{7f}", "\t", "~", "{", "2", "meet", "köln", "straße", "ī",
            "i̇", "zz", "ascii o", " ",
        ] {
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            assert_eq!(folded.scan(&finder), naive(needle), "{needle:?}");
            assert_eq!(plain.scan(&finder), naive(needle), "{needle:?} unmasked");
        }
    }
}
