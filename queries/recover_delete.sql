-- Removes the rows recover_count.sql found, in the transaction that
-- counted them: the database is then as before the interrupted import
-- (the rows it replaced were never deleted, as its deletes were never
-- committed).
DELETE FROM submissions WHERE batch_id > getvariable('recover_after');
DELETE FROM time_registrations WHERE batch_id > getvariable('recover_after');
DELETE FROM volumes WHERE batch_id > getvariable('recover_after');
DELETE FROM rejects WHERE batch_id > getvariable('recover_after');
