//! `rebound export-data [PATH] [--force]`: everything of yours as one zip,
//! here or from a server. Written to a hidden file beside PATH and put in
//! place only once whole, so an interrupted download never bears the name;
//! an existing PATH is kept unless `--force`. Then read back, so what it
//! prints (size and counts) is what the file holds.

use crate::backend::Backend;
use crate::error::{CliError, Result};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

pub async fn run(b: &impl Backend, path: Option<PathBuf>, force: bool) -> Result<()> {
    let path =
        path.unwrap_or_else(|| PathBuf::from(format!("rebound-export-{}.zip", b.now().date())));
    let exists = || {
        CliError::invalid(format!(
            "{} already exists: give another path, or add --force to replace it",
            path.display()
        ))
    };
    if path.exists() && !force {
        return Err(exists());
    }
    let name = path
        .file_name()
        .ok_or_else(|| CliError::invalid(format!("{} is not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let partial = dir.join(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let io = |what: &str, e: std::io::Error| CliError::Io(format!("cannot {what}: {e}"));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&partial)
        .map_err(|e| io(&format!("write in {}", dir.display()), e))?;
    let written = match write(b, &mut file).await {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    drop(file);
    let placed = if force {
        std::fs::rename(&partial, &path)
    } else {
        // A link fails if the name was taken meanwhile: nothing is replaced.
        std::fs::hard_link(&partial, &path).and_then(|()| std::fs::remove_file(&partial))
    };
    if let Err(e) = placed {
        let _ = std::fs::remove_file(&partial);
        return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists()
        } else {
            io(&format!("write {}", path.display()), e)
        });
    }
    let counts = counts(&path)?;
    println!("Wrote {} ({}): {counts}.", path.display(), size(written));
    Ok(())
}

async fn write(b: &impl Backend, file: &mut File) -> Result<u64> {
    let n = b.export_data(file).await?;
    file.sync_all()
        .map_err(|e| CliError::Io(format!("cannot write the archive: {e}")))?;
    Ok(n)
}

/// "3 mistakes, 1 reflection, …" from the archive's own `export.json`.
fn counts(path: &Path) -> Result<String> {
    let bad = |e: String| CliError::Io(format!("the archive written is not readable: {e}"));
    let file = File::open(path).map_err(|e| bad(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| bad(e.to_string()))?;
    let entry = zip
        .by_name("rebound-export/export.json")
        .map_err(|e| bad(e.to_string()))?;
    let json: serde_json::Value = serde_json::from_reader(entry).map_err(|e| bad(e.to_string()))?;
    let sections = [
        ("mistakes", "mistake", "mistakes"),
        (
            "comments_elsewhere",
            "comment elsewhere",
            "comments elsewhere",
        ),
        ("reflections", "reflection", "reflections"),
        ("principles", "principle", "principles"),
        ("wins", "win", "wins"),
        ("recovery_plans", "recovery plan", "recovery plans"),
        ("notifications", "notification", "notifications"),
    ];
    let parts: Vec<String> = sections
        .iter()
        .map(|(key, one, many)| {
            let n = json[key].as_array().map_or(0, Vec::len);
            format!("{n} {}", if n == 1 { one } else { many })
        })
        .collect();
    Ok(parts.join(", "))
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}
