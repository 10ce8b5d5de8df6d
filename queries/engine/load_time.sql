-- Insert the checked rows of one file as batch getvariable('batch_id')
-- (replace_time.sql then removes the rows they replace).
INSERT INTO time_registrations
    (org, registration_id, employee, role, work_date, minutes, case_id, service, channel, activity, batch_id)
SELECT org, registration_id, employee, role, work_date, minutes, case_id, service, channel, activity, getvariable('batch_id')
FROM good;
