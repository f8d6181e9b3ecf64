//! `rebound export-data` against a server: `GET /api/v1/me/export`,
//! streamed to the file as it arrives, with a bar of bytes on a terminal.

use super::Remote;
use super::http::Failure;
use crate::error::{CliError, Result};
use crate::progress::Progress;
use std::io::Write;

impl Remote {
    pub(super) async fn download_export(&self, to: &mut std::fs::File) -> Result<u64> {
        let progress = Progress::spinner("Waiting for the server to gather your data…");
        let mut resp =
            (self.http.stream("/api/v1/me/export").await).map_err(|f| self.http.fail(f))?;
        progress.clear();
        let progress = Progress::bytes();
        let total = resp.content_length();
        let mut written = 0u64;
        let cut = |e: reqwest::Error| {
            let why = format!("the archive from {} was cut off: {e}", self.http.server());
            CliError::Server(why)
        };
        while let Some(chunk) = resp.chunk().await.map_err(cut)? {
            to.write_all(&chunk)
                .map_err(|e| CliError::Io(format!("cannot write the archive: {e}")))?;
            written += chunk.len() as u64;
            if let Some(total) = total {
                progress.show(written as usize, total as usize);
            }
        }
        if total.is_some_and(|t| t != written) {
            return Err(self.http.fail(Failure::Unreachable(format!(
                "the archive from {} ended early; run the command again",
                self.http.server()
            ))));
        }
        Ok(written)
    }
}
