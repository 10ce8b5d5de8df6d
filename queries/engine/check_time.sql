-- SPEC §2.2, §8, §9: check every staged time registration. Leaves the
-- view checked (stage with its line, the minutes read with the file's
-- decimal separator and the employee's pseudonym) and stage_rejects (one row per
-- problem). The keyed hash is computed once per distinct employee
-- (hundreds), not once per row (millions).
CREATE OR REPLACE TEMP TABLE employee_keys AS
SELECT raw, gevinst_pseudonym(raw) AS pseudonym
FROM (SELECT DISTINCT employee_raw AS raw FROM stage WHERE employee_raw IS NOT NULL);

CREATE OR REPLACE TEMP VIEW checked AS
SELECT s.rowid AS rn, coalesce(s.src_line, s.rowid - getvariable('rowid_base') + 2) AS line,
       s.org, s.registration_id, k.pseudonym AS employee, s.employee_raw, s.role,
       s.work_date_raw, s.work_date, s.minutes_raw,
       CASE WHEN getvariable('decimal') = 'comma' AND getvariable('staged_decimal') <> 'comma'
            THEN gevinst_converted(gevinst_number_as(s.minutes_raw, true)) ELSE s.minutes END AS minutes,
       s.case_id, s.service, s.channel, s.activity, s.gevinst_unmapped
FROM stage s LEFT JOIN employee_keys k ON k.raw = s.employee_raw;

-- One scan finds the rows with any problem; the reasons are then spelled
-- out from those few rows.
CREATE OR REPLACE TEMP TABLE bad AS
SELECT * EXCLUDE (employee) FROM checked
WHERE gevinst_time_bad(employee_raw, role, work_date, minutes_raw, minutes, channel, gevinst_unmapped);

CREATE OR REPLACE TEMP TABLE stage_rejects AS
SELECT rn, line, 'employee' AS column_name, NULL AS raw_value,
       'employee is empty (required)' AS reason, 'required value missing' AS reason_kind
FROM bad WHERE employee_raw IS NULL
UNION ALL
SELECT rn, line, 'role', NULL, 'role is empty (required)', 'required value missing'
FROM bad WHERE role IS NULL
UNION ALL
SELECT rn, line, 'work_date', NULL, 'work_date is empty (required)', 'required value missing'
FROM bad WHERE work_date IS NULL AND work_date_raw IS NULL
UNION ALL
SELECT rn, line, 'work_date', work_date_raw,
       format('work_date ''{}'' is not a date (expected YYYY-MM-DD or DD.MM.YYYY)', work_date_raw),
       'not a date'
FROM bad WHERE work_date_raw IS NOT NULL AND work_date IS NULL
UNION ALL
SELECT rn, line, getvariable('minutes_column'), NULL,
       format('{} is empty (required)', getvariable('minutes_column')), 'required value missing'
FROM bad WHERE minutes_raw IS NULL
UNION ALL
SELECT rn, line, getvariable('minutes_column'), minutes_raw,
       format('{} ''{}'' is not {} (expected {})', getvariable('minutes_column'), minutes_raw,
              getvariable('minutes_what'), getvariable('minutes_example')),
       'not a number'
FROM bad WHERE minutes_raw IS NOT NULL AND (minutes IS NULL OR NOT isfinite(minutes))
UNION ALL
SELECT rn, line, getvariable('minutes_column'), minutes_raw,
       format('{} ''{}'' gives {} minutes, out of range (expected more than 0 and at most 1440, one day)',
              getvariable('minutes_column'), minutes_raw, round(minutes, 2)),
       'minutes out of range'
FROM bad WHERE isfinite(minutes) AND (minutes <= 0 OR minutes > 1440)
UNION ALL
SELECT rn, line, 'channel', channel,
       format('channel ''{}'' is not a configured channel (expected one of: {}{})', channel, getvariable('channel_list'),
              getvariable('channel_remedy')),
       'unknown channel'
FROM bad WHERE channel IS NOT NULL AND channel NOT IN (SELECT channel FROM cfg_channels);

-- Within one file the last line of a registration_id wins (SPEC §2.2 key).
-- An aggregate finds the few repeated keys; only their rows are ranked.
INSERT INTO stage_rejects
SELECT rn, line, 'registration_id', registration_id,
       format('registration_id ''{}'' appears again on line {}; the later line is kept', registration_id, last_line),
       'duplicate key in file'
FROM (
    SELECT s.rn, s.line, s.registration_id, max(s.line) OVER (PARTITION BY s.org, s.registration_id) AS last_line
    FROM (SELECT rowid AS rn, coalesce(src_line, rowid - getvariable('rowid_base') + 2) AS line, org, registration_id FROM stage) s
    SEMI JOIN (
        -- keys seen more than once, found by their 64-bit hash (grouping
        -- integers is cheaper than grouping strings); the window below
        -- then ranks by the key itself, so a hash collision costs nothing
        SELECT h
        FROM (SELECT rowid AS rn, hash(org, registration_id) AS h FROM stage WHERE registration_id IS NOT NULL) k
        ANTI JOIN bad USING (rn)
        GROUP BY ALL HAVING count(*) > 1
    ) d ON d.h = hash(s.org, s.registration_id)
    ANTI JOIN bad b ON b.rn = s.rn
)
WHERE line < last_line;
