-- Communicating about a mistake: stakeholders and the affected list,
-- acknowledgements, comments with replies and upvotes, share links and the
-- guests who open them, in-app notifications. Append-only like the others.
--
-- Mirrors rebound-store-sqlite's 0004_sharing.sql: same tables, columns and
-- constraints, in PostgreSQL's types (BIGINT epoch milliseconds).
--
-- Everything hangs off its mistake (ON DELETE CASCADE). A reply's parent is
-- a comment on the *same* mistake, enforced by a composite foreign key, so
-- no bug above can thread a reply under another mistake's comment.
-- Share-link and guest-session tokens are kept only as SHA-256 hex.

CREATE TABLE stakeholders (
    mistake_id TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (mistake_id, user_id)
);
CREATE INDEX stakeholders_by_user ON stakeholders (user_id, mistake_id);

-- Free-text names or emails ("the finance leads", "ana@client.com"),
-- rewritten whole when the owner changes the list.
CREATE TABLE affected_entries (
    mistake_id TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL CHECK (position >= 0),
    entry      TEXT   NOT NULL CHECK (length(entry) BETWEEN 1 AND 200),
    PRIMARY KEY (mistake_id, position)
);

-- One per person and mistake; acknowledging again keeps the first time.
CREATE TABLE acknowledgements (
    mistake_id      TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    user_id         TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    acknowledged_at BIGINT NOT NULL,
    PRIMARY KEY (mistake_id, user_id)
);

-- An author is an account or a guest (with the name they gave), never both.
-- score is kept in step with comment_votes by the statements that vote.
CREATE TABLE comments (
    id                TEXT   NOT NULL PRIMARY KEY,
    mistake_id        TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    parent_id         TEXT,
    author_user_id    TEXT   REFERENCES users (id) ON DELETE CASCADE,
    author_guest_id   TEXT,
    author_guest_name TEXT   CHECK (author_guest_name IS NULL
                                    OR length(author_guest_name) BETWEEN 1 AND 80),
    -- Characters, as length() counts them; plain text kept as given.
    body              TEXT   NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    score             BIGINT NOT NULL DEFAULT 0 CHECK (score >= 0),
    created_at        BIGINT NOT NULL,
    edited_at         BIGINT,
    UNIQUE (mistake_id, id),
    FOREIGN KEY (mistake_id, parent_id) REFERENCES comments (mistake_id, id) ON DELETE CASCADE,
    CHECK ((author_user_id IS NOT NULL AND author_guest_id IS NULL AND author_guest_name IS NULL)
        OR (author_user_id IS NULL AND author_guest_id IS NOT NULL AND author_guest_name IS NOT NULL))
);
CREATE INDEX comments_by_mistake ON comments (mistake_id, created_at, id);
CREATE INDEX comments_by_parent ON comments (mistake_id, parent_id);
CREATE INDEX comments_by_author ON comments (author_user_id);

-- One upvote per person (account or guest) per comment.
CREATE TABLE comment_votes (
    comment_id TEXT   NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    voter_kind TEXT   NOT NULL CHECK (voter_kind IN ('user', 'guest')),
    voter_id   TEXT   NOT NULL,
    voted_at   BIGINT NOT NULL,
    PRIMARY KEY (comment_id, voter_kind, voter_id)
);

CREATE TABLE share_links (
    -- Public: listed for the owner so a link can be revoked.
    id         TEXT   NOT NULL PRIMARY KEY,
    mistake_id TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    token_hash TEXT   NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    label      TEXT   CHECK (label IS NULL OR length(label) BETWEEN 1 AND 100),
    created_by TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    CHECK (expires_at > created_at)
);
CREATE INDEX share_links_by_mistake ON share_links (mistake_id, created_at);
CREATE INDEX share_links_by_creator ON share_links (created_by);

-- A browser that opened a share link under a display name.
CREATE TABLE guest_sessions (
    token_hash   TEXT   NOT NULL PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    guest_id     TEXT   NOT NULL,
    link_id      TEXT   NOT NULL REFERENCES share_links (id) ON DELETE CASCADE,
    display_name TEXT   NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX guest_sessions_by_link ON guest_sessions (link_id);
CREATE INDEX guest_sessions_by_expiry ON guest_sessions (expires_at);

CREATE TABLE notifications (
    id         TEXT   NOT NULL PRIMARY KEY,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mistake_id TEXT   NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL CHECK (kind IN ('stakeholder_added')),
    created_at BIGINT NOT NULL,
    read_at    BIGINT
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
CREATE INDEX notifications_by_mistake ON notifications (mistake_id);
