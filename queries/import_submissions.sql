-- SPEC §2.1, §9: type and check every row of raw_file as a submission.
-- Produces stage_rejects (one row per problem) and good (rows with none,
-- one per key: the last line wins within a file).
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    gevinst_line AS line,
    coalesce(nullif(trim(org), ''), getvariable('default_org')) AS org,
    nullif(trim(submission_id), '') AS submission_id,
    lower(nullif(trim(service), '')) AS service,
    lower(nullif(trim(channel), '')) AS channel,
    nullif(trim(received_at), '') AS received_raw,
    gevinst_timestamp(nullif(trim(received_at), '')) AS received_at,
    gevinst_has_time(nullif(trim(received_at), '')) AS received_time_known,
    nullif(trim(decided_at), '') AS decided_raw,
    gevinst_timestamp(nullif(trim(decided_at), '')) AS decided_at,
    nullif(trim(case_id), '') AS case_id
FROM raw_file;

CREATE OR REPLACE TEMP TABLE stage_rejects AS
SELECT line, 'submission_id' AS column_name, NULL AS raw_value,
       'submission_id is empty (required)' AS reason, 'required value missing' AS reason_kind
FROM stage WHERE submission_id IS NULL
UNION ALL
SELECT line, 'service', NULL, 'service is empty (required)', 'required value missing'
FROM stage WHERE service IS NULL
UNION ALL
SELECT line, 'channel', NULL, 'channel is empty (required)', 'required value missing'
FROM stage WHERE channel IS NULL
UNION ALL
SELECT line, 'channel', channel,
       format('channel ''{}'' is not a configured channel (expected one of: {})', channel, getvariable('channel_list')),
       'unknown channel'
FROM stage WHERE channel IS NOT NULL AND channel NOT IN (SELECT channel FROM cfg_channels)
UNION ALL
SELECT line, 'received_at', NULL, 'received_at is empty (required)', 'required value missing'
FROM stage WHERE received_raw IS NULL
UNION ALL
SELECT line, 'received_at', received_raw,
       format('received_at ''{}'' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, ISO 8601 with offset, or DD.MM.YYYY HH:MM)', received_raw),
       'not a timestamp'
FROM stage WHERE received_raw IS NOT NULL AND received_at IS NULL
UNION ALL
SELECT line, 'decided_at', decided_raw,
       format('decided_at ''{}'' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, ISO 8601 with offset, or DD.MM.YYYY HH:MM)', decided_raw),
       'not a timestamp'
FROM stage WHERE decided_raw IS NOT NULL AND decided_at IS NULL
UNION ALL
SELECT line, 'decided_at', decided_raw,
       format('decided_at ''{}'' is before received_at ''{}''', decided_raw, received_raw),
       'decided before received'
FROM stage WHERE decided_at < received_at;

-- Within one file the last line of a key wins; earlier lines are kept as
-- rejects that name the line that replaced them, so nothing is lost.
INSERT INTO stage_rejects
SELECT line, 'submission_id', submission_id,
       format('submission_id ''{}'' appears again on line {}; the later line is kept', submission_id, last_line),
       'duplicate key in file'
FROM (
    SELECT s.line, s.submission_id, max(s.line) OVER (PARTITION BY s.org, s.submission_id) AS last_line
    FROM stage s ANTI JOIN stage_rejects r ON r.line = s.line
)
WHERE line < last_line;
