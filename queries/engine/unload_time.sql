-- The load's rows whose key repeats in the file (repeated_keys.sql): they
-- leave the table again and go through the problem path with the rest of
-- their key's rows, where the last line wins (check_time.sql). The same
-- test as fast_time.sql's on the same typed values, so exactly the rows
-- the problem path stages as repeated.
DELETE FROM time_registrations
WHERE batch_id = getvariable('batch_id')
  AND registration_id IS NOT NULL AND gevinst_repeated(hash(org, registration_id));
