//! Faults from the fault campaign (issue 18) and the first-use report (issue
//! 17, items 5 and 14), each through the real binary: hostile or special
//! configuration files, output that cannot be written, paths the system
//! cannot take, caches that would land in the corpus, leftovers of killed
//! writers, and error messages said once with what to do.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary with a clean environment: no configuration, state or cache
/// of the user's, run from `cwd`.
fn dossier(cwd: &Path, home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.current_dir(cwd)
        .env_remove("DOSSIER_CONFIG")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("DOSSIER_CACHE_DIR", home.join("cache"))
        .env("DOSSIER_STATE", home.join("state.json"));
    c
}

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `cmd`, killing it (and failing) if it takes longer than `limit`;
/// its output is drained as it comes, so a full pipe never stalls it.
fn run_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dossier");
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let err = err.join().unwrap_or_default();
            panic!(
                "still running after {limit:?}; stderr: {}",
                String::from_utf8_lossy(&err)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

fn no_escape(s: &str) {
    assert!(
        !s.chars().any(|c| c.is_control() && c != '\n'),
        "control characters reach the terminal: {s:?}"
    );
}

/// Item 18.1 (and 17.5): a `config.toml` in the working folder — here one
/// whose key is a terminal escape, as a hostile one would be, and then a
/// static site's — is not dossier's and is not read.
#[test]
fn a_config_toml_in_the_working_folder_is_never_read() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::write(
        tmp.path().join("config.toml"),
        "\"\\u001b]2;PWNED\\u0007\\u001b]52;c;cHduZWQ=\\u0007\" = 1\n",
    )
    .unwrap();
    let mut cmd = dossier(tmp.path(), &home);
    cmd.args(["analyze", "--format", "json", "--no-cache"])
        .arg(content());
    let out = run_within(cmd, Duration::from_secs(60));
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(
        tmp.path().join("config.toml"),
        "baseURL = \"https://example.org/\"\n",
    )
    .unwrap();
    let mut cmd = dossier(tmp.path(), &home);
    cmd.arg("--print-config");
    let out = run_within(cmd, Duration::from_secs(20));
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.starts_with("# effective configuration; source: built-in"),
        "{printed}"
    );
}

/// Item 18.1: when the user names a hostile configuration, the error quotes
/// it with its escapes made harmless, for unknown fields, actions, keys and
/// colours alike.
#[test]
fn configuration_errors_never_send_escapes_to_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let evil = "\\u001b]2;PWNED\\u0007\\u001b]52;c;cHduZWQ=\\u0007";
    for (what, text) in [
        ("field", format!("\"{evil}\" = 1\n")),
        ("action", format!("[keys.normal]\n\"{evil}\" = [\"x\"]\n")),
        ("key", format!("[keys.normal]\nquit = [\"{evil}\"]\n")),
        ("colour", format!("[theme]\ntitle = \"{evil}\"\n")),
    ] {
        let file = tmp.path().join(format!("{what}.toml"));
        std::fs::write(&file, text).unwrap();
        let mut cmd = dossier(tmp.path(), &home);
        cmd.arg("--config").arg(&file).arg("--print-config");
        let out = run_within(cmd, Duration::from_secs(20));
        assert!(!out.status.success(), "{what}: accepted");
        let err = stderr(&out);
        assert!(err.contains(&format!("{what}.toml:")), "{what}: {err}");
        no_escape(&err);
        assert_eq!(err.lines().count(), 1, "{what}: {err}");
    }
}

/// Item 18.7: a FIFO or a device named as the configuration is refused at
/// once, never waited on or read without end.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_configuration_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let fifo = tmp.path().join("config.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut files = vec![PathBuf::from("/dev/zero")];
    if made.is_ok_and(|s| s.success()) {
        files.push(fifo);
    }
    for file in files {
        let mut cmd = dossier(tmp.path(), &home);
        cmd.arg("--config").arg(&file).arg("--print-config");
        let out = run_within(cmd, Duration::from_secs(10));
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

/// Item 18.7: a FIFO or a device where the cache file should be is passed
/// over: the analysis is made and written out, not waited for.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_the_cache_file_is_passed_over() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    // find the cache file's name with a first run, then replace the file
    let mut cmd = dossier(tmp.path(), &home);
    cmd.args(["analyze", "--format", "json"]).arg(content());
    let first = run_within(cmd, Duration::from_secs(60));
    assert!(first.status.success(), "{}", stderr(&first));
    let cache = home.join("cache");
    let file = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "analysis"))
        .expect("a cache file");
    for special in ["fifo", "zero"] {
        let _ = std::fs::remove_file(&file);
        if special == "fifo" {
            let made = Command::new("mkfifo").arg(&file).status();
            if !made.is_ok_and(|s| s.success()) {
                continue;
            }
        } else {
            std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        }
        let mut cmd = dossier(tmp.path(), &home);
        cmd.args(["analyze", "--format", "json"]).arg(content());
        let out = run_within(cmd, Duration::from_secs(60));
        assert!(out.status.success(), "{special}: {}", stderr(&out));
        assert_eq!(out.stdout, first.stdout, "{special}: the same analysis");
    }
}

/// Item 18.8: a closed pipe is success and a full disk one line and a
/// non-zero status, for every command that writes to standard output.
#[cfg(target_os = "linux")]
#[test]
fn closed_pipes_succeed_and_full_disks_fail_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let content = content();
    let content = content.to_string_lossy();
    let commands: [&[&str]; 4] = [
        &["completions", "bash"],
        &["--print-config"],
        &["analyze", "--format", "json", "--no-cache", &content],
        &["analyze", "--format", "text", "--no-cache", &content],
    ];
    for args in commands {
        // a reader that takes ten bytes and closes the pipe
        let mut child = dossier(tmp.path(), &home)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut ten = [0u8; 10];
        std::io::Read::read_exact(&mut out, &mut ten).unwrap();
        drop(out);
        let done = child.wait_with_output().unwrap();
        assert!(done.status.success(), "{args:?}: {}", stderr(&done));
        assert!(stderr(&done).is_empty(), "{args:?}: {}", stderr(&done));

        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut cmd = dossier(tmp.path(), &home);
        cmd.args(args).stdout(full).stderr(Stdio::piped());
        let done = cmd.output().unwrap();
        assert_eq!(done.status.code(), Some(1), "{args:?}");
        let err = stderr(&done);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("no space left on device"), "{args:?}: {err}");
    }
}

/// Item 18.9: the temporary files of a writer that was killed (state or
/// cache) are removed on the next start; a live process's are kept.
#[cfg(target_os = "linux")]
#[test]
fn leftovers_of_killed_writers_are_cleared_on_the_next_start() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let mut cmd = dossier(tmp.path(), &home);
    cmd.args(["analyze", "--format", "json"]).arg(content());
    assert!(run_within(cmd, Duration::from_secs(60)).status.success());
    let cache = home.join("cache");
    let file = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "analysis"))
        .expect("a cache file");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    // a pid far above any live one (pid_max is at most 4,194,304)
    let dead = cache.join(format!(".{name}.4194999.0.tmp"));
    let live = cache.join(format!(".{name}.{}.0.tmp", std::process::id()));
    std::fs::write(&dead, vec![0u8; 4096]).unwrap();
    std::fs::write(&live, b"still being written").unwrap();
    let mut cmd = dossier(tmp.path(), &home);
    cmd.args(["analyze", "--format", "json"]).arg(content());
    assert!(run_within(cmd, Duration::from_secs(60)).status.success());
    assert!(!dead.exists(), "a dead writer's fragment is left");
    assert!(live.exists(), "a live writer's file was removed");
}

/// Item 18.10: in a folder whose paths grow longer than the system takes,
/// every folder that cannot be opened is named in a warning; nothing
/// vanishes without a word.
#[cfg(target_os = "linux")]
#[test]
fn folders_beyond_the_longest_path_are_named_in_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let root = tmp.path().join("deep");
    std::fs::create_dir_all(&root).unwrap();
    // 30 levels of 201 bytes pass PATH_MAX (4,096) at about the 20th; the
    // shell makes them one relative step at a time, which needs no long path
    let segment = "d".repeat(200);
    let made = 30;
    let status = Command::new("sh")
        .current_dir(&root)
        .arg("-c")
        .arg(format!(
            "for i in $(seq 1 {made}); do mkdir {segment} && cd -P {segment} && echo \"Article $i says a thing.\" > a$i.md || exit 1; done"
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let mut cmd = dossier(tmp.path(), &home);
    cmd.args(["analyze", "--format", "json", "--no-cache"])
        .arg(&root);
    let out = run_within(cmd, Duration::from_secs(60));
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let read = json["articles"].as_array().unwrap().len();
    let total = made;
    let err = stderr(&out);
    assert!(
        read < total,
        "all {total} read: the test did not pass PATH_MAX"
    );
    assert!(
        err.contains("cannot open folder") && err.contains("not read"),
        "{read} of {total} articles read and no warning: {err}"
    );
}

/// Item 18.11: a cache folder inside the folder being read is never
/// written to; the analysis is made all the same.
#[test]
fn the_cache_is_never_written_into_the_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(content()).unwrap().flatten() {
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    let mut cmd = dossier(tmp.path(), &home);
    cmd.env("DOSSIER_CACHE_DIR", corpus.join(".cache"))
        .args(["analyze", "--format", "json"])
        .arg(&corpus);
    let out = run_within(cmd, Duration::from_secs(60));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !corpus.join(".cache").exists(),
        "the cache was written into the corpus"
    );
    let names: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
}

/// Item 18.12: an absurd entity name or key sequence is refused at once
/// with where it is, instead of costing seconds and memory.
#[test]
fn absurd_configuration_lengths_are_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    for (what, text, place) in [
        (
            "name",
            format!(
                "[[entity]]\nname = \"{}\"\nkind = \"person\"\n",
                "x".repeat(100_000)
            ),
            "2:8",
        ),
        (
            "keys",
            format!(
                "[keys.normal]\nquit = [\"{}\"]\n",
                vec!["a"; 10_000].join(" ")
            ),
            "2:9",
        ),
    ] {
        let file = tmp.path().join(format!("{what}.toml"));
        std::fs::write(&file, text).unwrap();
        let mut cmd = dossier(tmp.path(), &home);
        cmd.arg("--config")
            .arg(&file)
            .args(["analyze", "--format", "json", "--no-cache"])
            .arg(content());
        let out = run_within(cmd, Duration::from_secs(10));
        assert!(!out.status.success(), "{what}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{what}.toml:{place}:")),
            "{what}: {err}"
        );
        assert!(
            err.contains("longer than") || err.contains("more than"),
            "{err}"
        );
    }
}

/// Item 18.13 and 17.14: I/O errors say their cause once, and a missing
/// folder or a web address says what to do, in one line.
#[test]
fn errors_say_their_cause_once_with_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&[], "content: no such folder; give a folder of articles"),
        (&["analyze", "nowhere"], "nowhere: no such folder"),
        (&["https://example.org/story"], "a web address"),
        (&["--config", "."], ".: is a folder, not a file"),
    ];
    for (args, want) in cases {
        let mut cmd = dossier(&home, &home);
        cmd.args(args);
        let out = run_within(cmd, Duration::from_secs(20));
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("os error"), "{args:?}: {err}");
    }
}

/// Item 17.14: with standard output not a terminal the reader refuses with
/// a message instead of drawing into the file.
#[test]
fn the_reader_refuses_to_draw_into_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let mut cmd = dossier(tmp.path(), &home);
    cmd.arg(content());
    let out = run_within(cmd, Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "drew into the pipe");
    assert!(stderr(&out).contains("not one"), "{}", stderr(&out));
}

/// Item 17.14: `--format text` numbers sentences from 1, like the reader.
#[test]
fn the_text_export_numbers_sentences_from_one() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.md"),
        "+++\ntitle = \"A\"\n+++\nThe council met on 3 March 2021 in Leeds. It voted to close the bridge.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.md"),
        "+++\ntitle = \"B\"\n+++\nOn 3 March 2021 the Leeds council voted to close the bridge.\n",
    )
    .unwrap();
    let mut cmd = dossier(tmp.path(), &home);
    cmd.args(["analyze", "--format", "text", "--no-cache"])
        .arg(&corpus);
    let out = run_within(cmd, Duration::from_secs(20));
    let text = String::from_utf8_lossy(&out.stdout);
    let links: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("link:"))
        .collect();
    assert!(!links.is_empty(), "{text}");
    for l in links {
        assert!(!l.contains("#0"), "{l}");
    }
}
