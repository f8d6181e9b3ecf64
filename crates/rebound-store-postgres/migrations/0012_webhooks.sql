-- Chat incoming webhooks: a person's own (messages to themselves) or a
-- team's channel, at most one each. The URL is the secret (Slack's is in
-- its path): stored whole for sending, never read back whole by the API.
-- Pairs with SQLite's 0012; text compares bytewise (COLLATE "C"), as there.
CREATE TABLE webhooks (
    id         TEXT COLLATE "C" PRIMARY KEY,
    user_id    TEXT COLLATE "C" UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    team_id    TEXT COLLATE "C" UNIQUE REFERENCES teams (id) ON DELETE CASCADE,
    format     TEXT COLLATE "C" NOT NULL CHECK (format IN ('slack', 'mattermost')),
    url        TEXT COLLATE "C" NOT NULL,
    label      TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    -- Exactly one owner.
    CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
