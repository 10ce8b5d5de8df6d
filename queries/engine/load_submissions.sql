-- Insert the checked rows of one file as batch getvariable('batch_id')
-- (replace_submissions.sql then removes the rows they replace).
INSERT INTO submissions
    (org, submission_id, service, channel, received_at, received_time_known, decided_at, case_id, batch_id)
SELECT org, submission_id, service, channel, received_at, received_time_known, decided_at, case_id, getvariable('batch_id')
FROM good;
