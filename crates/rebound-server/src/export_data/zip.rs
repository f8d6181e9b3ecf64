//! Zipping an archive's entries: deflate only, in memory (an archive is a
//! person's own records, a few megabytes at most). One writer for the API,
//! the web page and the CLI's local export.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// The entries, in order, as one zip file.
pub fn zip(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for (path, bytes) in entries {
        w.start_file(path.as_str(), options)?;
        w.write_all(bytes)?;
    }
    Ok(w.finish()?.into_inner())
}
