//! The Monday note (work in progress).
