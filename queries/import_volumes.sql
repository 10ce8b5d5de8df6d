-- SPEC §2.3, §9: type and check every row of raw_file as a monthly volume.
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    gevinst_line AS line,
    coalesce(nullif(trim(org), ''), getvariable('default_org')) AS org,
    lower(nullif(trim(service), '')) AS service,
    lower(nullif(trim(channel), '')) AS channel,
    nullif(trim(period), '') AS period_raw,
    gevinst_month(nullif(trim(period), '')) AS period,
    nullif(trim(count), '') AS count_raw,
    gevinst_number(nullif(trim(count), '')) AS count_value
FROM raw_file;

CREATE OR REPLACE TEMP TABLE stage_rejects AS
SELECT line, 'service' AS column_name, NULL AS raw_value,
       'service is empty (required)' AS reason, 'required value missing' AS reason_kind
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
SELECT line, 'period', NULL, 'period is empty (required)', 'required value missing'
FROM stage WHERE period_raw IS NULL
UNION ALL
SELECT line, 'period', period_raw,
       format('period ''{}'' is not a month (expected YYYY-MM or MM.YYYY)', period_raw), 'not a month'
FROM stage WHERE period_raw IS NOT NULL AND period IS NULL
UNION ALL
SELECT line, 'count', NULL, 'count is empty (required)', 'required value missing'
FROM stage WHERE count_raw IS NULL
UNION ALL
SELECT line, 'count', count_raw,
       format('count ''{}'' is not a whole number of submissions (expected 0 or more)', count_raw), 'not a count'
FROM stage WHERE count_raw IS NOT NULL
  AND (count_value IS NULL OR count_value < 0 OR count_value <> floor(count_value) OR NOT isfinite(count_value));

-- Within one file the last line of a key wins.
INSERT INTO stage_rejects
SELECT line, 'period', period_raw,
       format('{} {} {} {} appears again on line {}; the later line is kept', org, service, channel, strftime(period, '%Y-%m'), last_line),
       'duplicate key in file'
FROM (
    SELECT s.line, s.org, s.service, s.channel, s.period, s.period_raw,
           max(s.line) OVER (PARTITION BY s.org, s.service, s.channel, s.period) AS last_line
    FROM stage s ANTI JOIN stage_rejects r ON r.line = s.line
)
WHERE line < last_line;
