//! The in-memory builder, the on-disk format and the queries of the public API.
use sitrep_gazetteer::{haversine_km, name_key, Error, Gazetteer, Record};
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sitrep-gaz-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[allow(clippy::too_many_arguments)]
fn rec(id: &str, name: &str, cc: &str, fc: char, f: &str, pop: u64, lat: f64, lon: f64) -> Record {
    Record {
        id: id.into(),
        name: name.into(),
        country: cc.into(),
        feature_class: fc,
        feature: f.into(),
        population: pop,
        lat,
        lon,
        ..Record::default()
    }
}

/// A small gazetteer around the founding example (coordinates from GeoNames/WOF).
fn small() -> Gazetteer {
    let mut b = Gazetteer::builder();
    b.add(
        rec(
            "geonames:163843",
            "Syria",
            "SY",
            'A',
            "PCLI",
            22_198_110,
            35.0,
            38.0,
        ),
        &["Syrian Arab Republic"],
    );
    b.add(
        Record {
            admin1: Some("Deir ez-Zor".into()),
            ..rec(
                "admin1:SY.07",
                "Deir ez-Zor",
                "SY",
                'A',
                "ADM1",
                1_000_000,
                35.02,
                40.51,
            )
        },
        &["Dayr az Zawr Governorate"],
    );
    b.add(
        Record {
            admin1: Some("Deir ez-Zor".into()),
            geonames_id: Some(170794),
            ..rec(
                "geonames:170794",
                "Deir ez-Zor",
                "SY",
                'P',
                "PPL",
                271_800,
                35.33588,
                40.14084,
            )
        },
        &["Dayr az Zawr", "دير الزور"],
    );
    b.add(
        Record {
            admin1: Some("Deir ez-Zor".into()),
            geonames_id: Some(174448),
            ..rec(
                "geonames:174448",
                "Ālbū Kamāl",
                "SY",
                'P',
                "PPL",
                57_572,
                34.45226,
                40.91854,
            )
        },
        &["Abu Kamal", "Al Bukamal"],
    );
    b.add(
        Record {
            geonames_id: Some(172451),
            ..rec(
                "geonames:172451",
                "As Sayyāl",
                "SY",
                'P',
                "PPL",
                0,
                34.57262,
                40.90551,
            )
        },
        &[],
    );
    b.add(
        rec(
            "geonames:98717",
            "Ramadi",
            "IQ",
            'P',
            "PPLA",
            223_500,
            33.42056,
            43.30778,
        ),
        &["Ar Ramadi"],
    );
    b.add(
        rec(
            "wof:1243551453",
            "Ar Ramadi",
            "SY",
            'P',
            "PPL",
            0,
            34.63508,
            40.87282,
        ),
        &[],
    );
    b.add(
        rec(
            "geonames:2759794",
            "Amsterdam",
            "NL",
            'P',
            "PPLC",
            741_636,
            52.37403,
            4.88969,
        ),
        &[],
    );
    b.add(
        rec(
            "geonames:5107152",
            "Amsterdam",
            "US",
            'P',
            "PPL",
            18_008,
            42.93869,
            -74.18819,
        ),
        &[],
    );
    b.add(
        rec(
            "geonames:1",
            "Ras al-Ayn al-Kabir el-Sharqi",
            "SY",
            'P',
            "PPL",
            10,
            36.85,
            40.07,
        ),
        &[],
    );
    b.build()
}

#[test]
fn candidates_meet_on_name_key_and_sort_by_population() {
    let g = small();
    let table: &[(&str, &[&str])] = &[
        ("Ramadi", &["geonames:98717", "wof:1243551453"]),
        ("ar-Ramadi", &["geonames:98717", "wof:1243551453"]),
        ("al-Sayyal", &["geonames:172451"]),
        ("Sayyal", &["geonames:172451"]),
        ("Deir Ezzor", &["geonames:170794", "admin1:SY.07"]),
        ("Dair al-Zour", &["geonames:170794", "admin1:SY.07"]),
        ("Abou Kamal", &["geonames:174448"]),
        ("AMSTERDAM", &["geonames:2759794", "geonames:5107152"]),
        ("Rotterdam", &[]),
    ];
    for (surface, want) in table {
        let got: Vec<&str> = g
            .candidates(surface)
            .iter()
            .map(|&i| g.record(i).id.as_str())
            .collect();
        assert_eq!(&got, want, "{surface}");
        assert_eq!(
            g.candidates(surface),
            g.candidates_by_key(&name_key(surface))
        );
    }
    assert_eq!(g.lookup("Amsterdam")[0].feature, "PPLC");
    assert_eq!(g.max_name_tokens(), 6);
}

#[test]
fn gazetteer_is_shareable_across_threads() {
    fn check<T: Send + Sync>() {}
    check::<Gazetteer>();
    check::<Record>();
}

#[test]
fn key_prefixes_let_a_scanner_extend_matches() {
    let g = small();
    assert!(g.has_key_prefix(&name_key("Deir")));
    assert!(g.has_key_prefix("dayr "));
    assert!(g.has_key_prefix("abu kamal"));
    assert!(!g.has_key_prefix("abu kamalx"));
    assert!(!g.has_key_prefix("zzz"));
}

#[test]
fn country_admin1_and_names() {
    let g = small();
    let sy = g.country("sy").expect("Syria");
    assert_eq!(g.record(sy).name, "Syria");
    assert!(g.country("FR").is_none());
    let a1 = g
        .admin1_record("SY", "Dayr az Zawr")
        .expect("Deir ez-Zor governorate");
    assert_eq!(g.record(a1).id, "admin1:SY.07");
    assert_eq!(g.admin1_record("SY", "Dayr az Zawr Governorate"), Some(a1));
    assert!(g.admin1_record("IQ", "Deir ez-Zor").is_none());
    let city = g.candidates("Deir ez-Zor")[0];
    assert_eq!(
        g.names(city),
        vec!["Deir ez-Zor", "Dayr az Zawr", "دير الزور"]
    );
}

#[test]
fn within_km_is_exact_and_sorted() {
    let g = small();
    let (lat, lon) = (34.45, 40.92);
    let near = g.within_km(lat, lon, 30.0);
    let ids: Vec<&str> = near.iter().map(|&i| g.record(i).id.as_str()).collect();
    assert_eq!(
        ids,
        ["geonames:174448", "geonames:172451", "wof:1243551453"]
    );
    let brute: Vec<u32> = (0..g.len() as u32)
        .filter(|&i| haversine_km(lat, lon, g.record(i).lat, g.record(i).lon) <= 300.0)
        .collect();
    let mut got = g.within_km(lat, lon, 300.0);
    got.sort();
    assert_eq!(got, brute);
    assert!(g.within_km(f64::NAN, 0.0, 10.0).is_empty());
    // Across the antimeridian and near a pole nothing panics.
    let _ = g.within_km(0.0, 179.9, 500.0);
    let _ = g.within_km(89.9, 0.0, 500.0);
}

#[test]
fn haversine_matches_known_distances() {
    // Amsterdam – Paris ≈ 430 km; one degree of latitude ≈ 111.2 km.
    let d = haversine_km(52.37403, 4.88969, 48.85341, 2.3488);
    assert!((d - 430.0).abs() < 5.0, "{d}");
    assert!((haversine_km(0.0, 0.0, 1.0, 0.0) - 111.2).abs() < 0.1);
}

#[test]
fn write_then_open_round_trips() {
    let g = small();
    let dir = tmp("roundtrip");
    g.write(&dir).expect("write");
    let h = Gazetteer::open(&dir).expect("open");
    assert_eq!(h.len(), g.len());
    assert_eq!(h.records(), g.records());
    assert_eq!(h.key_count(), g.key_count());
    assert_eq!(h.max_name_tokens(), g.max_name_tokens());
    for s in [
        "al-Sayyal",
        "Ramadi",
        "Amsterdam",
        "Deir Ezzor",
        "Syrian Arab Republic",
    ] {
        assert_eq!(h.candidates(s), g.candidates(s), "{s}");
        assert!(!h.candidates(s).is_empty(), "{s}");
    }
    for i in 0..g.len() as u32 {
        assert_eq!(h.names(i), g.names(i));
    }
    assert_eq!(
        h.admin1_record("SY", "Deir ez-Zor"),
        g.admin1_record("SY", "Deir ez-Zor")
    );
    // The builder writes the same gazetteer again after a round trip through `to_builder`.
    let dir2 = tmp("roundtrip2");
    h.to_builder().write(&dir2).expect("write again");
    let a = std::fs::read(dir.join("gazetteer.bin")).expect("read");
    let b = std::fs::read(dir2.join("gazetteer.bin")).expect("read");
    assert_eq!(a, b);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&dir2);
}

#[test]
fn bad_files_are_errors_not_panics() {
    let dir = tmp("bad");
    assert!(matches!(Gazetteer::open(&dir), Err(Error::Missing(_))));
    small().write(&dir).expect("write");
    let path = dir.join("gazetteer.bin");
    let good = std::fs::read(&path).expect("read");
    let mut v2 = good.clone();
    v2[8] = 99;
    std::fs::write(&path, &v2).expect("write");
    assert!(matches!(
        Gazetteer::open(&dir),
        Err(Error::Version { found: 99, .. })
    ));
    for cut in [0, 7, 20, good.len() / 2, good.len() - 1] {
        std::fs::write(&path, &good[..cut]).expect("write");
        assert!(
            matches!(Gazetteer::open(&dir), Err(Error::Corrupt(..))),
            "cut at {cut}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merge_by_geonames_id_keeps_one_record() {
    let mut b = Gazetteer::builder();
    let id = b.add(
        Record {
            geonames_id: Some(172451),
            ..rec(
                "geonames:172451",
                "As Sayyāl",
                "SY",
                'P',
                "PPL",
                0,
                34.57262,
                40.90551,
            )
        },
        &[],
    );
    let wof = Record {
        admin1: Some("Deir ez-Zor".into()),
        geonames_id: Some(172451),
        wof_id: Some(1277071427),
        ..rec(
            "wof:1277071427",
            "As Sayyal",
            "SY",
            'P',
            "PPL",
            0,
            34.57262,
            40.90551,
        )
    };
    let (merged_id, merged) = b.merge(wof.clone(), &["السيال"]);
    assert!(merged);
    assert_eq!(merged_id, id);
    assert_eq!(b.len(), 1);
    let other = Record {
        geonames_id: None,
        wof_id: Some(1),
        id: "wof:1".into(),
        ..wof
    };
    assert!(!b.merge(other, &[]).1);
    let g = b.build();
    let c = g.candidates("al-Sayyal");
    assert_eq!(c.len(), 2);
    let r = g.record(c[0]);
    assert_eq!((r.geonames_id, r.wof_id), (Some(172451), Some(1277071427)));
    assert_eq!(r.admin1.as_deref(), Some("Deir ez-Zor"));
    assert!(g.candidates("السيال").contains(&c[0]));
}
