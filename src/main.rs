//! The `dossier` binary: parse the command line, run the reader or the
//! export, and map errors to one clear line and an exit status.
#![forbid(unsafe_code)]

use clap::{CommandFactory, Parser};
use dossier::analysis::{export, Analysis};
use dossier::cli::{Cli, Command, Format};
use dossier::config::Config;
use dossier::corpus::Corpus;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // a closed pipe (`dossier analyze | head`) is not a failure
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // one line: a library error says its cause once, and an
            // output error is said as what it is
            let io_cause = e.chain().find_map(|c| c.downcast_ref::<io::Error>());
            match (e.downcast_ref::<dossier::Error>(), io_cause) {
                (Some(known), _) => eprintln!("dossier: {known}"),
                (None, Some(io)) if e.chain().count() == 1 => eprintln!(
                    "dossier: cannot write the output: {}",
                    dossier::error::io_reason(io)
                ),
                _ => eprintln!("dossier: {e:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// Runs the command; its exit status (the reader's is not 0 when a signal
/// ended it).
fn run(cli: Cli) -> anyhow::Result<u8> {
    if let Some(Command::Completions { shell }) = &cli.command {
        // generated into memory: clap_complete panics on a write error, and
        // a closed pipe or a full disk is to be answered, not crashed on
        let mut script = Vec::new();
        clap_complete::generate(*shell, &mut Cli::command(), "dossier", &mut script);
        let mut stdout = io::stdout().lock();
        stdout.write_all(&script)?;
        stdout.flush()?;
        return Ok(0);
    }
    let config = Config::load(cli.config.as_deref())?;
    if cli.print_config {
        let mut stdout = io::stdout().lock();
        writeln!(
            stdout,
            "# effective configuration; source: {}",
            config.source_description()
        )?;
        stdout.write_all(config.effective_toml().as_bytes())?;
        return Ok(0);
    }
    match cli.command {
        Some(Command::Analyze {
            dir,
            format,
            no_cache,
        }) => {
            let dir = dir.unwrap_or_else(|| config.content.clone());
            let corpus = Corpus::load_with(&dir, &config.limits)?;
            for p in &corpus.problems {
                eprintln!("dossier: warning: {p}");
            }
            let progress = dossier::progress::Progress::stderr("analysing");
            let report = |done, total| progress.update(done, total);
            let analysis = if no_cache {
                Analysis::run_with_progress(&corpus, &config.analysis, report)
            } else {
                dossier::cache::load_or_analyze(&corpus, &config.analysis, report)
            };
            progress.finish();
            let mut out = io::BufWriter::new(io::stdout().lock());
            match format {
                Format::Json => export::write_json(&corpus, &analysis, &mut out)?,
                Format::Text => export::write_text(&corpus, &analysis, &mut out)?,
            }
            out.flush()?;
            Ok(0)
        }
        None => {
            let dir = cli.dir.unwrap_or_else(|| config.content.clone());
            dossier::corpus::check_root(&dir)?;
            if !io::stdout().is_terminal() {
                anyhow::bail!(
                    "the reader draws on a terminal, and standard output is not one; \
                     for the analysis as text or JSON use `dossier analyze {} --format text|json`",
                    dossier::text::sanitize::clean_line(&dir.display().to_string())
                );
            }
            dossier::term::run(&dir, config).map(dossier::term::Ended::exit_code)
        }
        Some(Command::Add {
            items,
            into,
            timeout,
        }) => {
            let mut options =
                dossier::add::Options::into(into.unwrap_or_else(|| config.content.clone()));
            options.timeout = std::time::Duration::from_secs(timeout.max(1));
            let outcomes = dossier::add::add_all(&items, &options, &mut io::stdout().lock());
            let failed = outcomes.iter().filter(|o| o.failed()).count();
            if failed > 0 {
                anyhow::bail!("{failed} of {} item(s) could not be added", outcomes.len());
            }
            Ok(0)
        }
        Some(Command::Generate {
            articles,
            seed,
            out_dir,
        }) => {
            let stats = dossier::generate::generate(&out_dir, articles, seed)?;
            eprintln!(
                "dossier: wrote {} articles, {} words, {} bytes to {}",
                stats.articles,
                stats.words,
                stats.bytes,
                out_dir.display()
            );
            Ok(0)
        }
        Some(Command::Notes { dir, format }) => {
            let dir = dir.unwrap_or_else(|| config.content.clone());
            let format = match format {
                dossier::cli::NotesFormat::Markdown => dossier::notes::Format::Markdown,
                dossier::cli::NotesFormat::Json => dossier::notes::Format::Json,
            };
            dossier::notes::run(&dir, &config, format)?;
            Ok(0)
        }
        Some(Command::Completions { .. }) => Ok(0),
    }
}
