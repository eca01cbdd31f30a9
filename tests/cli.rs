//! The command line end to end: the export contract, exit statuses, config
//! errors with <file:line:column>, and the folder left untouched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dossier() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    // never pick up a user's configuration, state or cache
    c.env_remove("DOSSIER_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-dossier-test");
    c
}

fn run(args: &[&str]) -> Output {
    dossier().args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

#[test]
fn analyze_json_follows_the_export_contract() {
    let o = run(&["analyze", "content", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["version"], 2);
    let articles = v["articles"].as_array().expect("articles");
    let mut ids: Vec<String> = std::fs::read_dir(content())
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    ids.sort();
    let mut got: Vec<String> = articles
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    // ordered by published date
    let dates: Vec<&str> = articles
        .iter()
        .map(|a| a["published"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    got.sort();
    assert_eq!(got, ids);
    let kinds = ["person", "place", "organization", "other"];
    let value_form =
        regex::Regex::new(r"^(\d{3}X|\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?)$")
            .unwrap();
    let mut sentence_counts = std::collections::HashMap::new();
    for a in articles {
        let n = a["sentences"].as_array().unwrap().len();
        assert!(n > 10, "{} has only {n} sentences", a["id"]);
        sentence_counts.insert(a["id"].as_str().unwrap().to_string(), n);
        for e in a["entities"].as_array().unwrap() {
            assert!(kinds.contains(&e["kind"].as_str().unwrap()));
            assert!(e["count"].as_u64().unwrap() >= 1);
        }
        for d in a["dates"].as_array().unwrap() {
            assert!((d["sentence"].as_u64().unwrap() as usize) < n);
            assert!(!d["text"].as_str().unwrap().is_empty());
            if let Some(val) = d["value"].as_str() {
                assert!(value_form.is_match(val), "bad date value {val}");
            }
        }
    }
    for e in v["entities"].as_array().unwrap() {
        assert!(kinds.contains(&e["kind"].as_str().unwrap()));
        assert!(
            e["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == &e["name"]),
            "{e}"
        );
    }
    for l in v["links"].as_array().unwrap() {
        let (a, b) = (&l["a"], &l["b"]);
        assert_ne!(
            a["article"], b["article"],
            "a link joins two different articles"
        );
        for side in [a, b] {
            let n = sentence_counts[side["article"].as_str().unwrap()];
            assert!((side["sentence"].as_u64().unwrap() as usize) < n);
        }
        assert!(["agrees", "differs", "related"].contains(&l["relation"].as_str().unwrap()));
        let score = l["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
}

#[test]
fn analyze_text_summarises_each_article() {
    let o = run(&["analyze", "content", "--format", "text"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    for entry in std::fs::read_dir(content()).unwrap() {
        let id = entry
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(text.contains(&id), "summary lacks {id}");
    }
    assert!(text.contains("sentences"));
}

#[test]
fn analyze_exits_zero_when_its_output_is_closed_early() {
    // a corpus large enough that the export overflows a pipe buffer
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(content()).unwrap() {
        let path = entry.unwrap().path();
        for n in 0..12 {
            let name = format!("{}-{n}.md", path.file_stem().unwrap().to_string_lossy());
            std::fs::copy(&path, dir.path().join(name)).unwrap();
        }
    }
    let mut child = dossier()
        .args(["analyze", "--format", "json"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut head)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "exit {status:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn missing_and_empty_folders_are_clear_errors() {
    let o = run(&["analyze", "/nonexistent/dossier-corpus"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("/nonexistent/dossier-corpus"),
        "{}",
        stderr(&o)
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.pdf"), b"not an article").unwrap();
    let o = dossier().arg("analyze").arg(dir.path()).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no articles"), "{}", stderr(&o));
}

#[test]
fn a_broken_file_is_reported_and_the_rest_open() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        content().join("kesavan-2016-abe-russia-plan.md"),
        dir.path().join("good.md"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.md"),
        "+++\ntitle = \"Half\"\npublished = \"someday\"\n+++\n\nText.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x7fELF\0\0\0").unwrap();
    let o = dossier()
        .args(["analyze", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("broken.md:3:13:") && err.contains("someday"),
        "{err}"
    );
    assert!(
        err.contains("binary.txt") && err.contains("skipped"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.contains(&"good") && ids.contains(&"broken"));
}

/// `[limits]` in the configuration reach the loader: a file over
/// `max_file_bytes` is skipped with a warning naming the limit.
#[test]
fn configured_limits_apply_to_analyze() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.md"), "A short article.\n").unwrap();
    std::fs::write(dir.path().join("large.md"), "A long article. ".repeat(100)).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[limits]\nmax_file_bytes = 500\n").unwrap();
    let corpus = dir.path().to_str().unwrap();
    let o = dossier()
        .arg("--config")
        .arg(&config)
        .args(["analyze", corpus, "--format", "json", "--no-cache"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("large.md") && err.contains("limit `max_file_bytes`"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(ids, ["small"]);
}

/// Each invalid fixture fails with one line naming file, line and column.
#[test]
fn invalid_configs_name_file_line_and_column() {
    let expected = [
        ("unknown_action.toml", "3:12", "unknown action `teleport`"),
        ("conflict.toml", "3:9", "bound to both"),
        ("prefix_conflict.toml", "", "start of"),
        ("unknown_key.toml", "2:9", "unknown key `hyper-q`"),
        ("unknown_field.toml", "4:1", "panel_widht"),
        ("bad_value.toml", "2:18", "link_threshold"),
        ("bad_colour.toml", "2:9", "greenish"),
        ("syntax.toml", "1:", ""),
        ("wrong_type.toml", "2:9", ""),
        (
            "zero_limit.toml",
            "3:13",
            "`limits.max_files` must be at least 1",
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/configs/invalid");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        expected.len(),
        "every fixture is checked"
    );
    for (file, at, message) in expected {
        let path = dir.join(file);
        let o = dossier()
            .arg("--config")
            .arg(&path)
            .args(["analyze", "content"])
            .output()
            .unwrap();
        assert!(!o.status.success(), "{file} was accepted");
        let err = stderr(&o);
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{file}: one line, got {err}"
        );
        let prefix = format!("dossier: {}:{at}", path.display());
        assert!(
            err.starts_with(&prefix),
            "{file}: expected {prefix}…, got {err}"
        );
        assert!(
            err.contains(message),
            "{file}: expected {message:?} in {err}"
        );
    }
}

#[test]
fn valid_configs_apply_and_print_config_says_where_from() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/configs/valid");
    let path = dir.join("rebind.toml");
    let o = dossier()
        .arg("--config")
        .arg(&path)
        .arg("--print-config")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains(&format!("source: {} (--config)", path.display())),
        "{out}"
    );
    assert!(out.contains("next_sentence = [\"n\", \"down\"]"), "{out}");
    assert!(out.contains("quit = [\"Z Z\", \"q\"]"), "{out}");
    assert!(out.contains("panel_width = 50"), "{out}");
    // the printed configuration is itself a valid configuration
    let printed = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(printed.path(), &out).unwrap();
    let again = dossier()
        .arg("--config")
        .arg(printed.path())
        .arg("--print-config")
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    let o = dossier()
        .arg("--config")
        .arg(dir.join("theme.toml"))
        .arg("--print-config")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("light_cyan bold"));
}

#[test]
fn dossier_config_environment_variable_is_used() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/configs/valid/theme.toml");
    let o = dossier()
        .env("DOSSIER_CONFIG", &path)
        .arg("--print-config")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("$DOSSIER_CONFIG"));
}

#[test]
fn help_version_and_completions() {
    let o = run(&["--version"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("dossier "));
    let o = run(&["--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("analyze"));
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success());
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("analyze"),
            "{shell}"
        );
    }
    let o = run(&["analyze", "--format", "yaml"]);
    assert!(!o.status.success());
}

#[test]
fn analyzing_never_modifies_the_articles() {
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let m = std::fs::metadata(&p).unwrap().modified().unwrap();
                (p.clone(), std::fs::read(&p).unwrap(), m)
            })
            .collect();
        v.sort();
        v
    }
    let before = snapshot(&content());
    assert!(run(&["analyze", "content", "--format", "json"])
        .status
        .success());
    assert!(run(&["analyze", "content", "--format", "text"])
        .status
        .success());
    assert_eq!(before, snapshot(&content()));
}
