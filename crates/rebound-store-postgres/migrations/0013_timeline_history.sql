-- Timeline entries are corrected without rewriting the past: a removed
-- entry is kept and marked, and each edit keeps what the entry said before.
-- Pairs with SQLite's 0013.
ALTER TABLE timeline_entries ADD COLUMN removed_at BIGINT;

CREATE TABLE timeline_revisions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id    BIGINT NOT NULL REFERENCES timeline_entries (id) ON DELETE CASCADE,
    mistake_id  TEXT   COLLATE "C" NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    -- The entry's time and text before the edit, and when the edit was made.
    happened_at BIGINT NOT NULL,
    body        TEXT   COLLATE "C" NOT NULL,
    replaced_at BIGINT NOT NULL
);
CREATE INDEX timeline_revisions_by_mistake ON timeline_revisions (mistake_id, id);
