-- Who read or changed which record, and when. Never the content.
CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor_kind    TEXT   NOT NULL CHECK (actor_kind IN ('user', 'guest')),
    actor_id      TEXT   NOT NULL,
    action        TEXT   NOT NULL CHECK (action IN ('read', 'create', 'change')),
    part          TEXT   NOT NULL,
    resource_kind TEXT   NOT NULL,
    resource_id   TEXT   NOT NULL
);
CREATE INDEX audit_log_by_resource ON audit_log (resource_kind, resource_id, id);
