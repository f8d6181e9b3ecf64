-- Two more kinds of in-app notification for stakeholders: a progress update
-- was posted, the mistake was closed. SQLite cannot change a CHECK in
-- place, so the table is rebuilt (nothing refers to it) with its rows.

CREATE TABLE notifications_new (
    id         TEXT    NOT NULL PRIMARY KEY,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mistake_id TEXT    NOT NULL REFERENCES mistakes (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL
               CHECK (kind IN ('stakeholder_added', 'update_posted', 'closed')),
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);
INSERT INTO notifications_new (id, user_id, mistake_id, kind, created_at, read_at)
    SELECT id, user_id, mistake_id, kind, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
CREATE INDEX notifications_by_mistake ON notifications (mistake_id);
