-- One SQL text for both databases (rebound-store-sql): text compares and
-- sorts bytewise, as SQLite's does, in the column definitions rather than
-- in each statement (`COLLATE "C"`), whatever the database's locale; and
-- the working-hours columns are BIGINT like every other integer, so one
-- decoder reads them on both. New TEXT columns must say COLLATE "C".
DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema()
           AND data_type = 'text'
           AND table_name NOT LIKE '\_sqlx%'
    LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE TEXT COLLATE "C"',
                       col.table_name, col.column_name);
    END LOOP;
END
$$;

ALTER TABLE users
    ALTER COLUMN work_start_minute TYPE BIGINT,
    ALTER COLUMN work_end_minute TYPE BIGINT,
    ALTER COLUMN work_days TYPE BIGINT;
