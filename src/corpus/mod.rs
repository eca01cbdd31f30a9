//! Loading a corpus: a folder of `.md` files with TOML front matter and of
//! plain `.txt` files, decoded, sanitised and ordered. A bad file is reported
//! and the others still open; nothing here ever writes to the folder.

pub mod date;
pub mod frontmatter;
pub mod sanitize;

pub use date::PartialDate;
pub use frontmatter::Meta;

use crate::error::Error;
use sanitize::clean_line;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One article: its metadata and its body text, sanitised.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file name without its extension (unique within the corpus).
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
        write!(f, ": {}", self.message)?;
        if self.skipped {
            write!(f, " (skipped)")?;
        }
        Ok(())
    }
}

/// Limits on what is read, so that a hostile folder cannot hang the reader.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
    /// At most this many files are read.
    pub max_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 64 * 1024 * 1024,
            max_files: 200_000,
        }
    }
}

/// The articles of a folder, in reading order, and the problems met.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The folder it was loaded from.
    pub root: PathBuf,
    /// Articles ordered by published date, then id.
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
        let meta = std::fs::metadata(root).map_err(|e| Error::Io {
            path: root.to_path_buf(),
            source: e,
        })?;
        if !meta.is_dir() {
            return Err(Error::NotAFolder {
                path: root.to_path_buf(),
            });
        }
        let mut problems = Vec::new();
        let mut files = Vec::new();
        collect_files(root, &mut files, &mut problems, &mut HashSet::new(), limits);
        files.sort();
        let mut articles: Vec<Article> = Vec::with_capacity(files.len());
        let mut ids = HashSet::new();
        for path in files {
            match read_article(&path, limits) {
                Ok((mut article, issues)) => {
                    if !ids.insert(article.id.clone()) {
                        article.id = unique_id(&path, root, &ids);
                        ids.insert(article.id.clone());
                    }
                    for issue in issues {
                        article.warnings.push(issue.to_string());
                        problems.push(issue);
                    }
                    articles.push(article);
                }
                Err(problem) => problems.push(problem),
            }
        }
        if articles.is_empty() {
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

fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown" | "txt")
    )
}

fn collect_files(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    seen: &mut HashSet<PathBuf>,
    limits: &Limits,
) {
    // a folder reached twice (a symlink loop) is read once
    match std::fs::canonicalize(dir) {
        Ok(real) => {
            if !seen.insert(real) {
                return;
            }
        }
        Err(e) => {
            problems.push(Problem {
                path: dir.to_path_buf(),
                at: None,
                message: e.to_string(),
                skipped: true,
            });
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem {
                path: dir.to_path_buf(),
                at: None,
                message: e.to_string(),
                skipped: true,
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, files, problems, seen, limits);
        } else if is_article_file(&path) {
            if files.len() >= limits.max_files {
                problems.push(Problem {
                    path,
                    at: None,
                    message: format!(
                        "more than {} files; the rest are not read",
                        limits.max_files
                    ),
                    skipped: true,
                });
                return;
            }
            files.push(path);
        }
    }
}

fn unique_id(path: &Path, root: &Path, taken: &HashSet<String>) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let base = clean_line(&rel.to_string_lossy()).into_owned();
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Reads one file into an article; the problems returned alongside are
/// warnings, an `Err` means the file was skipped.
fn read_article(path: &Path, limits: &Limits) -> Result<(Article, Vec<Problem>), Problem> {
    let skip = |message: String| Problem {
        path: path.to_path_buf(),
        at: None,
        message,
        skipped: true,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| skip(e.to_string()))?
        .len();
    if size > limits.max_file_bytes {
        return Err(skip(format!(
            "{size} bytes is over the limit of {} bytes",
            limits.max_file_bytes
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| skip(e.to_string()))?;
    let (text, decode_warning) = decode(&bytes).map_err(skip)?;
    let warn = |at: Option<(usize, usize)>, message: String| Problem {
        path: path.to_path_buf(),
        at,
        message,
        skipped: false,
    };
    let mut problems = Vec::new();
    if let Some(w) = decode_warning {
        problems.push(warn(None, w));
    }
    let id = clean_line(&path.file_stem().unwrap_or_default().to_string_lossy()).into_owned();
    let is_txt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    let (mut meta, raw_body, body_line) = if is_txt {
        let (meta, offset, line) = txt_header(&text);
        (meta, &text[offset..], line)
    } else {
        let split = frontmatter::split(&text);
        let mut meta = Meta::default();
        if let Some(issue) = split.issue {
            problems.push(warn(Some((issue.line, issue.column)), issue.message));
        }
        if let Some(toml) = split.toml {
            let (m, issues) = frontmatter::parse(toml, 2);
            meta = m;
            problems.extend(
                issues
                    .into_iter()
                    .map(|i| warn(Some((i.line, i.column)), i.message)),
            );
        }
        (meta, &text[split.body_offset..], split.body_line)
    };
    let (body, report) = sanitize::clean_text(raw_body);
    if !report.is_clean() {
        problems.push(warn(
            None,
            format!(
                "removed {} escape sequence(s) and {} control character(s)",
                report.escapes, report.controls
            ),
        ));
    }
    if meta.title.trim().is_empty() {
        meta.title = id.clone();
    }
    let article = Article {
        id,
        path: path.to_path_buf(),
        meta,
        body: body.into_owned(),
        body_line,
        warnings: Vec::new(),
    };
    Ok((article, problems))
}

/// Decodes a file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else
/// Windows-1252 with a warning. Binary files (NUL bytes) are refused.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        let warning = had_errors.then(|| "invalid UTF-16 replaced with \u{FFFD}".to_string());
        return Ok((text.into_owned(), warning));
    }
    if bytes.contains(&0) {
        return Err("binary file (holds NUL bytes)".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((
                text.into_owned(),
                Some("not UTF-8: decoded as Windows-1252".into()),
            ))
        }
    }
}

/// A `.txt` article: the title is the first non-empty line that is not a
/// "Published …" line; a date in the first lines becomes `published`.
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
        meta.title = clean_line(trimmed).into_owned();
        return (meta, offset, n + 2);
    }
    (meta, 0, 1)
}

/// A date in a header line: ISO `2016-05-17`, or "May 17, 2016".
fn find_header_date(line: &str) -> Option<PartialDate> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(\d{4})-(\d{2})-(\d{2})\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b",
        )
        .expect("header date pattern is valid")
    });
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
