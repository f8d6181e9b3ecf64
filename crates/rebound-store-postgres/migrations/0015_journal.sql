-- The private journal (issue 19): answers to the prompt a day, or free
-- entries. The owner's alone; every statement names the owner, and the
-- account's erasure takes the rows by cascade. owner_id is NULL only in a
-- personal CLI database. The entry is one JSONB document (`doc`: the text
-- and the prompt as it read that day), with the columns a query needs.
-- Pairs with SQLite's 0015; text compares bytewise (COLLATE "C"), as there.
CREATE TABLE journal_entries (
    id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    owner_id   TEXT COLLATE "C" REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    doc        JSONB  NOT NULL
);
CREATE INDEX journal_entries_by_owner ON journal_entries (owner_id, created_at);
