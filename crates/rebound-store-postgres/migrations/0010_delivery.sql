-- The outbox (messages waiting to leave, each attempt recorded) and the
-- scheduler (timed jobs), both claimed under a lease; and the server's
-- shared secrets (the key that signs links in messages). Times are epoch
-- milliseconds from the application's clock. Pairs with SQLite's 0010;
-- text compares bytewise (COLLATE "C"), as there.

CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idem_key        TEXT COLLATE "C"    NOT NULL UNIQUE,
    channel         TEXT COLLATE "C"    NOT NULL CHECK (channel IN ('email', 'chat')),
    kind            TEXT COLLATE "C"    NOT NULL,
    sender_id       TEXT COLLATE "C"    REFERENCES users (id) ON DELETE CASCADE,
    recipient_id    TEXT COLLATE "C"    REFERENCES users (id) ON DELETE CASCADE,
    address         TEXT COLLATE "C"    NOT NULL,
    mistake_id      TEXT COLLATE "C"    REFERENCES mistakes (id) ON DELETE CASCADE,
    message_id      TEXT COLLATE "C"    NOT NULL,
    payload         TEXT COLLATE "C"    NOT NULL,
    state           TEXT COLLATE "C"    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_owner     TEXT COLLATE "C",
    lease_until     BIGINT,
    last_error      TEXT COLLATE "C",
    created_at      BIGINT NOT NULL,
    done_at         BIGINT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_by_sender ON outbox (sender_id, created_at);
CREATE INDEX outbox_by_mistake ON outbox (mistake_id);
CREATE INDEX outbox_by_recipient ON outbox (recipient_id);

CREATE TABLE outbox_attempts (
    outbox_id BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    attempt   BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    outcome   TEXT COLLATE "C"    NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed', 'cancelled')),
    detail    TEXT COLLATE "C",
    PRIMARY KEY (outbox_id, attempt)
);

CREATE TABLE jobs (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_key     TEXT COLLATE "C"    NOT NULL UNIQUE,
    kind        TEXT COLLATE "C"    NOT NULL,
    payload     TEXT COLLATE "C"    NOT NULL,
    due_at      BIGINT NOT NULL,
    state       TEXT COLLATE "C"    NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'done', 'dead')),
    attempts    BIGINT NOT NULL DEFAULT 0,
    lease_owner TEXT COLLATE "C",
    lease_until BIGINT,
    last_error  TEXT COLLATE "C",
    done_at     BIGINT
);
CREATE INDEX jobs_due ON jobs (due_at) WHERE state = 'pending';

CREATE TABLE server_secrets (
    name       TEXT COLLATE "C"    NOT NULL PRIMARY KEY,
    value      TEXT COLLATE "C"    NOT NULL,
    created_at BIGINT NOT NULL
);
