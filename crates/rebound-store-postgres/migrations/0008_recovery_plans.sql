-- Recovery plans: a manager's plan for one of their reports after a
-- visible failure, across weeks of one-on-ones. Who may read a plan is
-- decided by the server from the report's current manager, not stored.
--
-- A plan is small and always read and written whole, so it is one JSON
-- document (`doc`) with the columns a query needs beside it; the columns
-- are the truth for what they hold (a deleted mistake leaves NULL).
-- `version` is for optimistic concurrency, as for mistakes.
--
-- The manager's private notes live in their own table, read only by plan
-- and author together, so reading a plan never touches them.

CREATE TABLE recovery_plans (
    id         TEXT   NOT NULL PRIMARY KEY,
    report_id  TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    opened_by  TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mistake_id TEXT   REFERENCES mistakes (id) ON DELETE SET NULL,
    opened_at  BIGINT NOT NULL,
    version    BIGINT NOT NULL,
    doc        JSONB  NOT NULL
);
CREATE INDEX recovery_plans_by_report ON recovery_plans (report_id, opened_at);

CREATE TABLE recovery_private_notes (
    id        TEXT   NOT NULL PRIMARY KEY,
    plan_id   TEXT   NOT NULL REFERENCES recovery_plans (id) ON DELETE CASCADE,
    author_id TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at        BIGINT NOT NULL,
    body      TEXT   NOT NULL
);
CREATE INDEX recovery_private_notes_by_plan ON recovery_private_notes (plan_id, author_id, at);
