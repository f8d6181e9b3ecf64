//! axe-core on the page in the browser: injected through WebDriver (which
//! is not bound by the page's Content-Security-Policy), run on the whole
//! document, and any serious or critical violation fails the test with
//! every offending element printed. Lesser findings are printed, not fatal.

use fantoccini::Client;
use serde_json::Value;

const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(
  (r) => done({
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
    })),
  }),
  (e) => done({ error: String(e) }),
);
"#;

pub async fn check(c: &Client, axe_source: &str, page: &str) {
    let loaded = c
        .execute("return typeof window.axe === 'object'", vec![])
        .await
        .unwrap();
    if loaded != Value::Bool(true) {
        c.execute(axe_source, vec![])
            .await
            .unwrap_or_else(|e| panic!("injecting axe-core on {page}: {e}"));
    }
    let out = c
        .execute_async(RUN, vec![])
        .await
        .unwrap_or_else(|e| panic!("running axe-core on {page}: {e}"));
    if let Some(e) = out.get("error") {
        panic!("axe-core failed on {page}: {e}");
    }
    let violations = out["violations"].as_array().cloned().unwrap_or_default();
    let mut fatal = Vec::new();
    for v in &violations {
        let impact = v["impact"].as_str().unwrap_or("unknown");
        let nodes: Vec<String> = v["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n.as_str().map(|s| format!("    - {s}")))
            .collect();
        let line = format!(
            "  [{impact}] {} — {}\n{}",
            v["id"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or(""),
            nodes.join("\n")
        );
        if matches!(impact, "serious" | "critical") {
            fatal.push(line);
        } else {
            eprintln!("axe-core ({page}), not fatal:\n{line}");
        }
    }
    assert!(
        fatal.is_empty(),
        "axe-core: serious or critical violations ({page}):\n{}",
        fatal.join("\n")
    );
}
