//! Training and evaluation end to end.
use sitrep_eval::Split;
use sitrep_ner::{read_conll, train_with, Recognizer, TrainOptions};
use std::path::{Path, PathBuf};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// A tiny corpus written for this test (IOB1, as CoNLL-2003).
const TINY: &str = "-DOCSTART- -X- -X- O

Ahmed NNP B-NP I-PER
Saleh NNP I-NP I-PER
visited VBD B-VP O
Aleppo NNP B-NP I-LOC
. . O O

Rebels NNS B-NP O
shelled VBD B-VP O
Aleppo NNP B-NP I-LOC
, , O O
Ahmed NNP B-NP I-PER
Saleh NNP I-NP I-PER
said VBD B-VP O
. . O O

The DT B-NP O
Syrian JJ I-NP I-MISC
army NN I-NP O
entered VBD B-VP O
Homs NNP B-NP I-LOC
. . O O
";

fn tmp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("sitrep-ner-{}-{name}", std::process::id()))
}

#[test]
fn trains_a_tiny_model_deterministically() {
    let data = tmp("tiny.conll");
    std::fs::write(&data, TINY).expect("write corpus");
    let (a, b) = (tmp("a.bin"), tmp("b.bin"));
    let opts = TrainOptions {
        epochs: 5,
        ..TrainOptions::default()
    };
    let report = train_with(&data, &a, opts, &mut |_| {}).expect("trains");
    train_with(&data, &b, opts, &mut |_| {}).expect("trains again");
    assert_eq!(report.sentences, 3);
    assert_eq!(report.tokens, 19);
    let (ba, bb) = (std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    assert_eq!(ba, bb, "same data and options give the same model bytes");
    let rec = Recognizer::from_model_bytes(&ba).expect("loads");
    let spans = rec.tag_tokens(&[vec!["Ahmed", "Saleh", "visited", "Aleppo", "."]]);
    let got: Vec<_> = spans[0].iter().map(|s| (s.start, s.end, s.label)).collect();
    assert_eq!(got, vec![(0, 2, "PER"), (3, 4, "LOC")]);
    for p in [data, a, b] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn dev_split_scores_beat_the_spacy_baseline() {
    let report = sitrep_ner::eval::run(Path::new(SHARED), Split::Dev).expect("eval runs");
    let f1 = |label: &str| {
        report.metrics["labels"][label]["f1"]
            .as_f64()
            .unwrap_or(0.0)
    };
    // spaCy en_core_web_sm on eng.testa: LOC .775, PER .709.
    assert!(f1("LOC") > 0.90, "{}", report.markdown);
    assert!(f1("PER") > 0.88, "{}", report.markdown);
    assert!(report.metrics["overall"]["f1"].as_f64().unwrap_or(0.0) > 0.88);
    assert!(report.markdown.contains("| LOC |"));
}

#[test]
fn reads_the_conll_files() {
    let docs = read_conll(&Path::new(SHARED).join("data/eval/ner/conll2003/eng.testa"))
        .expect("reads testa");
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    assert_eq!(docs.len(), 216);
    assert_eq!(sentences, 3250);
}

/// The committed model is exactly what `examples/train.rs` produces from `eng.train` with the
/// default options (so it is reproducible and matches the feature code).
#[test]
fn committed_model_is_reproducible() {
    let out = tmp("full.bin");
    let train = Path::new(SHARED).join("data/eval/ner/conll2003/eng.train");
    sitrep_ner::train(&train, &out, &mut |_| {}).expect("trains");
    let fresh = std::fs::read(&out).expect("model written");
    let _ = std::fs::remove_file(&out);
    let committed = include_bytes!("../model/ner.bin");
    assert!(
        fresh == committed,
        "model/ner.bin is stale: rerun `cargo run --release -p sitrep-ner --example train -- {}`",
        train.display()
    );
}
