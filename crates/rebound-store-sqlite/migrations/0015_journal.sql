-- The private journal (issue 19): answers to the prompt a day, or free
-- entries. The owner's alone; every statement names the owner, and the
-- account's erasure takes the rows by cascade. owner_id is NULL only in a
-- personal CLI database. The entry is one JSON document (`doc`: the text
-- and the prompt as it read that day), with the columns a query needs.
CREATE TABLE journal_entries (
    id         TEXT    NOT NULL PRIMARY KEY,
    owner_id   TEXT    REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    doc        TEXT    NOT NULL CHECK (json_valid(doc))
);
CREATE INDEX journal_entries_by_owner ON journal_entries (owner_id, created_at);
