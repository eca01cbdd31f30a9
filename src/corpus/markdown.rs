//! Markdown read as Markdown, with [`pulldown_cmark`]: the body the analysis
//! and the reader see is the text the author wrote, without the characters
//! meant as formatting, and the formatting is kept beside it as [`Mark`]s
//! (byte ranges of the body) for the reader to draw.
//!
//! - headings, paragraphs, list items and code blocks are each a paragraph
//!   of their own (blank-line separated), so that a list item never runs
//!   into the next one and sentence segmentation sees the text, not markup;
//! - emphasis, strong text, block quotes, headings, list items and code are
//!   marked; a link is shown by its text, its address kept on its mark;
//! - images, raw HTML and rules are dropped.
//!
//! A body that holds no markup at all (plain prose paragraphs, as the
//! bundled articles are) is left exactly as it is: [`render`] returns
//! `None`, and the body stays byte for byte the file's text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The format an article was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown (`.md`, `.markdown`), with or without front matter.
    #[default]
    Markdown,
    /// Plain text (`.txt`).
    Text,
    /// A saved web page (`.html`, `.htm`).
    Html,
}

impl Format {
    /// The name used in the export contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Html => "html",
        }
    }
}

/// What a span of the body was marked as.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// A heading of this level (1–6).
    Heading(u8),
    /// Emphasis (`*x*`, `_x_`).
    Emphasis,
    /// Strong emphasis (`**x**`).
    Strong,
    /// A block quote.
    Quote,
    /// A list item; `Some(n)` in an ordered list.
    Item(Option<u64>),
    /// Code, inline or a block.
    Code,
    /// A link's text, with its address.
    Link(String),
}

/// A marked byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Start byte in the body.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What it is.
    pub kind: MarkKind,
}

/// A Markdown body rendered to text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The text, paragraphs separated by blank lines.
    pub body: String,
    /// The formatting, ordered by start.
    pub marks: Vec<Mark>,
    /// The text of the first heading, when the body starts with one; it is
    /// then not in `body` (it is the title).
    pub title: Option<String>,
}

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

/// Whether `text` holds nothing but paragraphs of plain text: no event
/// other than paragraphs, text that is its source unchanged, and line
/// breaks.
pub fn is_plain(text: &str) -> bool {
    if !may_hold_markup(text) {
        return true;
    }
    Parser::new_ext(text, options())
        .into_offset_iter()
        .all(|(event, range)| match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => true,
            Event::SoftBreak => true,
            Event::Text(t) => text.get(range).is_some_and(|src| src == &*t),
            _ => false,
        })
}

/// A quick look, without parsing, for anything that Markdown could read as
/// markup: a character that is syntax anywhere (`*`, `_`, `` ` ``, `[`, `]`,
/// `<`, `&`, `\`, `~`, `|`, `!`), a line that starts (after up to three
/// spaces) like a heading, quote, list item, rule, fence or table, a line
/// indented four or more, or a hard break. `false` means plain for sure, so
/// a corpus of plain prose is not parsed twice on every load.
fn may_hold_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    let syntax = |b: u8| {
        matches!(
            b,
            b'*' | b'_' | b'`' | b'[' | b']' | b'<' | b'&' | b'\\' | b'~' | b'|' | b'!'
        )
    };
    if bytes.iter().any(|&b| syntax(b)) {
        return true;
    }
    for line in text.split('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if trimmed.trim().is_empty() {
            continue;
        }
        if indent >= 4 || trimmed.starts_with('\t') || line.ends_with("  ") {
            return true;
        }
        let lead = trimmed.as_bytes();
        match lead.first() {
            Some(b'#' | b'>' | b'-' | b'+' | b'=') => return true,
            Some(b'0'..=b'9') => {
                let digits = lead.iter().take_while(|b| b.is_ascii_digit()).count();
                if matches!(lead.get(digits), Some(b'.' | b')')) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Renders a Markdown body. `None` when it holds no markup (the text is
/// then its own rendering, unchanged). `take_title`: a first heading
/// becomes [`Rendered::title`] rather than part of the body.
pub fn render(text: &str, take_title: bool) -> Option<Rendered> {
    if is_plain(text) {
        return None;
    }
    let mut r = Renderer::default();
    let mut image_depth = 0usize;
    let mut first_block = true;
    let mut title_heading = false;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if image_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    if first_block && take_title && r.title.is_none() {
                        title_heading = true;
                        r.title_text = Some(String::new());
                    } else {
                        r.block();
                        r.open(MarkKind::Heading(heading_level(level)));
                    }
                    first_block = false;
                }
                Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead => {
                    first_block = false;
                    // a tight list item's text is already in its block
                    if !r.in_fresh_item() {
                        r.block();
                    }
                    if matches!(tag, Tag::CodeBlock(_)) {
                        r.open(MarkKind::Code);
                    }
                }
                Tag::BlockQuote(_) => {
                    first_block = false;
                    r.block();
                    r.open(MarkKind::Quote);
                }
                Tag::List(start) => {
                    first_block = false;
                    r.lists.push(start);
                }
                Tag::Item => {
                    r.block();
                    let n = match r.lists.last_mut() {
                        Some(Some(n)) => {
                            let this = *n;
                            *n += 1;
                            Some(this)
                        }
                        _ => None,
                    };
                    r.open(MarkKind::Item(n));
                    // an ordered item's number is part of what it says (a
                    // rank, a step): kept as the author wrote it
                    if n.is_some() {
                        let marker = ordered_marker(text.get(range).unwrap_or(""));
                        r.body.push_str(marker);
                        if !marker.is_empty() {
                            r.body.push(' ');
                        }
                    }
                    r.fresh_item = true;
                }
                Tag::Emphasis => r.open(MarkKind::Emphasis),
                Tag::Strong => r.open(MarkKind::Strong),
                Tag::Link { dest_url, .. } => r.open(MarkKind::Link(dest_url.into_string())),
                Tag::Image { .. } => image_depth = 1,
                Tag::TableCell
                    if !r.body.ends_with('\n') && !r.body.is_empty() && !r.at_block_start() =>
                {
                    r.body.push_str("  ");
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) if title_heading => {
                    title_heading = false;
                    r.title = r.title_text.take();
                }
                TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Link => r.close(),
                TagEnd::List(_) => {
                    r.lists.pop();
                }
                _ => {}
            },
            Event::Text(t) => {
                if title_heading {
                    if let Some(title) = r.title_text.as_mut() {
                        title.push_str(&t);
                    }
                } else {
                    r.text(&t);
                }
            }
            Event::Code(t) => {
                if title_heading {
                    if let Some(title) = r.title_text.as_mut() {
                        title.push_str(&t);
                    }
                } else {
                    r.open(MarkKind::Code);
                    r.text(&t);
                    r.close();
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if title_heading {
                    if let Some(title) = r.title_text.as_mut() {
                        title.push(' ');
                    }
                } else {
                    r.text("\n");
                }
            }
            Event::Rule => {
                first_block = false;
            }
            _ => {}
        }
    }
    Some(r.finish())
}

/// The number and its delimiter at the start of an ordered list item's
/// source (`3.`, `6)`).
fn ordered_marker(item: &str) -> &str {
    let item = item.trim_start();
    let digits = item.bytes().take_while(u8::is_ascii_digit).count();
    match item.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => &item[..=digits],
        _ => "",
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[derive(Default)]
struct Renderer {
    body: String,
    marks: Vec<Mark>,
    /// Open marks: their index in `marks`.
    open: Vec<usize>,
    lists: Vec<Option<u64>>,
    /// A list item was just opened and holds no text yet.
    fresh_item: bool,
    title: Option<String>,
    title_text: Option<String>,
}

impl Renderer {
    fn at_block_start(&self) -> bool {
        self.body.is_empty() || self.body.ends_with("\n\n")
    }

    fn in_fresh_item(&mut self) -> bool {
        std::mem::take(&mut self.fresh_item)
    }

    /// Starts a new paragraph.
    fn block(&mut self) {
        self.fresh_item = false;
        let trimmed = self.body.trim_end_matches([' ', '\n']).len();
        if trimmed == 0 {
            self.body.clear();
            return;
        }
        self.body.truncate(trimmed);
        // marks that ended in the trimmed white space end at the text
        for m in &mut self.marks {
            m.end = m.end.min(trimmed);
        }
        self.body.push_str("\n\n");
    }

    fn open(&mut self, kind: MarkKind) {
        self.open.push(self.marks.len());
        self.marks.push(Mark {
            start: self.body.len(),
            end: self.body.len(),
            kind,
        });
    }

    fn close(&mut self) {
        if let Some(i) = self.open.pop() {
            let end = self.body.trim_end_matches([' ', '\n']).len();
            if let Some(m) = self.marks.get_mut(i) {
                m.end = end.max(m.start);
                // a block starts at its first character
                let lead = self.body[m.start..m.end].len()
                    - self.body[m.start..m.end]
                        .trim_start_matches([' ', '\n'])
                        .len();
                m.start += lead;
            }
        }
    }

    fn text(&mut self, t: &str) {
        self.fresh_item = false;
        self.body.push_str(t);
    }

    fn finish(mut self) -> Rendered {
        while !self.open.is_empty() {
            self.close();
        }
        let end = self.body.trim_end().len();
        self.body.truncate(end);
        if !self.body.is_empty() {
            self.body.push('\n');
        }
        let len = self.body.len();
        let mut marks: Vec<Mark> = self
            .marks
            .into_iter()
            .filter_map(|mut m| {
                m.end = m.end.min(len);
                (m.start < m.end).then_some(m)
            })
            .collect();
        marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        Rendered {
            body: self.body,
            marks,
            title: self
                .title
                .map(|t| crate::text::one_line(&t).trim().to_string())
                .filter(|t| !t.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(r: &'a Rendered, kind: &MarkKind) -> Vec<&'a str> {
        r.marks
            .iter()
            .filter(|m| &m.kind == kind)
            .map(|m| &r.body[m.start..m.end])
            .collect()
    }

    #[test]
    fn the_quick_look_never_calls_markup_plain() {
        for text in [
            "a *b*",
            "# h",
            "  > q",
            "x\n- item",
            "x\n2) item",
            "    code",
            "line  \nbreak",
            "a [b](c)",
            "x\n===",
            "AT&amp;T",
        ] {
            assert!(may_hold_markup(text), "{text:?}");
        }
        assert!(!may_hold_markup(
            "Plain prose, 3 x 4 is not here.\n\t\n\nIn 2016 it rose 5%.\n"
        ));
    }

    #[test]
    fn plain_prose_is_left_alone() {
        assert!(render("One paragraph.\nStill it.\n\nAnother one, 3 * 4.\n", true).is_none());
        assert!(is_plain(""));
    }

    #[test]
    fn markup_is_rendered_and_marked() {
        let r = render(
            "# The Title\n\nSome *emphasis* and **strong** text with a [link](https://x.test/a).\n\n## Part two\n\n- first item\n- second item\n\n> A quote.\n",
            true,
        )
        .unwrap();
        assert_eq!(r.title.as_deref(), Some("The Title"));
        assert_eq!(
            r.body,
            "Some emphasis and strong text with a link.\n\nPart two\n\nfirst item\n\nsecond item\n\nA quote.\n"
        );
        assert_eq!(marked(&r, &MarkKind::Emphasis), ["emphasis"]);
        assert_eq!(marked(&r, &MarkKind::Strong), ["strong"]);
        assert_eq!(marked(&r, &MarkKind::Heading(2)), ["Part two"]);
        assert_eq!(
            marked(&r, &MarkKind::Item(None)),
            ["first item", "second item"]
        );
        assert_eq!(marked(&r, &MarkKind::Quote), ["A quote."]);
        assert_eq!(
            marked(&r, &MarkKind::Link("https://x.test/a".into())),
            ["link"]
        );
    }

    #[test]
    fn a_heading_after_text_stays_in_the_body() {
        let r = render("Intro line.\n\n# Later\n\nText.\n", true).unwrap();
        assert_eq!(r.title, None);
        assert_eq!(r.body, "Intro line.\n\nLater\n\nText.\n");
    }

    #[test]
    fn ordered_lists_are_numbered_and_images_dropped() {
        let r = render("3. three\n4) four ![alt](i.png)\n", false).unwrap();
        assert_eq!(r.body, "3. three\n\n4) four\n");
        assert_eq!(marked(&r, &MarkKind::Item(Some(3))), ["3. three"]);
    }
}
