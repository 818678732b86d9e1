//! The `baohoa` command line: one entry function per subcommand, in the order of `--help`.
//! `run` only dispatches; exit codes and the closed-pipe rule are decided in `main`.
mod cli;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{CommandFactory, FromArgMatches};

use baohoa::models::{ModelFiles, Models};
use baohoa::report::manifest::RunManifest;
use baohoa::{Carry, Input, ScanOptions};
use cli::args::{Cli, Cmd, CsvArgs, LangArg, ModelArgs, ModelsCmd, RunArgs, TrainCmd, WalkArgs};
use cli::progress::Bar;

/// How a command ended, when it did not fail.
enum Outcome {
    /// Every input was read completely (exit 0).
    Complete,
    /// Some inputs or records failed; outputs were written and say what failed (exit 2).
    Partial,
}

fn main() -> ExitCode {
    let cli = match Cli::from_arg_matches(&command().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(Outcome::Complete) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(2),
        // A reader that closed the pipe (`| head`) wants no more: a quiet, successful end.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("baohoa: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// `baohoa --version`: the crate version, the commit it was built from (`unknown` outside a git
/// checkout) and the hash of the embedded models (what `run.json` calls `models_hash`).
fn version() -> String {
    format!(
        "{} (commit {}, models {})",
        env!("CARGO_PKG_VERSION"),
        env!("BAOHOA_COMMIT"),
        ModelFiles::default().hash()
    )
}

/// The command line with its full version.
fn command() -> clap::Command {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    Cli::command().version(VERSION.get_or_init(version).as_str())
}

/// Dispatches to the subcommand's entry function.
fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.cmd {
        Cmd::Scan {
            inputs,
            walk,
            out,
            run,
            models,
            decisions,
            previous,
            csv,
        } => {
            let carry = Carry {
                decisions: decisions.as_deref().map(baohoa::report::decisions::read).transpose()?,
                previous,
                csv: csv.format(),
            };
            scan(&inputs, &walk, &out, &run, &models, carry)
        }
        Cmd::Map {
            inputs,
            walk,
            out,
            partitions,
            run,
            models,
        } => map(&inputs, &walk, &out, partitions, &run, &models),
        Cmd::Reduce {
            parts,
            out,
            partition,
            finish: _,
            models,
            csv,
        } => reduce(&parts, &out, partition, &models, csv),
        Cmd::Explain {
            domain,
            from,
            lang,
            json,
        } => explain(&domain, &from, lang, json),
        Cmd::Report { out } => report(&out),
        Cmd::Diff { old, new, json } => diff(&old, &new, json),
        Cmd::Page { source, url, models } => page(&source, url, &models),
        Cmd::Tone { models } => tone(&models),
        Cmd::Synth {
            sites,
            seed,
            size,
            max_file_size,
            items,
            out,
            models,
        } => synth(sites, seed, size.as_deref(), &max_file_size, items, &out, &models),
        Cmd::Eval { labels, out, json } => eval(&labels, &out, json),
        Cmd::Train(TrainCmd::Tone {
            labels,
            data,
            out,
            l2,
            l2_sensational,
            l2_grid,
            min_df,
            cv,
            curve,
            predictions,
            models,
        }) => {
            let opts = baohoa::tools::train_tone::TrainOptions {
                l2_negative: l2.unwrap_or(1.0),
                l2_sensational: l2_sensational.or(l2).unwrap_or(1.0),
                l2_grid: if l2.is_some() { Vec::new() } else { l2_grid },
                min_df,
                ..Default::default()
            };
            let cv = cv.then_some((curve, predictions));
            train_tone(&labels, data.as_deref(), &out, &opts, cv, &models)
        }
        Cmd::Bench {
            inputs,
            threads,
            size_mb,
            corpus_dir,
            out,
            json,
            corpus_only,
            real_pages,
            parser,
            models,
        } => bench(
            &inputs,
            threads,
            size_mb,
            &corpus_dir,
            &out,
            json,
            corpus_only,
            real_pages,
            parser,
            &models,
        ),
        Cmd::Domain { names, models } => domain(&names, &models),
        Cmd::Models {
            cmd: ModelsCmd::Export { dir, force },
        } => models_export(&dir, force),
        Cmd::Completions { shell } => completions(shell),
        Cmd::Man => man(),
    }
}

/// `baohoa models export`: the embedded models and registries, written out for editing.
fn models_export(dir: &Path, force: bool) -> anyhow::Result<Outcome> {
    let written = baohoa::models::export(dir, force)?;
    eprintln!(
        "baohoa: wrote {} model files into {} (models {}); edit them and pass --models {}",
        written.len(),
        dir.display(),
        ModelFiles::default().hash(),
        dir.display()
    );
    Ok(Outcome::Complete)
}

/// `baohoa completions SHELL`: the completion script on stdout.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<Outcome> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut command(), "baohoa", &mut buf);
    write_stdout(&buf)?;
    Ok(Outcome::Complete)
}

/// `baohoa man`: the man page (roff) on stdout.
fn man() -> anyhow::Result<Outcome> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(command())
        .render(&mut buf)
        .context("cannot render the man page")?;
    write_stdout(&buf)?;
    Ok(Outcome::Complete)
}

/// `baohoa scan`: the nightly job. Reads the dumps (the embedded demo when none are given), judges
/// every site and writes the outputs to OUT.
fn scan(
    inputs: &[PathBuf],
    walk_args: &WalkArgs,
    out: &Path,
    run: &RunArgs,
    models: &ModelArgs,
    carry: Carry,
) -> anyhow::Result<Outcome> {
    let models_args = models;
    let models = load_models(models)?;
    let (walk, models) = if inputs.is_empty() {
        let demo = baohoa::Walk {
            inputs: baohoa::demo_inputs(),
            report: baohoa::WalkReport::default(),
        };
        (demo, baohoa::with_demo_registry(models)?)
    } else {
        let walk = expand(inputs, walk_args, run.quiet)?;
        let models = registries_beside_dumps(models, &walk.report, models_args.registry.is_some(), run.quiet)?;
        (walk, models)
    };
    let opts = scan_options(run)?;
    let bar = Bar::new(walk.inputs.iter().map(Input::size).sum(), run.quiet);
    let manifest = baohoa::scan_walked(
        &walk.inputs,
        walk.report,
        &opts,
        &models,
        &carry,
        out,
        &bar,
        &refuse_if_nothing_read,
    )
    .context("writing outputs")?;
    bar.finish();
    summarise(out, &manifest, run.quiet);
    Ok(outcome(&manifest))
}

/// `baohoa map`: the map step of a distributed run; writes one partial file.
fn map(
    inputs: &[PathBuf],
    walk_args: &WalkArgs,
    out: &Path,
    partitions: Option<u32>,
    run: &RunArgs,
    models: &ModelArgs,
) -> anyhow::Result<Outcome> {
    let models = load_models(models)?;
    let walk = expand(inputs, walk_args, run.quiet)?;
    if !walk.report.registries.is_empty() {
        eprintln!(
            "baohoa: note: map does not use the registry folders among its inputs ({}): reduce would not know them; give --registry DIR to map and to reduce",
            walk.report.registries.join(", ")
        );
    }
    let mut opts = scan_options(run)?;
    if opts.spill_dir.is_none() {
        opts.spill_dir = Some(
            out.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
        );
    }
    if let Some(n) = partitions {
        let bar = Bar::new(walk.inputs.iter().map(Input::size).sum(), run.quiet);
        let manifest = baohoa::map_partitioned(
            &walk.inputs,
            walk.report,
            &opts,
            &models,
            n,
            out,
            &bar,
            &refuse_if_nothing_read,
        )?;
        bar.finish();
        if !run.quiet {
            eprintln!(
                "baohoa: wrote {n} partitions to {} ({} sites)",
                out.display(),
                manifest.counts.sites
            );
        }
        return Ok(outcome(&manifest));
    }
    let bar = Bar::new(walk.inputs.iter().map(Input::size).sum(), run.quiet);
    let manifest = baohoa::map_to_file(
        &walk.inputs,
        walk.report,
        &opts,
        &models,
        out,
        &bar,
        &refuse_if_nothing_read,
    )?;
    bar.finish();
    if !run.quiet {
        eprintln!(
            "baohoa: wrote partial {} ({} sites)",
            out.display(),
            manifest.counts.sites
        );
    }
    Ok(outcome(&manifest))
}

/// `baohoa reduce`: merges the partial files of `map` (streamed) and writes the outputs as `scan`
/// does; with `--partition I`, merges partition I of partitioned maps into one partial file.
fn reduce(
    parts: &[PathBuf],
    out: &Path,
    partition: Option<u32>,
    models: &ModelArgs,
    csv: CsvArgs,
) -> anyhow::Result<Outcome> {
    let models = load_models(models)?;
    let opened = open_partials(parts, partition, &models.hash)?;
    if let Some(i) = partition {
        let count = opened
            .iter()
            .find_map(|p| p.header.partition.map(|id| id.count))
            .unwrap_or(1);
        let id = baohoa::PartitionId { index: i, count };
        let manifest = baohoa::reduce_to_partial(opened, Some(id), out)?;
        eprintln!(
            "baohoa: wrote partition {i} of {count} to {} ({} sites)",
            out.display(),
            manifest.counts.sites
        );
        return Ok(outcome(&manifest));
    }
    check_partitions_complete(&opened)?;
    let (manifest, sites) = baohoa::reduce_stream(opened);
    let carry = Carry {
        csv: csv.format(),
        ..Carry::default()
    };
    let manifest = baohoa::finish_sites(sites, manifest, &models, &carry, out).context("writing outputs")?;
    summarise(out, &manifest, false);
    Ok(outcome(&manifest))
}

/// Opens the partial files named (folders stand for the partial files in them; with a
/// partition, only that partition's), refusing other versions, other models and other partitions.
fn open_partials(
    parts: &[PathBuf],
    partition: Option<u32>,
    models_hash: &str,
) -> anyhow::Result<Vec<baohoa::PartialFile>> {
    let mut files = Vec::new();
    for p in parts {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot read folder {}", p.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| {
                    let name = f
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    name.ends_with(".baohoa")
                        && !name.starts_with('.')
                        && partition.is_none_or(|i| name.starts_with(&format!("part-{i:05}-of-")))
                })
                .collect();
            if found.is_empty() {
                bail!(
                    "{} holds no partial files{}; give the folders written by `baohoa map --partitions`",
                    p.display(),
                    partition.map_or(String::new(), |i| format!(" of partition {i}"))
                );
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    let mut opened = Vec::with_capacity(files.len());
    let mut count: Option<u32> = None;
    for f in files {
        let part = baohoa::PartialFile::open(&f)?;
        if part.header.manifest.models_hash != models_hash {
            bail!(
                "{} was mapped with other models (hash {}) than this reduce uses ({}); map and reduce with the same --models/--registry",
                f.display(),
                part.header.manifest.models_hash,
                models_hash
            );
        }
        if let Some(i) = partition {
            let Some(id) = part.header.partition else {
                bail!(
                    "{} is not partitioned; `reduce --partition` reads the files of `map --partitions`",
                    f.display()
                );
            };
            if id.index != i || count.is_some_and(|c| c != id.count) {
                bail!(
                    "{} is partition {} of {}, not partition {i} of {}; give one partition's files",
                    f.display(),
                    id.index,
                    id.count,
                    count.unwrap_or(id.count)
                );
            }
            count = Some(id.count);
        }
        opened.push(part);
    }
    Ok(opened)
}

/// A finishing reduce over partitioned files needs every partition (else sites would be missing).
fn check_partitions_complete(parts: &[baohoa::PartialFile]) -> anyhow::Result<()> {
    let ids: Vec<baohoa::PartitionId> = parts.iter().filter_map(|p| p.header.partition).collect();
    let Some(first) = ids.first() else { return Ok(()) };
    if let Some(other) = ids.iter().find(|id| id.count != first.count) {
        bail!(
            "the partial files come from maps of {} and of {} partitions; map every shard with the same --partitions",
            first.count,
            other.count
        );
    }
    let missing: Vec<String> = (0..first.count)
        .filter(|i| !ids.iter().any(|id| id.index == *i))
        .map(|i| i.to_string())
        .collect();
    if !missing.is_empty() {
        bail!(
            "partition(s) {} of {} missing among the partial files; give the files of every partition",
            missing.join(", "),
            first.count
        );
    }
    Ok(())
}

/// `baohoa explain`: the evidence trail of one site of a finished run, as text or JSON.
fn explain(domain: &str, from: &Path, lang: LangArg, json: bool) -> anyhow::Result<Outcome> {
    use baohoa::report::explain::Format;
    let format = if json { Format::Json } else { Format::Text(lang.lang()) };
    let text = baohoa::report::explain::explain_from(from, domain, format)?;
    write_stdout(text.as_bytes())?;
    Ok(Outcome::Complete)
}

/// `baohoa report`: writes OUT/report.html again from a finished run.
fn report(out: &Path) -> anyhow::Result<Outcome> {
    let path = baohoa::report::report_from(out)?;
    eprintln!("baohoa: wrote {}", path.display());
    Ok(Outcome::Complete)
}

/// `baohoa diff`: what changed between two runs, as text or JSON.
fn diff(old: &Path, new: &Path, json: bool) -> anyhow::Result<Outcome> {
    let d = baohoa::report::diff::diff_dirs(old, new)?;
    if json {
        let mut b = serde_json::to_vec_pretty(&d)?;
        b.push(b'\n');
        write_stdout(&b)?;
    } else {
        write_stdout(baohoa::report::diff::to_text(&d).as_bytes())?;
    }
    Ok(Outcome::Complete)
}

/// `baohoa page`: the features of one page (a saved file or DUMP@OFFSET), as JSON.
fn page(source: &str, url: Option<String>, models: &ModelArgs) -> anyhow::Result<Outcome> {
    let models = load_models(models)?;
    let (path, offset) = match source.rsplit_once('@') {
        Some((p, o)) if !o.is_empty() && o.bytes().all(|b| b.is_ascii_digit()) && !Path::new(source).exists() => (
            p.to_string(),
            Some(o.parse::<u64>().context("offset after @ is not a number")?),
        ),
        _ => (source.to_string(), None),
    };
    let opts = baohoa::ingest::ReadOptions::default();
    let (_, events) = baohoa::ingest::open(Path::new(&path), &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut found = None;
    for ev in events {
        if let baohoa::ingest::Event::Record(r) = ev
            && offset.is_none_or(|o| o == r.offset)
        {
            found = Some(r);
            break;
        }
    }
    let Some(mut rec) = found else {
        match offset {
            Some(o) => bail!("{path} has no HTML record at offset {o}; run.json and evidence list valid offsets"),
            None => bail!("{path} has no HTML record"),
        }
    };
    if url.is_some() {
        rec.url = url;
    }
    let mut t = baohoa::StageNanos::default();
    let f = baohoa::analyse(&rec, &models, &mut t);
    let mut b = serde_json::to_vec_pretty(&f)?;
    b.push(b'\n');
    write_stdout(&b)?;
    Ok(Outcome::Complete)
}

/// `baohoa tone`: negativity and sensationalism of texts on stdin, as JSON lines.
fn tone(models: &ModelArgs) -> anyhow::Result<Outcome> {
    let models = load_models(models)?;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    baohoa::tone::cli(&mut stdin.lock(), &mut out, &models.tone)?;
    out.flush()?;
    Ok(Outcome::Complete)
}

/// `baohoa train tone`: trains the learned tone model from labels and writes it under OUT/tone/.
/// With `cv` = Some((curve, predictions)), prints the nested cross-validation instead of training.
fn train_tone(
    labels: &[PathBuf],
    data: Option<&Path>,
    out: &Path,
    opts: &baohoa::tools::train_tone::TrainOptions,
    cv: Option<(bool, Option<PathBuf>)>,
    models: &ModelArgs,
) -> anyhow::Result<Outcome> {
    let files = ModelFiles::new(models.models.as_deref(), models.registry.as_deref());
    let lex = baohoa::tone::ToneModel::load_lexicons(&files).context("loading tone lexicons")?;
    // The shipped share errors are measured at the item thresholds the scan will use.
    let opts = &baohoa::tools::train_tone::TrainOptions {
        negative_threshold: f64::from(lex.settings.item.negative_probability),
        sensational_threshold: f64::from(lex.settings.item.sensational_probability),
        ..opts.clone()
    };
    let report = match cv {
        Some((curve, predictions)) => {
            baohoa::tools::train_tone::run_cv(labels, data, &lex, opts, curve, predictions.as_deref())?
        }
        None => baohoa::tools::train_tone::run(labels, data, out, &lex, opts)?,
    };
    eprint!("{report}");
    Ok(Outcome::Complete)
}

/// `baohoa synth`: writes a labelled synthetic corpus (WARC.gz, labels.csv, registry).
fn synth(
    sites: usize,
    seed: u64,
    size: Option<&str>,
    max_file_size: &str,
    items: Option<usize>,
    out: &Path,
    models: &ModelArgs,
) -> anyhow::Result<Outcome> {
    use baohoa::tools::synth;
    let files = model_files(models);
    print_notes(&files.check()?);
    let criteria = baohoa::judge::CriteriaConfig::load(&files)?;
    let opts = synth::SynthOptions {
        sites,
        seed,
        size: size.map(synth::parse_size).transpose()?,
        max_file_bytes: synth::parse_size(max_file_size)?,
        rule: synth::NegRule::from_models(&files)?,
        items,
    };
    let t = std::time::Instant::now();
    let s = synth::generate(&opts, &criteria, out)?;
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "baohoa: wrote {} sites, {} HTML pages in {} WARC files ({:.1} MB, {} rounds) in {secs:.1}s: {:.1} MB/s of WARC.gz, {:.1} MB/s of HTML; labels in {}, registry in {}",
        s.sites,
        s.html_pages,
        s.warc_files.len(),
        s.warc_bytes as f64 / 1e6,
        s.rounds,
        s.warc_bytes as f64 / 1e6 / secs,
        s.html_bytes as f64 / 1e6 / secs,
        s.labels.display(),
        s.registry.display()
    );
    Ok(Outcome::Complete)
}

/// `baohoa eval`: a run against the labels of a synthetic corpus (text on stdout, JSON to a file).
fn eval(labels: &Path, out: &Path, json: Option<PathBuf>) -> anyhow::Result<Outcome> {
    use baohoa::tools::eval;
    let report = eval::evaluate_files(labels, out)?;
    let json = json.unwrap_or_else(|| out.join("eval.json"));
    let mut bytes = serde_json::to_vec_pretty(&report)?;
    bytes.push(b'\n');
    baohoa::report::write_atomic(&json, &bytes)?;
    write_stdout(eval::to_text(&report).as_bytes())?;
    eprintln!("baohoa: JSON report in {}", json.display());
    Ok(Outcome::Complete)
}

/// `baohoa bench`: per-stage throughput and peak RSS over the given inputs or a generated corpus.
#[allow(clippy::too_many_arguments)]
fn bench(
    inputs: &[PathBuf],
    threads: Vec<usize>,
    size_mb: u64,
    corpus_dir: &Path,
    out: &Path,
    json: bool,
    corpus_only: bool,
    real_pages: bool,
    parser: baohoa::page::ParserKind,
    models: &ModelArgs,
) -> anyhow::Result<Outcome> {
    use baohoa::tools::bench;
    let inputs = if inputs.is_empty() && real_pages {
        let Some(real) = std::env::var_os("BAOHOA_REALDATA").map(PathBuf::from) else {
            bail!(
                "bench --real-pages reads the real pages under BAOHOA_REALDATA, which is not set; set it to the real-data folder"
            );
        };
        let p = bench::real_pages_corpus(corpus_dir, &real)?;
        if corpus_only {
            write_stdout(format!("{}\n", p.display()).as_bytes())?;
            return Ok(Outcome::Complete);
        }
        vec![Input::Path(p)]
    } else if inputs.is_empty() {
        let real = std::env::var_os("BAOHOA_REALDATA").map(PathBuf::from);
        eprintln!(
            "baohoa: bench: preparing a {size_mb} MB corpus under {}",
            corpus_dir.display()
        );
        let p = bench::default_corpus(corpus_dir, real.as_deref(), size_mb * 1_000_000)?;
        if corpus_only {
            write_stdout(format!("{}\n", p.display()).as_bytes())?;
            return Ok(Outcome::Complete);
        }
        vec![Input::Path(p)]
    } else {
        let walk = expand(inputs, &WalkArgs::default(), false)?;
        if walk.inputs.iter().any(|i| matches!(i, Input::Stdin { .. })) {
            bail!("bench reads its inputs once per thread count, so not from stdin; give the dump's path");
        }
        walk.inputs
    };
    let models = load_models(models)?;
    let threads = if threads.is_empty() {
        let all = std::thread::available_parallelism().map_or(1, usize::from);
        if all > 1 { vec![1, all] } else { vec![1] }
    } else {
        threads
    };
    if threads.contains(&0) {
        bail!("--threads must list counts of at least 1");
    }
    let r = bench::run(&inputs, &threads, parser, &models, out)?;
    if json {
        write_stdout(format!("{}\n", serde_json::to_string_pretty(&r)?).as_bytes())?;
    } else {
        write_stdout(bench::render(&r).as_bytes())?;
    }
    Ok(Outcome::Complete)
}

/// `baohoa domain`: the domain features of names (arguments or stdin lines), as JSON lines.
fn domain(names: &[String], models: &ModelArgs) -> anyhow::Result<Outcome> {
    let models = load_models(models)?;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    baohoa::domain::cli(names, &mut stdin.lock(), &mut out, &models.domain, &models.registry)?;
    out.flush()?;
    Ok(Outcome::Complete)
}

// ---- shared by the entry functions ----

fn model_files(m: &ModelArgs) -> ModelFiles {
    ModelFiles::new(m.models.as_deref(), m.registry.as_deref())
}

/// Loads the models after checking `--models`/`--registry`; notes about them go to stderr.
fn load_models(m: &ModelArgs) -> anyhow::Result<Models> {
    let files = model_files(m);
    print_notes(&files.check()?);
    Models::load(&files)
}

fn print_notes(notes: &[String]) {
    for n in notes {
        eprintln!("baohoa: note: {n}");
    }
}

/// Nothing readable is a failure (exit 1), not a damaged run: no outputs are written, so the
/// last good ones stay in place.
fn refuse_if_nothing_read(m: &RunManifest) -> anyhow::Result<()> {
    if m.counts.inputs == 0 || m.counts.inputs_failed < m.counts.inputs {
        return Ok(());
    }
    let why: Vec<&str> = m.inputs.iter().filter_map(|i| i.error.as_deref()).take(5).collect();
    let more = m.inputs.len().saturating_sub(why.len());
    bail!(
        "none of the {} inputs could be read, so no outputs were written: {}{}",
        m.counts.inputs,
        why.join("; "),
        if more > 0 {
            format!("; and {more} more")
        } else {
            String::new()
        }
    )
}

/// Exit 0 when every input was read completely, else 2.
fn outcome(m: &RunManifest) -> Outcome {
    if m.complete {
        Outcome::Complete
    } else {
        Outcome::Partial
    }
}

/// Whether an error comes from writing to a pipe whose reader has gone (directly, or inside a
/// JSON writer's error).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}

/// Writes to stdout; a closed pipe comes back as an error for `main` to end quietly on.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Expands INPUT arguments (files, directories, `-`); warns about what the walk found (unreadable
/// folders, refused special files, link loops, duplicates) and notes what it ignored, which also
/// goes to `run.json`.
fn expand(args: &[PathBuf], w: &WalkArgs, quiet: bool) -> anyhow::Result<baohoa::Walk> {
    let opts = baohoa::WalkOptions {
        include: w.include.clone(),
        exclude: w.exclude.clone(),
    };
    let stdin = std::io::stdin();
    let walk = baohoa::expand_inputs_with(args, &mut stdin.lock(), &opts).map_err(anyhow::Error::msg)?;
    for e in walk.report.messages() {
        eprintln!("baohoa: warning: {e}");
    }
    if let Some(n) = walk.report.ignored_note().filter(|_| !quiet) {
        eprintln!("baohoa: note: {n}");
    }
    if walk.inputs.is_empty() {
        bail!("no input files found in {args:?}; give WARC/ARC/JSONL/HTML files or directories");
    }
    Ok(walk)
}

/// `registry/` folders found beside the dumps: added to the registry in use (as the embedded
/// demo's are), said on stderr and listed in run.json's models; with `--registry`, not used.
fn registries_beside_dumps(
    models: Models,
    walk: &baohoa::WalkReport,
    registry_given: bool,
    quiet: bool,
) -> anyhow::Result<Models> {
    if walk.registries.is_empty() {
        return Ok(models);
    }
    let list = walk.registries.join(", ");
    if registry_given {
        eprintln!("baohoa: note: --registry is given, so the registry folders among the inputs are not used: {list}");
        return Ok(models);
    }
    if !quiet {
        eprintln!(
            "baohoa: note: using the registry folders beside the dumps, added to the embedded registry: {list} (give --registry DIR to use another registry instead)"
        );
    }
    let folders: Vec<PathBuf> = walk.registries.iter().map(PathBuf::from).collect();
    baohoa::with_registry_folders(models, &folders)
}

/// The scan options of the command line, checked.
fn scan_options(run: &RunArgs) -> anyhow::Result<ScanOptions> {
    if run.max_page_bytes < 1024 {
        bail!(
            "--max-page-bytes {} is too small; use at least 1024",
            run.max_page_bytes
        );
    }
    let mut opts = ScanOptions {
        max_page_bytes: run.max_page_bytes,
        parser: run.parser,
        ..ScanOptions::default()
    };
    if let Some(t) = run.threads {
        if t == 0 {
            bail!("--threads must be at least 1");
        }
        opts.threads = t;
    }
    if let Some(m) = &run.memory {
        opts.memory = baohoa::tools::synth::parse_size(m).with_context(|| format!("--memory {m}"))?;
        if opts.memory < 1 << 20 {
            bail!("--memory {m} is too small; give at least 1MiB (e.g. --memory 2GiB)");
        }
    }
    opts.spill_dir = run.spill_dir.clone();
    Ok(opts)
}

/// The one-paragraph summary of a finished run on stderr, and what failed.
fn summarise(out: &Path, m: &RunManifest, quiet: bool) {
    if quiet {
        return;
    }
    let flagged = std::fs::read(out.join("flagged.jsonl")).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    eprintln!(
        "baohoa: {} inputs, {} HTML pages, {} sites, {flagged} flagged, {} damaged records, {} inputs failed; \
{:.1} MB/s of HTML, {:.0} pages/s; results in {}",
        m.counts.inputs,
        m.counts.html_records,
        m.counts.sites,
        m.counts.damaged,
        m.counts.inputs_failed,
        m.throughput.html_mb_per_s,
        m.throughput.pages_per_s,
        out.display()
    );
    for i in m.inputs.iter().filter(|i| i.error.is_some()) {
        eprintln!("baohoa: input failed: {}", i.error.as_deref().unwrap_or_default());
    }
    if m.counts.damaged > 0 {
        eprintln!(
            "baohoa: {} damaged records were skipped; see \"errors\" in {}",
            m.counts.damaged,
            out.join("run.json").display()
        );
    }
}
