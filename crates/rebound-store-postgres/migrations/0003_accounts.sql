-- Accounts for the shared server: people, their sessions and API tokens,
-- teams, invitations and sign-in throttling. Append-only like the others.
--
-- Mirrors rebound-store-sqlite's 0003_accounts.sql: same tables, columns and
-- constraints, in PostgreSQL's types (BIGINT epoch milliseconds, INTEGER
-- minutes and day masks).
--
-- Secrets are never stored: sessions, API tokens and invitations are kept
-- by the SHA-256 of their token (64 lowercase hex digits, checked here so a
-- raw token cannot slip in), passwords as Argon2id PHC strings.
--
-- Case folding is ASCII-only, as SQLite's lower() and NOCASE are:
-- lower(x COLLATE "C") whatever the database's locale.
--
-- mistakes.owner_id (0002) stays plain TEXT without a foreign key: rows
-- made by the local CLI have no owner.

CREATE TABLE users (
    id                TEXT    NOT NULL PRIMARY KEY,
    -- Lowercased by the application (Email), so plain UNIQUE is the
    -- case-insensitive rule.
    email             TEXT    NOT NULL UNIQUE
                      CHECK (email = lower(email COLLATE "C") AND length(email) BETWEEN 3 AND 254),
    display_name      TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    role              TEXT    NOT NULL CHECK (role IN ('member', 'manager', 'admin')),
    -- Removing a manager's account leaves their reports without a manager.
    manager_id        TEXT    REFERENCES users (id) ON DELETE SET NULL,
    time_zone         TEXT    NOT NULL,
    -- Working hours: all three or none. Minutes after midnight; end 1440 is
    -- the midnight ending the day; start > end crosses midnight. Days as a
    -- bit mask, Monday = 1, Tuesday = 2, …, Sunday = 64.
    work_start_minute INTEGER,
    work_end_minute   INTEGER,
    work_days         INTEGER,
    password_hash     TEXT    NOT NULL,
    disabled_at       BIGINT,
    created_at        BIGINT  NOT NULL,
    CHECK (manager_id IS NULL OR manager_id <> id),
    CHECK ((work_start_minute IS NULL AND work_end_minute IS NULL AND work_days IS NULL)
        OR (work_start_minute BETWEEN 0 AND 1439
            AND work_end_minute BETWEEN 1 AND 1440
            AND work_start_minute <> work_end_minute
            AND work_days BETWEEN 1 AND 127))
);
CREATE INDEX users_by_manager ON users (manager_id);

CREATE TABLE sessions (
    -- Public: shown in "my sessions" so one can be ended.
    id           TEXT   NOT NULL PRIMARY KEY,
    token_hash   TEXT   NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_id      TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    user_agent   TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    -- Public: shown in "my tokens" so one can be revoked.
    id           TEXT   NOT NULL PRIMARY KEY,
    token_hash   TEXT   NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_id      TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);

CREATE TABLE teams (
    id   TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80)
);
-- Two teams may not share a name, whatever its (ASCII) case.
CREATE UNIQUE INDEX teams_by_name ON teams (lower(name COLLATE "C"));

CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id, team_id);

CREATE TABLE invitations (
    token_hash TEXT   NOT NULL PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    email      TEXT   NOT NULL
               CHECK (email = lower(email COLLATE "C") AND length(email) BETWEEN 3 AND 254),
    role       TEXT   NOT NULL CHECK (role IN ('member', 'manager', 'admin')),
    manager_id TEXT   REFERENCES users (id) ON DELETE CASCADE,
    team_id    TEXT   REFERENCES teams (id) ON DELETE CASCADE,
    invited_by TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    -- Set once, by the statement that takes the invitation.
    used_at    BIGINT
);
CREATE INDEX invitations_by_expiry ON invitations (expires_at);
CREATE INDEX invitations_by_inviter ON invitations (invited_by);
CREATE INDEX invitations_by_manager ON invitations (manager_id);
CREATE INDEX invitations_by_team ON invitations (team_id);

-- One row per failed sign-in, shared by every server on this database.
-- Keys such as 'account:<email>' or 'addr:<ip>'; purged by age.
CREATE TABLE login_failures (
    key TEXT   NOT NULL CHECK (length(key) BETWEEN 1 AND 400),
    at  BIGINT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);
CREATE INDEX login_failures_by_at ON login_failures (at);
