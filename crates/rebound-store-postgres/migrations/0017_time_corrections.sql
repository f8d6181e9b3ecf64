-- A correction of when a mistake started or was noticed keeps what it said
-- before, as a timeline entry's edit does (issue 17). Pairs with SQLite's
-- 0017.
CREATE TABLE time_corrections (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mistake_id   TEXT   COLLATE "C" NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    -- 'started' (started_at) or 'detected' (detected_at).
    field        TEXT   COLLATE "C" NOT NULL CHECK (field IN ('started', 'detected')),
    -- The value before (NULL: the start was not known), the value after,
    -- and when the correction was made.
    earlier_at   BIGINT,
    later_at     BIGINT NOT NULL,
    corrected_at BIGINT NOT NULL
);
CREATE INDEX time_corrections_by_mistake ON time_corrections (mistake_id, id);
