-- SPEC §2.2, §8, §9: type and check every row of raw_file as a time
-- registration. The employee id is replaced by its keyed pseudonym here,
-- before anything is stored; the raw id never leaves this statement.
-- The keyed hash is computed once per distinct employee (hundreds), not
-- once per row (millions): a Go function call per row dominated the import.
CREATE OR REPLACE TEMP TABLE employee_keys AS
SELECT raw, gevinst_pseudonym(raw) AS pseudonym
FROM (SELECT DISTINCT trim(employee) AS raw FROM raw_file WHERE nullif(trim(employee), '') IS NOT NULL);

CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    gevinst_line AS line,
    coalesce(nullif(trim(org), ''), getvariable('default_org')) AS org,
    nullif(trim(registration_id), '') AS registration_id,
    k.pseudonym AS employee,
    lower(nullif(trim(role), '')) AS role,
    nullif(trim(work_date), '') AS work_date_raw,
    gevinst_date(nullif(trim(work_date), '')) AS work_date,
    -- minutes as written, or "start–end" for sources that log clock times
    CASE WHEN getvariable('minutes_from_span')
         THEN nullif(trim(gevinst_start), '') || '–' || nullif(trim(gevinst_end), '')
         ELSE nullif(trim(minutes), '') END AS minutes_raw,
    -- SPEC §2.2: sources in hours or start/end times are converted to minutes
    CASE WHEN getvariable('minutes_from_span')
         THEN gevinst_clock(nullif(trim(gevinst_end), '')) - gevinst_clock(nullif(trim(gevinst_start), ''))
         ELSE gevinst_number(nullif(trim(minutes), '')) * getvariable('minutes_factor') END AS minutes,
    nullif(trim(case_id), '') AS case_id,
    lower(nullif(trim(service), '')) AS service,
    lower(nullif(trim(channel), '')) AS channel,
    lower(nullif(trim(activity), '')) AS activity
FROM raw_file LEFT JOIN employee_keys k ON k.raw = trim(raw_file.employee);

CREATE OR REPLACE TEMP TABLE stage_rejects AS
SELECT line, 'employee' AS column_name, NULL AS raw_value,
       'employee is empty (required)' AS reason, 'required value missing' AS reason_kind
FROM stage WHERE employee IS NULL
UNION ALL
SELECT line, 'role', NULL, 'role is empty (required)', 'required value missing'
FROM stage WHERE role IS NULL
UNION ALL
SELECT line, 'work_date', NULL, 'work_date is empty (required)', 'required value missing'
FROM stage WHERE work_date_raw IS NULL
UNION ALL
SELECT line, 'work_date', work_date_raw,
       format('work_date ''{}'' is not a date (expected YYYY-MM-DD or DD.MM.YYYY)', work_date_raw),
       'not a date'
FROM stage WHERE work_date_raw IS NOT NULL AND work_date IS NULL
UNION ALL
SELECT line, getvariable('minutes_column'), NULL,
       format('{} is empty (required)', getvariable('minutes_column')), 'required value missing'
FROM stage WHERE minutes_raw IS NULL
UNION ALL
SELECT line, getvariable('minutes_column'), minutes_raw,
       format('{} ''{}'' is not {} (expected {})', getvariable('minutes_column'), minutes_raw,
              getvariable('minutes_what'), getvariable('minutes_example')),
       'not a number'
FROM stage WHERE minutes_raw IS NOT NULL AND (minutes IS NULL OR NOT isfinite(minutes))
UNION ALL
SELECT line, getvariable('minutes_column'), minutes_raw,
       format('{} ''{}'' gives {} minutes, out of range (expected more than 0 and at most 1440, one day)',
              getvariable('minutes_column'), minutes_raw, round(minutes, 2)),
       'minutes out of range'
FROM stage WHERE isfinite(minutes) AND (minutes <= 0 OR minutes > 1440)
UNION ALL
SELECT line, 'channel', channel,
       format('channel ''{}'' is not a configured channel (expected one of: {})', channel, getvariable('channel_list')),
       'unknown channel'
FROM stage WHERE channel IS NOT NULL AND channel NOT IN (SELECT channel FROM cfg_channels);

-- Within one file the last line of a registration_id wins (SPEC §2.2 key).
INSERT INTO stage_rejects
SELECT line, 'registration_id', registration_id,
       format('registration_id ''{}'' appears again on line {}; the later line is kept', registration_id, last_line),
       'duplicate key in file'
FROM (
    SELECT s.line, s.registration_id, max(s.line) OVER (PARTITION BY s.org, s.registration_id) AS last_line
    FROM stage s ANTI JOIN stage_rejects r ON r.line = s.line
    WHERE s.registration_id IS NOT NULL
)
WHERE line < last_line;
