-- What the store must rebuild when it next opens, named by a migration
-- (one row each). The store looks here on every open (a one-row table, so
-- cheap) instead of scanning `mistakes` for documents never built, which
-- every CLI command would otherwise pay; it removes a row once the rebuild
-- is done, so a crash in between only means doing it again. 'children':
-- every mistake whose kept children document is NULL (migration 0020).
-- Pairs with the other backend's 0021.
CREATE TABLE rebuilds_pending (what TEXT PRIMARY KEY);
INSERT INTO rebuilds_pending (what) VALUES ('children');
