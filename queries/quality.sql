-- Attribution summary for data quality (SPEC §3 rule 4, §7 sheet 8) over
-- the reporting range and the org filter. Minutes are counted in the month
-- they were attributed to (the submission's month, or the work month):
-- case-linked minutes from the submissions' (sub), the others from
-- part_rules, which counts each registration once (registrations); both
-- are the kept figures (figures_views.sql).
WITH s AS (
    SELECT * FROM sub
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
      AND (getvariable('org') IS NULL OR org = getvariable('org'))
), p AS (
    SELECT coalesce(fsum(minutes) FILTER (WHERE rule IN (2, 3)), 0) AS pooled_minutes,
           coalesce(fsum(minutes) FILTER (WHERE rule = 4), 0) AS unattributed_minutes,
           CAST(coalesce(sum(registrations) FILTER (WHERE rule = 4), 0) AS BIGINT) AS unattributed_rows,
           CAST(coalesce(sum(registrations) FILTER (WHERE orphan), 0) AS BIGINT) AS orphan_rows,
           coalesce(fsum(minutes) FILTER (WHERE orphan), 0) AS orphan_minutes
    FROM part_rules
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
      AND (getvariable('org') IS NULL OR org = getvariable('org'))
), a AS (
    SELECT c.case_linked_minutes + p.pooled_minutes + p.unattributed_minutes AS total_minutes,
           c.case_linked_minutes, p.*
    FROM p, (SELECT coalesce(fsum(case_minutes), 0) AS case_linked_minutes FROM s) c
), v AS (
    SELECT * FROM vol
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
      AND (getvariable('org') IS NULL OR org = getvariable('org'))
)
SELECT
    a.total_minutes, a.case_linked_minutes, a.pooled_minutes, a.unattributed_minutes,
    a.unattributed_rows, a.orphan_rows, a.orphan_minutes,
    (SELECT count(*) FROM s) + (SELECT coalesce(sum(count), 0) FROM v WHERE NOT conflict) AS submissions,
    -- a submission is timed when it has case-linked minutes (sub)
    (SELECT count(case_minutes) FROM s) AS timed_submissions,
    (SELECT count(DISTINCT (org, shared_case)) FROM s WHERE shared_case IS NOT NULL) AS shared_case_ids,
    -- SPEC §2.3: volume counts used, and volume rows ignored because the
    -- cell has submission rows (conflicts)
    (SELECT coalesce(sum(count), 0) FROM v WHERE NOT conflict) AS volume_submissions,
    (SELECT count(*) FROM v WHERE conflict) AS volume_conflicts,
    (SELECT coalesce(sum(count), 0) FROM v WHERE conflict) AS volume_conflict_count
FROM a;
