-- A mistake's children (timeline, newest updates, transitions, prevention
-- items, commits, earlier wordings, time corrections) kept as one document
-- on its row, so reading a mistake touches one table, not eight (issue 13:
-- on PostgreSQL each child table cost its executor set-up and locks on
-- every read). Every write of a mistake rebuilds it in its transaction;
-- NULL means not built yet, and the store builds those when it opens
-- (`rebound-store-sql`, children.rs; asked to by 0021), so this file needs
-- no copy of the document's SQL. Pairs with the other backend's 0020.
ALTER TABLE mistakes ADD COLUMN children TEXT;
