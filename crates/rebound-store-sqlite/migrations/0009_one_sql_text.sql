-- Pairs with PostgreSQL's 0009, which makes its text columns compare
-- bytewise and its working-hours columns BIGINT, as SQLite's already are.
-- Nothing changes here.
SELECT 1;
