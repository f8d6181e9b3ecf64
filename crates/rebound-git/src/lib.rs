//! Git lookups (being written).
