-- The outbox (messages waiting to leave, each attempt recorded) and the
-- scheduler (timed jobs), both claimed under a lease; and the server's
-- shared secrets (the key that signs links in messages). Times are epoch
-- milliseconds from the application's clock. Pairs with PostgreSQL's 0010.

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    idem_key        TEXT    NOT NULL UNIQUE,
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'chat')),
    kind            TEXT    NOT NULL,
    sender_id       TEXT    REFERENCES users (id) ON DELETE CASCADE,
    recipient_id    TEXT    REFERENCES users (id) ON DELETE CASCADE,
    address         TEXT    NOT NULL,
    mistake_id      TEXT    REFERENCES mistakes (id) ON DELETE CASCADE,
    message_id      TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_owner     TEXT,
    lease_until     INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_by_sender ON outbox (sender_id, created_at);
CREATE INDEX outbox_by_mistake ON outbox (mistake_id);
CREATE INDEX outbox_by_recipient ON outbox (recipient_id);

CREATE TABLE outbox_attempts (
    outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    attempt   INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    outcome   TEXT    NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed', 'cancelled')),
    detail    TEXT,
    PRIMARY KEY (outbox_id, attempt)
);

CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    job_key     TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    due_at      INTEGER NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'done', 'dead')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until INTEGER,
    last_error  TEXT,
    done_at     INTEGER
);
CREATE INDEX jobs_due ON jobs (due_at) WHERE state = 'pending';

CREATE TABLE server_secrets (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
