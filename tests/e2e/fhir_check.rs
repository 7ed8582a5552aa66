//! A structural FHIR R4 checker for the bundles headlog exports, and its own tests. It
//! checks the shapes the bundle claims, from the R4 specification
//! (<https://hl7.org/fhir/R4/>): each resource's `resourceType`, the elements R4 requires
//! (Observation.status and code; MedicationStatement.status, medication[x] and subject;
//! QuestionnaireResponse.status; Bundle.type), no top-level element R4 does not define for
//! that type (the lists below), every reference resolving to a `fullUrl` of the bundle,
//! dateTime and instant formats, `urn:uuid:` full URLs, and Coding systems being the
//! canonical URIs (`http://loinc.org`, `http://snomed.info/sct`, and the few HL7 ones used).
//! It is no terminology server: codes are checked in their tests against the IG.

use serde_json::{Value, json};
use std::collections::HashSet;

/// R4 top-level elements per resource type (DomainResource's and Resource's included).
fn allowed(resource_type: &str) -> Option<Vec<&'static str>> {
    const BASE: [&str; 9] = [
        "resourceType",
        "id",
        "meta",
        "implicitRules",
        "language",
        "text",
        "contained",
        "extension",
        "modifierExtension",
    ];
    const PATIENT: &[&str] = &[
        "identifier",
        "active",
        "name",
        "telecom",
        "gender",
        "birthDate",
        "deceasedBoolean",
        "deceasedDateTime",
        "address",
        "maritalStatus",
        "multipleBirthBoolean",
        "multipleBirthInteger",
        "photo",
        "contact",
        "communication",
        "generalPractitioner",
        "managingOrganization",
        "link",
    ];
    const OBSERVATION: &[&str] = &[
        "identifier",
        "basedOn",
        "partOf",
        "status",
        "category",
        "code",
        "subject",
        "focus",
        "encounter",
        "effectiveDateTime",
        "effectivePeriod",
        "effectiveTiming",
        "effectiveInstant",
        "issued",
        "performer",
        "valueQuantity",
        "valueCodeableConcept",
        "valueString",
        "valueBoolean",
        "valueInteger",
        "valueRange",
        "valueRatio",
        "valueSampledData",
        "valueTime",
        "valueDateTime",
        "valuePeriod",
        "dataAbsentReason",
        "interpretation",
        "note",
        "bodySite",
        "method",
        "specimen",
        "device",
        "referenceRange",
        "hasMember",
        "derivedFrom",
        "component",
    ];
    const MEDICATION_STATEMENT: &[&str] = &[
        "identifier",
        "basedOn",
        "partOf",
        "status",
        "statusReason",
        "category",
        "medicationCodeableConcept",
        "medicationReference",
        "subject",
        "context",
        "effectiveDateTime",
        "effectivePeriod",
        "dateAsserted",
        "informationSource",
        "derivedFrom",
        "reasonCode",
        "reasonReference",
        "note",
        "dosage",
    ];
    const QUESTIONNAIRE_RESPONSE: &[&str] = &[
        "identifier",
        "basedOn",
        "partOf",
        "questionnaire",
        "status",
        "subject",
        "encounter",
        "authored",
        "author",
        "source",
        "item",
    ];
    let own = match resource_type {
        "Patient" => PATIENT,
        "Observation" => OBSERVATION,
        "MedicationStatement" => MEDICATION_STATEMENT,
        "QuestionnaireResponse" => QUESTIONNAIRE_RESPONSE,
        _ => return None,
    };
    Some(BASE.iter().chain(own).copied().collect())
}

/// R4 `dateTime`: a year, year-month, date, or date and time with seconds and a zone.
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        _ => is_instant(s),
    }
}

/// R4 `instant`: date, time with seconds, and a zone (`Z` or `±hh:mm`).
pub fn is_instant(s: &str) -> bool {
    s.len() >= 20 && s.as_bytes()[10] == b'T' && chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

const SYSTEMS: [&str; 4] = [
    "http://loinc.org",
    "http://snomed.info/sct",
    "http://terminology.hl7.org/CodeSystem/observation-category",
    "http://hl7.org/fhir/uv/symptoms/CodeSystem/SymptomTemporary",
];

/// Every problem found in `bundle`, each naming where; empty when it holds.
pub fn check(bundle: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let mut err = |e: String| errors.push(e);
    if bundle["resourceType"] != "Bundle" {
        err("not a Bundle".into());
    }
    if bundle["type"] != "collection" {
        err(format!("Bundle.type is {}", bundle["type"]));
    }
    if !bundle["timestamp"].as_str().is_some_and(is_instant) {
        err(format!(
            "Bundle.timestamp {} is no instant",
            bundle["timestamp"]
        ));
    }
    let entries = bundle["entry"].as_array().cloned().unwrap_or_default();
    let mut urls = HashSet::new();
    for (n, e) in entries.iter().enumerate() {
        let url = e["fullUrl"].as_str().unwrap_or_default();
        let uuid = url.strip_prefix("urn:uuid:").unwrap_or_default();
        if uuid.len() != 36 || !uuid.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            err(format!("entry {n}: fullUrl {url:?} is no urn:uuid"));
        }
        if !urls.insert(url.to_owned()) {
            err(format!("entry {n}: fullUrl {url} twice"));
        }
        if e["resource"]["id"].as_str() != Some(uuid) {
            err(format!("entry {n}: id differs from its fullUrl"));
        }
    }
    for (n, e) in entries.iter().enumerate() {
        let r = &e["resource"];
        let kind = r["resourceType"].as_str().unwrap_or_default();
        let at = format!("entry {n} ({kind})");
        let Some(fields) = allowed(kind) else {
            err(format!("{at}: resource type not expected"));
            continue;
        };
        for key in r.as_object().into_iter().flat_map(|o| o.keys()) {
            if !fields.contains(&key.as_str()) {
                err(format!("{at}: {key} is no R4 {kind} element"));
            }
        }
        let mut required: Vec<&str> = match kind {
            "Observation" => vec!["status", "code"],
            "MedicationStatement" => vec!["status", "subject"],
            "QuestionnaireResponse" => vec!["status"],
            _ => vec![],
        };
        if kind == "MedicationStatement"
            && r.get("medicationCodeableConcept").is_none()
            && r.get("medicationReference").is_none()
        {
            required.push("medication[x]");
        }
        for key in required {
            if r.get(key).is_none_or(Value::is_null) {
                err(format!("{at}: {key} missing"));
            }
        }
        walk(r, &at, &urls, &mut err);
    }
    errors
}

/// Checks references, codings and times anywhere below `v`.
fn walk(v: &Value, at: &str, urls: &HashSet<String>, err: &mut impl FnMut(String)) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let here = format!("{at}.{k}");
                match (k.as_str(), x) {
                    ("reference", Value::String(r)) if !urls.contains(r) => {
                        err(format!("{here}: {r} resolves to nothing in the bundle"));
                    }
                    ("system", Value::String(s)) if !SYSTEMS.contains(&s.as_str()) => {
                        err(format!("{here}: system {s} is not a canonical one"));
                    }
                    ("issued" | "lastUpdated", Value::String(s)) if !is_instant(s) => {
                        err(format!("{here}: {s} is no instant"));
                    }
                    ("start" | "end" | "effectiveDateTime" | "authored", Value::String(s))
                        if !is_date_time(s) =>
                    {
                        err(format!("{here}: {s} is no dateTime"));
                    }
                    ("coding", Value::Array(cs)) => {
                        for c in cs {
                            if c.get("code").is_some() && c.get("system").is_none() {
                                err(format!("{here}: a code without its system"));
                            }
                        }
                    }
                    _ => {}
                }
                walk(x, &here, urls, err);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{at}[{i}]"), urls, err);
            }
        }
        _ => {}
    }
}

/// The resources of `bundle` of type `kind`.
pub fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn the_checker_finds_what_breaks_a_bundle() {
    let id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    let good = json!({
        "resourceType": "Bundle", "type": "collection", "timestamp": "2026-03-10T10:00:00+01:00",
        "entry": [{ "fullUrl": format!("urn:uuid:{id}"), "resource": { "resourceType": "Patient", "id": id } }],
    });
    assert_eq!(check(&good), Vec::<String>::new());
    let mut bad = good.clone();
    bad["entry"].as_array_mut().unwrap().push(json!({
        "fullUrl": "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "resource": {
            "resourceType": "Observation", "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            "subject": { "reference": "urn:uuid:00000000-0000-4000-8000-000000000000" },
            "code": { "coding": [{ "system": "loinc", "code": "75325-1" }, { "code": "x" }] },
            "effectivePeriod": { "start": "10.03.2026" },
            "issued": "2026-03-10",
            "valueInteger": 3, "painScore": 3,
        },
    }));
    let errors = check(&bad);
    for expected in [
        "status missing",
        "painScore is no R4 Observation element",
        "resolves to nothing",
        "system loinc is not a canonical one",
        "a code without its system",
        "10.03.2026 is no dateTime",
        "2026-03-10 is no instant",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected}: {errors:#?}"
        );
    }
    assert!(is_date_time("2026") && is_date_time("2026-03") && is_date_time("2026-03-10"));
    assert!(!is_date_time("2026-3-10") && !is_instant("2026-03-10T10:00:00"));
}
