//! Regression guard on the DEV gold sets (TBAQ-cleaned, MEANTIME): the scores must stay near
//! the figures measured when the rules were written. TE3-Platinum (TEST) is not used here.

use std::path::Path;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn f1(report: &sitrep_eval::EvalReport, measure: &str) -> f64 {
    report.metrics[measure]["f1"].as_f64().unwrap_or(0.0)
}

#[test]
fn dev_scores_do_not_regress() {
    // (set, relaxed extent F1, value F1) floors, a point or so under the measured figures.
    for (which, relaxed, value) in [("tbaq", 0.91, 0.77), ("meantime", 0.88, 0.74)] {
        let report = sitrep_time::eval::run(Path::new(SHARED), which).expect("gold data");
        assert!(
            report.metrics["documents"].as_u64().unwrap_or(0) > 100,
            "{which}"
        );
        assert!(
            f1(&report, "relaxed") >= relaxed,
            "{which}\n{}",
            report.markdown
        );
        assert!(
            f1(&report, "value") >= value,
            "{which}\n{}",
            report.markdown
        );
        assert!(f1(&report, "strict") <= f1(&report, "relaxed"));
    }
}

#[test]
fn error_listings_are_refused_on_the_test_split() {
    assert!(sitrep_time::eval::run_with_errors(Path::new(SHARED), "te3-platinum", 10).is_err());
    assert!(sitrep_time::eval::run(Path::new(SHARED), "no-such-set").is_err());
}
