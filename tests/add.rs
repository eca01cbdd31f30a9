//! `dossier add` against an HTTP server the test starts on 127.0.0.1: a
//! good page, a redirect, a 404, a non-HTML response, a page over the size
//! cap, a page that never answers, a non-article page, and a URL added
//! twice. No test touches the internet.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// An article page of our own: enough running text for Readability, and
/// the metadata dossier reads.
fn article_page(port: u16) -> String {
    let paragraph = "The harbour authority said on Tuesday that the new ferry line would \
        open in the spring, after two years of delays caused by a dispute over the pier. \
        Residents of the island have waited for a reliable crossing since the old boat \
        was withdrawn, and local shops say the winter months were the hardest.";
    let body: String = (0..8).map(|_| format!("<p>{paragraph}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Ferry line to open in spring | Island Gazette</title>
<link rel="canonical" href="http://127.0.0.1:{port}/good">
<meta property="og:site_name" content="Island Gazette">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry line to open in spring</h1>{body}</article>
<footer>Copyright</footer></body></html>"#
    )
}

/// A page of links and nothing to read.
fn index_page() -> String {
    let links: String = (0..30)
        .map(|i| format!("<li><a href=\"/story/{i}\">Story {i}</a></li>"))
        .collect();
    format!("<html><head><title>Front page</title></head><body><ul>{links}</ul></body></html>")
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn serve(mut stream: TcpStream, port: u16) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // the rest of the head
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let html = |s: &str| vec![("Content-Type", s.to_string())];
    match path.as_str() {
        "/good" | "/good/" => respond(
            &mut stream,
            "200 OK",
            &html("text/html; charset=utf-8"),
            article_page(port).as_bytes(),
        ),
        "/redirect" => respond(
            &mut stream,
            "302 Found",
            &[("Location", "/good".to_string())],
            b"",
        ),
        "/loop" => respond(
            &mut stream,
            "302 Found",
            &[("Location", "/loop".to_string())],
            b"",
        ),
        "/data.json" => respond(
            &mut stream,
            "200 OK",
            &html("application/json"),
            b"{\"not\": \"a page\"}",
        ),
        "/index" => respond(
            &mut stream,
            "200 OK",
            &html("text/html"),
            index_page().as_bytes(),
        ),
        "/huge" => {
            // no length announced: the cap must stop the reading
            respond(&mut stream, "200 OK", &html("text/html"), b"<html><body>");
            let chunk = "<p>padding padding padding padding</p>\n".repeat(1000);
            for _ in 0..400 {
                if stream.write_all(chunk.as_bytes()).is_err() {
                    break;
                }
            }
        }
        "/huge-declared" => respond(
            &mut stream,
            "200 OK",
            &[
                ("Content-Type", "text/html".to_string()),
                ("Content-Length", (200u64 << 20).to_string()),
            ],
            b"<html>",
        ),
        "/silent" => {
            // accepts, reads the request, and never answers
            std::thread::sleep(Duration::from_secs(8));
        }
        _ => respond(&mut stream, "404 Not Found", &html("text/html"), b"no"),
    }
}

/// Starts the server; it serves until the test process ends.
fn server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream, port));
        }
    });
    port
}

fn dossier_add(dir: &Path, home: &Path, args: &[String]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.arg("add")
        .args(args)
        .arg("--into")
        .arg(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_CACHE_HOME", home)
        .env_remove("DOSSIER_CONFIG");
    for proxy in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(proxy);
    }
    cmd.output().expect("run dossier")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn setup() -> (tempfile::TempDir, u16) {
    (tempfile::tempdir().unwrap(), server())
}

fn md_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_good_page_is_written_with_its_metadata_and_reads_back() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let out = dossier_add(&dir, tmp.path(), &[format!("http://127.0.0.1:{port}/good")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = stdout(&out);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.starts_with("added "), "{said}");
    assert!(said.contains("Island Gazette, 2024-03-05"), "{said}");
    let files = md_files(&dir);
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.starts_with("+++\ntitle = "), "{text}");
    for want in [
        "author = \"Mara Quill\"",
        "source = \"Island Gazette\"",
        "published = \"2024-03-05\"",
        &format!("url = \"http://127.0.0.1:{port}/good\""),
        "fetched = \"",
        "The harbour authority said on Tuesday",
    ] {
        assert!(text.contains(want), "{want} missing in\n{text}");
    }
    assert!(
        !text.contains("Copyright") && !text.contains("Home"),
        "{text}"
    );
    // and the folder reads as a corpus with that metadata
    let corpus = dossier::corpus::Corpus::load(&dir).unwrap();
    let a = &corpus.articles[0];
    assert_eq!(a.meta.author.as_deref(), Some("Mara Quill"));
    assert_eq!(a.meta.source.as_deref(), Some("Island Gazette"));
    assert!(
        a.body.trim_start().starts_with("The harbour authority"),
        "{}",
        a.body
    );
}

#[test]
fn a_redirect_is_followed_and_a_redirect_loop_fails() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let out = dossier_add(
        &dir,
        tmp.path(),
        &[format!("http://127.0.0.1:{port}/redirect")],
    );
    assert!(out.status.success(), "{}", stdout(&out));
    let text = std::fs::read_to_string(&md_files(&dir)[0]).unwrap();
    // the canonical address, not the redirecting one
    assert!(
        text.contains(&format!("url = \"http://127.0.0.1:{port}/good\"")),
        "{text}"
    );
    let out = dossier_add(&dir, tmp.path(), &[format!("http://127.0.0.1:{port}/loop")]);
    assert!(!out.status.success());
    assert!(
        stdout(&out).contains("more than 5 redirects"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_404_fails_and_nothing_is_written() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let out = dossier_add(&dir, tmp.path(), &[format!("http://127.0.0.1:{port}/gone")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("404"), "{}", stdout(&out));
    assert!(md_files(&dir).is_empty());
}

#[test]
fn a_response_that_is_not_html_fails() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let out = dossier_add(
        &dir,
        tmp.path(),
        &[format!("http://127.0.0.1:{port}/data.json")],
    );
    assert!(!out.status.success());
    assert!(
        stdout(&out).contains("not a web page: the server sent application/json"),
        "{}",
        stdout(&out)
    );
    assert!(md_files(&dir).is_empty());
}

#[test]
fn a_page_over_the_size_cap_fails_quickly() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let t = Instant::now();
    let out = dossier_add(
        &dir,
        tmp.path(),
        &[
            format!("http://127.0.0.1:{port}/huge"),
            format!("http://127.0.0.1:{port}/huge-declared"),
        ],
    );
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert!(!out.status.success());
    let said = stdout(&out);
    assert_eq!(said.matches("larger than 12 MB").count(), 2, "{said}");
    assert!(md_files(&dir).is_empty());
}

#[test]
fn a_page_that_never_answers_times_out() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let t = Instant::now();
    let out = dossier_add(
        &dir,
        tmp.path(),
        &[
            format!("http://127.0.0.1:{port}/silent"),
            "--timeout".into(),
            "1".into(),
        ],
    );
    let took = t.elapsed();
    assert!(took < Duration::from_secs(6), "{took:?}");
    assert!(!out.status.success());
    assert!(stdout(&out).contains("timed out"), "{}", stdout(&out));
}

#[test]
fn a_page_that_is_not_an_article_fails_with_the_reason() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let out = dossier_add(
        &dir,
        tmp.path(),
        &[format!("http://127.0.0.1:{port}/index")],
    );
    assert!(!out.status.success());
    assert!(stdout(&out).contains("not an article"), "{}", stdout(&out));
    assert!(md_files(&dir).is_empty());
}

#[test]
fn a_url_added_twice_is_already_there_and_nothing_is_overwritten() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let url = format!("http://127.0.0.1:{port}/good");
    assert!(dossier_add(&dir, tmp.path(), std::slice::from_ref(&url))
        .status
        .success());
    let file = md_files(&dir)[0].clone();
    let before = std::fs::read(&file).unwrap();
    // the same address, and an address that redirects to it
    let out = dossier_add(
        &dir,
        tmp.path(),
        &[url.clone(), format!("http://127.0.0.1:{port}/redirect")],
    );
    assert!(out.status.success(), "{}", stdout(&out));
    let said = stdout(&out);
    assert_eq!(said.matches("already there").count(), 2, "{said}");
    assert_eq!(md_files(&dir).len(), 1);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn one_line_per_item_and_a_failure_makes_the_exit_status() {
    let (tmp, port) = setup();
    let dir = tmp.path().join("news");
    let saved = tmp.path().join("saved.html");
    std::fs::write(&saved, article_page(port).replace("/good", "/saved")).unwrap();
    let out = dossier_add(
        &dir,
        tmp.path(),
        &[
            format!("http://127.0.0.1:{port}/good"),
            format!("http://127.0.0.1:{port}/gone"),
            saved.display().to_string(),
            tmp.path().join("notes.txt").display().to_string(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 4, "{said}");
    assert!(lines[0].starts_with("added"), "{said}");
    assert!(lines[1].starts_with("failed"), "{said}");
    assert!(lines[2].starts_with("added"), "{said}");
    assert!(lines[3].starts_with("failed"), "{said}");
    assert_eq!(md_files(&dir).len(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 of 4 item(s) could not be added"));
}

#[test]
fn the_reader_suggests_add_for_a_web_address() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["analyze", "https://example.org/story"])
        .env("HOME", tmp.path())
        .env("XDG_CONFIG_HOME", tmp.path())
        .env_remove("DOSSIER_CONFIG")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dossier add https://example.org/story"),
        "{err}"
    );
}
