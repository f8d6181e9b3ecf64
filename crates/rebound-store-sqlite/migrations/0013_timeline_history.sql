-- Timeline entries are corrected without rewriting the past: a removed
-- entry is kept and marked, and each edit keeps what the entry said before.
-- Pairs with PostgreSQL's 0013.
ALTER TABLE timeline_entries ADD COLUMN removed_at INTEGER;

CREATE TABLE timeline_revisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id    INTEGER NOT NULL REFERENCES timeline_entries (id) ON DELETE CASCADE,
    mistake_id  TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    -- The entry's time and text before the edit, and when the edit was made.
    happened_at INTEGER NOT NULL,
    body        TEXT    NOT NULL,
    replaced_at INTEGER NOT NULL
);
CREATE INDEX timeline_revisions_by_mistake ON timeline_revisions (mistake_id, id);
