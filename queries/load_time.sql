-- SPEC §2.2: with a registration_id, a later import of the same
-- (org, registration_id) replaces the earlier row. Runs inside the file's
-- transaction, after the reject-share check.
DELETE FROM time_registrations t USING good g
WHERE t.org = g.org AND t.registration_id = g.registration_id;

INSERT INTO time_registrations
    (org, registration_id, employee, role, work_date, minutes, case_id, service, channel, activity, batch_id)
SELECT org, registration_id, employee, role, work_date, minutes, case_id, service, channel, activity, getvariable('batch_id')
FROM good;
