-- A correction of when a mistake started or was noticed keeps what it said
-- before, as a timeline entry's edit does (issue 17). Pairs with
-- PostgreSQL's 0017.
CREATE TABLE time_corrections (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    mistake_id   TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    -- 'started' (started_at) or 'detected' (detected_at).
    field        TEXT    NOT NULL CHECK (field IN ('started', 'detected')),
    -- The value before (NULL: the start was not known), the value after,
    -- and when the correction was made.
    earlier_at   INTEGER,
    later_at     INTEGER NOT NULL,
    corrected_at INTEGER NOT NULL
);
CREATE INDEX time_corrections_by_mistake ON time_corrections (mistake_id, id);
