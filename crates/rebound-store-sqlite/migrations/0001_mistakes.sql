-- Rebound's first schema. Append-only: never edit this file once released
-- (sqlx checks its checksum); change the schema in a new numbered file.
--
-- Conventions, kept close to what the PostgreSQL migrations will use:
-- timestamps are INTEGER epoch milliseconds (the store keeps millisecond
-- precision); enums are lowercase TEXT with a CHECK; booleans are 0/1
-- INTEGER with a CHECK; children reference their mistake ON DELETE CASCADE.

CREATE TABLE mistakes (
    id                    TEXT    NOT NULL PRIMARY KEY,
    version               INTEGER NOT NULL CHECK (version >= 0),
    title                 TEXT    NOT NULL,
    what                  TEXT,
    affected              TEXT,
    severity              TEXT    NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    state                 TEXT    NOT NULL CHECK (state IN ('detected', 'owned', 'contained', 'fixed', 'reviewed', 'closed')),
    started_at            INTEGER,
    detected_at           INTEGER NOT NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    heads_up_text         TEXT    NOT NULL,
    heads_up_doing        TEXT,
    heads_up_edited       INTEGER NOT NULL CHECK (heads_up_edited IN (0, 1)),
    heads_up_sent_at      INTEGER,
    heads_up_sent_to      TEXT,
    impact_who            TEXT,
    impact_how_many       TEXT,
    impact_since          INTEGER,
    impact_what_wrong     TEXT,
    note_containment      TEXT,
    note_fix              TEXT,
    note_fix_due          INTEGER,
    note_owner            TEXT,
    timeline_written_at   INTEGER,
    note_written_at       INTEGER,
    impact_checked_at     INTEGER,
    prevention_checked_at INTEGER,
    -- Cadence::Every(m) is ('every', m); Default and None carry no minutes.
    cadence_kind          TEXT    NOT NULL CHECK (cadence_kind IN ('default', 'every', 'none')),
    cadence_minutes       INTEGER,
    next_update_at        INTEGER,
    CHECK ((cadence_kind = 'every' AND cadence_minutes BETWEEN 0 AND 4294967295)
        OR (cadence_kind <> 'every' AND cadence_minutes IS NULL))
);

-- `list`: open ones (state <> 'closed') or all, most recently detected first.
CREATE INDEX mistakes_by_detected ON mistakes (detected_at);
CREATE INDEX mistakes_by_state_detected ON mistakes (state, detected_at);

-- AUTOINCREMENT: people refer to entries by id, so an id is never reused.
CREATE TABLE timeline_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    mistake_id  TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    happened_at INTEGER NOT NULL,
    body        TEXT    NOT NULL,
    starred     INTEGER NOT NULL CHECK (starred IN (0, 1)),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX timeline_entries_by_mistake ON timeline_entries (mistake_id, id);

CREATE TABLE progress_updates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    mistake_id TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    posted_at  INTEGER NOT NULL,
    body       TEXT    NOT NULL
);
CREATE INDEX progress_updates_by_mistake ON progress_updates (mistake_id, posted_at, id);

-- A move may record several steps at the same instant, so order is kept by
-- seq (1, 2, … per mistake), not by time.
CREATE TABLE transitions (
    mistake_id TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    from_state TEXT    NOT NULL CHECK (from_state IN ('detected', 'owned', 'contained', 'fixed', 'reviewed', 'closed')),
    to_state   TEXT    NOT NULL CHECK (to_state IN ('detected', 'owned', 'contained', 'fixed', 'reviewed', 'closed')),
    moved_at   INTEGER NOT NULL,
    PRIMARY KEY (mistake_id, seq)
);

-- Rewritten whole on every save, from the note on the aggregate.
CREATE TABLE prevention_items (
    mistake_id TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    kind       TEXT    NOT NULL CHECK (kind IN ('detective', 'preventive', 'corrective')),
    body       TEXT    NOT NULL,
    PRIMARY KEY (mistake_id, position)
);

-- At most one commit per role; rewritten whole on every save.
CREATE TABLE linked_commits (
    mistake_id   TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    role         TEXT    NOT NULL CHECK (role IN ('hotfix', 'guardrail')),
    sha          TEXT,
    url          TEXT,
    message      TEXT,
    author       TEXT,
    committed_at INTEGER,
    repo         TEXT,
    linked_at    INTEGER NOT NULL,
    PRIMARY KEY (mistake_id, role)
);
