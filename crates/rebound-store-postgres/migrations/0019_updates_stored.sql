-- How many progress updates each mistake has, kept by the database itself
-- (issue 20): a read carries only the newest updates and this count, and
-- counting a long history's index on every read made a mistake with 10,000
-- updates, and every list holding it, cost milliseconds. A trigger keeps it
-- right whoever writes, an insert or a delete, in the writer's
-- transaction. Pairs with SQLite's 0019.
ALTER TABLE mistakes ADD COLUMN updates_stored BIGINT NOT NULL DEFAULT 0;
UPDATE mistakes m SET updates_stored = c.n
    FROM (SELECT mistake_id, count(*) AS n FROM progress_updates GROUP BY mistake_id) c
    WHERE c.mistake_id = m.id;
CREATE FUNCTION progress_updates_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE mistakes SET updates_stored = updates_stored + 1 WHERE id = NEW.mistake_id;
    ELSE
        UPDATE mistakes SET updates_stored = updates_stored - 1 WHERE id = OLD.mistake_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER progress_updates_counted AFTER INSERT OR DELETE ON progress_updates
    FOR EACH ROW EXECUTE FUNCTION progress_updates_count();
