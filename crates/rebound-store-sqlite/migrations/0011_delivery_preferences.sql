-- What each person chose to receive, per kind of message and channel;
-- where there is no row, the kind's default holds. Pairs with
-- PostgreSQL's 0011.
CREATE TABLE delivery_preferences (
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    channel    TEXT    NOT NULL CHECK (channel IN ('email', 'chat')),
    enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);
