//! The stylesheet and the small script, compiled into the binary. Their URLs
//! carry a hash of the content, so browsers may keep them for a year and
//! still never run a stale copy after an upgrade.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

struct Asset {
    name: &'static str,
    body: &'static str,
    content_type: &'static str,
    url: String,
}

static ASSETS: LazyLock<[Asset; 2]> = LazyLock::new(|| {
    [
        asset("style.css", STYLE, "text/css; charset=utf-8"),
        asset("app.js", SCRIPT, "text/javascript; charset=utf-8"),
    ]
});

fn asset(name: &'static str, body: &'static str, content_type: &'static str) -> Asset {
    // FNV-1a: a fingerprint for cache busting, not security.
    let hash = body.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    Asset {
        name,
        body,
        content_type,
        url: format!("/assets/{name}?v={:08x}", hash as u32),
    }
}

/// The URL to link to, fingerprinted.
pub fn url(name: &str) -> &'static str {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.url.as_str())
        .expect("only our own assets are linked")
}

pub async fn serve(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(a.content_type),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            a.body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}
