-- Erasure (issue 18): a deleted account's comments on other people's
-- mistakes stay as removed comments (no text, no author; replies under
-- them stay), and a recovery plan they opened as a manager stays with its
-- report (`opened_by` becomes NULL). Pairs with PostgreSQL's 0014.
--
-- SQLite changes a column's constraints only by rebuilding its table, and
-- foreign keys are on while migrating, so DROP TABLE would cascade: the
-- child rows (votes, private notes) are kept aside and put back.

CREATE TABLE comments_new (
    id                TEXT    NOT NULL PRIMARY KEY,
    mistake_id        TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    parent_id         TEXT,
    author_user_id    TEXT    REFERENCES users (id) ON DELETE CASCADE,
    author_guest_id   TEXT,
    author_guest_name TEXT    CHECK (author_guest_name IS NULL
                                     OR length(author_guest_name) BETWEEN 1 AND 80),
    body              TEXT    CHECK (body IS NULL OR length(body) BETWEEN 1 AND 5000),
    score             INTEGER NOT NULL DEFAULT 0 CHECK (score >= 0),
    created_at        INTEGER NOT NULL,
    edited_at         INTEGER,
    -- When its author's account was deleted: text and author are gone.
    removed_at        INTEGER,
    UNIQUE (mistake_id, id),
    FOREIGN KEY (mistake_id, parent_id) REFERENCES comments_new (mistake_id, id) ON DELETE CASCADE,
    CHECK ((removed_at IS NULL AND body IS NOT NULL
            AND ((author_user_id IS NOT NULL AND author_guest_id IS NULL AND author_guest_name IS NULL)
              OR (author_user_id IS NULL AND author_guest_id IS NOT NULL AND author_guest_name IS NOT NULL)))
        OR (removed_at IS NOT NULL AND body IS NULL AND author_user_id IS NULL
            AND author_guest_id IS NULL AND author_guest_name IS NULL))
);
INSERT INTO comments_new (id, mistake_id, parent_id, author_user_id, author_guest_id,
                          author_guest_name, body, score, created_at, edited_at)
    SELECT id, mistake_id, parent_id, author_user_id, author_guest_id,
           author_guest_name, body, score, created_at, edited_at
    FROM comments;
CREATE TEMP TABLE votes_kept AS SELECT * FROM comment_votes;
DROP TABLE comments;
ALTER TABLE comments_new RENAME TO comments;
INSERT INTO comment_votes (comment_id, voter_kind, voter_id, voted_at)
    SELECT comment_id, voter_kind, voter_id, voted_at FROM votes_kept;
DROP TABLE votes_kept;
CREATE INDEX comments_by_mistake ON comments (mistake_id, created_at, id);
CREATE INDEX comments_by_parent ON comments (mistake_id, parent_id);
CREATE INDEX comments_by_author ON comments (author_user_id);

CREATE TABLE recovery_plans_new (
    id         TEXT    NOT NULL PRIMARY KEY,
    report_id  TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- NULL once the manager who opened it deleted their account.
    opened_by  TEXT    REFERENCES users (id) ON DELETE SET NULL,
    mistake_id TEXT    REFERENCES mistakes (id) ON DELETE SET NULL,
    opened_at  INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    doc        TEXT    NOT NULL CHECK (json_valid(doc))
);
INSERT INTO recovery_plans_new (id, report_id, opened_by, mistake_id, opened_at, version, doc)
    SELECT id, report_id, opened_by, mistake_id, opened_at, version, doc FROM recovery_plans;
CREATE TEMP TABLE notes_kept AS SELECT * FROM recovery_private_notes;
DROP TABLE recovery_plans;
ALTER TABLE recovery_plans_new RENAME TO recovery_plans;
INSERT INTO recovery_private_notes (id, plan_id, author_id, at, body)
    SELECT id, plan_id, author_id, at, body FROM notes_kept;
DROP TABLE notes_kept;
CREATE INDEX recovery_plans_by_report ON recovery_plans (report_id, opened_at);
CREATE INDEX recovery_plans_by_opener ON recovery_plans (opened_by);
