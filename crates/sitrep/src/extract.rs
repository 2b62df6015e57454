//! `sitrep extract` and `sitrep bench`: inputs in, analyses out, in input order.

use crate::cli::{BenchArgs, ExtractArgs, GazetteerLocation, OutputFormat};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sitrep_extract::{Pipeline, StageTimes};
use sitrep_gazetteer::Gazetteer;
use sitrep_ingest::{Format, Item, Options};
use sitrep_model::{Analysis, DocError, Document};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Documents analysed together; output stays in input order within and across batches.
const BATCH: usize = 64;

/// Opens the gazetteer; when there is none, says so once and goes on without places.
pub fn open_gazetteer(location: &GazetteerLocation) -> (Option<Arc<Gazetteer>>, Option<String>) {
    let dir = location.dir();
    match Gazetteer::open(&dir) {
        Ok(g) => (Some(Arc::new(g)), None),
        Err(e) => (None, Some(e.to_string())),
    }
}

/// What every document's analysis needs; shared by the worker threads.
struct Analyzer<'a> {
    pipeline: &'a Pipeline,
    published: Option<jiff::civil::Date>,
    outlet: Option<String>,
    no_gazetteer: Option<String>,
}

struct Runner<'a> {
    analyzer: Analyzer<'a>,
    format: Option<OutputFormat>,
    batch: Vec<Item>,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    progress: ProgressBar,
    unreadable: usize,
    documents: usize,
    closed: bool,
}

impl Runner<'_> {
    fn push(&mut self, item: Item) -> Result<()> {
        self.batch.push(item);
        if self.batch.len() >= BATCH {
            self.flush(false)?;
        }
        Ok(())
    }

    fn flush(&mut self, last: bool) -> Result<()> {
        let items = std::mem::take(&mut self.batch);
        // The default format is decided by the first flush: one document in all → json.
        let format = *self.format.get_or_insert(if last && items.len() <= 1 {
            OutputFormat::Json
        } else {
            OutputFormat::Jsonl
        });
        let analyzer = &self.analyzer;
        let results: Vec<(String, Result<Analysis, String>)> = items
            .into_par_iter()
            .map(|item| {
                let origin = item.origin;
                let r = match item.result {
                    Ok((doc, warnings)) => Ok(analyzer.analyze(doc, warnings)),
                    Err(e) => Err(e.to_string()),
                };
                (origin, r)
            })
            .collect();
        for (origin, r) in results {
            match r {
                Ok(a) => {
                    self.documents += 1;
                    self.progress.inc(a.document.text.len() as u64);
                    for e in &a.errors {
                        if e.kind != "no_gazetteer" {
                            self.progress
                                .suspend(|| eprintln!("sitrep: warning: {origin}: {}", e.message));
                        }
                    }
                    self.write(&a, format)?;
                }
                Err(message) => {
                    self.unreadable += 1;
                    self.progress
                        .suspend(|| eprintln!("sitrep: error: {message}"));
                }
            }
        }
        Ok(())
    }
}

impl Analyzer<'_> {
    fn analyze(&self, mut doc: Document, warnings: Vec<DocError>) -> Analysis {
        if self.published.is_some() {
            doc.published = self.published;
        }
        if self.outlet.is_some() {
            doc.outlet.clone_from(&self.outlet);
        }
        let id = doc.id.clone();
        let fallback = doc.clone();
        let pipeline = self.pipeline;
        let mut analysis = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pipeline.analyze(doc)
        })) {
            Ok(a) => a,
            Err(_) => {
                let mut a = Analysis::new(fallback);
                a.errors.push(DocError {
                    kind: "internal".into(),
                    message: format!("analysis of {id:?} failed (internal error; please report)"),
                });
                a
            }
        };
        let mut errors = warnings;
        if let Some(why) = &self.no_gazetteer {
            errors.push(DocError {
                kind: "no_gazetteer".into(),
                message: format!("places not resolved: {why}"),
            });
        }
        errors.append(&mut analysis.errors);
        analysis.errors = errors;
        analysis
    }
}

impl Runner<'_> {
    fn write(&mut self, a: &Analysis, format: OutputFormat) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = match format {
            OutputFormat::Json => serde_json::to_writer_pretty(&mut self.out, a)
                .map_err(std::io::Error::from)
                .and_then(|_| self.out.write_all(b"\n")),
            OutputFormat::Jsonl => serde_json::to_writer(&mut self.out, a)
                .map_err(std::io::Error::from)
                .and_then(|_| self.out.write_all(b"\n")),
            OutputFormat::Text => self.out.write_all(crate::render::text(a).as_bytes()),
        };
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r.context("writing output"),
        }
    }
}

/// `sitrep extract`.
pub fn run(args: ExtractArgs) -> Result<i32> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    for p in &inputs {
        if p.as_os_str() != "-" && !p.exists() {
            eprintln!("sitrep: error: {}: no such file or directory", p.display());
        }
    }
    let (files, walk_errors) = sitrep_ingest::expand_paths(&inputs);
    let missing = inputs
        .iter()
        .filter(|p| p.as_os_str() != "-" && !p.exists())
        .count();
    for e in &walk_errors {
        eprintln!("sitrep: error: {e}");
    }
    let (gazetteer, no_gazetteer) = open_gazetteer(&args.location);
    if let Some(why) = &no_gazetteer {
        eprintln!("sitrep: warning: {why}; places will be empty");
    }
    let pipeline = Pipeline::new(gazetteer);
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let progress = if args.quiet || !std::io::stderr().is_terminal() || total < 1 << 20 {
        ProgressBar::hidden()
    } else {
        let pb = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        pb.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        pb
    };
    let opts = Options {
        max_doc_bytes: args.max_doc_mb.saturating_mul(1024 * 1024),
    };
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| p.as_os_str() == "-" || p.exists())
        .collect();
    let mut runner = Runner {
        analyzer: Analyzer {
            pipeline: &pipeline,
            published: args.published,
            outlet: args.outlet.clone(),
            no_gazetteer,
        },
        format: args.format,
        batch: Vec::with_capacity(BATCH),
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        progress,
        unreadable: 0,
        documents: 0,
        closed: false,
    };
    let mut failure: Option<anyhow::Error> = None;
    for file in &files {
        sitrep_ingest::read_path(file, &opts, &mut |item| {
            if failure.is_none() {
                if let Err(e) = runner.push(item) {
                    failure = Some(e);
                }
            }
        });
        if let Some(e) = failure.take() {
            return Err(e);
        }
    }
    runner.flush(true)?;
    if let Err(e) = runner.out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e).context("writing output");
        }
    }
    runner.progress.finish_and_clear();
    let unreadable = runner.unreadable + walk_errors.len() + missing;
    if unreadable > 0 {
        eprintln!(
            "sitrep: {} document(s) analysed; {unreadable} input(s) could not be read",
            runner.documents
        );
        return Ok(1);
    }
    Ok(0)
}

/// Reads every document of the given corpus files (unreadable records are skipped).
fn load_corpus(inputs: &[PathBuf]) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    let opts = Options::default();
    for f in inputs {
        sitrep_ingest::read_path(f, &opts, &mut |item| {
            if let Ok((doc, _)) = item.result {
                docs.push(doc);
            }
        });
    }
    anyhow::ensure!(!docs.is_empty(), "no documents in the benchmark inputs");
    Ok(docs)
}

/// `sitrep bench`: single-thread throughput per stage (MB/s per core), then all cores.
pub fn bench(args: BenchArgs) -> Result<i32> {
    let inputs = if args.inputs.is_empty() {
        let shared = sitrep_eval::shared_dir()
            .context("cannot find ../shared; pass corpus files explicitly")?;
        let mut v: Vec<PathBuf> = std::fs::read_dir(shared.join("data/corpus"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| sitrep_ingest::format_from_extension(p) == Some(Format::Jsonl))
            .collect();
        v.sort();
        v
    } else {
        args.inputs.clone()
    };
    let t0 = Instant::now();
    let (gazetteer, no_gazetteer) = open_gazetteer(&args.location);
    let open_secs = t0.elapsed().as_secs_f64();
    if let Some(why) = &no_gazetteer {
        eprintln!("sitrep: warning: {why}; geoparsing is not measured");
    }
    let t1 = Instant::now();
    let pipeline = Pipeline::new(gazetteer);
    // Start-up, reported apart from throughput: the NER model and the lexicons (actor
    // dictionary automata, event and time lexicons) are built on first use.
    std::hint::black_box(pipeline.analyze(sitrep_model::Document {
        id: "warm-up".into(),
        text: "Syrian troops took Raqqa on Monday, Reuters said, citing officials.".into(),
        ..Default::default()
    }));
    let warm_secs = t1.elapsed().as_secs_f64();
    println!(
        "| corpus | docs | MB | words | 1 core s | MB/s/core | words/s/core | all cores MB/s |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut grand = StageTimes::default();
    let (mut all_bytes, mut all_secs) = (0usize, 0f64);
    for input in &inputs {
        let docs = load_corpus(std::slice::from_ref(input))?;
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
        let mut best = f64::INFINITY;
        let mut times = StageTimes::default();
        for _ in 0..args.runs.max(1) {
            let mut t = StageTimes::default();
            let start = Instant::now();
            for d in &docs {
                std::hint::black_box(pipeline.analyze_timed(d.clone(), &mut t));
            }
            let secs = start.elapsed().as_secs_f64();
            if secs < best {
                best = secs;
                times = t;
            }
        }
        let start = Instant::now();
        let n: usize = docs
            .par_iter()
            .map(|d| pipeline.analyze(d.clone()).events.len())
            .sum();
        std::hint::black_box(n);
        let par = start.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        println!(
            "| {} | {} | {:.2} | {} | {:.2} | {:.2} | {:.0} | {:.2} |",
            input.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
            docs.len(),
            mb,
            words,
            best,
            mb / best,
            words as f64 / best,
            mb / par
        );
        grand.add(&times);
        all_bytes += bytes;
        all_secs += best;
    }
    println!(
        "\nAll corpora: {:.2} MB in {:.2} s on one core = **{:.2} MB/s per core**; start-up: gazetteer open {:.2} s, models and lexicons {:.2} s.",
        all_bytes as f64 / 1e6,
        all_secs,
        all_bytes as f64 / 1e6 / all_secs,
        open_secs,
        warm_secs
    );
    println!("\n| stage | s (one core) | MB/s/core |\n|---|---:|---:|");
    for (name, secs) in grand.stages() {
        println!(
            "| {name} | {secs:.3} | {:.1} |",
            if secs > 0.0 {
                all_bytes as f64 / 1e6 / secs
            } else {
                f64::INFINITY
            }
        );
    }
    Ok(0)
}
