-- Attribution summary for data quality (SPEC §3 rule 4, §7 sheet 8) over
-- the reporting range and the org filter. Minutes are counted in the month
-- they were attributed to (the submission's month, or the work month).
WITH a AS (
    SELECT * FROM attributed_cells
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
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
    (SELECT coalesce(fsum(minutes), 0) FROM a) AS total_minutes,
    (SELECT coalesce(fsum(minutes), 0) FROM a WHERE rule = 1) AS case_linked_minutes,
    (SELECT coalesce(fsum(minutes), 0) FROM a WHERE rule IN (2, 3)) AS pooled_minutes,
    (SELECT coalesce(fsum(minutes), 0) FROM a WHERE rule = 4) AS unattributed_minutes,
    (SELECT count(DISTINCT reg) FROM a WHERE rule = 4) AS unattributed_rows,
    (SELECT count(DISTINCT reg) FROM a WHERE orphan) AS orphan_rows,
    (SELECT coalesce(fsum(minutes), 0) FROM a WHERE orphan) AS orphan_minutes,
    (SELECT count(*) FROM s) + (SELECT coalesce(sum(count), 0) FROM v WHERE NOT conflict) AS submissions,
    (SELECT count(DISTINCT sid) FROM a WHERE rule = 1) AS timed_submissions,
    (SELECT count(*) FROM (
        SELECT DISTINCT org, case_id FROM submissions JOIN shared_cases USING (org, case_id)
        WHERE CAST(date_trunc('month', received_at) AS DATE) BETWEEN getvariable('from_month') AND getvariable('to_month')
          AND (getvariable('org') IS NULL OR org = getvariable('org')))) AS shared_case_ids,
    -- SPEC §2.3: volume counts used, and volume rows ignored because the
    -- cell has submission rows (conflicts)
    (SELECT coalesce(sum(count), 0) FROM v WHERE NOT conflict) AS volume_submissions,
    (SELECT count(*) FROM v WHERE conflict) AS volume_conflicts,
    (SELECT coalesce(sum(count), 0) FROM v WHERE conflict) AS volume_conflict_count;
