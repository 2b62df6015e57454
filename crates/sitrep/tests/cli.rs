//! End-to-end behaviour of the `sitrep` binary on good and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sitrep(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .current_dir(dir)
        // No gazetteer: these tests are about input handling.
        .env("SITREP_GAZETTEER", dir.join("no-gazetteer"))
        .output()
        .expect("run sitrep")
}

fn example() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/isis-defeat-announcement.txt"
    ))
}

fn stdout_docs(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl line"))
        .collect()
}

#[test]
fn founding_example_has_contract_shape_and_valid_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep(
        &[
            "extract",
            "--published",
            "2017-12-07",
            example().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one pretty JSON object");
    assert_eq!(v["sitrep_version"], "1");
    assert_eq!(v["document"]["published"], "2017-12-07");
    for key in [
        "entities", "places", "times", "actors", "quotes", "events", "errors",
    ] {
        assert!(v[key].is_array(), "{key} missing");
    }
    let text: Vec<char> = v["document"]["text"].as_str().unwrap().chars().collect();
    for key in ["entities", "places", "times", "actors"] {
        for m in v[key].as_array().unwrap() {
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let got: String = text[s..e].iter().collect();
            assert_eq!(got, m["text"].as_str().unwrap(), "{key} offsets");
        }
    }
}

#[test]
fn bad_inputs_are_named_and_the_rest_of_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("good.txt"),
        "The SDF took Raqqa from ISIS in October.",
    )
    .unwrap();
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 31 % 256) as u8).collect();
    std::fs::write(d.join("photo.txt"), &binary).unwrap();
    std::fs::write(d.join("latin1.txt"), b"Caf\xe9 in Dar\xe2a was shelled.").unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(
        d.join("batch.jsonl"),
        "{\"id\":\"one\",\"text\":\"Shelling hit Idlib.\"}\n{\"id\": broken\n{\"id\":\"three\",\"text\":\"Clashes near Aleppo.\"}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("broken.html"),
        "<html><body><p>Fighting in <b>Idlib continued<p>Shelling near Aleppo",
    )
    .unwrap();
    std::fs::write(
        d.join("blank.html"),
        "<html><head><script>x=1</script></head><body>  </body>",
    )
    .unwrap();
    let out = sitrep(
        &[
            "extract",
            "--format",
            "jsonl",
            "good.txt",
            "photo.txt",
            "latin1.txt",
            "empty.txt",
            "batch.jsonl",
            "broken.html",
            "blank.html",
            "missing.txt",
        ],
        d,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "unreadable inputs give exit 1: {stderr}"
    );
    assert!(stderr.contains("photo.txt: binary content"), "{stderr}");
    assert!(
        stderr.contains("batch.jsonl:2: malformed JSONL record"),
        "{stderr}"
    );
    assert!(
        stderr.contains("blank.html: no readable text in HTML"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt: no such file"), "{stderr}");
    assert!(
        stderr.contains("empty.txt") && stderr.contains("has no text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("latin1.txt") && stderr.contains("Windows-1252"),
        "{stderr}"
    );
    let docs = stdout_docs(&out);
    let ids: Vec<&str> = docs
        .iter()
        .map(|d| d["document"]["id"].as_str().unwrap())
        .collect();
    // Input order is kept, the unreadable inputs are absent, everything else is analysed.
    assert_eq!(
        ids,
        vec!["good", "latin1", "empty", "one", "three", "broken"]
    );
    assert_eq!(docs[1]["document"]["text"], "Café in Darâa was shelled.");
    assert_eq!(docs[1]["errors"][0]["kind"], "encoding");
    assert_eq!(
        docs[2]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "empty")
            .count(),
        1
    );
    assert!(docs[5]["document"]["text"]
        .as_str()
        .unwrap()
        .contains("Shelling near Aleppo"));
}

#[test]
fn a_50_mb_single_line_is_refused_by_name_without_stopping_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let line = "Shelling continued near Aleppo. ".repeat(50 * 1024 * 1024 / 32);
    std::fs::write(d.join("huge.txt"), &line).unwrap();
    std::fs::write(
        d.join("huge.jsonl"),
        format!("{{\"text\":\"{line}\"}}\n{{\"text\":\"small\"}}\n"),
    )
    .unwrap();
    std::fs::write(d.join("ok.txt"), "Raqqa fell.").unwrap();
    let out = sitrep(
        &[
            "extract",
            "--format",
            "jsonl",
            "huge.txt",
            "huge.jsonl",
            "ok.txt",
        ],
        d,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("huge.txt: document of 52428800 bytes exceeds the limit"),
        "{stderr}"
    );
    assert!(stderr.contains("huge.jsonl:1: document of"), "{stderr}");
    let ids: Vec<String> = stdout_docs(&out)
        .iter()
        .map(|d| d["document"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["huge:2", "ok"]);
}

#[test]
fn stdin_directories_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("in/sub")).unwrap();
    std::fs::write(d.join("in/b.txt"), "Second.").unwrap();
    std::fs::write(d.join("in/sub/a.txt"), "Third.").unwrap();
    std::fs::write(d.join("in/a.txt"), "First.").unwrap();
    std::fs::write(d.join("in/notes.md"), "ignored").unwrap();
    let out = sitrep(
        &[
            "extract",
            "--outlet",
            "RT",
            "--published",
            "2017-12-07",
            "in",
        ],
        d,
    );
    assert!(out.status.success());
    let docs = stdout_docs(&out);
    let ids: Vec<&str> = docs
        .iter()
        .map(|d| d["document"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["a", "b", "a"]);
    assert!(docs
        .iter()
        .all(|d| d["document"]["outlet"] == "RT" && d["document"]["published"] == "2017-12-07"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "-"])
        .env("SITREP_GAZETTEER", d.join("none"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        stdout_docs(&out).len(),
        2,
        "stdin JSONL is sniffed and gives jsonl output"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep(
        &["extract", "--published", "7 Dec 2017", "x.txt"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
    let out = sitrep(&["extract", "--format", "xml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_format_has_a_header_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep(
        &[
            "extract",
            "--format",
            "text",
            "--published",
            "2017-12-07",
            "--outlet",
            "Global Research",
            example().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.starts_with("== (untitled) — Global Research — 2017-12-07 [isis-defeat-announcement]"),
        "{s}"
    );
}
