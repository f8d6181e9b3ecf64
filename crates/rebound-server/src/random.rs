//! Randomness from the operating system.

use crate::error::{ApiError, ApiResult};

pub fn bytes5() -> ApiResult<[u8; 5]> {
    let mut b = [0u8; 5];
    getrandom::fill(&mut b).map_err(|e| {
        tracing::error!(error = %e, "no randomness");
        ApiError::internal()
    })?;
    Ok(b)
}
