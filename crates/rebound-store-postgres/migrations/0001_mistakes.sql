-- Rebound's first schema, for PostgreSQL. Append-only: never edit this file
-- once released (sqlx checks its checksum); change the schema in a new
-- numbered file, with the same number as its SQLite twin.
--
-- Mirrors rebound-store-sqlite's 0001_mistakes.sql: same tables, columns and
-- constraints, in PostgreSQL's types. Timestamps are BIGINT epoch
-- milliseconds (the store keeps millisecond precision); enums are lowercase
-- TEXT with a CHECK; flags are BOOLEAN; entry and update ids come from an
-- identity column; children reference their mistake ON DELETE CASCADE.

CREATE TABLE mistakes (
    id                    TEXT    NOT NULL PRIMARY KEY,
    version               BIGINT  NOT NULL CHECK (version >= 0),
    title                 TEXT    NOT NULL,
    what                  TEXT,
    affected              TEXT,
    severity              TEXT    NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    state                 TEXT    NOT NULL CHECK (state IN ('detected', 'owned', 'contained', 'fixed', 'reviewed', 'closed')),
    started_at            BIGINT,
    detected_at           BIGINT  NOT NULL,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    heads_up_text         TEXT    NOT NULL,
    heads_up_doing        TEXT,
    heads_up_edited       BOOLEAN NOT NULL,
    heads_up_sent_at      BIGINT,
    heads_up_sent_to      TEXT,
    impact_who            TEXT,
    impact_how_many       TEXT,
    impact_since          BIGINT,
    impact_what_wrong     TEXT,
    note_containment      TEXT,
    note_fix              TEXT,
    note_fix_due          BIGINT,
    note_owner            TEXT,
    timeline_written_at   BIGINT,
    note_written_at       BIGINT,
    impact_checked_at     BIGINT,
    prevention_checked_at BIGINT,
    -- Cadence::Every(m) is ('every', m); Default and None carry no minutes.
    cadence_kind          TEXT    NOT NULL CHECK (cadence_kind IN ('default', 'every', 'none')),
    cadence_minutes       BIGINT,
    next_update_at        BIGINT,
    CHECK ((cadence_kind = 'every' AND cadence_minutes BETWEEN 0 AND 4294967295)
        OR (cadence_kind <> 'every' AND cadence_minutes IS NULL))
);

-- `list`: open ones (state <> 'closed') or all, most recently detected first.
CREATE INDEX mistakes_by_detected ON mistakes (detected_at);
CREATE INDEX mistakes_by_state_detected ON mistakes (state, detected_at);

-- An identity, not a reused number: people refer to entries by id.
CREATE TABLE timeline_entries (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mistake_id  TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    happened_at BIGINT  NOT NULL,
    body        TEXT    NOT NULL,
    starred     BOOLEAN NOT NULL,
    recorded_at BIGINT  NOT NULL
);
CREATE INDEX timeline_entries_by_mistake ON timeline_entries (mistake_id, id);

CREATE TABLE progress_updates (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mistake_id TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    posted_at  BIGINT NOT NULL,
    body       TEXT   NOT NULL
);
CREATE INDEX progress_updates_by_mistake ON progress_updates (mistake_id, posted_at, id);

-- A move may record several steps at the same instant, so order is kept by
-- seq (1, 2, … per mistake), not by time. Saves compute seq after their
-- versioned UPDATE has locked the mistake's row, so two savers never pick
-- the same one; the primary key would refuse it anyway.
CREATE TABLE transitions (
    mistake_id TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL CHECK (seq >= 1),
    from_state TEXT   NOT NULL CHECK (from_state IN ('detected', 'owned', 'contained', 'fixed', 'reviewed', 'closed')),
    to_state   TEXT   NOT NULL CHECK (to_state IN ('detected', 'owned', 'contained', 'fixed', 'reviewed', 'closed')),
    moved_at   BIGINT NOT NULL,
    PRIMARY KEY (mistake_id, seq)
);

-- Rewritten whole on every save, from the note on the aggregate.
CREATE TABLE prevention_items (
    mistake_id TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL CHECK (position >= 0),
    kind       TEXT   NOT NULL CHECK (kind IN ('detective', 'preventive', 'corrective')),
    body       TEXT   NOT NULL,
    PRIMARY KEY (mistake_id, position)
);

-- At most one commit per role; rewritten whole on every save.
CREATE TABLE linked_commits (
    mistake_id   TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    role         TEXT   NOT NULL CHECK (role IN ('hotfix', 'guardrail')),
    sha          TEXT,
    url          TEXT,
    message      TEXT,
    author       TEXT,
    committed_at BIGINT,
    repo         TEXT,
    linked_at    BIGINT NOT NULL,
    PRIMARY KEY (mistake_id, role)
);
