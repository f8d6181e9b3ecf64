-- An organisation's own playbooks (issue 19): the current text of each,
-- and every version it has had (the current one included), with who wrote
-- it and when. Markdown is kept as written and sanitised when shown. An
-- author's erased account leaves the text, written by nobody (SET NULL).
-- Deleting a playbook takes its revisions. Pairs with SQLite's 0016; text
-- compares bytewise (COLLATE "C"), as there.
CREATE TABLE playbooks (
    slug       TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(slug) BETWEEN 1 AND 60),
    title      TEXT COLLATE "C" NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary    TEXT COLLATE "C" NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
    body       TEXT COLLATE "C" NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    version    BIGINT NOT NULL CHECK (version >= 1),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX playbooks_by_author ON playbooks (updated_by);

CREATE TABLE playbook_revisions (
    slug      TEXT COLLATE "C" NOT NULL REFERENCES playbooks (slug) ON DELETE CASCADE,
    version   BIGINT NOT NULL CHECK (version >= 1),
    title     TEXT COLLATE "C" NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary   TEXT COLLATE "C" NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
    body      TEXT COLLATE "C" NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    at        BIGINT NOT NULL,
    author_id TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (slug, version)
);
CREATE INDEX playbook_revisions_by_author ON playbook_revisions (author_id);
