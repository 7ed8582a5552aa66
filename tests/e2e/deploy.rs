//! The deployment files, checked where Docker and a cluster cannot run: every YAML file
//! parses; the Kubernetes manifests have their shapes (probes on paths a running bot
//! answers, non-root, the migration step, the PodDisruptionBudget and the Service select
//! the Deployment's pods); the Compose file runs headlog on a healthy PostgreSQL; the
//! Dockerfile builds in stages and runs as non-root; and every metric the Grafana
//! dashboard queries is in a real `/metrics` scrape of a running bot.

use crate::db::Backend;
use crate::harness::TestApp;
use headlog::domain::lang::Lang;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every document of a YAML file, as JSON values.
fn yaml_docs(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_yaml_ng::Deserializer::from_str(&text)
        .map(|doc| Value::deserialize(doc).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .filter(|v| !v.is_null())
        .collect()
}

/// The Kubernetes manifests by kind.
fn manifests() -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("deploy/k8s"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files.iter().flat_map(|f| yaml_docs(f)).collect()
}

fn of_kind<'a>(all: &'a [Value], kind: &str) -> &'a Value {
    let found: Vec<&Value> = all.iter().filter(|m| m["kind"] == kind).collect();
    assert_eq!(found.len(), 1, "one {kind}");
    found[0]
}

/// True when every label `selector` asks for is among `labels`.
fn selects(selector: &Value, labels: &Value) -> bool {
    let sel = selector.as_object().expect("a selector");
    !sel.is_empty() && sel.iter().all(|(k, v)| labels.get(k) == Some(v))
}

#[test]
fn the_kubernetes_manifests_parse_and_have_their_shapes() {
    let all = manifests();
    for m in &all {
        assert!(m["apiVersion"].is_string() && m["kind"].is_string(), "{m}");
        assert!(m["metadata"]["name"].is_string(), "{m}");
        assert!(
            m["metadata"].get("namespace").is_none(),
            "namespace-less: {m}"
        );
    }
    let deployment = of_kind(&all, "Deployment");
    let pod = &deployment["spec"]["template"];
    let labels = &pod["metadata"]["labels"];
    assert!(selects(
        &deployment["spec"]["selector"]["matchLabels"],
        labels
    ));
    let spec = &pod["spec"];
    assert_eq!(spec["securityContext"]["runAsNonRoot"], true);
    assert!(spec["securityContext"]["runAsUser"].as_u64().unwrap() > 0);
    let init = &spec["initContainers"][0];
    assert_eq!(
        init["args"],
        serde_json::json!(["migrate"]),
        "migrations first"
    );
    let app = &spec["containers"][0];
    assert_eq!(app["args"], serde_json::json!(["run"]));
    assert_eq!(app["livenessProbe"]["httpGet"]["path"], "/health");
    assert_eq!(app["readinessProbe"]["httpGet"]["path"], "/health/ready");
    let ports: Vec<(&str, u64)> = app["ports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["containerPort"].as_u64().unwrap(),
            )
        })
        .collect();
    let port_of = |name: &str| ports.iter().find(|(n, _)| *n == name).map(|(_, p)| *p);
    for probe in ["livenessProbe", "readinessProbe"] {
        let port = app[probe]["httpGet"]["port"].as_str().unwrap();
        assert!(port_of(port).is_some(), "{probe} names a container port");
    }
    let env = |name: &str| {
        app["env"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .and_then(|e| e["value"].as_str())
            .unwrap_or_else(|| panic!("{name} is set"))
            .to_owned()
    };
    assert_eq!(
        env("HEADLOG_HTTP_ADDR"),
        format!("0.0.0.0:{}", port_of("http").unwrap())
    );
    assert_eq!(
        env("HEADLOG_METRICS_ADDR"),
        format!("0.0.0.0:{}", port_of("metrics").unwrap())
    );
    for c in [init, app] {
        assert_eq!(c["envFrom"][0]["secretRef"]["name"], "headlog");
        assert_eq!(c["securityContext"]["allowPrivilegeEscalation"], false);
    }

    let pdb = of_kind(&all, "PodDisruptionBudget");
    assert!(selects(&pdb["spec"]["selector"]["matchLabels"], labels));
    assert!(pdb["spec"]["minAvailable"].as_u64().unwrap() >= 1);
    let service = of_kind(&all, "Service");
    assert!(selects(&service["spec"]["selector"], labels));
    for p in service["spec"]["ports"].as_array().unwrap() {
        let target = p["targetPort"].as_str().unwrap();
        assert!(port_of(target).is_some(), "the Service targets {target}");
    }
    let secret = of_kind(&all, "Secret");
    let data = secret["stringData"].as_object().unwrap();
    assert!(data.contains_key("HEADLOG_BOT_TOKEN") && data.contains_key("HEADLOG_DATABASE_URL"));
    for (key, value) in data {
        assert!(
            value.as_str().unwrap().contains("replace"),
            "{key} is a placeholder, never a real secret"
        );
    }
}

#[test]
fn the_compose_file_runs_headlog_on_a_healthy_postgres() {
    let docs = yaml_docs(&repo("deploy/compose.yaml"));
    assert_eq!(docs.len(), 1);
    let services = &docs[0]["services"];
    let pg = &services["postgres"];
    assert!(pg["image"].as_str().unwrap().starts_with("postgres:"));
    assert!(pg["healthcheck"]["test"].is_array());
    let volume = pg["volumes"][0].as_str().unwrap();
    let named = volume.split(':').next().unwrap();
    assert!(
        docs[0]["volumes"].get(named).is_some(),
        "the data lives in the named volume {named}"
    );
    let app = &services["headlog"];
    assert_eq!(
        app["depends_on"]["postgres"]["condition"],
        "service_healthy"
    );
    assert_eq!(app["build"]["dockerfile"], "Dockerfile");
    let env = &app["environment"];
    assert!(
        env["HEADLOG_DATABASE_URL"]
            .as_str()
            .unwrap()
            .starts_with("postgres://headlog:")
    );
    assert!(env["HEADLOG_BOT_TOKEN"].as_str().unwrap().starts_with("${"));
    assert_eq!(env["HEADLOG_HTTP_ADDR"], "0.0.0.0:8080");
}

#[test]
fn the_dockerfile_builds_in_stages_and_runs_as_non_root() {
    let text = std::fs::read_to_string(repo("Dockerfile")).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .collect();
    let froms = lines.iter().filter(|l| l.starts_with("FROM ")).count();
    assert!(froms >= 2, "a builder and a runtime stage");
    assert!(text.contains("--mount=type=cache"), "cargo caches");
    let user = lines
        .iter()
        .rev()
        .find(|l| l.starts_with("USER "))
        .expect("a USER");
    let uid = user["USER ".len()..].split(':').next().unwrap();
    assert!(uid != "0" && uid != "root", "{user}");
    assert!(lines.iter().any(|l| l.starts_with("CMD [\"run\"]")));
    let ignore = std::fs::read_to_string(repo(".dockerignore")).unwrap();
    assert!(ignore.lines().any(|l| l.trim() == "target/"));
}

/// Every `headlog_…` name in the dashboard's queries.
fn dashboard_metrics() -> BTreeSet<String> {
    let text = std::fs::read_to_string(repo("deploy/grafana/headlog.json")).unwrap();
    let dash: Value = serde_json::from_str(&text).unwrap();
    let mut names = BTreeSet::new();
    let panels = dash["panels"].as_array().unwrap();
    assert!(panels.len() >= 6);
    for panel in panels {
        let targets = panel["targets"].as_array().unwrap();
        assert!(!targets.is_empty(), "{}", panel["title"]);
        for t in targets {
            let expr = t["expr"].as_str().unwrap();
            let mut rest = expr;
            while let Some(at) = rest.find("headlog_") {
                let tail = &rest[at..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len());
                names.insert(tail[..end].to_owned());
                rest = &tail[end..];
            }
        }
    }
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_metric_the_dashboard_queries_is_in_a_real_scrape_and_the_probes_answer() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let user = app.user(971, Lang::En);
    app.say(&user, "/help").await;
    let scrape = reqwest::get(format!("http://{}/metrics", app.http))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let exposed: BTreeSet<&str> = scrape
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split(['{', ' ']).next())
        .collect();
    let queried = dashboard_metrics();
    for required in [
        "headlog_updates_received_total",
        "headlog_update_handle_seconds_bucket",
        "headlog_messages_total",
        "headlog_outbox_depth",
        "headlog_outbox_lag_seconds",
        "headlog_active_users",
        "headlog_store_connections",
    ] {
        assert!(queried.contains(required), "the dashboard shows {required}");
    }
    for name in &queried {
        assert!(
            exposed.contains(name.as_str()),
            "{name} is queried by the dashboard but not in /metrics: {exposed:?}"
        );
    }
    // The probes of the Deployment answer on a running bot.
    let all = manifests();
    let app_spec = &of_kind(&all, "Deployment")["spec"]["template"]["spec"]["containers"][0];
    for probe in ["livenessProbe", "readinessProbe"] {
        let path = app_spec[probe]["httpGet"]["path"].as_str().unwrap();
        let status = reqwest::get(format!("http://{}{path}", app.http))
            .await
            .unwrap()
            .status();
        assert_eq!(status, 200, "{probe} {path}");
    }
    app.stop().await;
}
