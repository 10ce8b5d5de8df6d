-- The rows this batch replaces (replaced_volumes.sql) leave the table.
DELETE FROM volumes WHERE rowid IN (SELECT rid FROM replaced);
