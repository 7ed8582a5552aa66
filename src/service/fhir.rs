//! The FHIR R4 export (`/export` → FHIR): one `Bundle` of type `collection` with a
//! nameless `Patient`, and, shaped by the HL7 FHIR Symptoms IG (hl7.fhir.uv.symptoms 1.0.0,
//! <https://github.com/HL7/fhir-symptoms-ig>, files under `input/`):
//! - an attack: a `SymptomObservation` (headache) with its severity, quality, exacerbating
//!   and alleviating factors as components, the head as body site, and its numeric
//!   intensity as an `AssessmentScaleCollection` whose `hasMember` is the 0–10 rating;
//!   its recorded features (nausea, vomiting, light and sound sensitivity, aura) as
//!   observations of their own, present or absent, tied to it both ways by the IG's
//!   `associatedSymptomOrCondition` extension (the IG's way; `hasMember`/`derivedFrom`
//!   belong to its assessment collections);
//! - a headache-free day: a `SymptomAbsentObservation` of headache over that local day;
//! - a dose: a `MedicationStatement` (the medication as text);
//! - a MIDAS or HIT-6 result: a `QuestionnaireResponse` with each answer and the total.
//!
//! Every code below names the IG file that gives it. Where the IG gives none, only `text`
//! is sent: a code left out is better than a guessed one. Full URLs are `urn:uuid:`s, new
//! for every export. The README's "FHIR mapping" lists the same table.

use crate::domain::attack::{Attack, Aura, Band, Character, Disability, Location, Nausea, Side};
use crate::domain::day::DayRecord;
use crate::domain::export::Diary;
use crate::domain::localtime::day_bounds;
use crate::domain::medication::{Effect, Intake};
use crate::domain::questionnaires::{Answers, Taken};
use crate::domain::user::User;
use crate::store::{StoreError, StoreResult, Tx};
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};
use std::collections::HashMap;

const LOINC: &str = "http://loinc.org";
const SNOMED: &str = "http://snomed.info/sct";
/// The IG's canonical (`sushi-config.yaml`).
const IG: &str = "http://hl7.org/fhir/uv/symptoms";
/// `input/fsh/SymptomObservation.fsh`, `SymptomAbsentObservation.fsh`: the extension
/// `associatedSymptomOrCondition` is this core extension.
const SUPPORTING_INFO: &str = "http://hl7.org/fhir/StructureDefinition/workflow-supportingInfo";
/// R4's observation category code system (the IG's `AssessmentObservations.fsh`, `survey`).
const OBS_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// What the export made.
pub struct Made {
    /// The bundle, compact JSON.
    pub json: Vec<u8>,
    /// How many resources it holds (the patient included).
    pub resources: usize,
}

/// The user's diary as a FHIR R4 bundle, made at `now`.
#[tracing::instrument(skip_all)]
pub async fn export(tx: &Tx, user: &User, now: DateTime<Utc>) -> StoreResult<Made> {
    let diary = tx.diary(user.id).await?;
    let taken = tx.questionnaires(user.id, i64::MAX).await?;
    let mut seed = [0u8; 16];
    getrandom::fill(&mut seed)
        .map_err(|e| StoreError::Other(anyhow::anyhow!("fhir: no randomness: {e}")))?;
    Ok(build(&diary, &taken, now, user.zone_or_utc(), seed))
}

fn at(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn coding(system: &str, code: &str, display: &str) -> Value {
    json!({ "system": system, "code": code, "display": display })
}

fn text_only(text: &str) -> Value {
    json!({ "text": text })
}

fn profile(name: &str) -> Value {
    json!({ "profile": [format!("{IG}/StructureDefinition/{name}")] })
}

/// Headache, post-coordinated as the IG recommends (`input/pagecontent/index.md`, the
/// pre-coordinated table: 25064002 Headache → value 22253000 Pain + body site 69536005
/// Head structure), the original concept kept beside it with `userSelected`.
fn headache() -> Value {
    json!({
        "coding": [
            coding(SNOMED, "22253000", "Pain (finding)"),
            { "system": SNOMED, "code": "25064002", "display": "Headache (finding)", "userSelected": true },
        ],
        "text": "Headache",
    })
}

/// Hands out `urn:uuid:`s: version-4 UUIDs from one random seed per export, numbered.
struct Ids {
    seed: [u8; 16],
    next: u64,
}

impl Ids {
    fn take(&mut self) -> String {
        let mut b = self.seed;
        for (x, n) in b[8..].iter_mut().zip(self.next.to_be_bytes()) {
            *x ^= n;
        }
        self.next += 1;
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let mut id = String::with_capacity(36);
        for (n, x) in b.iter().enumerate() {
            if matches!(n, 4 | 6 | 8 | 10) {
                id.push('-');
            }
            id.push_str(&format!("{x:02x}"));
        }
        id
    }
}

/// The bundle being written: entries are made a record at a time and written out once
/// the record is done, so memory holds the bytes and one record's resources, never a
/// tree of the whole bundle (100,000 records would be gigabytes of `Value`s).
struct Out {
    ids: Ids,
    pending: Vec<Value>,
    buf: Vec<u8>,
    written: usize,
    patient: Value,
}

impl Out {
    /// Adds `resource` under a new id; returns the reference to it.
    fn add(&mut self, mut resource: Value) -> Value {
        let id = self.ids.take();
        resource["id"] = Value::from(id.clone());
        let url = format!("urn:uuid:{id}");
        self.pending
            .push(json!({ "fullUrl": url, "resource": resource }));
        json!({ "reference": url })
    }

    /// Reserves an entry to fill later with [`Out::fill`] (so others can point to it
    /// first); valid until the next [`Out::flush`].
    fn reserve(&mut self) -> (usize, Value) {
        let at = self.pending.len();
        (at, self.add(json!({})))
    }

    /// Fills a reserved entry, keeping its id.
    fn fill(&mut self, at: usize, mut resource: Value) {
        if let Some(e) = self.pending.get_mut(at) {
            resource["id"] = e["resource"]["id"].take();
            e["resource"] = resource;
        }
    }

    /// Writes the entries made so far.
    fn flush(&mut self) {
        for e in self.pending.drain(..) {
            if self.written > 0 {
                self.buf.push(b',');
            }
            // Writing a `Value` to a Vec cannot fail.
            let _ = serde_json::to_writer(&mut self.buf, &e);
            self.written += 1;
        }
    }
}

/// The bundle of `diary` and `taken` made at `now` (`zone`: the user's, for the bundle's
/// timestamp), its ids drawn from `seed`.
pub fn build(diary: &Diary, taken: &[Taken], now: DateTime<Utc>, zone: Tz, seed: [u8; 16]) -> Made {
    let mut ids = Ids { seed, next: 0 };
    let head = json!({
        "resourceType": "Bundle",
        "id": ids.take(),
        "meta": { "lastUpdated": at(now, zone) },
        "type": "collection",
        "timestamp": at(now, zone),
    });
    let mut buf = serde_json::to_vec(&head).unwrap_or_default();
    // The envelope's closing brace gives way to the entries.
    buf.pop();
    buf.extend_from_slice(br#","entry":["#);
    let mut out = Out {
        ids,
        pending: Vec::new(),
        buf,
        written: 0,
        patient: Value::Null,
    };
    out.patient = out.add(json!({ "resourceType": "Patient" }));
    out.flush();
    let mut doses: HashMap<i64, Vec<&Intake>> = HashMap::new();
    for i in &diary.intakes {
        doses.entry(i.attack_id.unwrap_or(-1)).or_default().push(i);
    }
    for a in &diary.attacks {
        attack(&mut out, a, doses.get(&a.id).map_or(&[][..], Vec::as_slice));
        out.flush();
    }
    for i in doses.get(&-1).into_iter().flatten() {
        medication(&mut out, i, None);
        out.flush();
    }
    for d in diary.days.iter().filter(|d| d.headache_free == Some(true)) {
        headache_free(&mut out, d);
        out.flush();
    }
    for t in taken {
        questionnaire(&mut out, t);
        out.flush();
    }
    out.buf.extend_from_slice(b"]}");
    Made {
        json: out.buf,
        resources: out.written,
    }
}

/// The fields every symptom observation of the attack shares.
fn observed(out: &Out, a: &Attack, present: bool, value: Value) -> Value {
    let z = a.zone;
    let mut period = json!({ "start": at(a.started_at, z) });
    if let Some(end) = a.ended_at {
        period["end"] = Value::from(at(end, z));
    }
    let mut o = if present {
        json!({
            "resourceType": "Observation",
            "meta": profile("SymptomObservation"),
            // SymptomObservation.fsh: category[symptomCode] = SymptomTemporary#symptom,
            // code = LOINC 75325-1 "Symptom".
            "category": [{ "coding": [coding(&format!("{IG}/CodeSystem/SymptomTemporary"), "symptom", "Symptom")] }],
            "code": { "coding": [coding(LOINC, "75325-1", "Symptom")] },
        })
    } else {
        json!({
            "resourceType": "Observation",
            "meta": profile("SymptomAbsentObservation"),
            // SymptomAbsentObservation.fsh: code = LOINC 111551-8 "Symptom absent".
            "code": { "coding": [coding(LOINC, "111551-8", "Symptom absent")] },
        })
    };
    o["status"] = Value::from("final");
    o["subject"] = out.patient.clone();
    o["performer"] = json!([out.patient.clone()]);
    o["effectivePeriod"] = period;
    o["issued"] = Value::from(at(a.updated_at, z));
    o["valueCodeableConcept"] = value;
    o
}

fn severity_component(intensity: u8) -> Value {
    let band = Band::of(intensity);
    let text = format!("{intensity}/10 ({})", band_word(band));
    // SymptomObservation.fsh: component[severity].code = LOINC 64750-3; values from
    // SeverityCodes (SNOMED descendants of 272141005). Moderate 6736007 is the IG's
    // ShortnessOfBreath.fsh example, Severe 24484000 its Oncology.fsh; the IG names no
    // "mild" or "no pain" code, so those go as text.
    let value = match band {
        Band::Moderate => {
            json!({ "coding": [coding(SNOMED, "6736007", "Moderate (severity modifier) (qualifier value)")], "text": text })
        }
        Band::Severe => {
            json!({ "coding": [coding(SNOMED, "24484000", "Severe (severity modifier) (qualifier value)")], "text": text })
        }
        Band::Mild | Band::NoPain => text_only(&text),
    };
    json!({
        "code": { "coding": [coding(LOINC, "64750-3", "Severity of symptoms")] },
        "valueCodeableConcept": value,
    })
}

fn band_word(b: Band) -> &'static str {
    match b {
        Band::NoPain => "no pain",
        Band::Mild => "mild",
        Band::Moderate => "moderate",
        Band::Severe => "severe",
    }
}

/// SymptomObservation.fsh: component[triggersOrExacerbatingFactors], LOINC 100752-5; the
/// IG's value set lists SNOMED codes without naming them, so the factor goes as text.
fn exacerbating(text: &str) -> Value {
    json!({
        "code": { "coding": [coding(LOINC, "100752-5", "Exacerbating factors - Reported")] },
        "valueCodeableConcept": text_only(text),
    })
}

fn location_word(l: Location) -> &'static str {
    match l {
        Location::Forehead => "forehead",
        Location::Temples => "temples",
        Location::BehindEyes => "behind the eyes",
        Location::BackOfHead => "back of the head",
        Location::Neck => "neck",
        Location::WholeHead => "whole head",
    }
}

fn attack(out: &mut Out, a: &Attack, doses: &[&Intake]) {
    let mut o = observed(out, a, true, headache());
    // Dizziness.fsh: bodySite 69536005 "Head structure" (and index.md's headache row);
    // where in the head and which side go in the IG's locationQualifier extension
    // (SymptomObservation.fsh, LocationQualifier: a string).
    let mut site =
        json!({ "coding": [coding(SNOMED, "69536005", "Head structure")], "text": "Head" });
    let mut qualifiers: Vec<String> = a
        .locations
        .iter()
        .map(|l| location_word(*l).to_owned())
        .collect();
    if let Some(side) = a.side {
        qualifiers.push(match side {
            Side::Left => "left side".into(),
            Side::Right => "right side".into(),
            Side::Both => "both sides".into(),
        });
    }
    if !qualifiers.is_empty() {
        site["extension"] = qualifiers
            .iter()
            .map(|q| json!({ "url": format!("{IG}/StructureDefinition/LocationQualifier"), "valueString": q }))
            .collect();
    }
    o["bodySite"] = site;
    let mut components = Vec::new();
    if let Some(i) = a.intensity {
        let mut c = severity_component(i);
        // The 0–10 rating as the IG's Oncology.fsh rates pain: an AssessmentScaleCollection
        // (LOINC 80316-3) whose hasMember is an AssessmentScaleObservation (LOINC
        // LA25253-8, valueRatio n/10), referred to by the severity's scaleCode extension.
        let when = at(a.started_at, a.zone);
        let member = out.add(json!({
            "resourceType": "Observation",
            "meta": profile("AssessmentScaleObservation"),
            "status": "final",
            "category": [{ "coding": [coding(OBS_CATEGORY, "survey", "Survey")] }],
            "code": { "coding": [{ "system": LOINC, "code": "LA25253-8" }], "text": "Pain rating 0–10" },
            "subject": out.patient.clone(),
            "performer": [out.patient.clone()],
            "effectiveDateTime": when,
            "valueRatio": { "numerator": { "value": i }, "denominator": { "value": 10 } },
        }));
        let collection = out.add(json!({
            "resourceType": "Observation",
            "meta": profile("AssessmentScaleCollection"),
            "status": "final",
            "category": [{ "coding": [coding(OBS_CATEGORY, "survey", "Survey")] }],
            "code": { "coding": [{ "system": LOINC, "code": "80316-3" }], "text": "Pain assessment" },
            "subject": out.patient.clone(),
            "performer": [out.patient.clone()],
            "effectiveDateTime": when,
            "hasMember": [member],
        }));
        c["extension"] = json!([{
            "url": format!("{IG}/StructureDefinition/AssessmentScaleInformation"),
            "valueReference": collection,
        }]);
        components.push(c);
    }
    if let Some(ch) = a.character {
        // SymptomObservation.fsh: component[quality], LOINC 56823-8; QualityCodes lists
        // SNOMED codes without naming them, so the character goes as text.
        let word = match ch {
            Character::Pulsating => "pulsating",
            Character::Pressing => "pressing",
            Character::Stabbing => "stabbing",
        };
        components.push(json!({
            "code": { "coding": [coding(LOINC, "56823-8", "Problem quality or description")] },
            "valueCodeableConcept": text_only(word),
        }));
    }
    if a.worse_with_activity == Some(true) {
        components.push(exacerbating("worse with routine physical activity"));
    }
    for t in &a.triggers {
        components.push(exacerbating(&t.key().replace('_', " ")));
    }
    if let Some(note) = a.trigger_note.as_deref().filter(|n| !n.is_empty()) {
        components.push(exacerbating(note));
    }
    let mut notes = Vec::new();
    if let Some(c) = a.comment.as_deref().filter(|c| !c.is_empty()) {
        notes.push(json!({ "text": c }));
    }
    if let Some(d) = a.disability {
        let word = match d {
            Disability::No => "no disability",
            Disability::Reduced => "productivity reduced by half or more",
            Disability::LostDay => "day lost",
        };
        // The IG's impact component needs an ICF code (FunctionalClassification, required):
        // none is sure for this, so a note.
        notes.push(json!({ "text": format!("Disability: {word}") }));
    }
    if !notes.is_empty() {
        o["note"] = Value::Array(notes);
    }
    let (slot, me) = out.reserve();
    let mut associated = Vec::new();
    for (present, value, severity) in features(a) {
        let mut f = observed(out, a, present, value);
        if let Some(s) = severity {
            f["component"] = json!([{
                "code": { "coding": [coding(LOINC, "64750-3", "Severity of symptoms")] },
                "valueCodeableConcept": text_only(s),
            }]);
        }
        f["extension"] = json!([{ "url": SUPPORTING_INFO, "valueReference": me.clone() }]);
        associated.push(out.add(f));
    }
    for i in doses {
        let statement = medication(out, i, Some(&me));
        if matches!(i.effect, Some(Effect::Partial | Effect::Full)) {
            // Oncology.fsh (MedicatedAbdominalPainSymptom): component[alleviatingFactors],
            // LOINC 100753-3, value SNOMED 18629005, extension relatedMedication.
            components.push(json!({
                "extension": [{
                    "url": format!("{IG}/StructureDefinition/SurroundingEventMedication"),
                    "valueReference": statement,
                }],
                "code": { "coding": [coding(LOINC, "100753-3", "Alleviating factors - Reported")] },
                "valueCodeableConcept": { "coding": [coding(SNOMED, "18629005", "Administration of drug or medicament (procedure)")] },
            }));
        }
    }
    if !components.is_empty() {
        o["component"] = Value::Array(components);
    }
    if !associated.is_empty() {
        o["extension"] = associated
            .into_iter()
            .map(|r| json!({ "url": SUPPORTING_INFO, "valueReference": r }))
            .collect();
    }
    out.fill(slot, o);
}

/// The attack's recorded features: present or absent, the value, a severity word.
fn features(a: &Attack) -> Vec<(bool, Value, Option<&'static str>)> {
    let mut out = Vec::new();
    if let Some(n) = a.nausea {
        // CommonSymptomCodes (Terminology.fsh) and Dizziness.fsh's NauseaSymptomAbsence:
        // SNOMED 422587007 "Nausea (finding)"; how strong has no IG code.
        let nausea = json!({ "coding": [coding(SNOMED, "422587007", "Nausea (finding)")], "text": "Nausea" });
        match n {
            Nausea::No => out.push((false, nausea, None)),
            Nausea::Slight => out.push((true, nausea, Some("slight"))),
            Nausea::Marked => out.push((true, nausea, Some("marked"))),
        }
    }
    // No code for these in the IG's CommonSymptomCodes that it names: text only.
    for (v, text) in [
        (a.vomiting, "Vomiting"),
        (a.light_sensitivity, "Sensitivity to light"),
        (a.sound_sensitivity, "Sensitivity to sound"),
    ] {
        if let Some(present) = v {
            out.push((present, text_only(text), None));
        }
    }
    if a.aura == [Aura::None] {
        out.push((false, text_only("Aura"), None));
    } else if !a.aura.is_empty() {
        let kinds: Vec<&str> = a.aura.iter().map(|k| k.key()).collect();
        let mut text = format!("Aura: {}", kinds.join(", "));
        if let Some(m) = a.aura_min {
            text.push_str(&format!(" ({m} min)"));
        }
        out.push((true, text_only(&text), None));
    }
    out
}

/// A dose as an R4 `MedicationStatement` (no IG profile: the Symptoms IG only refers to
/// it from `SurroundingEventMedication`); `reason`: the attack's observation.
fn medication(out: &mut Out, i: &Intake, reason: Option<&Value>) -> Value {
    let mut m = json!({
        "resourceType": "MedicationStatement",
        "status": "completed",
        "medicationCodeableConcept": text_only(&i.name),
        "subject": out.patient.clone(),
        "informationSource": out.patient.clone(),
        "effectiveDateTime": at(i.taken_at, i.zone),
    });
    if let Some(dose) = i.dose.as_deref().filter(|d| !d.is_empty()) {
        m["dosage"] = json!([{ "text": dose }]);
    }
    if let Some(r) = reason {
        m["reasonReference"] = json!([r]);
    }
    let mut note = format!("class: {}", i.class.key().replace('_', " "));
    if let Some(e) = i.effect {
        note.push_str(&format!("; effect after 2 h: {}", e.key()));
    }
    m["note"] = json!([{ "text": note }]);
    out.add(m)
}

fn headache_free(out: &mut Out, d: &DayRecord) {
    let (start, end) = day_bounds(d.day, d.zone);
    let mut o = json!({
        "resourceType": "Observation",
        "meta": profile("SymptomAbsentObservation"),
        "status": "final",
        // SymptomAbsentObservation.fsh: code = LOINC 111551-8 "Symptom absent"; the value
        // is the absent symptom.
        "code": { "coding": [coding(LOINC, "111551-8", "Symptom absent")] },
        "subject": out.patient.clone(),
        "performer": [out.patient.clone()],
        "effectivePeriod": { "start": at(start, d.zone), "end": at(end, d.zone) },
        "issued": at(d.updated_at, d.zone),
        "valueCodeableConcept": headache(),
    });
    if let Some(c) = d.comment.as_deref().filter(|c| !c.is_empty()) {
        o["note"] = json!([{ "text": c }]);
    }
    out.add(o);
}

/// A MIDAS or HIT-6 result. Neither has a FHIR `Questionnaire` canonical the IG or headlog
/// could cite, so `questionnaire` is left out; items carry the question number as `linkId`.
fn questionnaire(out: &mut Out, t: &Taken) {
    let (name, mut items): (&str, Vec<Value>) = match t.answers {
        Answers::Midas(m) => (
            "MIDAS",
            m.days()
                .iter()
                .enumerate()
                .map(|(n, d)| {
                    json!({
                        "linkId": (n + 1).to_string(),
                        "text": format!("MIDAS question {} (days)", n + 1),
                        "answer": [{ "valueInteger": d }],
                    })
                })
                .collect(),
        ),
        Answers::Hit6(h) => (
            "HIT-6",
            h.answers
                .iter()
                .enumerate()
                .map(|(n, a)| {
                    json!({
                        "linkId": (n + 1).to_string(),
                        "text": format!("HIT-6 question {} ({} points)", n + 1, a.points()),
                        "answer": [{ "valueString": a.key().replace('_', " ") }],
                    })
                })
                .collect(),
        ),
    };
    items.push(json!({
        "linkId": "total",
        "text": format!("{name} total score"),
        "answer": [{ "valueInteger": t.answers.score() }],
    }));
    let r = json!({
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": out.patient.clone(),
        "author": out.patient.clone(),
        "source": out.patient.clone(),
        "authored": at(t.taken_at, t.zone),
        "item": items,
    });
    out.add(r);
}
