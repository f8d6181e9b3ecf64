-- The groups whose insights have been shown (issue 19): the differencing
-- rule counts them beside the views of now, so a view before and after a
-- change cannot be subtracted. Members are a sorted JSON array of account
-- ids, kept as opaque ids (as the audit log keeps them), with no foreign
-- key: a group stays as it was shown. Pairs with PostgreSQL's 0017.
CREATE TABLE insight_groups (
    seq      INTEGER NOT NULL PRIMARY KEY CHECK (seq >= 1),
    members  TEXT    NOT NULL,
    shown_at INTEGER NOT NULL
);
