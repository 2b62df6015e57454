//! Snippet classification on sentences written for these tests (not from any test set).

use sitrep_events::{classify, classify_code};

#[test]
fn snippets_get_their_acled_sub_event_type() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Syrian government forces recaptured the town of Khan Sheikhoun from rebels on Tuesday.", Some("GOV_REGAINS_TERIT")),
        ("Islamic State militants seized the town of Palmyra after government troops withdrew under fire.", Some("NON_STATE_ACTOR_OVERTAKES_TER")),
        ("Al-Shabaab fighters overran a military base in Lower Shabelle.", Some("NON_STATE_ACTOR_OVERTAKES_TER")),
        ("Fighting broke out between the army and rebels near the town, and clashes lasted for hours.", Some("ARMED_CLASH")),
        ("Militants ambushed an army patrol, killing four soldiers.", Some("ARMED_CLASH")),
        ("Coalition warplanes carried out airstrikes on positions in the village.", Some("AIR_STRIKE")),
        ("A US drone strike hit a vehicle carrying suspected militants.", Some("AIR_STRIKE")),
        ("Government forces shelled the eastern suburbs with mortars and artillery.", Some("ART_MISS_ATTACK")),
        ("A roadside bomb exploded as a police vehicle passed, wounding two officers.", Some("REM_EXPLOS")),
        ("Unknown assailants hurled a grenade at a shop in the market.", Some("GRENADE")),
        ("A suicide bomber blew himself up at a checkpoint, killing five people.", Some("SUIC_BOMB")),
        ("Residents reported symptoms after a suspected chlorine attack on the town.", Some("CHEM_WEAP")),
        ("Gunmen shot dead a farmer and his son in their village.", Some("ATTACK")),
        ("Armed men abducted three aid workers on the road to the city.", Some("ABDUCT_DISSAP")),
        ("Soldiers were accused of raping two women during the operation.", Some("SEX_VIOL")),
        ("Hundreds of teachers held a peaceful protest outside parliament demanding higher pay.", Some("PEACE_PROTEST")),
        ("Police fired tear gas to disperse students protesting against the fee increase.", Some("PROTEST_WITH_INTER")),
        ("Security forces opened fire on demonstrators with live ammunition, killing three protesters.", Some("FORCE_AGAINST_PROTEST")),
        ("Protesters threw stones at police and set fire to tyres during the demonstration.", Some("VIOL_DEMONSTR")),
        ("An angry mob lynched a man accused of theft.", Some("MOB_VIOL")),
        ("The two sides signed a ceasefire agreement in the capital.", Some("AGREEMENT")),
        ("Police arrested the opposition leader at his home.", Some("ARREST")),
        ("Two rebel factions announced they had merged into a new coalition.", Some("CHANGE_TO_GROUP_ACT")),
        ("Army engineers defused an improvised explosive device planted on the bridge.", Some("DISR_WEAP")),
        ("The militia established a new base in the northern district.", Some("HQ_ESTABLISHED")),
        ("Fighters looted shops and torched houses after entering the village.", Some("PROPERTY_DISTRUCT")),
        ("Rebels withdrew from the town and handed it over to local elders without a fight.", Some("NON_VIOL_TERRIT_TRANSFER")),
        ("The central bank raised interest rates by half a point.", None),
        ("Heavy rain caused flooding in the coastal region.", None),
    ];
    let mut wrong = Vec::new();
    for (text, want) in cases {
        let got = classify_code(text);
        if got != *want {
            wrong.push(format!("{text}\n  want {want:?}, got {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn classify_returns_acled_names_and_survives_odd_input() {
    assert_eq!(
        classify("Warplanes bombed the market."),
        Some("Air/drone strike")
    );
    for t in ["", " ", "\u{feff}", "‘’“”", "a\n\n\nb", &"x".repeat(10_000)] {
        let _ = classify(t);
    }
    assert_eq!(classify(""), None);
}
