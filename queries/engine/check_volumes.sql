-- SPEC §2.3, §9: check every staged volume row. Leaves the view checked
-- (stage with its line and the count in the file's decimal separator) and
-- stage_rejects (one row per problem; the last line of a key wins).
CREATE OR REPLACE TEMP VIEW checked AS
SELECT rowid AS rn, coalesce(src_line, rowid - getvariable('rowid_base') + 2) AS line, org, service, channel,
       gevinst_unmapped, period_raw, period, count_raw,
       CASE WHEN getvariable('decimal') = 'comma' AND getvariable('staged_decimal') <> 'comma'
            THEN gevinst_number_as(count_raw, true) ELSE count_value END AS count_value
FROM stage;

CREATE OR REPLACE TEMP TABLE bad AS
SELECT * FROM checked
WHERE service IS NULL OR channel IS NULL OR channel NOT IN (SELECT channel FROM cfg_channels) OR gevinst_unmapped IS NOT NULL
   OR period IS NULL OR count_value IS NULL OR count_value < 0
   OR count_value <> floor(count_value) OR NOT isfinite(count_value);

CREATE OR REPLACE TEMP TABLE stage_rejects AS
SELECT rn, line, 'service' AS column_name, NULL AS raw_value,
       'service is empty (required)' AS reason, 'required value missing' AS reason_kind
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
SELECT rn, line, 'period', NULL, 'period is empty (required)', 'required value missing'
FROM bad WHERE period_raw IS NULL
UNION ALL
SELECT rn, line, 'period', period_raw,
       format('period ''{}'' is not a month (expected YYYY-MM or MM.YYYY)', period_raw), 'not a month'
FROM bad WHERE period_raw IS NOT NULL AND period IS NULL
UNION ALL
SELECT rn, line, 'count', NULL, 'count is empty (required)', 'required value missing'
FROM bad WHERE count_raw IS NULL
UNION ALL
SELECT rn, line, 'count', count_raw,
       format('count ''{}'' is not a whole number of submissions (expected 0 or more)', count_raw), 'not a count'
FROM bad WHERE count_raw IS NOT NULL
  AND (count_value IS NULL OR count_value < 0 OR count_value <> floor(count_value) OR NOT isfinite(count_value));

-- Within one file the last line of a key wins (volumes files are small:
-- the rows are ranked directly).
INSERT INTO stage_rejects
SELECT rn, line, 'period', period_raw,
       format('{} {} {} {} appears again on line {}; the later line is kept', org, service, channel, strftime(period, '%Y-%m'), last_line),
       'duplicate key in file'
FROM (
    SELECT s.rn, s.line, s.org, s.service, s.channel, s.period, s.period_raw,
           max(s.line) OVER (PARTITION BY s.org, s.service, s.channel, s.period) AS last_line
    FROM checked s ANTI JOIN bad b ON b.rn = s.rn
)
WHERE line < last_line;
