//! The follow-up note as an editable Markdown template. (Being written.)
