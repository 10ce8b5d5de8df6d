-- The rows this batch replaces (replaced_submissions.sql) leave the table.
DELETE FROM submissions WHERE rowid IN (SELECT rid FROM replaced);
