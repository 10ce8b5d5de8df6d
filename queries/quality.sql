-- Attribution summary for data quality (SPEC §3 rule 4, §7 sheet 8) over
-- the reporting range and the org filter. Minutes are counted in the month
-- they were attributed to (the submission's month, or the work month):
-- case-linked minutes from the month cells' sums of the submissions'
-- (fig_sub_month), the others from part_rules, which counts each
-- registration once (registrations); all are the kept figures
-- (figures_views.sql). Only the shared case ids read per-submission rows.
WITH m AS (
    -- the timed submissions and their case minutes, kept per month cell
    SELECT coalesce(fsum(case_sum), 0) AS case_linked_minutes,
           CAST(coalesce(sum(timed_submissions), 0) AS BIGINT) AS timed_submissions
    FROM fig_sub_month
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
    SELECT m.case_linked_minutes + p.pooled_minutes + p.unattributed_minutes AS total_minutes,
           m.case_linked_minutes, m.timed_submissions, p.*
    FROM p, m
), v AS (
    SELECT * FROM vol
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
      AND (getvariable('org') IS NULL OR org = getvariable('org'))
)
SELECT
    a.total_minutes, a.case_linked_minutes, a.pooled_minutes, a.unattributed_minutes,
    a.unattributed_rows, a.orphan_rows, a.orphan_minutes,
    -- submission rows and the volume counts used (cells_m's sum of both)
    (SELECT coalesce(sum(submissions), 0) FROM cells_m
     WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
       AND (getvariable('org') IS NULL OR org = getvariable('org'))) AS submissions,
    -- a submission is timed when it has case-linked minutes (sub)
    a.timed_submissions,
    -- a case id is counted once, whatever the months of its submissions;
    -- only shared ones are kept in sub, so this reads few rows
    (SELECT count(DISTINCT (org, shared_case)) FROM sub
     WHERE shared_case IS NOT NULL
       AND month BETWEEN getvariable('from_month') AND getvariable('to_month')
       AND (getvariable('org') IS NULL OR org = getvariable('org'))) AS shared_case_ids,
    -- SPEC §2.3: volume counts used, and volume rows ignored because the
    -- cell has submission rows (conflicts)
    (SELECT coalesce(sum(count), 0) FROM v WHERE NOT conflict) AS volume_submissions,
    (SELECT count(*) FROM v WHERE conflict) AS volume_conflicts,
    (SELECT coalesce(sum(count), 0) FROM v WHERE conflict) AS volume_conflict_count
FROM a;
