-- Erasure (issue 18): a deleted account's comments on other people's
-- mistakes stay as removed comments (no text, no author; replies under
-- them stay), and a recovery plan they opened as a manager stays with its
-- report (`opened_by` becomes NULL). Pairs with SQLite's 0014.
ALTER TABLE comments
    ADD COLUMN removed_at BIGINT,
    ALTER COLUMN body DROP NOT NULL,
    DROP CONSTRAINT comments_body_check,
    DROP CONSTRAINT comments_check,
    ADD CONSTRAINT comments_body_check
        CHECK (body IS NULL OR length(body) BETWEEN 1 AND 5000),
    ADD CONSTRAINT comments_check
        CHECK ((removed_at IS NULL AND body IS NOT NULL
                AND ((author_user_id IS NOT NULL AND author_guest_id IS NULL AND author_guest_name IS NULL)
                  OR (author_user_id IS NULL AND author_guest_id IS NOT NULL AND author_guest_name IS NOT NULL)))
            OR (removed_at IS NOT NULL AND body IS NULL AND author_user_id IS NULL
                AND author_guest_id IS NULL AND author_guest_name IS NULL));

ALTER TABLE recovery_plans
    ALTER COLUMN opened_by DROP NOT NULL,
    DROP CONSTRAINT recovery_plans_opened_by_fkey,
    ADD CONSTRAINT recovery_plans_opened_by_fkey
        FOREIGN KEY (opened_by) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX recovery_plans_by_opener ON recovery_plans (opened_by);
