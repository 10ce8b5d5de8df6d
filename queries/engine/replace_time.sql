-- The rows this batch replaces (replaced_time.sql) leave the table.
DELETE FROM time_registrations WHERE rowid IN (SELECT rid FROM replaced);
