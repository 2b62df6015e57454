use super::*;

fn read(name: &str, bytes: &[u8]) -> Vec<Item> {
    let mut out = Vec::new();
    read_bytes(
        name,
        format_from_extension(Path::new(name)),
        bytes,
        &Options::default(),
        &mut |i| out.push(i),
    );
    out
}

fn doc(item: &Item) -> &Document {
    &item.result.as_ref().expect("document").0
}

#[test]
fn utf8_with_and_without_bom() {
    let items = read("a.txt", "\u{FEFF}Raqqa fell.\r\nIdlib next.".as_bytes());
    assert_eq!(doc(&items[0]).text, "Raqqa fell.\nIdlib next.");
    assert_eq!(doc(&items[0]).id, "a");
}

#[test]
fn utf16_with_bom_decodes() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Dayr az-Zawr – ‘Abbas".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let items = read("b.txt", &bytes);
    assert_eq!(doc(&items[0]).text, "Dayr az-Zawr – ‘Abbas");
}

#[test]
fn windows_1252_falls_back_with_a_warning() {
    // "café – ‘Abbas’" in Windows-1252.
    let bytes = b"caf\xe9 \x96 \x91Abbas\x92";
    let items = read("c.txt", bytes);
    let (d, warnings) = items[0].result.as_ref().unwrap();
    assert_eq!(d.text, "café – ‘Abbas’");
    assert_eq!(warnings[0].kind, "encoding");
    assert!(warnings[0].message.contains("Windows-1252"));
}

#[test]
fn binary_is_refused_with_the_name() {
    let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
    let items = read("photo.txt", &bytes);
    let err = items[0].result.as_ref().unwrap_err().to_string();
    assert!(err.starts_with("photo.txt: binary content"), "{err}");
}

#[test]
fn malformed_jsonl_line_names_the_line_and_the_rest_goes_on() {
    let input = b"{\"id\":\"a\",\"text\":\"One.\",\"published\":\"2017-12-07T10:00:00Z\"}\n{broken\n\n{\"title\":\"no text\"}\n{\"text\":\"Three.\",\"outlet\":\"RT\"}\n";
    let items = read("feed.jsonl", input);
    assert_eq!(items.len(), 4);
    assert_eq!(
        doc(&items[0]).published,
        Some(jiff::civil::date(2017, 12, 7))
    );
    let e1 = items[1].result.as_ref().unwrap_err().to_string();
    assert!(
        e1.starts_with("feed.jsonl:2: malformed JSONL record"),
        "{e1}"
    );
    let e2 = items[2].result.as_ref().unwrap_err().to_string();
    assert!(
        e2.contains("feed.jsonl:4") && e2.contains("missing required field \"text\""),
        "{e2}"
    );
    assert_eq!(doc(&items[3]).id, "feed:5");
    assert_eq!(doc(&items[3]).outlet.as_deref(), Some("RT"));
}

#[test]
fn huge_document_is_refused_not_truncated() {
    let opts = Options {
        max_doc_bytes: 1000,
    };
    let mut out = Vec::new();
    read_bytes("big.txt", None, &vec![b'a'; 5000], &opts, &mut |i| {
        out.push(i)
    });
    let e = out[0].result.as_ref().unwrap_err().to_string();
    assert!(
        e.contains("big.txt") && e.contains("5000 bytes") && e.contains("--max-doc-mb"),
        "{e}"
    );
}

#[test]
fn html_main_text_and_metadata() {
    let html = r#"<!DOCTYPE html><html><head><title>Site | ISIS defeated</title>
<meta property="og:site_name" content="Global Research">
<meta property="og:title" content="Russia declares ISIS defeated in Syria">
<meta property="article:published_time" content="2017-12-07T09:30:00+00:00">
<link rel="canonical" href="https://example.org/isis-defeated"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Russia declares ISIS defeated</h1>
<p>The Russian General Staff issued a statement Wednesday declaring that all territories previously under terrorist control were liberated in a final push by the Syrian Army this week.</p>
<p>The Syrian Army this week continued its momentum in Deir Ezzor province, liberating the villages of Jalaa, Ramadi and Buq in rapid succession, while Russian bombers reportedly carried out massive strikes.</p>
</article><footer>Copyright</footer></body></html>"#;
    let items = read("page.html", html.as_bytes());
    let d = doc(&items[0]);
    assert_eq!(
        d.title.as_deref(),
        Some("Russia declares ISIS defeated in Syria")
    );
    assert_eq!(d.outlet.as_deref(), Some("Global Research"));
    assert_eq!(d.published, Some(jiff::civil::date(2017, 12, 7)));
    assert_eq!(d.url.as_deref(), Some("https://example.org/isis-defeated"));
    assert!(d
        .text
        .contains("liberating the villages of Jalaa, Ramadi and Buq"));
    assert!(!d.text.contains("Copyright"));
}

#[test]
fn broken_html_still_yields_text_or_a_named_error() {
    let items = read(
        "broken.html",
        b"<html><body><p>Fighting in <b>Idlib continued <p>Shelling near Aleppo",
    );
    assert!(doc(&items[0]).text.contains("Shelling near Aleppo"));
    let items = read(
        "empty.html",
        b"<html><head><script>var x = 1;</script></head><body></body>",
    );
    let e = items[0].result.as_ref().unwrap_err().to_string();
    assert!(e.starts_with("empty.html: no readable text in HTML"), "{e}");
}

#[test]
fn rss_entries_become_documents() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Conflict Wire</title>
<item><title>Raqqa falls</title><link>https://example.org/1</link><guid>id-1</guid>
<pubDate>Tue, 17 Oct 2017 12:00:00 GMT</pubDate>
<description>&lt;p&gt;The SDF took Raqqa from ISIS.&lt;/p&gt;</description></item>
<item><title>Idlib</title><guid>id-2</guid><description>Shelling continued in Idlib.</description></item>
</channel></rss>"#;
    let items = read("wire.rss", rss.as_bytes());
    assert_eq!(items.len(), 2);
    let d = doc(&items[0]);
    assert_eq!(d.id, "id-1");
    assert_eq!(d.outlet.as_deref(), Some("Conflict Wire"));
    assert_eq!(d.published, Some(jiff::civil::date(2017, 10, 17)));
    assert_eq!(d.text, "The SDF took Raqqa from ISIS.");
    assert_eq!(items[1].origin, "wire.rss#2");
}

#[test]
fn sniffing_without_extension() {
    assert_eq!(sniff(b"  {\"text\": \"x\"}"), Format::Jsonl);
    assert_eq!(sniff(b"<?xml version='1.0'?>\n<rss>"), Format::Feed);
    assert_eq!(sniff(b"<!DOCTYPE html><html>"), Format::Html);
    assert_eq!(sniff(b"Plain words."), Format::Text);
}
