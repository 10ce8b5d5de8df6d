-- unload_time.sql for submissions.
DELETE FROM submissions
WHERE batch_id = getvariable('batch_id')
  AND submission_id IS NOT NULL AND gevinst_repeated(hash(org, submission_id));
