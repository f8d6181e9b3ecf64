-- How many progress updates each mistake has, kept by the database itself
-- (issue 20): a read carries only the newest updates and this count, and
-- counting a long history's index on every read made a mistake with 10,000
-- updates, and every list holding it, cost milliseconds. Triggers keep it
-- right whoever writes, an insert or a delete, in the writer's
-- transaction. Pairs with PostgreSQL's 0019.
ALTER TABLE mistakes ADD COLUMN updates_stored INTEGER NOT NULL DEFAULT 0;
UPDATE mistakes SET updates_stored =
    (SELECT count(*) FROM progress_updates p WHERE p.mistake_id = mistakes.id);
CREATE TRIGGER progress_updates_counted AFTER INSERT ON progress_updates
BEGIN
    UPDATE mistakes SET updates_stored = updates_stored + 1 WHERE id = NEW.mistake_id;
END;
CREATE TRIGGER progress_updates_uncounted AFTER DELETE ON progress_updates
BEGIN
    UPDATE mistakes SET updates_stored = updates_stored - 1 WHERE id = OLD.mistake_id;
END;
