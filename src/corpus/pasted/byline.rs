//! Who wrote the article, as the page says it: "By …" (or a label, "Author:
//! …", in the page's language), "…, writes …" at the end of a standfirst, a
//! name alone on the line before the date, or the author's note after the
//! article ("X is a professor of …"). Names are read by their shape —
//! capitalised words and initials, with the small particles of names — so
//! that no list of people is needed.

use super::lexicon::{self, Cue, NOT_NAME};

/// Characters that may stand before a cue word in the same token
/// ("(by", "//By").
const LEADING: &[char] = &['(', '/', '|', '•', '·', '—', '–', '-', '['];

/// Characters after a word that end a name.
const NAME_END: &[char] = &[',', ';', ':', ')', ']'];

fn is_initials(s: &str) -> bool {
    // "K", "K.", "K.V.", "J.R.R."
    let mut letters = 0;
    let mut prev_letter = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_letter {
                return false;
            }
            letters += 1;
            prev_letter = true;
        } else if c == '.' {
            if !prev_letter {
                return false;
            }
            prev_letter = false;
        } else {
            return false;
        }
    }
    (1..=3).contains(&letters) && (letters == 1 || s.ends_with('.'))
}

fn is_capitalised(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 1
}

/// A person's name (or two or three joined by "and") at the start of `s`:
/// two to four capitalised words or initials each, with the particles of
/// names between them. `None` when `s` does not start with one.
pub fn name_at(s: &str) -> Option<String> {
    const MAX_WORDS: usize = 4;
    let mut names: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for t in s.split_whitespace() {
        let lower = t.to_lowercase();
        if !cur.is_empty() && names.len() < 2 && lexicon::is_cue_word(Cue::And, &lower) {
            names.push(std::mem::take(&mut cur));
            continue;
        }
        let core = t.trim_end_matches(|c: char| NAME_END.contains(&c) || c == '.');
        let trail = &t[core.len()..];
        let word = core.trim_start_matches('(');
        let lower_word = word.to_lowercase();
        let particle = !cur.is_empty() && lexicon::is_cue_word(Cue::Particle, &lower_word);
        let initials = is_initials(word) || is_initials(&format!("{word}."));
        let ok = (initials || is_capitalised(word) || particle)
            && !NOT_NAME.contains(&lower_word)
            && !word.is_empty();
        if !ok {
            break;
        }
        if initials && trail.starts_with('.') && !word.ends_with('.') {
            cur.push(format!("{word}."));
        } else {
            cur.push(word.to_string());
        }
        if cur.len() > MAX_WORDS {
            return None;
        }
        if trail.starts_with(NAME_END) {
            break;
        }
        // a full stop after a word (not an initial) ends the sentence
        if trail.starts_with('.') && word.chars().count() > 2 && !initials {
            break;
        }
    }
    if !cur.is_empty() {
        names.push(cur);
    }
    if names.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for mut n in names {
        while n
            .last()
            .is_some_and(|w| lexicon::is_cue_word(Cue::Particle, &w.to_lowercase()))
        {
            n.pop();
        }
        if !(2..=MAX_WORDS).contains(&n.len()) {
            return None;
        }
        if n.iter()
            .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
            .sum::<usize>()
            < 4
        {
            return None;
        }
        // "Sean Martin Sean Martin": a name printed twice
        let half = n.len() / 2;
        if n.len() % 2 == 0 && n[..half] == n[half..] {
            n.truncate(half);
            if n.len() < 2 {
                return None;
            }
        }
        out.push(n.join(" "));
    }
    Some(out.join(" and "))
}

/// The tokens of a line with their byte offsets.
fn spans(line: &str) -> Vec<(usize, &str)> {
    let base = line.as_ptr() as usize;
    line.split_whitespace()
        .map(|t| (t.as_ptr() as usize - base, t))
        .collect()
}

/// The token as a cue word: lower case, leading marks and a trailing colon
/// away; and whether it had the colon.
fn cue_form(t: &str) -> (String, bool) {
    let t = t.trim_start_matches(LEADING);
    let colon = t.ends_with(':');
    (t.trim_end_matches(':').to_lowercase(), colon)
}

/// An explicit byline in a line: "By A Writer", "on May 5 by A Writer",
/// "Author: A Writer, University", "Von A Writer". Credit lines ("Edited
/// by …") are not bylines.
pub fn explicit(line: &str) -> Option<String> {
    if credit(line).is_some() {
        return None;
    }
    let toks = spans(line);
    let forms: Vec<(String, bool)> = toks.iter().map(|(_, t)| cue_form(t)).collect();
    for i in 0..toks.len() {
        for (kind, needs_colon) in [(Cue::By, false), (Cue::Label, true)] {
            for p in lexicon::cues(kind) {
                let Some(window) = forms.get(i..i + p.len()) else {
                    continue;
                };
                if !window.iter().map(|(w, _)| w).eq(p.iter()) {
                    continue;
                }
                let mut next = i + p.len();
                let mut colon = window.last().is_some_and(|(_, c)| *c);
                if toks.get(next).is_some_and(|(_, t)| *t == ":") {
                    colon = true;
                    next += 1;
                }
                if needs_colon && !colon {
                    continue;
                }
                let Some(&(at, _)) = toks.get(next) else {
                    continue;
                };
                if let Some(n) = line.get(at..).and_then(name_at) {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// Whether the line is a byline's cue alone ("By", "Author:"), its name on
/// the next line.
pub fn is_bare_cue(line: &str) -> bool {
    let forms: Vec<String> = line.split_whitespace().map(|t| cue_form(t).0).collect();
    [Cue::By, Cue::Label]
        .iter()
        .any(|&kind| lexicon::cues(kind).contains(&forms))
}

/// "…, writes A Writer." at the end of a line (a standfirst).
pub fn writes(line: &str) -> Option<String> {
    // the verb stands among the last words (the name after it is short):
    // only the last seven tokens are looked at
    let base = line.as_ptr() as usize;
    let mut toks: Vec<(usize, &str)> = line
        .split_whitespace()
        .rev()
        .take(7)
        .map(|t| (t.as_ptr() as usize - base, t))
        .collect();
    toks.reverse();
    let first_is_line_start = toks
        .first()
        .is_some_and(|&(at, _)| at == line.len() - line.trim_start().len());
    let skip = usize::from(first_is_line_start);
    for (i, (_, t)) in toks.iter().enumerate().skip(skip) {
        if !lexicon::is_cue_word(Cue::Writes, &t.to_lowercase()) {
            continue;
        }
        let rest = toks.get(i + 1..).unwrap_or(&[]);
        if rest.is_empty() || rest.len() > 5 {
            continue;
        }
        let at = rest[0].0;
        let tail = line.get(at..)?.trim_end().trim_end_matches('.');
        if let Some(n) = name_at(tail) {
            if crate::text::one_line(&n) == crate::text::one_line(tail) {
                return Some(n);
            }
        }
    }
    None
}

/// A credit line that goes with a byline ("Edited by A Writer"), as it is
/// written.
pub fn credit(line: &str) -> Option<String> {
    let line = line.trim();
    let toks = spans(line);
    let forms: Vec<String> = toks.iter().map(|(_, t)| cue_form(t).0).collect();
    for p in lexicon::cues(Cue::Credit) {
        if forms.get(..p.len()).is_some_and(|w| w == p.as_slice()) {
            let &(at, _) = toks.get(p.len())?;
            name_at(line.get(at..)?)?;
            return Some(line.to_string());
        }
    }
    None
}

/// Whether `line` is the name alone.
pub fn is_name_line(line: &str) -> Option<String> {
    // three names of four words and two "and"s at most
    if line.split_whitespace().nth(14).is_some() {
        return None;
    }
    let n = name_at(line)?;
    (squash(&n) == squash(line)).then_some(n)
}

/// An author's note at the end of an article: "A Writer is a professor …",
/// "A Writer, professor of …". The name it starts with.
pub fn bio(line: &str) -> Option<String> {
    let n = name_at(line)?;
    let rest = line.strip_prefix(n.as_str())?;
    if let Some(after) = rest.strip_prefix(", ") {
        return after
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
            .then_some(n);
    }
    // the cue is in the first words after the name
    let head: String = rest
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let toks = lexicon::tokens(&head);
    lexicon::cues(Cue::Bio)
        .iter()
        .any(|p| toks.starts_with(p))
        .then_some(n)
}

/// Letters and digits only, lower case: "K.V. Kesavan" and "K. V. Kesavan"
/// compare equal.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_their_shape() {
        assert_eq!(name_at("K. V. Kesavan").as_deref(), Some("K. V. Kesavan"));
        assert_eq!(
            name_at("Ludwig van Beethoven wrote").as_deref(),
            Some("Ludwig van Beethoven")
        );
        assert_eq!(
            name_at("Sean Martin Sean Martin").as_deref(),
            Some("Sean Martin")
        );
        assert_eq!(
            name_at("Ann Lee and Bo Chan").as_deref(),
            Some("Ann Lee and Bo Chan")
        );
        assert_eq!(
            name_at("Dmitri Streltsov, MGIMO University").as_deref(),
            Some("Dmitri Streltsov")
        );
        assert_eq!(
            name_at("Венера Ерофеева · 24").as_deref(),
            Some("Венера Ерофеева")
        );
        assert_eq!(name_at("the way"), None);
        assert_eq!(name_at("Beachbody"), None);
        assert_eq!(name_at("A Very Long Name Of Words"), None);
        assert_eq!(name_at(""), None);
    }

    #[test]
    fn explicit_bylines() {
        assert_eq!(explicit("By Ann Writer").as_deref(), Some("Ann Writer"));
        assert_eq!(
            explicit("on March 10, 2015 by Ann Writer").as_deref(),
            Some("Ann Writer")
        );
        assert_eq!(
            explicit("// By Ann Writer • Nov 11, 2020").as_deref(),
            Some("Ann Writer")
        );
        assert_eq!(
            explicit("By Ann Writer Updated Nov 13, 2019").as_deref(),
            Some("Ann Writer")
        );
        assert_eq!(
            explicit("Author: Ann Writer, Some University").as_deref(),
            Some("Ann Writer")
        );
        assert_eq!(
            explicit("Von Ann Writer publiziert am 25. September 2018").as_deref(),
            Some("Ann Writer")
        );
        assert_eq!(
            explicit("Текст: Анна Писарева · 24 сентября 2018").as_deref(),
            Some("Анна Писарева")
        );
        // a label needs its colon; a credit is no byline
        assert_eq!(explicit("Author Ann Writer"), None);
        assert_eq!(explicit("Edited by Ann Writer"), None);
        assert_eq!(explicit("Stand by me"), None);
    }

    #[test]
    fn writes_credit_and_bio() {
        assert_eq!(
            writes("The plan has yielded little so far, writes Ann Writer.").as_deref(),
            Some("Ann Writer")
        );
        assert_eq!(writes("She writes books about the sea."), None);
        assert_eq!(
            credit("Edited by Bo Chan").as_deref(),
            Some("Edited by Bo Chan")
        );
        assert_eq!(credit("Edited by hand"), None);
        assert_eq!(
            bio("Ann Writer is a professor of history.").as_deref(),
            Some("Ann Writer")
        );
        assert_eq!(
            bio("Ann Writer, professor of history, is the author of books.").as_deref(),
            Some("Ann Writer")
        );
        assert_eq!(bio("Ann Writer is expected in court."), None);
        assert_eq!(
            is_name_line("K. V. Kesavan").as_deref(),
            Some("K. V. Kesavan")
        );
        assert_eq!(is_name_line("K. V. Kesavan said so"), None);
        assert_eq!(squash("K.V. Kesavan"), squash("K. V. Kesavan"));
        assert!(is_bare_cue("By") && is_bare_cue("Author:") && is_bare_cue("written by"));
        assert!(!is_bare_cue("By Ann Writer") && !is_bare_cue(""));
    }
}
