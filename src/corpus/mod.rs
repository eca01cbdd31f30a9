//! Loading a corpus: a folder (or a single file) of `.md` files with TOML
//! front matter, plain `.txt` files and saved web pages (`.html`, `.htm`,
//! see [`html`]), decoded, sanitised and ordered; Markdown is read as
//! Markdown ([`markdown`]). A bad file is reported and the others still
//! open; nothing here ever writes to the folder.

pub mod date;
pub mod frontmatter;
pub mod html;
pub mod markdown;
pub mod pasted;

pub use date::PartialDate;
pub use frontmatter::Meta;
pub use markdown::{Format, Mark, MarkKind};
pub use pasted::Pasted;

use crate::error::io_reason;
use crate::error::Error;
use crate::fsio::ReadError;
use crate::text::sanitize::{self, clean_line};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One article: its metadata and its body text, sanitised.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file's path relative to the opened folder, without its
    /// extension, `/`-separated (`business/001`; in a flat folder the file
    /// name without its extension); unique within the corpus.
    pub id: String,
    /// The file it was read from.
    pub path: PathBuf,
    /// Title, author, source, date and the rest.
    pub meta: Meta,
    /// The body, sanitised: every span in the analysis points into it.
    pub body: String,
    /// The line of the file on which the body starts (1-based).
    pub body_line: usize,
    /// Problems that did not stop the article from opening.
    pub warnings: Vec<String>,
}

impl Article {
    /// The whole text the article was read from, when it was a pasted page
    /// whose clutter was set aside ([`Pasted::original`]); else the body.
    pub fn original_text(&self) -> &str {
        self.meta
            .pasted
            .as_deref()
            .map_or(self.body.as_str(), |p| p.original.as_str())
    }

    /// How many lines of a pasted page were set aside from the body (0 for
    /// every other article).
    pub fn set_aside_lines(&self) -> usize {
        self.meta
            .pasted
            .as_deref()
            .map_or(0, Pasted::set_aside_lines)
    }

    /// The line of the file (1-based) that holds byte `offset` of the body,
    /// also when lines of a pasted page were set aside between.
    pub fn file_line(&self, offset: usize) -> usize {
        if let Some(p) = self.meta.pasted.as_deref() {
            p.original_line(&self.body, offset) + 1
        } else {
            let offset = offset.min(self.body.len());
            let before = self.body.as_bytes().get(..offset).unwrap_or(&[]);
            self.body_line.max(1) + memchr::memchr_iter(b'\n', before).count()
        }
    }

    /// "Author, Source" or whichever of them is known.
    pub fn byline(&self) -> String {
        match (&self.meta.author, &self.meta.source) {
            (Some(a), Some(s)) => format!("{a}, {s}"),
            (Some(a), None) => a.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => String::new(),
        }
    }
}

/// A problem with one file, located as precisely as it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or folder).
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// Whether the file was skipped (else it opened with what could be read).
    pub skipped: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", clean_line(&self.path.display().to_string()))?;
        if let Some((line, col)) = self.at {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", clean_line(&self.message))?;
        if self.skipped {
            write!(f, " (skipped)")?;
        }
        Ok(())
    }
}

/// Limits on what is read, so that a hostile folder cannot hang the reader
/// or fill the memory. Each limit, when hit, is reported as a [`Problem`]
/// naming it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Files larger than this are skipped (`max_file_bytes`).
    pub max_file_bytes: u64,
    /// At most this many article files are read (`max_files`).
    pub max_files: usize,
    /// Folders nested deeper than this below the corpus are not entered
    /// (`max_depth`).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 64 * 1024 * 1024,
            max_files: 200_000,
            max_depth: 64,
        }
    }
}

/// The articles of a folder, in reading order, and the problems met.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The folder it was loaded from.
    pub root: PathBuf,
    /// Articles ordered by published date, then id (the undated after the
    /// dated, by id: folder by folder).
    pub articles: Vec<Article>,
    /// Files that were skipped or opened with warnings.
    pub problems: Vec<Problem>,
}

impl Corpus {
    /// Loads every `.md` and `.txt` file below `root`, recursively.
    ///
    /// Fails only when the folder is missing, unreadable or holds no
    /// article; a bad file is a [`Problem`], not an error.
    pub fn load(root: &Path) -> Result<Self, Error> {
        Self::load_with(root, &Limits::default())
    }

    /// As [`Corpus::load`], with explicit limits.
    pub fn load_with(root: &Path, limits: &Limits) -> Result<Self, Error> {
        check_root(root)?;
        let mut problems = Vec::new();
        let mut files = collect_files(root, &mut problems, limits);
        files.sort();
        // reading and decoding dominate with many small files: in parallel,
        // and the order stays that of `files`
        let read: Vec<_> = files
            .par_iter()
            .map(|path| read_article(path, limits))
            .collect();
        let mut articles: Vec<Article> = Vec::with_capacity(files.len());
        let mut ids = HashSet::new();
        for (path, result) in files.iter().zip(read) {
            match result {
                Ok((mut article, notes)) => {
                    article.id = unique_id(&relative_id(path, root), &ids);
                    ids.insert(article.id.clone());
                    article.warnings = notes.iter().map(Note::to_string).collect();
                    if let Some(problem) = Note::merge(path, notes) {
                        problems.push(problem);
                    }
                    articles.push(article);
                }
                Err(problem) => problems.push(problem),
            }
        }
        if articles.is_empty() {
            // a single file that was refused: say why
            if let [p] = problems.as_slice() {
                if p.path == root && !root.is_dir() {
                    return Err(Error::Unreadable {
                        path: root.to_path_buf(),
                        why: p.message.clone(),
                    });
                }
            }
            return Err(Error::EmptyCorpus {
                path: root.to_path_buf(),
                problems: problems.len(),
            });
        }
        articles.sort_by(|a, b| {
            let key = |x: &Article| (x.meta.published.is_none(), x.meta.published);
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
        Ok(Self {
            root: root.to_path_buf(),
            articles,
            problems,
        })
    }

    /// The index of the article with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }
}

/// Whether `root` can be opened as a corpus: it exists and is a folder, or
/// an article file (a corpus of one). The error says what to do (a missing
/// folder, a web address).
pub fn check_root(root: &Path) -> Result<(), Error> {
    let meta = std::fs::metadata(root).map_err(|e| {
        let path = root.to_path_buf();
        let text = root.to_string_lossy();
        if text.starts_with("http://") || text.starts_with("https://") {
            Error::WebAddress { path }
        } else if e.kind() == std::io::ErrorKind::NotFound {
            Error::NoSuchFolder { path }
        } else {
            Error::Io { path, cause: e }
        }
    })?;
    if !meta.is_dir() && !is_article_file(root) {
        return Err(Error::NotAFolder {
            path: root.to_path_buf(),
        });
    }
    Ok(())
}

/// One thing wrong with a file that still opened.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Note {
    at: Option<(usize, usize)>,
    message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, col)) = self.at {
            write!(f, "{line}:{col}: ")?;
        }
        write!(f, "{}", clean_line(&self.message))
    }
}

impl Note {
    /// One problem per file, so that a file prints one warning line: it is
    /// placed at the first note's position, and later notes carry their own.
    fn merge(path: &Path, notes: Vec<Note>) -> Option<Problem> {
        let mut notes = notes.into_iter();
        let first = notes.next()?;
        let mut message = first.message;
        for n in notes {
            message.push_str("; ");
            message.push_str(&n.to_string());
        }
        Some(Problem {
            path: path.to_path_buf(),
            at: first.at,
            message,
            skipped: false,
        })
    }
}

fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown" | "txt" | "html" | "htm")
    ) && !is_about_the_folder(path)
}

/// Whether a file is about the folder rather than one of its articles: a
/// `README`, `LICENSE`, `COPYING`, `CHANGELOG`… (`README.TXT`,
/// `LICENSE-MIT.md`, `readme.en.md`), which data sets and repositories
/// carry beside their texts.
fn is_about_the_folder(path: &Path) -> bool {
    const NAMES: [&str; 8] = [
        "readme",
        "license",
        "licence",
        "copying",
        "changelog",
        "contributing",
        "authors",
        "code_of_conduct",
    ];
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let stem = stem.to_ascii_lowercase();
    NAMES.iter().any(|&name| {
        stem.strip_prefix(name).is_some_and(|rest| {
            // a language (`README.en`), or a licence's name (`LICENSE-MIT`)
            rest.is_empty()
                || rest.starts_with('.')
                || (name.starts_with("licen") && rest.starts_with(['-', '_']))
        })
    })
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Lists the article files below `root`, breadth-first with an explicit
/// queue (a deep tree cannot overflow the stack), following symbolic links
/// but entering each real folder once (a link loop is read once).
fn collect_files(root: &Path, problems: &mut Vec<Problem>, limits: &Limits) -> Vec<PathBuf> {
    let skipped = |path: &Path, message: String| Problem {
        path: path.to_path_buf(),
        at: None,
        message,
        skipped: true,
    };
    let mut files = Vec::new();
    // a single file named on the command line is a corpus of one
    if std::fs::metadata(root).is_ok_and(|m| !m.is_dir()) {
        files.push(root.to_path_buf());
        return files;
    }
    let mut seen = HashSet::new();
    let mut queue = std::collections::VecDeque::from([(root.to_path_buf(), 0usize)]);
    while let Some((dir, depth)) = queue.pop_front() {
        match std::fs::canonicalize(&dir) {
            Ok(real) => {
                if !seen.insert(real) {
                    continue;
                }
            }
            Err(e) => {
                problems.push(skipped(
                    &dir,
                    format!("cannot open folder: {}", io_reason(&e)),
                ));
                continue;
            }
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(skipped(
                    &dir,
                    format!("cannot list folder: {}", io_reason(&e)),
                ));
                continue;
            }
        };
        let mut listed = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => listed.push((e.path(), e.file_type().is_ok_and(|t| t.is_dir()))),
                Err(e) => problems.push(skipped(
                    &dir,
                    format!("cannot list folder entirely: {}", io_reason(&e)),
                )),
            }
        }
        listed.sort();
        let pages = html::saved_pages(&listed);
        for (path, listed_as_folder) in listed {
            if is_hidden(&path) || (listed_as_folder && html::is_page_resources(&path, &pages)) {
                continue;
            }
            // follows links; a dangling one, a file gone since the listing,
            // or a path longer than the system takes fails here: an article
            // or a folder is then named, never dropped without a word
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    if listed_as_folder {
                        problems.push(skipped(
                            &path,
                            format!(
                                "cannot open folder: {}; its articles are not read",
                                io_reason(&e)
                            ),
                        ));
                    } else if is_article_file(&path) {
                        problems.push(skipped(&path, format!("cannot read: {}", io_reason(&e))));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if depth + 1 > limits.max_depth {
                    problems.push(skipped(
                        &path,
                        format!(
                            "folder nested deeper than {} levels is not read (limit `max_depth`)",
                            limits.max_depth
                        ),
                    ));
                } else {
                    queue.push_back((path, depth + 1));
                }
            } else if is_article_file(&path) {
                if !meta.is_file() {
                    // a FIFO would block, a device would never end
                    problems.push(skipped(&path, "not a regular file".into()));
                } else if files.len() >= limits.max_files {
                    problems.push(skipped(
                        &dir,
                        format!(
                            "more than {} article files; the rest are not read (limit `max_files`)",
                            limits.max_files
                        ),
                    ));
                    return files;
                } else {
                    files.push(path);
                }
            }
        }
    }
    files
}

/// An article's id: its path relative to the opened folder, without the
/// extension, its parts joined by `/` on every platform, made safe to show.
/// A single file opened on its own is named by its file name.
fn relative_id(path: &Path, root: &Path) -> String {
    let rel = match path.strip_prefix(root) {
        Ok(rel) if rel.as_os_str().is_empty() => Path::new(path.file_name().unwrap_or_default()),
        Ok(rel) => rel,
        Err(_) => path,
    }
    .with_extension("");
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    clean_line(&parts.join("/")).into_owned()
}

/// `base`, or `base-2`, `base-3`… when taken (`a.md` beside `a.txt`).
fn unique_id(base: &str, taken: &HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Reads one file into an article; the notes returned alongside are
/// warnings, an `Err` means the file was skipped.
fn read_article(path: &Path, limits: &Limits) -> Result<(Article, Vec<Note>), Problem> {
    let skip = |message: String| Problem {
        path: path.to_path_buf(),
        at: None,
        message,
        skipped: true,
    };
    let bytes = crate::fsio::read_regular(path, limits.max_file_bytes).map_err(|e| {
        skip(match e {
            ReadError::NotRegular | ReadError::Folder => "not a regular file".into(),
            ReadError::TooBig { .. } => format!("{e} (limit `max_file_bytes`)"),
            ReadError::Io(_) => format!("cannot read: {e}"),
        })
    })?;
    article_from_bytes(path, bytes)
}

impl Article {
    /// Builds an article from a file's bytes, as the loader does after
    /// reading it: decoded, front matter or header read, sanitised. The
    /// path gives the id and the format (`.txt` or Markdown) and is not
    /// read. `Err` when the bytes are not text (the file would be skipped);
    /// problems that did not stop it are in [`Article::warnings`].
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self, Problem> {
        let (mut article, notes) = article_from_bytes(path, bytes)?;
        article.warnings = notes.iter().map(Note::to_string).collect();
        Ok(article)
    }
}

fn article_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<(Article, Vec<Note>), Problem> {
    let skip = |message: String| Problem {
        path: path.to_path_buf(),
        at: None,
        message,
        skipped: true,
    };
    let mut notes = Vec::new();
    let note = |at: Option<(usize, usize)>, message: String| Note { at, message };
    if bytes.is_empty() {
        notes.push(note(None, "empty file".into()));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("html" | "htm")) {
        return html::article(path, &bytes, notes);
    }
    let (text, decode_warning) = decode_vec(bytes).map_err(skip)?;
    if let Some(w) = decode_warning {
        notes.push(note(None, w));
    }
    let id = clean_line(&path.file_stem().unwrap_or_default().to_string_lossy()).into_owned();
    let is_txt = ext.as_deref() == Some("txt");
    // the text of a page: a `.txt` file, or Markdown without front matter
    // (front matter, when present, always wins)
    let reads_as_page = is_txt || !frontmatter::split(&text).has_front_matter();
    if reads_as_page {
        if let Some(mut article) = page_article(&id, path, &text, &mut notes) {
            article.meta.format = if is_txt {
                Format::Text
            } else {
                Format::Markdown
            };
            return Ok((article, notes));
        }
    }
    let (mut meta, body_offset, body_line) = if is_txt {
        txt_header(&text)
    } else {
        let split = frontmatter::split(&text);
        let mut meta = Meta::default();
        if let Some(issue) = split.issue {
            notes.push(note(Some((issue.line, issue.column)), issue.message));
        }
        if let Some(toml) = split.toml {
            let (m, issues) = frontmatter::parse(toml, 2);
            meta = m;
            notes.extend(
                issues
                    .into_iter()
                    .map(|i| note(Some((i.line, i.column)), i.message)),
            );
        }
        (meta, split.body_offset, split.body_line)
    };
    let (body, report) = sanitize::clean_text(&text[body_offset..]);
    if report.is_hostile() {
        notes.push(note(None, format!("body: {}", report.describe())));
    }
    // the common case, a clean body, keeps the decoded buffer: one copy less
    // of a large file
    let body = match body {
        std::borrow::Cow::Borrowed(_) => {
            let mut text = text;
            text.drain(..body_offset);
            text
        }
        std::borrow::Cow::Owned(body) => body,
    };
    let (body, marks) = if is_txt {
        meta.format = Format::Text;
        (body, Vec::new())
    } else {
        markdown_body(body, &mut meta)
    };
    meta.marks = marks;
    if meta.title.trim().is_empty() {
        meta.title = id.clone();
    }
    let article = Article {
        id,
        path: path.to_path_buf(),
        meta,
        body,
        body_line,
        warnings: Vec::new(),
    };
    Ok((article, notes))
}

/// The article of a pasted web page (see [`pasted`]): `None` when the text
/// shows no sign of one, and it is read as it is.
fn page_article(id: &str, path: &Path, text: &str, notes: &mut Vec<Note>) -> Option<Article> {
    let (clean, report) = sanitize::clean_text(text);
    let reading = pasted::read(&clean)?;
    if report.is_hostile() {
        notes.push(Note {
            at: None,
            message: format!("body: {}", report.describe()),
        });
    }
    let meta = Meta {
        title: reading
            .title
            .as_deref()
            .map(|t| clean_line(t).into_owned())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| id.to_string()),
        author: reading
            .author
            .as_deref()
            .map(|a| clean_line(a).into_owned()),
        published: reading.published,
        pasted: Some(std::sync::Arc::new(reading.pasted)),
        ..Meta::default()
    };
    Some(Article {
        id: id.to_string(),
        path: path.to_path_buf(),
        meta,
        body: reading.body,
        body_line: reading.body_line,
        warnings: Vec::new(),
    })
}

/// A Markdown body rendered ([`markdown::render`]): the text without its
/// markup, and the marks; a first heading is the title when there is none.
/// A body without markup is returned as it is.
fn markdown_body(body: String, meta: &mut Meta) -> (String, Vec<Mark>) {
    let Some(rendered) = markdown::render(&body, meta.title.trim().is_empty()) else {
        return (body, Vec::new());
    };
    if let Some(title) = rendered.title {
        meta.title = clean_line(&title).into_owned();
    }
    // character references may spell control characters: cleaned again,
    // and then the marks no longer fit the text
    match sanitize::clean_text(&rendered.body).0 {
        std::borrow::Cow::Borrowed(_) => (rendered.body, rendered.marks),
        std::borrow::Cow::Owned(clean) => (clean, Vec::new()),
    }
}

/// Decodes a file: UTF-8 (a BOM is dropped), UTF-16 with a BOM (or without
/// one, when the NUL bytes leave no doubt), else a lossy decoding with a
/// warning. Binary files (other NUL bytes) are refused.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    decode_vec(bytes.to_vec())
}

/// As [`decode`], taking the buffer so that valid UTF-8 is not copied.
pub fn decode_vec(mut bytes: Vec<u8>) -> Result<(String, Option<String>), String> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let mut bom_len = 0;
    // a loop, not recursion: a file of a million BOMs must not overflow
    while bytes[bom_len..].starts_with(BOM) {
        bom_len += BOM.len();
    }
    if bom_len > 0 {
        bytes.drain(..bom_len);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = enc.decode_with_bom_removal(&bytes);
        let warning = had_errors.then(|| "invalid UTF-16 replaced with \u{FFFD}".to_string());
        return Ok((text.into_owned(), warning));
    }
    if memchr_nul(&bytes) {
        if let Some(enc) = utf16_without_bom(&bytes) {
            let (text, _) = enc.decode_without_bom_handling(&bytes);
            return Ok((
                text.into_owned(),
                Some(format!("no byte-order mark: decoded as {}", enc.name())),
            ));
        }
        return Err("binary file (holds NUL bytes)".into());
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let bytes = e.into_bytes();
            if mostly_utf8(&bytes) {
                Ok((
                    String::from_utf8_lossy(&bytes).into_owned(),
                    Some("invalid UTF-8 replaced with \u{FFFD}".into()),
                ))
            } else {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                Ok((
                    text.into_owned(),
                    Some("not UTF-8: decoded as Windows-1252".into()),
                ))
            }
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// UTF-16 text without a byte-order mark: an even length, and the NUL bytes
/// (the high bytes of Latin text) almost all on one side of each pair, with
/// the other side almost never NUL; and it must decode cleanly.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_nul = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let enc = if odd_nul * 10 >= pairs * 7 && even_nul * 50 <= pairs {
        encoding_rs::UTF_16LE
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 50 <= pairs {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    // NUL code units or many controls: binary after all
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    (!had_errors && controls * 100 <= text.chars().count()).then_some(enc)
}

/// Whether text that is not valid UTF-8 is nevertheless mostly UTF-8 (a few
/// bad bytes among many good multi-byte characters): then only the bad bytes
/// are replaced, rather than the whole file read as Windows-1252 mojibake.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    good > 0 && good >= bad
}

/// A first line longer than this is a paragraph, not a title.
const MAX_TITLE_CHARS: usize = 200;

/// The first words of a long line, as a title.
fn short_title(line: &str) -> String {
    const SHOWN: usize = 80;
    let line = clean_line(line);
    let Some((cut, _)) = line.char_indices().nth(SHOWN) else {
        return line.into_owned();
    };
    let head = &line[..cut];
    let head = head.rsplit_once(' ').map_or(head, |(h, _)| h).trim_end();
    format!("{head}…")
}

/// A `.txt` article: the title is the first non-empty line that is not a
/// "Published …" line; a date in the first lines becomes `published`. A
/// first line that is too long for a title, or the only line, stays in the
/// body, and its first words are the title.
/// Returns the metadata, the byte offset of the body and its line.
fn txt_header(text: &str) -> (Meta, usize, usize) {
    let mut meta = Meta::default();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate().take(8) {
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if meta.published.is_none() {
            meta.published = find_header_date(trimmed);
        }
        let dateline =
            trimmed.to_ascii_lowercase().contains("published") && meta.published.is_some();
        if dateline {
            continue;
        }
        let too_long =
            trimmed.len() > MAX_TITLE_CHARS && trimmed.chars().nth(MAX_TITLE_CHARS).is_some();
        if too_long || text[offset..].trim().is_empty() {
            meta.title = short_title(trimmed);
            return (meta, offset - line.len(), n + 1);
        }
        meta.title = clean_line(trimmed).into_owned();
        return (meta, offset, n + 2);
    }
    (meta, 0, 1)
}

/// A date in a header line: ISO `2016-05-17`, or "May 17, 2016".
const HEADER_DATE: &str = r"(?i)\b(\d{4})-(\d{2})-(\d{2})\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b";

/// A date in a header line: ISO `2016-05-17`, or "May 17, 2016".
fn find_header_date(line: &str) -> Option<PartialDate> {
    // a constant pattern, proven to compile by a test; were it not to, no
    // header date is found
    static RE: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| regex::Regex::new(HEADER_DATE).ok())
        .as_ref()?;
    let c = re.captures(line)?;
    if let Some(y) = c.get(1) {
        return PartialDate::parse(&format!("{}-{}-{}", y.as_str(), &c[2], &c[3]));
    }
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| c[4].eq_ignore_ascii_case(m))?;
    PartialDate::day(
        c[6].parse().ok()?,
        i8::try_from(month + 1).ok()?,
        c[5].parse().ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_date_pattern_compiles() {
        assert!(regex::Regex::new(HEADER_DATE).is_ok());
        assert!(find_header_date("Posted May 17, 2016 by A").is_some());
    }

    #[test]
    fn txt_title_skips_published_line_and_takes_its_date() {
        let (m, off, line) = txt_header("Originally Published 2016-05-17 10:15:12 Published on May 17, 2016\nThe Title\n\nBody.\n");
        assert_eq!(m.title, "The Title");
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2016-05-17")
        );
        assert_eq!(line, 3);
        assert_eq!(
            off,
            "Originally Published 2016-05-17 10:15:12 Published on May 17, 2016\nThe Title\n".len()
        );
    }

    #[test]
    fn txt_without_date_has_first_line_as_title() {
        let (m, _, _) = txt_header("\nAd sales boost profit\n\nQuarterly profits jumped.\n");
        assert_eq!(m.title, "Ad sales boost profit");
        assert_eq!(m.published, None);
    }

    #[test]
    fn txt_with_one_long_line_keeps_it_as_the_body() {
        let line = "word ".repeat(100_000);
        let text = format!("{line}\n");
        let (m, off, line_no) = txt_header(&text);
        assert_eq!((off, line_no), (0, 1));
        assert!(
            m.title.ends_with('…') && m.title.chars().count() <= 81,
            "{}",
            m.title
        );
        let (m, off, _) = txt_header("Published 2016-05-17\nOnly a title line\n\n");
        assert_eq!(m.title, "Only a title line");
        assert_eq!(off, "Published 2016-05-17\n".len());
        assert_eq!(short_title("short"), "short");
    }

    #[test]
    fn a_million_boms_do_not_overflow_the_stack() {
        let mut bytes = b"\xEF\xBB\xBF".repeat(1_000_000);
        bytes.extend_from_slice(b"text");
        assert_eq!(decode_vec(bytes).map(|d| d.0), Ok("text".to_string()));
    }

    #[test]
    fn utf16_without_bom_needs_clear_evidence() {
        let le: Vec<u8> = "Plain words here."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Plain words here."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&le).map(|d| d.0), Ok("Plain words here.".into()));
        assert_eq!(decode(&be).map(|d| d.0), Ok("Plain words here.".into()));
        // NULs here and there are binary, not UTF-16
        assert!(decode(b"ab\0\0cd\0\0ef\0\x01").is_err());
        assert!(decode(&[0u8; 64]).is_err());
    }

    #[test]
    fn mostly_utf8_keeps_its_characters() {
        let (text, warning) = decode(
            "café "
                .as_bytes()
                .iter()
                .chain(b"\xff ok")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(text, "café \u{FFFD} ok");
        assert_eq!(
            warning.as_deref(),
            Some("invalid UTF-8 replaced with \u{FFFD}")
        );
    }

    #[test]
    fn files_are_refused_when_they_are_not_regular_or_vanished() {
        let tmp = tempfile::tempdir().unwrap();
        let gone = tmp.path().join("gone.md");
        let p = read_article(&gone, &Limits::default()).unwrap_err();
        assert!(p.skipped && p.message.starts_with("cannot read"), "{p}");
        let p = read_article(tmp.path(), &Limits::default()).unwrap_err();
        assert_eq!(p.message, "not a regular file");
    }

    #[test]
    fn ids_are_paths_relative_to_the_folder() {
        let root = Path::new("/data/bbc");
        assert_eq!(
            relative_id(&root.join("business/001.txt"), root),
            "business/001"
        );
        assert_eq!(relative_id(&root.join("a.b.md"), root), "a.b");
        assert_eq!(relative_id(&root.join("x/y/z.md"), root), "x/y/z");
        // a file opened on its own
        let page = root.join("saved/page.html");
        assert_eq!(relative_id(&page, &page), "page");
        let mut taken = HashSet::new();
        assert_eq!(unique_id("a", &taken), "a");
        taken.insert("a".to_string());
        assert_eq!(unique_id("a", &taken), "a-2");
    }

    #[test]
    fn readme_and_license_files_are_not_articles() {
        for name in [
            "README.TXT",
            "readme.md",
            "README.en.md",
            "LICENSE.txt",
            "LICENSE-MIT.md",
            "COPYING.txt",
            "CHANGELOG.md",
            "sub/README.md",
        ] {
            assert!(!is_article_file(Path::new(name)), "{name}");
        }
        for name in [
            "001.txt",
            "readmeasure.md",
            "licensed-goods.md",
            "authors-guild-sues.md",
            "notes.md",
        ] {
            assert!(is_article_file(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn problem_display_cleans_path_and_message() {
        let p = Problem {
            path: PathBuf::from("dir/\x1b]0;t\x07a.md"),
            at: Some((3, 4)),
            message: "bad\nnews \x1b[31mred".into(),
            skipped: true,
        };
        assert_eq!(p.to_string(), "dir/a.md:3:4: bad news red (skipped)");
    }

    #[test]
    fn decodes_boms_and_falls_back_to_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), ("hi".into(), None));
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap().0, "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap().0, "hi");
        let (text, warning) = decode(b"caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(text, "caf\u{e9} \u{201c}quoted\u{201d}");
        assert!(warning.is_some());
        assert!(decode(b"ELF\0\0binary").is_err());
    }
}
