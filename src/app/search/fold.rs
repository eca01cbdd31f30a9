//! Folding a body for matching — whitespace runs made one space, letters
//! lowercased unless the query has a capital — with a sparse map back to
//! the original offsets.

pub(super) fn has_capital(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Appends `s` folded: whitespace runs become one space, and letters are
/// lowercased when `lower` is set.
pub(super) fn fold_into(s: &str, lower: bool, out: &mut String) {
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            if lower {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
}

/// A body folded for matching, with the way back to original offsets.
#[derive(Debug)]
pub(super) struct Folded {
    pub(super) text: String,
    /// The places where folded and original lengths differ, in order.
    shifts: Vec<Shift>,
}

/// An original span whose folded form has another length: a character whose
/// lowercase is longer or shorter, or a run of whitespace made one space.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shift {
    folded: u32,
    folded_len: u32,
    original: u32,
    original_len: u32,
}

impl Folded {
    pub(super) fn new(body: &str, lower: bool) -> Self {
        let mut text = String::with_capacity(body.len());
        let mut shifts = Vec::new();
        let mut chars = body.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let folded_at = text.len();
            let original_len;
            if c.is_whitespace() {
                let mut end = at + c.len_utf8();
                while let Some((i, w)) = chars.next_if(|(_, w)| w.is_whitespace()) {
                    end = i + w.len_utf8();
                }
                text.push(' ');
                original_len = end - at;
            } else {
                if lower {
                    text.extend(c.to_lowercase());
                } else {
                    text.push(c);
                }
                original_len = c.len_utf8();
            }
            let folded_len = text.len() - folded_at;
            if folded_len != original_len {
                // bodies are far below 4 GiB (the loader caps file sizes);
                // a larger one would only misplace highlights, never panic
                shifts.push(Shift {
                    folded: to_u32(folded_at),
                    folded_len: to_u32(folded_len),
                    original: to_u32(at),
                    original_len: to_u32(original_len),
                });
            }
        }
        Self { text, shifts }
    }

    /// The folded offset of original offset `at`, and whether `at` falls
    /// strictly inside a shifted span (a whitespace run, or a character
    /// whose lowercase has another length). Inside a span, a start
    /// (`is_end` false) maps before its folded form and an end after it.
    pub(super) fn folded_offset(&self, at: usize, is_end: bool) -> (usize, bool) {
        let at32 = to_u32(at);
        let i = self.shifts.partition_point(|s| s.original <= at32);
        let Some(s) = i.checked_sub(1).map(|i| self.shifts[i]) else {
            return (at, false);
        };
        let original_end = s.original + s.original_len;
        let (mapped, inside) = if at32 >= original_end {
            (s.folded + s.folded_len + (at32 - original_end), false)
        } else if at32 == s.original {
            (s.folded, false)
        } else if is_end {
            (s.folded + s.folded_len, true)
        } else {
            (s.folded, true)
        };
        (mapped as usize, inside)
    }

    /// The original offset of folded offset `at`. A match starting inside
    /// an expanded character starts at that character; one ending inside it
    /// (`is_end`) takes the whole character. `cursor` remembers how far the
    /// shift map was walked: calls must come with `at` never decreasing.
    pub(super) fn original(&self, cursor: &mut usize, at: usize, is_end: bool) -> usize {
        let at = to_u32(at);
        while self.shifts.get(*cursor).is_some_and(|s| s.folded <= at) {
            *cursor += 1;
        }
        let Some(s) = cursor.checked_sub(1).map(|i| self.shifts[i]) else {
            return at as usize;
        };
        let folded_end = s.folded + s.folded_len;
        let original_end = s.original + s.original_len;
        let mapped = if at >= folded_end {
            original_end + (at - folded_end)
        } else if at == s.folded || !is_end {
            s.original
        } else {
            original_end
        };
        mapped as usize
    }
}

pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
