-- What each person chose to receive, per kind of message and channel;
-- where there is no row, the kind's default holds. Pairs with SQLite's
-- 0011; text compares bytewise (COLLATE "C"), as there.
CREATE TABLE delivery_preferences (
    user_id    TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT COLLATE "C" NOT NULL,
    channel    TEXT COLLATE "C" NOT NULL CHECK (channel IN ('email', 'chat')),
    enabled    BOOLEAN NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);
