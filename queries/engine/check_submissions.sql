-- SPEC §2.1, §9: check every staged submission. Leaves the view checked
-- (stage with its line) and stage_rejects (one row per problem; the last
-- line of a key wins within a file).
CREATE OR REPLACE TEMP VIEW checked AS
SELECT rowid AS rn, coalesce(src_line, rowid - getvariable('rowid_base') + 2) AS line, * EXCLUDE (src_line)
FROM stage;

-- One scan finds the rows with any problem; the reasons are then spelled
-- out from those few rows.
CREATE OR REPLACE TEMP TABLE bad AS
SELECT * FROM checked
WHERE gevinst_submission_bad(submission_id, service, channel, received_at, decided_raw, decided_at, gevinst_unmapped);

CREATE OR REPLACE TEMP TABLE stage_rejects AS
SELECT rn, line, 'submission_id' AS column_name, NULL AS raw_value,
       'submission_id is empty (required)' AS reason, 'required value missing' AS reason_kind
FROM bad WHERE submission_id IS NULL
UNION ALL
SELECT rn, line, 'service', NULL, 'service is empty (required)', 'required value missing'
FROM bad WHERE service IS NULL
UNION ALL
SELECT rn, line, 'channel', NULL, 'channel is empty (required)', 'required value missing'
FROM bad WHERE channel IS NULL
UNION ALL
SELECT rn, line, 'channel', channel,
       format('channel ''{}'' is not a configured channel (expected one of: {}{})', channel, getvariable('channel_list'),
              getvariable('channel_remedy')),
       'unknown channel'
FROM bad WHERE channel IS NOT NULL AND channel NOT IN (SELECT channel FROM cfg_channels)
UNION ALL
SELECT rn, line, 'received_at', NULL, 'received_at is empty (required)', 'required value missing'
FROM bad WHERE received_at IS NULL AND received_raw IS NULL
UNION ALL
SELECT rn, line, 'received_at', received_raw,
       format('received_at ''{}'' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, ISO 8601 with offset, or DD.MM.YYYY HH:MM)', received_raw),
       'not a timestamp'
FROM bad WHERE received_raw IS NOT NULL AND received_at IS NULL
UNION ALL
SELECT rn, line, 'decided_at', decided_raw,
       format('decided_at ''{}'' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, ISO 8601 with offset, or DD.MM.YYYY HH:MM)', decided_raw),
       'not a timestamp'
FROM bad WHERE decided_raw IS NOT NULL AND decided_at IS NULL
UNION ALL
SELECT rn, line, 'decided_at', decided_raw,
       format('decided_at ''{}'' is before received_at ''{}''', decided_raw, received_raw),
       'decided before received'
FROM bad WHERE decided_at < received_at;

-- Within one file the last line of a key wins; earlier lines are kept as
-- rejects that name the line that replaced them, so nothing is lost. An
-- aggregate finds the few repeated keys; only their rows are ranked.
INSERT INTO stage_rejects
SELECT rn, line, 'submission_id', submission_id,
       format('submission_id ''{}'' appears again on line {}; the later line is kept', submission_id, last_line),
       'duplicate key in file'
FROM (
    SELECT s.rn, s.line, s.submission_id, max(s.line) OVER (PARTITION BY s.org, s.submission_id) AS last_line
    FROM (SELECT rowid AS rn, coalesce(src_line, rowid - getvariable('rowid_base') + 2) AS line, org, submission_id FROM stage) s
    SEMI JOIN (
        -- keys seen more than once, found by their 64-bit hash (grouping
        -- integers is cheaper than grouping strings); the window below
        -- then ranks by the key itself, so a hash collision costs nothing
        SELECT h
        FROM (SELECT rowid AS rn, hash(org, submission_id) AS h FROM stage) k
        ANTI JOIN bad USING (rn)
        GROUP BY ALL HAVING count(*) > 1
    ) d ON d.h = hash(s.org, s.submission_id)
    ANTI JOIN bad b ON b.rn = s.rn
)
WHERE line < last_line;
