-- A person's own records from reflecting on mistakes: guided reflections,
-- their labels for the auto-diagnosis, principles (the Operating Manual),
-- wins and the self-care plan. Private to their owner; every statement
-- names the owner. owner_id is NULL only in a personal CLI database.
--
-- A reflection or principle is one JSON document (`doc`, written and read
-- whole), with the columns a query needs beside it. The columns are the
-- truth for what they hold: a mistake or reflection that goes away leaves
-- its pointer NULL (ON DELETE SET NULL), whatever the document says.

CREATE TABLE reflections (
    id         TEXT    NOT NULL PRIMARY KEY,
    owner_id   TEXT    REFERENCES users (id) ON DELETE CASCADE,
    mistake_id TEXT    REFERENCES mistakes (id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL,
    doc        TEXT    NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX reflections_by_owner ON reflections (owner_id, updated_at);
CREATE INDEX reflections_by_mistake ON reflections (mistake_id);

-- One label per reflection: the person's latest choice beside what was
-- suggested, with the text classified (kept for retraining).
CREATE TABLE diagnosis_feedback (
    reflection_id TEXT    NOT NULL PRIMARY KEY
                          REFERENCES reflections (id) ON DELETE CASCADE,
    owner_id      TEXT    REFERENCES users (id) ON DELETE CASCADE,
    at            INTEGER NOT NULL,
    doc           TEXT    NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX diagnosis_feedback_by_owner ON diagnosis_feedback (owner_id, at);

-- `text` is the current wording (searched); the document keeps every
-- earlier wording and the retirement.
CREATE TABLE principles (
    id            TEXT    NOT NULL PRIMARY KEY,
    owner_id      TEXT    REFERENCES users (id) ON DELETE CASCADE,
    reflection_id TEXT    REFERENCES reflections (id) ON DELETE SET NULL,
    mistake_id    TEXT    REFERENCES mistakes (id) ON DELETE SET NULL,
    text          TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
    status        TEXT    NOT NULL CHECK (status IN ('active', 'retired')),
    created_at    INTEGER NOT NULL,
    doc           TEXT    NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX principles_by_owner ON principles (owner_id, created_at);
CREATE INDEX principles_by_reflection ON principles (reflection_id);
CREATE INDEX principles_by_mistake ON principles (mistake_id);

CREATE TABLE wins (
    id         TEXT    NOT NULL PRIMARY KEY,
    owner_id   TEXT    REFERENCES users (id) ON DELETE CASCADE,
    mistake_id TEXT    REFERENCES mistakes (id) ON DELETE SET NULL,
    text       TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    at         INTEGER NOT NULL
);
CREATE INDEX wins_by_owner ON wins (owner_id, at);
CREATE INDEX wins_by_mistake ON wins (mistake_id);

-- One plan per person. owner_key is the owner's id, or '' in a personal
-- database (a NULL could not be a key).
CREATE TABLE self_care_plans (
    owner_key  TEXT    NOT NULL PRIMARY KEY,
    owner_id   TEXT    REFERENCES users (id) ON DELETE CASCADE,
    mistake_id TEXT    REFERENCES mistakes (id) ON DELETE SET NULL,
    items      TEXT    NOT NULL CHECK (json_valid(items)),
    updated_at INTEGER NOT NULL,
    CHECK (owner_key = COALESCE(owner_id, ''))
);
CREATE INDEX self_care_plans_by_mistake ON self_care_plans (mistake_id);
