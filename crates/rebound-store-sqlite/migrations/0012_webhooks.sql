-- Chat incoming webhooks: a person's own (messages to themselves) or a
-- team's channel, at most one each. The URL is the secret (Slack's is in
-- its path): stored whole for sending, never read back whole by the API.
-- Pairs with PostgreSQL's 0012.
CREATE TABLE webhooks (
    id         TEXT    PRIMARY KEY,
    user_id    TEXT    UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    team_id    TEXT    UNIQUE REFERENCES teams (id) ON DELETE CASCADE,
    format     TEXT    NOT NULL CHECK (format IN ('slack', 'mattermost')),
    url        TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    -- Exactly one owner.
    CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
