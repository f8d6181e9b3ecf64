//! Is a commit message precise enough to read in six months? (Being written.)
