//! Imports of the real fixtures in `shared/data/gazetteer`: Who's On First Syria and the
//! GeoNames dump of the Netherlands.
use sitrep_gazetteer::{haversine_km, import, Gazetteer, Record};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const GAZ: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/gazetteer"
);

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sitrep-gaz-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// WOF Syria imported over a gazetteer that already holds As Sayyal (GeoNames 172451) and the
/// Deir ez-Zor governorate as `setup` derives it: both must be merged, not duplicated.
fn syria() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let dir = tmp("wof-sy");
        let mut b = Gazetteer::builder();
        b.add(
            Record {
                id: "geonames:172451".into(),
                name: "As Sayyāl".into(),
                country: "SY".into(),
                feature_class: 'P',
                feature: "PPL".into(),
                lat: 34.57262,
                lon: 40.90551,
                geonames_id: Some(172451),
                ..Record::default()
            },
            &[],
        );
        b.add(
            Record {
                id: "admin1:SY.07".into(),
                name: "Deir ez-Zor".into(),
                country: "SY".into(),
                admin1: Some("Deir ez-Zor".into()),
                feature_class: 'A',
                feature: "ADM1".into(),
                lat: 35.02,
                lon: 40.51,
                ..Record::default()
            },
            &[],
        );
        b.write(&dir).expect("write");
        let tgz = Path::new(GAZ).join("whosonfirst-data-admin-sy.tar.gz");
        let r = import(&dir, &[tgz], &|_| {}).expect("import WOF");
        assert!(r.added > 10_000, "{r:?}");
        assert!(r.merged >= 2, "{r:?}");
        let g = Gazetteer::open(&dir).expect("open");
        let _ = std::fs::remove_dir_all(&dir);
        g
    })
}

/// The villages of the founding example near Abu Kamal (34.45 N, 40.92 E): each has a
/// candidate in Syria, in Deir ez-Zor governorate, within 40 km. ("Buq" is not in WOF:
/// the nearest match is Al Buq`an.)
#[test]
fn founding_example_villages_are_found_near_abu_kamal() {
    let g = syria();
    let gov = g.admin1_record("SY", "Deir ez-Zor").expect("governorate");
    for name in [
        "Jalaa",
        "Ramadi",
        "al-Sayyal",
        "‘Abbas",
        "Qit’ah",
        "Abu Kamal",
        "Al Buq`an",
    ] {
        let near: Vec<&Record> = g
            .candidates(name)
            .iter()
            .map(|&i| g.record(i))
            .filter(|r| haversine_km(34.45, 40.92, r.lat, r.lon) < 40.0)
            .collect();
        assert!(!near.is_empty(), "{name}: no candidate near Abu Kamal");
        for r in near {
            assert_eq!(r.country, "SY", "{name}");
            let a1 = r.admin1.as_deref().expect("admin1");
            assert_eq!(g.admin1_record("SY", a1), Some(gov), "{name}: admin1 {a1}");
        }
    }
}

#[test]
fn wof_merges_into_geonames_and_derived_division() {
    let g = syria();
    let c = g.candidates("al-Sayyal");
    assert_eq!(c.len(), 1, "As Sayyal once, not twice");
    let r = g.record(c[0]);
    assert_eq!(r.id, "geonames:172451");
    assert_eq!(r.wof_id, Some(1277071427));
    assert_eq!(r.admin1.as_deref(), Some("Deir ez-Zor"));
    // The WOF region joined the derived division and lent it its names.
    let gov = g.admin1_record("SY", "Deir ez-Zor").expect("governorate");
    assert_eq!(g.record(gov).id, "admin1:SY.07");
    assert!(g.record(gov).wof_id.is_some());
    assert_eq!(g.admin1_record("SY", "دير الزور"), Some(gov));
    assert!(g.country("SY").is_some());
}

#[test]
fn geonames_nl_dump_imports_with_admin_names() {
    let dir = tmp("nl");
    let r = import(&dir, &[Path::new(GAZ).join("geonames/NL.txt")], &|_| {}).expect("import");
    assert!(r.added > 10_000, "{r:?}");
    let g = Gazetteer::open(&dir).expect("open");
    let hits = g.lookup("Amsterdam");
    assert_eq!(hits[0].feature, "PPLC");
    assert_eq!(hits[0].admin1.as_deref(), Some("North Holland"));
    let nl = g.country("nl").expect("NL");
    assert_eq!(g.record(nl).feature, "PCLI");
    assert!(g.candidates("Netherlands").contains(&nl));
    let nh = g
        .admin1_record("NL", "Noord-Holland")
        .expect("North Holland by its Dutch name");
    assert_eq!(g.record(nh).feature, "ADM1");
    // Re-importing the same dump merges everything and adds nothing.
    let r2 = import(&dir, &[Path::new(GAZ).join("geonames/NL.txt")], &|_| {}).expect("again");
    assert_eq!(r2.added, 0);
    assert_eq!(r2.records, r.records);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A zipped dump with the admin code files next to it (not among the paths) imports the same
/// as the plain dump: the `.zip` reader and the admin-file discovery.
#[test]
fn zipped_dump_with_admin_files_beside_it() {
    use std::io::Write;
    let src = tmp("nl-zip-src");
    std::fs::create_dir_all(&src).expect("mkdir");
    let nl = std::fs::read(Path::new(GAZ).join("geonames/NL.txt")).expect("NL.txt");
    let f = std::fs::File::create(src.join("NL.zip")).expect("create zip");
    let mut z = zip::ZipWriter::new(f);
    z.start_file("NL.txt", zip::write::SimpleFileOptions::default())
        .expect("zip entry");
    z.write_all(&nl).expect("zip write");
    z.finish().expect("zip finish");
    std::fs::copy(
        Path::new(GAZ).join("geonames/admin1CodesASCII.txt"),
        src.join("admin1CodesASCII.txt"),
    )
    .expect("copy admin1");
    let dir = tmp("nl-zip");
    let r = import(&dir, &[src.join("NL.zip")], &|_| {}).expect("import zip");
    assert!(r.added > 10_000, "{r:?}");
    let g = Gazetteer::open(&dir).expect("open");
    let a = g.lookup("Rotterdam");
    assert_eq!(a[0].admin1.as_deref(), Some("South Holland"));
    assert_eq!(a[0].admin2, None, "admin2Codes.txt was not beside the dump");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&src);
}

/// Importing the same WOF repository again merges every feature by its WOF id.
#[test]
fn wof_reimport_adds_nothing() {
    let g = syria();
    let dir = tmp("wof-again");
    g.write(&dir).expect("write");
    let tgz = Path::new(GAZ).join("whosonfirst-data-admin-sy.tar.gz");
    let r = import(&dir, &[tgz], &|_| {}).expect("import again");
    assert_eq!(r.added, 0, "{r:?}");
    assert_eq!(r.records, g.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Spellings of the founding example that no general rule unifies are reachable with a
/// bounded edit distance around Abu Kamal once the area is known.
#[test]
fn fuzzy_lookup_near_the_document_area() {
    let g = syria();
    let names = |v: Vec<(u32, usize)>| -> Vec<String> {
        v.into_iter()
            .map(|(i, _)| g.record(i).name.clone())
            .collect()
    };
    assert!(g.candidates("Khutaytah").is_empty());
    let k = names(g.fuzzy_near("Khutaytah", 34.45, 40.92, 50.0, 1));
    assert_eq!(k, ["Al Khuraytah"]);
    let m = names(g.fuzzy_near("Masra’at Shamr", 34.45, 40.92, 50.0, 2));
    assert!(m.contains(&"Mazra`at Shammu".to_string()), "{m:?}");
    // Exact names come back with 0 edits, first.
    let s = g.fuzzy_near("al-Sayyal", 34.45, 40.92, 50.0, 1);
    assert_eq!((g.record(s[0].0).name.as_str(), s[0].1), ("As Sayyāl", 0));
}
