//! Exports: Markdown, plain-text email, JSON. (Being written.)
