//! The `baohoa` command line: subcommands, progress bars and exit codes. The work is in the library.
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use baohoa::models::{ModelFiles, Models};
use baohoa::{Input, ScanOptions};

#[derive(Parser)]
#[command(
    name = "baohoa",
    version,
    about = "Find báo hóa (newspaperization) of Vietnamese aggregate sites and social networks in crawl dumps",
    long_about = "baohoa reads crawl dumps (WARC/ARC, JSONL, folders of saved HTML), extracts domain, layout and \
content features from every page, aggregates them per site, scores each site against the criteria of \
models/criteria.toml and writes flagged-site lists with the evidence behind every flag.\n\n\
Exit codes: 0 = every input read completely; 2 = some inputs or records failed (outputs are still \
written and run.json says what failed and where); 1 = nothing usable (bad arguments, unwritable output).",
    after_help = "Examples:\n  \
baohoa scan                           # the embedded demo corpus, results in ./out/\n  \
baohoa scan crawl/ -o out/2026-11-22   # every dump under crawl/\n  \
find /data -name '*.warc.gz' | baohoa scan - -o out\n  \
baohoa explain baotinnhanh24h.com      # why a site was flagged\n  \
baohoa scan crawl/ -o out/today --previous out/yesterday --decisions decisions.json\n  \
baohoa diff out/yesterday out/today    # what changed since last night\n  \
baohoa page dump.warc.gz@1234         # what baohoa saw on one record\n  \
echo 'Bắt giữ nghi phạm trộm cắp' | baohoa tone\n  \
baohoa domain tapchidautu.net\n  \
baohoa synth --sites 200 --seed 7 -o corpora/generated/s7\n  \
baohoa scan corpora/generated/s7/warc --registry corpora/generated/s7/registry -o out/s7\n  \
baohoa eval --labels corpora/generated/s7/labels.csv out/s7"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Args, Clone)]
struct ModelArgs {
    /// Directory of model files overriding the embedded defaults (same layout as models/).
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// Directory of registry CSVs (press.csv, aggregate.csv, social.csv) replacing the sample registry.
    #[arg(long, value_name = "DIR")]
    registry: Option<PathBuf>,
}

#[derive(Args, Clone)]
struct RunArgs {
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Pages longer than this are truncated for parsing (and counted in run.json).
    #[arg(long, value_name = "BYTES", default_value_t = baohoa::ingest::DEFAULT_MAX_PAGE_BYTES)]
    max_page_bytes: usize,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// HTML parser: fast (streaming, default) or scraper (html5ever DOM, the reference).
    #[arg(long, value_enum, default_value_t = baohoa::page::ParserKind::Fast)]
    parser: baohoa::page::ParserKind,
}

const SCAN_HELP: &str = "INPUT may be a WARC (.warc, .warc.gz), ARC (.arc, .arc.gz), JSONL (.jsonl, .jsonl.gz: one \
{\"url\", \"html\", \"fetched_at\"?} object per line) or saved HTML file; kinds are recognised by content. \
Directories are walked recursively. With no INPUT the embedded demo corpus is scanned.\n\n\
Outputs in OUT: sites.jsonl (every site, its counts and every finding), flagged.jsonl and flagged.csv (flagged \
sites, ranked), run.json (inputs with sha256, counts per stage, skipped and damaged records with file:offset, \
timings). Files are written to a temporary name and renamed.";

const MAP_HELP: &str = "Run `map` on each worker over its shard of the dumps, then `reduce` once over all the partial \
files: the outputs equal those of one `scan` over all the dumps, byte for byte (run.json aside).\n\n\
Example:\n  baohoa map /data/shard-07/ -o parts/07.part\n  baohoa reduce parts/*.part -o out/";

const PAGE_HELP: &str = "SOURCE is a saved HTML file, or `DUMP@OFFSET` for the record at that byte offset of a \
WARC/ARC/JSONL file (offsets are those printed in run.json errors and evidence). Without @OFFSET the first HTML \
record of a dump is shown.";

const BENCH_HELP: &str = "With no INPUT, a deterministic corpus (the demo pages, plus the real pages under \
$BAOHOA_REALDATA when set, replicated under many URLs) is generated once and cached. Stages: ingest is a separate \
single-thread read pass (gunzip, WARC, HTTP); decode, parse, features, tone and fold are CPU time summed over \
workers; judge and report are wall time.\n\nExample:\n  baohoa bench --threads 1,2\n  baohoa bench big.warc.gz --json";

const TONE_HELP: &str = "Input lines are plain titles (the `_`-segmented, lower-cased titles of labelled sets are \
accepted as they are) or JSON objects with `title`, `lead`, `body`. Output: one JSON object per line with \
negative, sensational, score, categories and matches.";

const SYNTH_HELP: &str = "Writes DIR/warc/synth-NNNNN.warc.gz (gzip per record, each file at most --max-file-size), \
DIR/labels.csv (one row per site: domain, archetype, expected_families, expected_criteria, true_negative_share, \
items, …) and DIR/registry/{press,aggregate,social}.csv (the generated outlets; scan with --registry DIR/registry). \
Same --sites, --seed and --size give byte-identical files. Memory does not grow with --size.\n\n\
Examples:\n  baohoa synth --sites 40 --seed 1 -o corpora/generated/small\n  \
baohoa synth --sites 2000 --seed 3 --size 1GB -o /data/synth-1g";

const EVAL_HELP: &str = "Compares the outputs of a run (OUT/sites.jsonl) with the labels of a generated corpus: \
precision, recall and F1 per flag family and per criterion, confusion by archetype, mean absolute error of the \
negative share, and every misjudged site with its findings. Prints text; writes the same as JSON (default \
OUT/eval.json).\n\nExample:\n  baohoa eval --labels corpora/generated/s7/labels.csv out/s7";

#[derive(Subcommand)]
enum Cmd {
    /// Scan crawl dumps; write flagged sites with evidence, every site's verdict and a run manifest to OUT.
    #[command(after_help = SCAN_HELP)]
    Scan {
        /// Input files or directories; `-` reads a list of paths from stdin, one per line.
        #[arg(value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Output directory (created if missing; files are replaced atomically).
        #[arg(short, long, value_name = "OUT", default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        models: ModelArgs,
        /// decisions.json exported from a report: decisions carry over (a dismissed site stays unflagged
        /// until a criterion fires that was quiet at the decision).
        #[arg(long, value_name = "FILE")]
        decisions: Option<PathBuf>,
        /// Output directory of the previous run: changes since it go to changes.json and the report,
        /// and history.json continues its negative-share history.
        #[arg(long, value_name = "OLD_OUT")]
        previous: Option<PathBuf>,
    },
    /// Map step of a distributed run: scan some inputs into a partial result file (see `reduce`).
    #[command(after_help = MAP_HELP)]
    Map {
        /// Input files or directories (as for `scan`).
        #[arg(value_name = "SHARD", required = true)]
        inputs: Vec<PathBuf>,
        /// Partial result file to write.
        #[arg(short, long, value_name = "PART")]
        out: PathBuf,
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Reduce step: merge partial files from `map` and write the outputs (as `scan` does).
    #[command(after_help = MAP_HELP)]
    Reduce {
        /// Partial files written by `baohoa map`.
        #[arg(value_name = "PART", required = true)]
        parts: Vec<PathBuf>,
        /// Output directory.
        #[arg(short, long, value_name = "OUT", default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Print the evidence trail of one site from a finished run, as readable text.
    Explain {
        /// The site (registrable domain, e.g. baotinnhanh24h.com).
        domain: String,
        /// Output directory of the run to read.
        #[arg(long, value_name = "OUT", default_value = "out")]
        from: PathBuf,
    },
    /// Write OUT/report.html (the inspector's report) from the outputs of a finished run.
    Report {
        /// Output directory of the run.
        #[arg(value_name = "OUT", default_value = "out")]
        out: PathBuf,
    },
    /// Print what changed between two runs: new and cleared flags, score and negative-share changes.
    Diff {
        /// Output directory of the older run.
        #[arg(value_name = "OLD_OUT")]
        old: PathBuf,
        /// Output directory of the newer run.
        #[arg(value_name = "NEW_OUT")]
        new: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the features baohoa extracts from one page, as JSON.
    #[command(after_help = PAGE_HELP)]
    Page {
        /// A saved page, or DUMP@OFFSET.
        source: String,
        /// URL to assume for the page (saved files often do not say where they came from).
        #[arg(long)]
        url: Option<String>,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Score texts for negativity and sensationalism, one per stdin line (plain text or JSONL).
    #[command(after_help = TONE_HELP)]
    Tone {
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Generate a labelled synthetic corpus (WARC.gz, labels.csv, registry) of any size.
    #[command(after_help = SYNTH_HELP)]
    Synth {
        /// Number of sites.
        #[arg(long, value_name = "N", default_value_t = 40)]
        sites: usize,
        /// Seed of the generator.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Keep adding articles until the WARC files reach this size (e.g. 1GB, 500MB).
        #[arg(long, value_name = "SIZE")]
        size: Option<String>,
        /// Upper bound of one WARC.gz file.
        #[arg(long, value_name = "SIZE", default_value = "256MiB")]
        max_file_size: String,
        /// Output directory.
        #[arg(short, long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Evaluate a run against the labels of a synthetic corpus: precision/recall/F1, confusion, MAE.
    #[command(after_help = EVAL_HELP)]
    Eval {
        /// labels.csv written by `baohoa synth`.
        #[arg(long, value_name = "CSV")]
        labels: PathBuf,
        /// Output directory of the run (holding sites.jsonl).
        #[arg(value_name = "OUT")]
        out: PathBuf,
        /// Where to write the JSON report (default OUT/eval.json).
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
    },
    /// Measure throughput: per-stage ms/MB and share, end-to-end MB/s and pages/s per core, peak RSS.
    #[command(after_help = BENCH_HELP)]
    Bench {
        /// WARC/ARC/JSONL/HTML inputs; none = a generated corpus (cached under --corpus-dir).
        #[arg(value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Thread counts to run, comma-separated (default: 1 and all cores).
        #[arg(long, value_name = "N,M", value_delimiter = ',')]
        threads: Vec<usize>,
        /// Size of the generated corpus, MB of HTML.
        #[arg(long, value_name = "MB", default_value_t = 200)]
        size_mb: u64,
        /// Where the generated corpus is cached.
        #[arg(long, value_name = "DIR", default_value = "target/bench-corpus")]
        corpus_dir: PathBuf,
        /// Output directory of the measured runs.
        #[arg(short, long, value_name = "OUT", default_value = "target/bench-out")]
        out: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Only generate (or find) the default corpus and print its path.
        #[arg(long)]
        corpus_only: bool,
        /// HTML parser to measure.
        #[arg(long, value_enum, default_value_t = baohoa::page::ParserKind::Fast)]
        parser: baohoa::page::ParserKind,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Print the domain features (press words, look-alikes, locality…) of domain names, as JSON lines.
    Domain {
        /// Domain names or URLs; none = one per stdin line.
        names: Vec<String>,
        #[command(flatten)]
        models: ModelArgs,
    },
}

fn load_models(m: &ModelArgs) -> anyhow::Result<Models> {
    Models::load(&ModelFiles::new(m.models.as_deref(), m.registry.as_deref()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("baohoa: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.cmd {
        Cmd::Scan {
            inputs,
            out,
            run,
            models,
            decisions,
            previous,
        } => {
            let models = load_models(&models)?;
            let carry = baohoa::report::Carry {
                decisions: decisions.as_deref().map(baohoa::report::decisions::read).transpose()?,
                previous,
            };
            let (inputs, models) = if inputs.is_empty() {
                (baohoa::demo_inputs(), baohoa::with_demo_registry(models)?)
            } else {
                (expand(&inputs)?, models)
            };
            let mut partial = map_inputs(&inputs, &run, &models)?;
            finish(&out, &mut partial, &models, run.quiet, &carry)
        }
        Cmd::Map {
            inputs,
            out,
            run,
            models,
        } => {
            let models = load_models(&models)?;
            let inputs = expand(&inputs)?;
            let partial = map_inputs(&inputs, &run, &models)?;
            baohoa::report::partial::write(&out, &partial)?;
            if !run.quiet {
                eprintln!(
                    "baohoa: wrote partial {} ({} sites)",
                    out.display(),
                    partial.sites.len()
                );
            }
            Ok(if partial.manifest.complete {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        Cmd::Reduce { parts, out, models } => {
            let models = load_models(&models)?;
            let mut read = Vec::new();
            for p in &parts {
                let part = baohoa::report::partial::read(p)?;
                if part.manifest.models_hash != models.hash {
                    bail!(
                        "{} was mapped with other models (hash {}) than this reduce uses ({}); map and reduce with the same --models/--registry",
                        p.display(),
                        part.manifest.models_hash,
                        models.hash
                    );
                }
                read.push(part);
            }
            let mut partial = baohoa::reduce(read);
            finish(&out, &mut partial, &models, false, &baohoa::report::Carry::default())
        }
        Cmd::Explain { domain, from } => {
            let text = baohoa::report::explain::explain_from(&from, &domain)?;
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Report { out } => {
            let path = baohoa::report::report_from(&out)?;
            eprintln!("baohoa: wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Diff { old, new, json } => {
            let d = baohoa::report::diff::diff_dirs(&old, &new)?;
            if json {
                let stdout = std::io::stdout();
                let mut out = stdout.lock();
                serde_json::to_writer_pretty(&mut out, &d)?;
                writeln!(out)?;
            } else {
                print!("{}", baohoa::report::diff::to_text(&d));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Bench {
            inputs,
            threads,
            size_mb,
            corpus_dir,
            out,
            json,
            corpus_only,
            parser,
            models,
        } => {
            let inputs = if inputs.is_empty() {
                let real = std::env::var_os("BAOHOA_REALDATA").map(PathBuf::from);
                eprintln!(
                    "baohoa: bench: preparing a {size_mb} MB corpus under {}",
                    corpus_dir.display()
                );
                let p = baohoa::bench::default_corpus(&corpus_dir, real.as_deref(), size_mb * 1_000_000)?;
                if corpus_only {
                    println!("{}", p.display());
                    return Ok(ExitCode::SUCCESS);
                }
                vec![Input::Path(p)]
            } else {
                expand(&inputs)?
            };
            let models = load_models(&models)?;
            let threads = if threads.is_empty() {
                let all = std::thread::available_parallelism().map_or(1, usize::from);
                if all > 1 { vec![1, all] } else { vec![1] }
            } else {
                threads
            };
            if threads.contains(&0) {
                bail!("--threads must list counts of at least 1");
            }
            let r = baohoa::bench::run(&inputs, &threads, parser, &models, &out)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                print!("{}", baohoa::bench::render(&r));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Page { source, url, models } => {
            let models = load_models(&models)?;
            page(&source, url, &models)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Tone { models } => {
            let models = load_models(&models)?;
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            baohoa::tone::cli(&mut stdin.lock(), &mut out, &models.tone)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Synth {
            sites,
            seed,
            size,
            max_file_size,
            out,
            models,
        } => {
            let files = ModelFiles::new(models.models.as_deref(), models.registry.as_deref());
            let criteria = baohoa::judge::CriteriaConfig::load(&files)?;
            let opts = baohoa::synth::SynthOptions {
                sites,
                seed,
                size: size.as_deref().map(baohoa::synth::parse_size).transpose()?,
                max_file_bytes: baohoa::synth::parse_size(&max_file_size)?,
                rule: baohoa::synth::NegRule::from_models(&files)?,
            };
            let t = std::time::Instant::now();
            let s = baohoa::synth::generate(&opts, &criteria, &out)?;
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
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Eval { labels, out, json } => {
            let report = baohoa::eval::evaluate_files(&labels, &out)?;
            let json = json.unwrap_or_else(|| out.join("eval.json"));
            let mut bytes = serde_json::to_vec_pretty(&report)?;
            bytes.push(b'\n');
            baohoa::report::write_atomic(&json, &bytes)?;
            print!("{}", baohoa::eval::to_text(&report));
            eprintln!("baohoa: JSON report in {}", json.display());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Domain { names, models } => {
            let models = load_models(&models)?;
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            baohoa::domain::cli(&names, &mut stdin.lock(), &mut out, &models)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

struct Bar {
    bar: ProgressBar,
    pages: AtomicU64,
    damaged: AtomicU64,
}

impl baohoa::Progress for Bar {
    fn input_bytes(&self, n: u64) {
        self.bar.inc(n);
    }
    fn page(&self, _html_bytes: u64) {
        let p = self.pages.fetch_add(1, Ordering::Relaxed) + 1;
        if p.is_multiple_of(256) {
            self.set_message(p);
        }
    }
    fn damaged(&self) {
        self.damaged.fetch_add(1, Ordering::Relaxed);
        self.set_message(self.pages.load(Ordering::Relaxed));
    }
}

impl Bar {
    fn set_message(&self, pages: u64) {
        let secs = self.bar.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{pages} pages, {:.0} pages/s, {} damaged",
            pages as f64 / secs,
            self.damaged.load(Ordering::Relaxed)
        ));
    }
}

fn expand(args: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    let stdin = std::io::stdin();
    let (inputs, errs) = baohoa::expand_inputs(args, &mut stdin.lock());
    for e in &errs {
        eprintln!("baohoa: warning: {e}");
    }
    if inputs.is_empty() {
        bail!("no input files found in {args:?}; give WARC/ARC/JSONL/HTML files or directories");
    }
    Ok(inputs)
}

fn map_inputs(inputs: &[Input], run: &RunArgs, models: &Models) -> anyhow::Result<baohoa::Partial> {
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
    let total: u64 = inputs.iter().map(Input::size).sum();
    let show = !run.quiet && std::io::stderr().is_terminal();
    let target = if show {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(total), target);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, eta {eta}) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let progress = Bar {
        bar,
        pages: AtomicU64::new(0),
        damaged: AtomicU64::new(0),
    };
    let partial = baohoa::map(inputs, &opts, models, &progress)?;
    progress.bar.finish_and_clear();
    Ok(partial)
}

fn finish(
    out: &Path,
    partial: &mut baohoa::Partial,
    models: &Models,
    quiet: bool,
    carry: &baohoa::report::Carry,
) -> anyhow::Result<ExitCode> {
    baohoa::report::write_outputs_with(out, partial, models, carry).context("writing outputs")?;
    let m = &partial.manifest;
    if !quiet {
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
    Ok(if m.complete {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn page(source: &str, url: Option<String>, models: &Models) -> anyhow::Result<()> {
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
    let f = baohoa::analyse(&rec, models, &mut t);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    serde_json::to_writer_pretty(&mut out, &f)?;
    writeln!(out)?;
    Ok(())
}
