//! Saved web pages (`.html`, `.htm`): the article extracted the way
//! Firefox's Reader View does it, with [`dom_smoothie`] (a port of Mozilla's
//! Readability), and its metadata.
//!
//! What the crate does not do is done here, before and after it:
//!
//! - the bytes are decoded by the charset the page declares (a byte-order
//!   mark, then the transport's `Content-Type` when the page was fetched,
//!   then `<meta charset>` or `http-equiv` in the first bytes), with
//!   [`encoding_rs`]; without a declaration, UTF-8 when the bytes are valid
//!   UTF-8, else Windows-1252;
//! - size and nesting are guarded before anything is parsed: a page larger
//!   than [`MAX_PAGE_BYTES`] or nested deeper than [`MAX_DEPTH`] is refused
//!   with a reason, never parsed for minutes or into a stack overflow;
//! - a page that is not an article (an index, a login wall: Readability's
//!   own "probably readable" check) is refused with a reason;
//! - the canonical URL comes from `<link rel=canonical>`, then `og:url`;
//!   the published date from `article:published_time`, JSON-LD
//!   `datePublished`, then the first `<time datetime>`, normalised to
//!   `YYYY-MM-DD`.
//!
//! Nothing here touches the terminal: the caller sanitises what it returns
//! like every other article.

use super::PartialDate;
use regex::bytes::Regex as BytesRegex;
use regex::Regex;
use std::sync::OnceLock;

/// Pages larger than this are refused before they are parsed: a news
/// article saved as HTML is a few hundred kilobytes to a few megabytes, and
/// parsing and scoring a page costs about a second for every few megabytes.
pub const MAX_PAGE_BYTES: usize = 12 * 1024 * 1024;

/// Pages whose elements nest deeper than this are refused before they are
/// parsed: real pages stay far below a hundred levels, and the parser and
/// the extraction walk the tree.
pub const MAX_DEPTH: usize = 1_000;

/// At most this many elements are scored by the extraction.
const MAX_ELEMENTS: usize = 200_000;

/// How the body is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyMode {
    /// Plain text, paragraphs separated by blank lines (for reading).
    Text,
    /// Markdown (for `dossier add`, which writes a `.md` file).
    Markdown,
}

/// What was read from a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The article's title, when the page has one.
    pub title: Option<String>,
    /// Its byline.
    pub author: Option<String>,
    /// The site's name.
    pub source: Option<String>,
    /// When it was published.
    pub published: Option<PartialDate>,
    /// Its canonical address.
    pub url: Option<String>,
    /// The article's text, as asked for.
    pub body: String,
    /// How the bytes were decoded, when that is worth a note.
    pub decode_note: Option<String>,
}

/// Extracts the article of a page. `transport_charset` is the charset of an
/// HTTP `Content-Type`, `address` the page's address when it was fetched
/// (relative links and the fallback canonical URL). `Err` says why the page
/// was refused, in a few words.
pub fn extract(
    bytes: &[u8],
    transport_charset: Option<&str>,
    address: Option<&str>,
    mode: BodyMode,
) -> Result<Page, String> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(format!(
            "page of {:.1} MB is larger than the {} MB read from a saved page",
            bytes.len() as f64 / 1e6,
            MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    let depth = nesting_depth(bytes);
    if depth > MAX_DEPTH {
        return Err(format!(
            "elements nested more than {MAX_DEPTH} levels deep: not a page that can be read"
        ));
    }
    let (html, decode_note) = decode(bytes, transport_charset);
    let found = scan_metadata(&html);
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: match mode {
            BodyMode::Text => dom_smoothie::TextMode::Formatted,
            BodyMode::Markdown => dom_smoothie::TextMode::Markdown,
        },
        ..dom_smoothie::Config::default()
    };
    let address = address.filter(|a| a.starts_with("http://") || a.starts_with("https://"));
    let mut reader = dom_smoothie::Readability::new(html.as_str(), address, Some(cfg))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    if !reader.is_probably_readable() {
        return Err(
            "not an article (too little running text: an index page, a login wall?)".into(),
        );
    }
    let article = reader.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::GrabFailed => {
            "not an article (no block of running text found)".to_string()
        }
        e => format!("cannot read the page: {e}"),
    })?;
    let body = tidy_body(&article.text_content);
    if body.trim().is_empty() {
        return Err("not an article (no text found)".into());
    }
    let nonempty = |s: Option<String>| {
        s.map(|s| crate::text::one_line(&s).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let published = found
        .published
        .iter()
        .chain(article.published_time.iter())
        .find_map(|d| normalise_date(d));
    let url = found
        .canonical
        .or(found.og_url)
        .or(article.url.clone())
        .or_else(|| address.map(str::to_string))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    Ok(Page {
        title: nonempty(Some(article.title.clone())),
        author: nonempty(article.byline.clone()),
        source: nonempty(article.site_name.clone()),
        published,
        url,
        body,
        decode_note,
    })
}

/// Reads a saved page into an article (the loader's path for `.html` and
/// `.htm`): extracted as Markdown, rendered ([`super::markdown`]),
/// sanitised. A page that is
/// refused is skipped with the reason.
pub(super) fn article(
    path: &std::path::Path,
    bytes: &[u8],
    mut notes: Vec<super::Note>,
) -> Result<(super::Article, Vec<super::Note>), super::Problem> {
    use crate::text::sanitize::{clean_line, clean_text};
    let id = clean_line(&path.file_stem().unwrap_or_default().to_string_lossy()).into_owned();
    let page =
        extract(bytes, None, None, BodyMode::Markdown).map_err(|message| super::Problem {
            path: path.to_path_buf(),
            at: None,
            message,
            skipped: true,
        })?;
    let note = |message: String| super::Note { at: None, message };
    if let Some(n) = page.decode_note {
        notes.push(note(n));
    }
    let clean_meta = |s: Option<String>, field: &str, notes: &mut Vec<super::Note>| {
        s.map(|s| {
            let (clean, report) = crate::text::sanitize::clean_line_report(&s);
            if report.is_hostile() {
                notes.push(note(format!("`{field}`: {}", report.describe())));
            }
            clean.into_owned()
        })
    };
    let mut meta = super::Meta {
        title: clean_meta(page.title, "title", &mut notes).unwrap_or_default(),
        author: clean_meta(page.author, "author", &mut notes),
        source: clean_meta(page.source, "source", &mut notes),
        published: page.published,
        url: clean_meta(page.url, "url", &mut notes),
        format: super::Format::Html,
        ..super::Meta::default()
    };
    let (body, report) = clean_text(&page.body);
    if report.is_hostile() {
        notes.push(note(format!("body: {}", report.describe())));
    }
    let body = body.into_owned();
    // Readability's Markdown, read as Markdown: headings, quotes and list
    // items marked for the reader, the same text as `dossier add` writes
    let (body, marks) = super::markdown_body(body, &mut meta);
    meta.marks = marks;
    if meta.title.trim().is_empty() {
        meta.title = id.clone();
    }
    Ok((
        super::Article {
            id,
            path: path.to_path_buf(),
            meta,
            body,
            body_line: 1,
            warnings: Vec::new(),
        },
        notes,
    ))
}

/// The stems of the saved pages in a folder listing (`story` for
/// `story.html`), to know their resource folders.
pub(super) fn saved_pages(listed: &[(std::path::PathBuf, bool)]) -> Vec<String> {
    listed
        .iter()
        .filter(|(p, folder)| {
            !folder
                && p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
                })
        })
        .filter_map(|(p, _)| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect()
}

/// Whether a folder is the resources a browser saved beside a page ("Save
/// Page As…, complete" writes `story.html` and `story_files/`): its frames
/// and scripts are not articles, and are not read.
pub(super) fn is_page_resources(folder: &std::path::Path, pages: &[String]) -> bool {
    folder
        .file_name()
        .map(|n| n.to_string_lossy())
        .and_then(|n| {
            n.strip_suffix("_files")
                .or_else(|| n.strip_suffix("-Dateien"))
                .or_else(|| n.strip_suffix("_fichiers"))
                .map(str::to_string)
        })
        .is_some_and(|stem| pages.contains(&stem))
}

/// Blank-line paragraphs, no trailing spaces, at most one empty line in a
/// row, no non-breaking spaces at line ends: the text as the segmenter and
/// the reader expect it.
fn tidy_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0usize;
    for line in text.lines() {
        let line = line.trim_end_matches(|c: char| c.is_whitespace());
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Decodes a page by the charset it declares; the note says what was done
/// when it was not plain UTF-8.
pub fn decode(bytes: &[u8], transport_charset: Option<&str>) -> (String, Option<String>) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), errors.then(|| replaced(enc)));
    }
    let declared = transport_charset
        .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| meta_charset(bytes))
        // a page that says UTF-16 in ASCII is not UTF-16 (the HTML rule)
        .map(|e| {
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                e
            }
        });
    let enc = match declared {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            return (
                text.into_owned(),
                Some("no charset declared and not UTF-8: decoded as Windows-1252".into()),
            );
        }
    };
    let (text, errors) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), errors.then(|| replaced(enc)))
}

fn replaced(enc: &'static encoding_rs::Encoding) -> String {
    format!("bytes that are not {} replaced with \u{FFFD}", enc.name())
}

/// The charset of `<meta charset>` or `<meta http-equiv=Content-Type>` in
/// the first bytes of a page (the HTML standard looks at 1,024; pages with
/// long heads declare it later, so a few more are read).
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static RE: OnceLock<Option<BytesRegex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            BytesRegex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)"#).ok()
        })
        .as_ref()?;
    let head = &bytes[..bytes.len().min(16 * 1024)];
    let label = re.captures(head)?.get(1)?.as_bytes();
    encoding_rs::Encoding::for_label(label)
}

/// Elements that are closed by the parser without an end tag (void
/// elements), or so often left open that counting them would overstate the
/// depth.
fn never_nests(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"rtc",
        b"caption",
        b"basefont",
        b"frame",
        b"keygen",
        b"command",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// An upper estimate of how deep the page's elements nest, from its tags
/// alone, in one pass and without recursion (start tags minus end tags of
/// elements that are closed explicitly; comments and the text of scripts
/// and styles skipped). Stops counting once past [`MAX_DEPTH`].
pub fn nesting_depth(bytes: &[u8]) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    let n = bytes.len();
    while let Some(off) = memchr::memchr(b'<', &bytes[i.min(n)..]) {
        let at = i + off;
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!--") {
            i = match memchr::memmem::find(&rest[3..], b"-->") {
                Some(e) => at + 4 + e + 3,
                None => n,
            };
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let name = &rest[name_start..name_start + name_len];
        let end = memchr::memchr(b'>', rest).map_or(n, |e| at + 1 + e + 1);
        let self_closing = end >= 2 && end <= n && bytes[end - 2] == b'/';
        if closing {
            if !never_nests(name) {
                depth = depth.saturating_sub(1);
            }
        } else if !never_nests(name) && !self_closing {
            depth += 1;
            max = max.max(depth);
            if max > MAX_DEPTH {
                return max;
            }
            // the text of a script or a style is not markup
            let raw: Option<&[u8]> = [&b"script"[..], b"style", b"textarea", b"title"]
                .into_iter()
                .find(|r| r.eq_ignore_ascii_case(name));
            if let Some(raw) = raw {
                let mut close = b"</".to_vec();
                close.extend_from_slice(raw);
                let from = end.min(n);
                i = find_ascii_ci(&bytes[from..], &close).map_or(n, |e| from + e);
                continue;
            }
        }
        i = end;
    }
    max
}

/// The first occurrence of `needle` (ASCII, lower case) in `hay`, ignoring
/// ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    let mut from = 0;
    while let Some(off) = memchr::memchr2(*first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + off;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Metadata read from the page's tags, beside what the crate reads.
#[derive(Debug, Default)]
struct Found {
    canonical: Option<String>,
    og_url: Option<String>,
    /// Candidate dates, best first.
    published: Vec<String>,
}

/// The attributes of one tag, names lower-cased, values unescaped.
fn attributes(tag: &str) -> Vec<(String, String)> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = RE
        .get_or_init(|| {
            Regex::new(
                r#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#,
            )
            .ok()
        })
        .as_ref()
    else {
        return Vec::new();
    };
    // skip the tag's own name
    let body = tag
        .trim_start_matches('<')
        .trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    re.captures_iter(body)
        .map(|c| {
            let value = c
                .get(2)
                .or_else(|| c.get(3))
                .or_else(|| c.get(4))
                .map_or("", |m| m.as_str());
            (c[1].to_ascii_lowercase(), unescape(value))
        })
        .collect()
}

/// The few character references an attribute value or JSON string holds.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.trim().to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .trim()
        .to_string()
}

/// Reads the canonical address and the published date from `<link>`,
/// `<meta>`, `<time>` and JSON-LD.
fn scan_metadata(html: &str) -> Found {
    static TAGS: OnceLock<Option<Regex>> = OnceLock::new();
    static LD: OnceLock<Option<Regex>> = OnceLock::new();
    let mut found = Found::default();
    let (Some(tags), Some(ld)) = (
        TAGS.get_or_init(|| Regex::new(r"(?i)<(?:link|meta|time)\b[^>]{0,2000}>").ok())
            .as_ref(),
        LD.get_or_init(|| Regex::new(r#""datePublished"\s*:\s*"([^"]{4,64})""#).ok())
            .as_ref(),
    ) else {
        return found;
    };
    let mut meta_date = None;
    let mut time_date = None;
    for m in tags.find_iter(html) {
        let tag = m.as_str();
        let attrs = attributes(tag);
        let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let lower = tag[..6.min(tag.len())].to_ascii_lowercase();
        if lower.starts_with("<link") {
            let canonical = get("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            });
            if canonical && found.canonical.is_none() {
                found.canonical = get("href").map(str::to_string).filter(|h| !h.is_empty());
            }
        } else if lower.starts_with("<meta") {
            let key = get("property")
                .or_else(|| get("name"))
                .or_else(|| get("itemprop"));
            let Some(key) = key.map(str::to_ascii_lowercase) else {
                continue;
            };
            let content = get("content").map(str::to_string).filter(|c| !c.is_empty());
            match key.as_str() {
                "og:url" if found.og_url.is_none() => found.og_url = content,
                "article:published_time"
                | "datepublished"
                | "article.published"
                | "publishdate"
                | "pubdate"
                | "parsely-pub-date"
                | "dc.date.issued"
                | "date"
                    if meta_date.is_none() =>
                {
                    meta_date = content;
                }
                _ => {}
            }
        } else if time_date.is_none() {
            time_date = get("datetime").map(str::to_string);
        }
    }
    let ld_date = ld.captures(html).map(|c| c[1].to_string());
    found.published = [meta_date, ld_date, time_date]
        .into_iter()
        .flatten()
        .collect();
    found
}

/// A date as `YYYY-MM-DD` (or as precise as it is): ISO 8601 and its
/// relatives, "11 June 2018", "June 11, 2018", RFC 2822.
pub fn normalise_date(text: &str) -> Option<PartialDate> {
    static ISO: OnceLock<Option<Regex>> = OnceLock::new();
    static WORDS: OnceLock<Option<Regex>> = OnceLock::new();
    let iso = ISO
        .get_or_init(|| Regex::new(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?").ok())
        .as_ref()?;
    if let Some(c) = iso.captures(text) {
        let y: i16 = c[1].parse().ok()?;
        let m = c.get(2).and_then(|m| m.as_str().parse::<i8>().ok());
        let d = c.get(3).and_then(|d| d.as_str().parse::<i8>().ok());
        return match (m, d) {
            (Some(m), Some(d)) => PartialDate::day(y, m, d),
            (Some(m), None) => PartialDate::month(y, m),
            _ => (1000..=2999).contains(&y).then(|| PartialDate::year(y)),
        };
    }
    let words = WORDS
        .get_or_init(|| {
            Regex::new(
                r"(?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b",
            )
            .ok()
        })
        .as_ref()?;
    let c = words.captures(text)?;
    let (d, mon, y) = match (c.get(1), c.get(4)) {
        (Some(d), _) => (d.as_str(), &c[2], &c[3]),
        (None, Some(mon)) => (&c[5], mon.as_str(), &c[6]),
        _ => return None,
    };
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| mon.eq_ignore_ascii_case(m))?;
    PartialDate::day(
        y.parse().ok()?,
        i8::try_from(month + 1).ok()?,
        d.parse().ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_meta_and_bom() {
        let page =
            b"<html><head><meta charset=\"shift_jis\"></head><body>\x93\xfa\x96\x7b</body></html>";
        assert!(decode(page, None).0.contains("日本"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>caf\xe9</p>";
        assert!(decode(page, None).0.contains("café"));
        let (text, note) = decode(b"\xEF\xBB\xBF<p>ok</p>", None);
        assert_eq!((text.as_str(), note), ("<p>ok</p>", None));
        // the transport wins over the page
        let page = b"<meta charset=utf-8><p>caf\xe9</p>";
        assert!(decode(page, Some("iso-8859-1")).0.contains("café"));
        // undeclared and not UTF-8
        let (text, note) = decode(b"<p>caf\xe9</p>", None);
        assert!(text.contains("café") && note.is_some());
    }

    #[test]
    fn depth_is_estimated_without_recursion() {
        assert_eq!(nesting_depth(b"<div><p>a<p>b</div><br><img src=x>"), 1);
        assert_eq!(
            nesting_depth(b"<script>if (a<b) { '<div><div>' }</script><div></div>"),
            1
        );
        let deep = "<div>".repeat(50_000);
        assert!(nesting_depth(deep.as_bytes()) > MAX_DEPTH);
        assert_eq!(nesting_depth(b"<!-- <div><div> --><span/>"), 0);
    }

    #[test]
    fn dates_are_normalised() {
        let d = |s: &str| normalise_date(s).map(|d| d.to_string());
        assert_eq!(
            d("2018-06-11T09:30:00+02:00").as_deref(),
            Some("2018-06-11")
        );
        assert_eq!(d("2018-6-1").as_deref(), Some("2018-06-01"));
        assert_eq!(d("June 11, 2018").as_deref(), Some("2018-06-11"));
        assert_eq!(
            d("Mon, 11 Jun 2018 10:00:00 GMT").as_deref(),
            Some("2018-06-11")
        );
        assert_eq!(d("yesterday"), None);
    }

    #[test]
    fn canonical_and_dates_are_read_from_tags() {
        let f = scan_metadata(
            r#"<link href="https://x.test/a?b=1&amp;c=2" rel="canonical"><meta property="og:url" content="https://x.test/og"><script type="application/ld+json">{"datePublished": "2020-02-03"}</script><time datetime="2019-01-01">"#,
        );
        assert_eq!(f.canonical.as_deref(), Some("https://x.test/a?b=1&c=2"));
        assert_eq!(f.og_url.as_deref(), Some("https://x.test/og"));
        assert_eq!(f.published, vec!["2020-02-03", "2019-01-01"]);
    }
}
