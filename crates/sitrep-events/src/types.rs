//! The ACLED taxonomy: the 25 sub-event types with their event type and CASE 2021 label.

/// One ACLED sub-event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubEventType {
    /// CASE 2021 Task 2 label, e.g. `GOV_REGAINS_TERIT`.
    pub code: &'static str,
    /// ACLED event type, e.g. `Battles`.
    pub event_type: &'static str,
    /// ACLED sub-event type, e.g. `Government regains territory`.
    pub sub_event_type: &'static str,
}

const fn t(
    code: &'static str,
    event_type: &'static str,
    sub_event_type: &'static str,
) -> SubEventType {
    SubEventType {
        code,
        event_type,
        sub_event_type,
    }
}

/// Every ACLED sub-event type, in codebook order.
pub const SUB_EVENT_TYPES: [SubEventType; 25] = [
    t("ARMED_CLASH", "Battles", "Armed clash"),
    t(
        "GOV_REGAINS_TERIT",
        "Battles",
        "Government regains territory",
    ),
    t(
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    t(
        "AIR_STRIKE",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    t(
        "ART_MISS_ATTACK",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    t(
        "REM_EXPLOS",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    t("GRENADE", "Explosions/Remote violence", "Grenade"),
    t("SUIC_BOMB", "Explosions/Remote violence", "Suicide bomb"),
    t("CHEM_WEAP", "Explosions/Remote violence", "Chemical weapon"),
    t("ATTACK", "Violence against civilians", "Attack"),
    t(
        "ABDUCT_DISSAP",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    t("SEX_VIOL", "Violence against civilians", "Sexual violence"),
    t("PEACE_PROTEST", "Protests", "Peaceful protest"),
    t(
        "PROTEST_WITH_INTER",
        "Protests",
        "Protest with intervention",
    ),
    t(
        "FORCE_AGAINST_PROTEST",
        "Protests",
        "Excessive force against protesters",
    ),
    t("VIOL_DEMONSTR", "Riots", "Violent demonstration"),
    t("MOB_VIOL", "Riots", "Mob violence"),
    t("AGREEMENT", "Strategic developments", "Agreement"),
    t("ARREST", "Strategic developments", "Arrests"),
    t(
        "CHANGE_TO_GROUP_ACT",
        "Strategic developments",
        "Change to group/activity",
    ),
    t(
        "DISR_WEAP",
        "Strategic developments",
        "Disrupted weapons use",
    ),
    t(
        "HQ_ESTABLISHED",
        "Strategic developments",
        "Headquarters or base established",
    ),
    t(
        "PROPERTY_DISTRUCT",
        "Strategic developments",
        "Looting/property destruction",
    ),
    t(
        "NON_VIOL_TERRIT_TRANSFER",
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    t("OTHER", "Strategic developments", "Other"),
];

/// The sub-event type with CASE code `code`.
pub fn by_code(code: &str) -> Option<&'static SubEventType> {
    SUB_EVENT_TYPES.iter().find(|t| t.code == code)
}

/// The sub-event type with ACLED name `name` (e.g. `Air/drone strike`).
pub fn by_name(name: &str) -> Option<&'static SubEventType> {
    SUB_EVENT_TYPES.iter().find(|t| t.sub_event_type == name)
}
