//! The command line's arguments: every subcommand, its options and its help text.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The `baohoa` command line.
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
pub struct Cli {
    #[command(subcommand)]
    pub cmd: Cmd,
}

#[derive(Args, Clone)]
pub struct ModelArgs {
    /// Directory of model files overriding the embedded defaults (same layout as models/).
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Directory of registry CSVs (press.csv, aggregate.csv, social.csv) replacing the sample registry.
    #[arg(long, value_name = "DIR")]
    pub registry: Option<PathBuf>,
}

/// Which files of input folders are read.
#[derive(Args, Clone, Default)]
pub struct WalkArgs {
    /// Read only the files of input folders that match GLOB (repeatable): a glob without `/`
    /// matches a file name ('*.warc.gz'), one with `/` the path below the input folder
    /// ('2026-11-*/*.warc.gz'). Files named on the command line are always read.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Do not read the files or folders of input folders that match GLOB (repeatable; a trailing
    /// `/` matches folders only: 'logs/'). Listed as ignored in run.json.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// A language an inspector reads.
#[derive(Clone, Copy, Default, ValueEnum)]
pub enum LangArg {
    /// Vietnamese (the default)
    #[default]
    Vi,
    /// English
    En,
}

impl LangArg {
    pub fn lang(self) -> baohoa::judge::Lang {
        match self {
            LangArg::Vi => baohoa::judge::Lang::Vi,
            LangArg::En => baohoa::judge::Lang::En,
        }
    }
}

/// The decimal mark of flagged.csv.
#[derive(Clone, Copy, Default, ValueEnum)]
pub enum DecimalArg {
    /// 4.600, fields separated by `,`
    #[default]
    Dot,
    /// 4,600, fields separated by `;` (spreadsheets in a Vietnamese locale)
    Comma,
}

/// How flagged.csv is written.
#[derive(Args, Clone, Copy, Default)]
pub struct CsvArgs {
    /// Language of flagged.csv's header and figures (vi or en). Codes in its cells and every JSON
    /// key stay English and stable.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// Decimal mark of flagged.csv: dot (4.600; fields separated by `,`) or comma (4,600; fields
    /// separated by `;`, as a spreadsheet in a Vietnamese locale expects: there 4.600 reads as 4600).
    #[arg(long, value_enum, default_value_t = DecimalArg::Dot)]
    pub csv_decimal: DecimalArg,
}

impl CsvArgs {
    pub fn format(self) -> baohoa::report::flagged::CsvFormat {
        baohoa::report::flagged::CsvFormat {
            lang: self.lang.lang(),
            decimal: match self.csv_decimal {
                DecimalArg::Dot => baohoa::report::flagged::Decimal::Dot,
                DecimalArg::Comma => baohoa::report::flagged::Decimal::Comma,
            },
        }
    }
}

#[derive(Args, Clone)]
pub struct RunArgs {
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Pages longer than this are truncated for parsing (and counted in run.json).
    #[arg(long, value_name = "BYTES", default_value_t = baohoa::ingest::DEFAULT_MAX_PAGE_BYTES)]
    pub max_page_bytes: usize,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// HTML parser: fast (streaming, default) or scraper (html5ever DOM, the reference).
    #[arg(long, value_enum, default_value_t = baohoa::page::ParserKind::Fast)]
    pub parser: baohoa::page::ParserKind,
    /// Memory for site aggregates before they spill to disk as sorted runs (e.g. 2GiB, 512MB;
    /// default: 1/16 of the machine's memory, between 64 MiB and 512 MiB). Outputs do not depend on it.
    #[arg(long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Folder for spilled site aggregates (a hidden subfolder, removed at the end; default: the
    /// output folder for scan, the partial's folder for map).
    #[arg(long, value_name = "DIR")]
    pub spill_dir: Option<PathBuf>,
}

const SCAN_HELP: &str = "INPUT may be a WARC (.warc, .warc.gz), ARC (.arc, .arc.gz), JSONL (.jsonl, .jsonl.gz: one \
{\"url\", \"html\", \"fetched_at\"?} object per line) or saved HTML file; kinds are recognised by content. \
Directories are walked recursively; files in them that are not dumps (crawl.log, index.cdx, README) are not read \
and listed as ignored in run.json, --include/--exclude and a folder's .baohoaignore choose what is read, and a \
registry/ folder beside the dumps is added to the registry. `-` reads a dump piped to stdin, or else a list of \
paths. With no INPUT the embedded demo corpus is scanned.\n\n\
Outputs in OUT (replaced as one set: written to a staging folder, then moved in place):\n  \
sites.jsonl     every site: class, score, flags, every finding (vi and en) with figures and evidence, counts\n  \
flagged.jsonl   the flagged sites, ranked by score\n  \
flagged.csv     the same for spreadsheets (UTF-8 with BOM; --lang, --csv-decimal)\n  \
report.html     the inspector's report: one self-contained page, Vietnamese first\n  \
history.json    each site's negative share over the last 30 runs (continued from --previous)\n  \
changes.json    with --previous: what changed since that run (as `baohoa diff --json`)\n  \
groups.jsonl    groups of sites publishing the same stories together (when the story join found any)\n  \
stories.jsonl   the stories copied across sites (when the story join found any)\n  \
run.json        inputs with sha256, what the walk ignored or refused, every model file used, counts per \
stage, damaged records with file:offset, timings, version and models hash\n\n\
Examples:\n  \
baohoa scan                                  # the embedded demo corpus, into ./out/\n  \
baohoa scan crawl/2026-11-22/ -o out/2026-11-22 --previous out/2026-11-21 --decisions decisions.json\n  \
baohoa scan crawl/ --include '*.warc.gz' --exclude 'tmp/'\n  \
cat dump.warc.gz | baohoa scan - -o out\n  \
find /data -name '*.warc.gz' | baohoa scan - -o out\n  \
baohoa scan crawl/ --models my-models/ --registry registry/\n  \
baohoa scan crawl/ --csv-decimal comma       # flagged.csv for a Vietnamese-locale spreadsheet";

const EXPLAIN_HELP: &str = "Reads OUT/sites.jsonl of a finished run (the site found by its registrable domain) \
and prints its class, score and flags, every fired criterion with its figures, evidence URLs and matched \
phrases, its legal basis and what would clear it, then the criteria measured but not fired. Dates are in \
Asia/Ho_Chi_Minh time (+07:00).\n\n\
Examples:\n  \
baohoa explain vnexpress24h.net --from out/2026-11-22\n  \
baohoa explain vnexpress24h.net --lang en\n  \
baohoa explain vnexpress24h.net --json | jq '.findings[] | select(.fired) | .statement'";

const REPORT_HELP: &str = "Writes OUT/report.html again from OUT/sites.jsonl, run.json and, when present, \
changes.json and history.json (e.g. after an upgrade of baohoa). Open it from disk: it needs no network.\n\n\
Examples:\n  baohoa report out/2026-11-22\n  baohoa report            # ./out";

const DIFF_HELP: &str = "Per site: new_flag, cleared, not_seen (flagged before, absent now), criteria added \
or removed, score, and negative-share moves of at least one percentage point.\n\n\
Examples:\n  baohoa diff out/2026-11-21 out/2026-11-22\n  \
baohoa diff out/2026-11-21 out/2026-11-22 --json > changes.json";

const DOMAIN_HELP: &str = "Examples:\n  baohoa domain tapchidautu.net vnexpress24h.net\n  \
cut -f1 domains.tsv | baohoa domain";

const MODELS_HELP: &str = "`models export DIR` writes every embedded model file (lexicons, criteria, messages, \
tone weights, sample registries; models/ of the source tree) into DIR, for editing. Give the folder back with \
--models DIR (its registry/ folder is read too, or give it with --registry DIR/registry); unedited, a run \
with --models DIR has the same models hash as one on the embedded models.\n\n\
Examples:\n  baohoa models export my-models\n  \
baohoa scan crawl/ --models my-models -o out\n  baohoa models export my-models --force   # overwrite";

const COMPLETIONS_HELP: &str = "Examples:\n  \
baohoa completions bash > /etc/bash_completion.d/baohoa\n  \
baohoa completions zsh > \"${fpath[1]}/_baohoa\"\n  \
baohoa completions fish > ~/.config/fish/completions/baohoa.fish";

const MAN_HELP: &str = "Examples:\n  baohoa man > baohoa.1 && man ./baohoa.1\n  \
baohoa man | gzip > /usr/local/share/man/man1/baohoa.1.gz";

const MAP_HELP: &str = "Run `map` on each worker over its shard of the dumps, then `reduce` once over all the partial \
files: the outputs equal those of one `scan` over all the dumps, byte for byte (run.json aside). With many sites, \
partition: `map --partitions N` writes one partial per site-key-hash partition, `reduce --partition I` merges one \
partition of every map (on any machine), and a last `reduce` over the N reduced partitions writes the outputs. \
Partials are streamed (memory does not grow with their size), versioned, and refused when mapped with other models.\n\n\
Examples:\n  baohoa map /data/shard-07/ -o parts/07.part\n  baohoa reduce parts/*.part -o out/\n\n  \
baohoa map /data/shard-07/ -o maps/07 --partitions 4\n  \
baohoa reduce --partition 2 maps/* -o reduced/2.part\n  baohoa reduce reduced/*.part -o out/";

const PAGE_HELP: &str = "SOURCE is a saved HTML file, or `DUMP@OFFSET` for the record at that byte offset of a \
WARC/ARC/JSONL file (offsets are those printed in run.json errors and evidence). Without @OFFSET the first HTML \
record of a dump is shown.\n\n\
Examples:\n  baohoa page saved/article.html --url https://example.vn/bai-viet-123.html\n  \
baohoa page crawl/seg-1.warc.gz@48213";

const BENCH_HELP: &str = "With no INPUT, a deterministic corpus (the demo pages, plus the real pages under \
$BAOHOA_REALDATA when set, replicated under many URLs) is generated once and cached. Stages: ingest is a separate \
single-thread read pass (gunzip, WARC, HTTP); decode, parse, features, tone and fold are CPU time summed over \
workers; judge and report are wall time.\n\nExample:\n  baohoa bench --threads 1,2\n  baohoa bench big.warc.gz --json";

const TONE_HELP: &str = "Input lines are plain titles (the `_`-segmented, lower-cased titles of labelled sets are \
accepted as they are) or JSON objects with `title`, `lead`, `body`, `url`. Output: one JSON object per line with \
negative and sensational (the learned model's calibrated probability reaches the threshold of settings.toml), \
probability, sensational_probability, reasons (the features that pulled most: value, weight, contribution), \
the lexicon score, categories and matched terms with offsets.\n\n\
Examples:\n  echo 'Bắt giữ nghi phạm trộm cắp' | baohoa tone\n  \
echo '{\"title\": \"Sốc: tai nạn kinh hoàng\", \"lead\": \"…\"}' | baohoa tone";

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
pub enum Cmd {
    /// Scan crawl dumps; write flagged sites with evidence, every site's verdict and a run manifest to OUT.
    #[command(after_help = SCAN_HELP)]
    Scan {
        /// Input files or directories; `-` reads a dump piped to stdin (WARC, ARC, JSONL, gzip),
        /// or else a list of paths, one per line.
        #[arg(value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        walk: WalkArgs,
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
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Map step of a distributed run: scan some inputs into a partial result file (see `reduce`).
    #[command(after_help = MAP_HELP)]
    Map {
        /// Input files or directories (as for `scan`).
        #[arg(value_name = "SHARD", required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        walk: WalkArgs,
        /// Partial result file to write (with --partitions: a folder of one file per partition).
        #[arg(short, long, value_name = "PART")]
        out: PathBuf,
        /// Split the sites into N partitions by a hash of the site key: writes PART/part-IIIII-of-NNNNN.baohoa,
        /// one partial per partition, for `reduce --partition I` on separate machines.
        #[arg(long, value_name = "N")]
        partitions: Option<u32>,
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Reduce step: merge partial files from `map` and write the outputs (as `scan` does); with
    /// --partition, merge one partition into one partial file.
    #[command(after_help = MAP_HELP)]
    Reduce {
        /// Partial files written by `baohoa map` or `reduce --partition`, or folders of them
        /// (from `map --partitions`).
        #[arg(value_name = "PART", required = true)]
        parts: Vec<PathBuf>,
        /// Output directory (with --partition: the partial file to write).
        #[arg(short, long, value_name = "OUT", default_value = "out")]
        out: PathBuf,
        /// Merge only partition I (of the partitioned maps given) into the partial file OUT; the
        /// finishing `reduce` over all partitions' files then writes the outputs.
        #[arg(long, value_name = "I")]
        partition: Option<u32>,
        /// The finishing reduce (what `reduce` does without --partition; say it in scripts for clarity).
        #[arg(long, conflicts_with = "partition")]
        finish: bool,
        #[command(flatten)]
        models: ModelArgs,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Print the evidence trail of one site from a finished run, as readable text.
    #[command(after_help = EXPLAIN_HELP)]
    Explain {
        /// The site (registrable domain, e.g. baotinnhanh24h.com).
        domain: String,
        /// Output directory of the run to read.
        #[arg(long, value_name = "OUT", default_value = "out")]
        from: PathBuf,
        /// Language of the text: vi (Vietnamese, the default) or en.
        #[arg(long, value_enum, default_value_t = LangArg::Vi)]
        lang: LangArg,
        /// Print the site's sites.jsonl row as JSON (findings in both languages, the class in
        /// words, the run's time in Asia/Ho_Chi_Minh) instead of text.
        #[arg(long, conflicts_with = "lang")]
        json: bool,
    },
    /// Write OUT/report.html (the inspector's report) from the outputs of a finished run.
    #[command(after_help = REPORT_HELP)]
    Report {
        /// Output directory of the run.
        #[arg(value_name = "OUT", default_value = "out")]
        out: PathBuf,
    },
    /// Print what changed between two runs: new and cleared flags, score and negative-share changes.
    #[command(after_help = DIFF_HELP)]
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
        /// At most this many article items per site and round (small sites, e.g. for memory
        /// measurements over many sites); default: as the archetype plans (3 to 150).
        #[arg(long, value_name = "N")]
        items: Option<usize>,
        /// Output directory.
        #[arg(short, long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Train a learned model from hand labels (`train tone`).
    #[command(subcommand, after_help = TRAIN_TONE_HELP)]
    Train(TrainCmd),
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
        /// Use every distinct real page under BAOHOA_REALDATA once (no copies) as the corpus.
        #[arg(long, conflicts_with = "size_mb")]
        real_pages: bool,
        /// HTML parser to measure.
        #[arg(long, value_enum, default_value_t = baohoa::page::ParserKind::Fast)]
        parser: baohoa::page::ParserKind,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Print the domain features (press words, look-alikes, locality…) of domain names, as JSON lines.
    #[command(after_help = DOMAIN_HELP)]
    Domain {
        /// Domain names or URLs; none = one per stdin line.
        names: Vec<String>,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Work with the model files: write the embedded ones out for editing.
    #[command(after_help = MODELS_HELP)]
    Models {
        #[command(subcommand)]
        cmd: ModelsCmd,
    },
    /// Print a shell completion script for SHELL on stdout.
    #[command(after_help = COMPLETIONS_HELP)]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff, section 1) on stdout.
    #[command(after_help = MAN_HELP)]
    Man,
}

/// `baohoa models …`
#[derive(Subcommand)]
pub enum ModelsCmd {
    /// Write every embedded model and registry file into DIR (same layout as models/), for
    /// editing and passing back with --models DIR.
    #[command(after_help = MODELS_HELP)]
    Export {
        /// Folder to write (created if missing).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Overwrite files that are already there (else nothing is written).
        #[arg(long)]
        force: bool,
    },
}

/// What `baohoa train` trains.
#[derive(Subcommand)]
pub enum TrainCmd {
    /// Train the learned tone model (negative, sensational) from labelled real items.
    #[command(after_help = TRAIN_TONE_HELP)]
    Tone {
        /// labels.tsv (dataset, row, url, negative, sensational, confident), e.g.
        /// realdata/vi-negativity-labels/labels.tsv; repeat to add more (tests/tone_more_labels.tsv).
        #[arg(long, value_name = "TSV", required = true)]
        labels: Vec<PathBuf>,
        /// The folder holding the CSVs the labels point into (default: the first labels file's folder's parent).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Output models directory: writes DIR/tone/learned.tsv and DIR/tone/learned.toml (use with --models DIR).
        #[arg(short, long, value_name = "DIR")]
        out: PathBuf,
        /// L2 penalty of the negative and the sensational model (default: each task picks from
        /// --l2-grid by held-out F1 on inner folds).
        #[arg(long, value_name = "X")]
        l2: Option<f64>,
        /// L2 penalty of the sensational model (default: --l2, or picked from --l2-grid).
        #[arg(long, value_name = "X")]
        l2_sensational: Option<f64>,
        /// L2 candidates, comma-separated; ignored when --l2 is given.
        #[arg(long, value_name = "X,Y,…", value_delimiter = ',', default_value = "0.5,1,2,4")]
        l2_grid: Vec<f64>,
        /// n-grams must occur in this many training items.
        #[arg(long, value_name = "N", default_value_t = 2)]
        min_df: usize,
        /// Instead of training: print the nested 5-fold cross-validation (F1 per dataset and
        /// threshold, share errors per topic).
        #[arg(long)]
        cv: bool,
        /// With --cv: also the learning curve (training sets cut to 1/8 … all of their items).
        #[arg(long)]
        curve: bool,
        /// With --cv: write every item's out-of-fold probabilities to this TSV (dataset, row, url,
        /// fold, labels and probabilities; no text), to read the errors beside the CSVs.
        #[arg(long, value_name = "TSV", requires = "cv")]
        predictions: Option<PathBuf>,
        #[command(flatten)]
        models: ModelArgs,
    },
}

const TRAIN_TONE_HELP: &str = "Reads every labelled item through its dataset row (URLs must match), extracts the \
features of src/tone/learned.rs with the lexicons of models/tone (or --models), fits L2 logistic regression for \
both tasks, calibrates them (Platt) on held-out folds and records their held-out TPR/FPR per threshold. \
Deterministic; a few seconds.\n\nExample:\n  \
baohoa train tone --labels ../shared/realdata/vi-negativity-labels/labels.tsv \\\n    \
--labels tests/tone_more_labels.tsv -o models\n";
