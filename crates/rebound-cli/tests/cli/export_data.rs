//! `rebound export-data [PATH]` end to end: on this machine's database and
//! against a server, a zip whose `export.json` parses and holds what was
//! recorded; an existing file is kept unless `--force`.

use crate::harness::Rebound;
use crate::remote::{Server, login};
use serde_json::Value;
use std::io::Read;
use std::path::Path;

fn unzip_json(path: &Path) -> (Value, Vec<String>) {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let names = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut text = String::new();
    zip.by_name("rebound-export/export.json")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    (
        serde_json::from_str(&text).expect("export.json parses"),
        names,
    )
}

#[test]
fn local_export_writes_a_zip_holding_the_mistake_and_refuses_to_overwrite() {
    let rb = Rebound::new();
    let id = rb.oops(&["Dropped the nightly backup", "--severity", "high"]);
    rb.ok(&["win", "Restored it within the hour"]);
    let out = rb.dir.path().join("mine.zip");
    let path = out.to_str().unwrap();
    let said = rb.ok(&["export-data", path]);
    assert!(said.starts_with(&format!("Wrote {path} (")), "{said}");
    assert!(
        said.contains("1 mistake,") && said.contains("0 reflections"),
        "{said}"
    );
    let (json, names) = unzip_json(&out);
    assert_eq!(json["schema"], "rebound-export/1");
    assert_eq!(json["source"], "local");
    assert_eq!(json["mistakes"][0]["record"]["id"], id.as_str());
    assert_eq!(
        json["mistakes"][0]["record"]["title"],
        "Dropped the nightly backup"
    );
    assert_eq!(json["wins"][0]["text"], "Restored it within the hour");
    assert!(
        names.contains(&format!("rebound-export/mistakes/{id}.md")),
        "{names:?}"
    );
    assert!(names.contains(&"rebound-export/README.md".to_string()));

    // An existing file is kept, and nothing is left beside it.
    let before = std::fs::read(&out).unwrap();
    let refused = rb.fails(&["export-data", path], 1);
    assert!(
        refused.contains("already exists") && refused.contains("--force"),
        "{refused}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let stray: Vec<_> = std::fs::read_dir(rb.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    rb.ok(&["oops", "A second one"]);
    rb.ok(&["export-data", path, "--force"]);
    assert_eq!(unzip_json(&out).0["mistakes"].as_array().unwrap().len(), 2);

    // The default name, in the current directory.
    let r = rb
        .command(&["export-data"])
        .current_dir(rb.dir.path())
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let day = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .date();
    let default = rb.dir.path().join(format!("rebound-export-{day}.zip"));
    assert!(default.is_file(), "{}", String::from_utf8_lossy(&r.stdout));
}

#[test]
fn remote_export_streams_the_servers_archive_to_the_file() {
    let server = Server::start();
    let rb = Rebound::new();
    login(&rb, &server);
    let id = rb.oops(&["Sent the wrong dashboard"]);
    let out = rb.dir.path().join("theirs.zip");
    let said = rb.ok(&["export-data", out.to_str().unwrap()]);
    assert!(said.contains("1 mistake,"), "{said}");
    let (json, _) = unzip_json(&out);
    assert_eq!(json["source"], "server");
    assert_eq!(json["person"]["display_name"], "Ana Ruiz");
    assert_eq!(json["mistakes"][0]["record"]["id"], id.as_str());
}

#[test]
fn exporting_while_another_program_holds_the_database_is_busy_in_words_and_writes_nothing() {
    let rb = Rebound::new();
    rb.oops(&["Kept safe"]);
    let out = rb.dir.path().join("mine.zip");
    let path = out.to_str().unwrap();
    let reason = rb.local_db(async |c| {
        // Another program takes the file for itself and holds a write open.
        sqlx::query("PRAGMA locking_mode = EXCLUSIVE")
            .execute(&mut *c)
            .await
            .unwrap();
        sqlx::query("BEGIN EXCLUSIVE")
            .execute(&mut *c)
            .await
            .unwrap();
        let reason = rb.fails(&["export-data", path], 4);
        sqlx::query("ROLLBACK").execute(&mut *c).await.unwrap();
        reason
    });
    assert!(
        reason.contains("another program is using it") && reason.contains("nothing was changed"),
        "{reason}"
    );
    let left: Vec<_> = std::fs::read_dir(rb.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("mine.zip"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // Once it lets go, the same command works.
    let said = rb.ok(&["export-data", path]);
    assert!(said.contains("1 mistake,"), "{said}");
}
