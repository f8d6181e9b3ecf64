-- Whose mistake it is and who else may read it. Mirrors the SQLite 0002:
-- existing rows have no owner and stay private.
ALTER TABLE mistakes ADD COLUMN owner_id TEXT;
ALTER TABLE mistakes ADD COLUMN visibility TEXT NOT NULL DEFAULT 'private'
    CHECK (visibility IN ('private', 'manager', 'stakeholders', 'team'));
CREATE INDEX mistakes_by_owner ON mistakes (owner_id, detected_at);
