//! `dossier add URL|FILE… [--into DIR]`: fetch web pages (or read saved
//! ones), extract the article as Firefox's Reader View would
//! ([`crate::corpus::html`]), and write each as `DIR/<slug>.md` with TOML
//! front matter (`title`, `author`, `source`, `published`, `url`,
//! `fetched`) and its body as Markdown.
//!
//! The only command that writes into a content folder, and only because
//! the user asked: a file is created, never overwritten (a page whose
//! address is already in the folder is reported as there), and every item
//! gets one line saying what it got or why it failed.
//!
//! Fetching is a small blocking HTTPS client ([`ureq`] with rustls): a
//! timeout for the whole exchange, at most [`MAX_REDIRECTS`] redirects, a
//! size cap, HTML content types only, and a User-Agent that says what it is.

use crate::corpus::frontmatter;
use crate::corpus::html::{self, BodyMode, Page};
use crate::text::sanitize::{clean_line, clean_text};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Redirects followed at most.
pub const MAX_REDIRECTS: u32 = 5;

/// The User-Agent sent with every request.
pub const USER_AGENT: &str = concat!(
    "dossier/",
    env!("CARGO_PKG_VERSION"),
    " (terminal reading companion; fetches one page a user asked for)"
);

/// How pages are fetched.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder the articles are written into (created when missing).
    pub into: PathBuf,
    /// The longest one fetch may take, redirects and body included.
    pub timeout: Duration,
    /// The largest page read.
    pub max_bytes: u64,
}

impl Options {
    /// Defaults: 30 s, the size a saved page may have.
    pub fn into(dir: impl Into<PathBuf>) -> Self {
        Self {
            into: dir.into(),
            timeout: Duration::from_secs(30),
            max_bytes: html::MAX_PAGE_BYTES as u64,
        }
    }
}

/// What became of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written to this file, with this title.
    Added {
        /// The new file.
        path: PathBuf,
        /// The article's title.
        title: String,
        /// "source, date", as known.
        about: String,
    },
    /// The folder already holds the page (same address).
    Exists {
        /// The file that holds it.
        path: PathBuf,
    },
    /// Nothing was written, for this reason.
    Failed(String),
}

impl Outcome {
    /// Whether the item failed.
    pub fn failed(&self) -> bool {
        matches!(self, Outcome::Failed(_))
    }
}

/// The one line said for an item.
pub struct Line<'a> {
    /// The item as given.
    pub item: &'a str,
    /// What became of it.
    pub outcome: &'a Outcome,
}

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let item = clean_line(self.item);
        match self.outcome {
            Outcome::Added { path, title, about } => {
                write!(
                    f,
                    "added {}: {}",
                    clean_line(&path.display().to_string()),
                    clean_line(title)
                )?;
                if !about.is_empty() {
                    write!(f, " ({})", clean_line(about))?;
                }
                Ok(())
            }
            Outcome::Exists { path } => write!(
                f,
                "already there {item}: {}",
                clean_line(&path.display().to_string())
            ),
            Outcome::Failed(why) => write!(f, "failed {item}: {}", clean_line(why)),
        }
    }
}

/// Adds every item, in order, and says what became of each on `out` as it
/// goes. Returns the outcomes.
pub fn add_all(items: &[String], options: &Options, out: &mut dyn Write) -> Vec<Outcome> {
    let agent = agent(options);
    let mut outcomes = Vec::with_capacity(items.len());
    for item in items {
        let outcome = add_one(&agent, item, options);
        let _ = writeln!(
            out,
            "{}",
            Line {
                item,
                outcome: &outcome
            }
        );
        let _ = out.flush();
        outcomes.push(outcome);
    }
    outcomes
}

fn agent(options: &Options) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .max_redirects(MAX_REDIRECTS)
        .user_agent(USER_AGENT)
        .http_status_as_error(false)
        .build()
        .into()
}

fn is_web_address(item: &str) -> bool {
    let lower = item.get(..8).unwrap_or(item).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Adds one URL or local file.
pub fn add_one(agent: &ureq::Agent, item: &str, options: &Options) -> Outcome {
    let known = known_addresses(&options.into);
    if is_web_address(item) {
        if let Some(path) = find_known(&known, item) {
            return Outcome::Exists { path };
        }
        let (bytes, charset, final_url) = match fetch(agent, item, options) {
            Ok(x) => x,
            Err(why) => return Outcome::Failed(why),
        };
        let page = match html::extract(
            &bytes,
            charset.as_deref(),
            Some(&final_url),
            BodyMode::Markdown,
        ) {
            Ok(p) => p,
            Err(why) => return Outcome::Failed(why),
        };
        let url = page.url.clone().unwrap_or(final_url);
        save(page, Some(url), &known, options)
    } else {
        let path = Path::new(item);
        let is_html = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .is_some_and(|e| e == "html" || e == "htm");
        if !is_html {
            return Outcome::Failed("neither a web address nor a saved page (.html, .htm)".into());
        }
        let bytes = match crate::fsio::read_regular(path, options.max_bytes) {
            Ok(b) => b,
            Err(e) => return Outcome::Failed(format!("cannot read: {e}")),
        };
        match html::extract(&bytes, None, None, BodyMode::Markdown) {
            Ok(page) => {
                let url = page.url.clone();
                save(page, url, &known, options)
            }
            Err(why) => Outcome::Failed(why),
        }
    }
}

/// Fetches a page: its bytes, the charset its `Content-Type` declares, and
/// its address after redirects.
fn fetch(
    agent: &ureq::Agent,
    url: &str,
    options: &Options,
) -> Result<(Vec<u8>, Option<String>, String), String> {
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| fetch_error(&e, options))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "the server answered {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_string());
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime != "text/html" && mime != "application/xhtml+xml" {
        return Err(format!(
            "not a web page: the server sent {}",
            if mime.is_empty() {
                "no content type".to_string()
            } else {
                clean_line(&mime).into_owned()
            }
        ));
    }
    let declared_length = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared_length.is_some_and(|n| n > options.max_bytes) {
        return Err(too_big(options));
    }
    let charset = content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    });
    let final_url = {
        use ureq::ResponseExt;
        response.get_uri().to_string()
    };
    let bytes = response
        .body_mut()
        .with_config()
        .limit(options.max_bytes)
        .read_to_vec()
        .map_err(|e| fetch_error(&e, options))?;
    Ok((bytes, charset, final_url))
}

fn too_big(options: &Options) -> String {
    format!(
        "the page is larger than {} MB",
        options.max_bytes / (1024 * 1024)
    )
}

fn fetch_error(e: &ureq::Error, options: &Options) -> String {
    match e {
        ureq::Error::Timeout(_) => format!(
            "no answer within {} s (timed out)",
            options.timeout.as_secs_f64()
        ),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        ureq::Error::BodyExceedsLimit(_) => too_big(options),
        ureq::Error::Io(io) => format!("cannot fetch: {}", crate::error::io_reason(io)),
        other => format!("cannot fetch: {other}"),
    }
}

/// The addresses of the articles already in the folder (`url` of their
/// front matter), with their files.
fn known_addresses(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut known = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(bytes) = crate::fsio::read_regular(&path, 1 << 20) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let split = frontmatter::split(&text);
        if let Some(toml) = split.toml {
            if let Some(url) = frontmatter::parse(toml, 2).0.url {
                known.push((url, path));
            }
        }
    }
    known
}

/// Whether `path` is an article with this title and no address.
fn same_title_without_address(path: &Path, title: &str) -> bool {
    let Ok(bytes) = crate::fsio::read_regular(path, 1 << 20) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes);
    frontmatter::split(&text).toml.is_some_and(|toml| {
        let meta = frontmatter::parse(toml, 2).0;
        meta.url.is_none() && meta.title == title
    })
}

/// An address without what does not tell pages apart (a fragment, a
/// trailing slash, the scheme's case).
fn normal_address(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let url = url.trim_end_matches('/');
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let scheme = if scheme.eq_ignore_ascii_case("http") {
                "https"
            } else {
                scheme
            };
            format!(
                "{}://{}/{path}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase()
            )
        }
        None => url.to_string(),
    }
}

fn find_known(known: &[(String, PathBuf)], url: &str) -> Option<PathBuf> {
    let want = normal_address(url);
    known
        .iter()
        .find(|(u, _)| normal_address(u) == want)
        .map(|(_, p)| p.clone())
}

/// A file name from a title: lower-case ASCII letters and digits joined by
/// dashes, at most 60 characters.
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
        if s.len() >= 60 {
            break;
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() {
        "article".into()
    } else {
        s
    }
}

#[derive(serde::Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    fetched: String,
}

/// Writes the page as a new `.md` file in the folder, unless its address is
/// already there.
fn save(
    page: Page,
    url: Option<String>,
    known: &[(String, PathBuf)],
    options: &Options,
) -> Outcome {
    let url = url.map(|u| clean_line(&u).into_owned());
    if let Some(path) = url.as_deref().and_then(|u| find_known(known, u)) {
        return Outcome::Exists { path };
    }
    let clean = |s: &Option<String>| s.as_deref().map(|s| clean_line(s).into_owned());
    let title = clean(&page.title).unwrap_or_else(|| "Untitled".into());
    let author = clean(&page.author);
    let source = clean(&page.source);
    let published = page.published.map(|d| d.to_string());
    let front = Front {
        title: &title,
        author: author.as_deref(),
        source: source.as_deref(),
        published: published.clone(),
        url: url.as_deref(),
        fetched: jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
    };
    let toml = match toml::to_string(&front) {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(format!("cannot write the front matter: {e}")),
    };
    let body = clean_text(&page.body).0;
    let text = format!("+++\n{toml}+++\n\n{}", body.trim_start());
    if let Err(e) = std::fs::create_dir_all(&options.into) {
        return Outcome::Failed(format!(
            "cannot create {}: {}",
            options.into.display(),
            crate::error::io_reason(&e)
        ));
    }
    let base = slug(&title);
    // a saved page without an address: the same title in the same file is
    // the same page, added before
    if url.is_none() {
        let path = options.into.join(format!("{base}.md"));
        if same_title_without_address(&path, &title) {
            return Outcome::Exists { path };
        }
    }
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{base}.md")
        } else {
            format!("{base}-{n}.md")
        };
        let path = options.into.join(name);
        // created, never overwritten
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                if let Err(e) = file
                    .write_all(text.as_bytes())
                    .and_then(|()| file.sync_all())
                {
                    let _ = std::fs::remove_file(&path);
                    return Outcome::Failed(format!(
                        "cannot write {}: {}",
                        path.display(),
                        crate::error::io_reason(&e)
                    ));
                }
                let about = [source.clone(), published.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                return Outcome::Added { path, title, about };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Outcome::Failed(format!(
                    "cannot write {}: {}",
                    path.display(),
                    crate::error::io_reason(&e)
                ))
            }
        }
    }
    Outcome::Failed("too many articles with this title".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_and_plain() {
        assert_eq!(
            slug("Abe's Russia plan: Will it work?"),
            "abe-s-russia-plan-will-it-work"
        );
        assert_eq!(slug("   "), "article");
        assert!(slug(&"word ".repeat(40)).len() <= 60);
    }

    #[test]
    fn addresses_compare_without_fragments_and_case() {
        assert_eq!(
            normal_address("HTTP://Example.test/a/#top"),
            normal_address("https://example.test/a")
        );
        assert_ne!(
            normal_address("https://example.test/a"),
            normal_address("https://example.test/b")
        );
    }
}
