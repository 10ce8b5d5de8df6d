-- Attribution summary for data quality (SPEC §3 rule 4, §7 sheet 8) over
-- the reporting range and the org filter. Minutes are counted in the month
-- they were attributed to (the submission's month, or the work month).
-- The parts are aggregated in one pass; lead marks one part of each
-- registration, so registrations are counted without count(DISTINCT).
WITH a AS (
    SELECT coalesce(fsum(minutes), 0) AS total_minutes,
           coalesce(fsum(minutes) FILTER (WHERE rule = 1), 0) AS case_linked_minutes,
           coalesce(fsum(minutes) FILTER (WHERE rule IN (2, 3)), 0) AS pooled_minutes,
           coalesce(fsum(minutes) FILTER (WHERE rule = 4), 0) AS unattributed_minutes,
           count(*) FILTER (WHERE rule = 4 AND lead) AS unattributed_rows,
           count(*) FILTER (WHERE orphan AND lead) AS orphan_rows,
           coalesce(fsum(minutes) FILTER (WHERE orphan), 0) AS orphan_minutes
    FROM attribution_parts
    WHERE cell_month BETWEEN getvariable('from_month') AND getvariable('to_month')
      AND (getvariable('org') IS NULL OR org = getvariable('org'))
), s AS (
    SELECT * FROM sub
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
      AND (getvariable('org') IS NULL OR org = getvariable('org'))
), v AS (
    SELECT * FROM vol
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
      AND (getvariable('org') IS NULL OR org = getvariable('org'))
)
SELECT
    a.total_minutes, a.case_linked_minutes, a.pooled_minutes, a.unattributed_minutes,
    a.unattributed_rows, a.orphan_rows, a.orphan_minutes,
    (SELECT count(*) FROM s) + (SELECT coalesce(sum(count), 0) FROM v WHERE NOT conflict) AS submissions,
    -- a submission is timed when it has case-linked minutes (sub, attribution.sql)
    (SELECT count(case_minutes) FROM s) AS timed_submissions,
    (SELECT count(*) FROM (
        SELECT DISTINCT org, case_id FROM submissions JOIN shared_cases USING (org, case_id)
        WHERE CAST(date_trunc('month', received_at) AS DATE) BETWEEN getvariable('from_month') AND getvariable('to_month')
          AND (getvariable('org') IS NULL OR org = getvariable('org')))) AS shared_case_ids,
    -- SPEC §2.3: volume counts used, and volume rows ignored because the
    -- cell has submission rows (conflicts)
    (SELECT coalesce(sum(count), 0) FROM v WHERE NOT conflict) AS volume_submissions,
    (SELECT count(*) FROM v WHERE conflict) AS volume_conflicts,
    (SELECT coalesce(sum(count), 0) FROM v WHERE conflict) AS volume_conflict_count
FROM a;
