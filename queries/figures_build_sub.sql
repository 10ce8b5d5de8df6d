-- The scope's submissions (fig_s) into fig_sub as refresh
-- getvariable('fig_gen'), with the per-submission facts of §4 and their
-- case-linked minutes (fig_sums, figures_attribute.sql): a full or
-- partition refresh's (figures_build.sql), or a batch of new submissions
-- (figures_add_subs.sql).

-- §4 working time: every day from the scope's first receipt to its last
-- decision, whether it is a working day (Mon–Fri, not a holiday) and the
-- working days before it. A timestamp's place in working time is before ×
-- the office day plus the office minutes of its own day up to it, so the
-- working minutes between two timestamps are a difference of two lookups
-- (the same whatever day the count starts from).
CREATE OR REPLACE TEMP TABLE fig_workdays AS
WITH span AS (
    SELECT CAST(min(received_at) AS DATE) AS first,
           CAST(greatest(max(received_at), max(decided_at)) AS DATE) AS last
    FROM fig_s
), days AS (
    SELECT CAST(d AS DATE) AS day
    FROM span, range(CAST(span.first AS TIMESTAMP), CAST(span.last AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
    WHERE span.first IS NOT NULL
), w AS (
    SELECT day, isodow(day) < 6 AND day NOT IN (SELECT day FROM cfg_holidays) AS working FROM days
)
SELECT day, working,
       coalesce(sum(CAST(working AS INTEGER)) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
FROM w;

-- Each submission with its month, the per-submission facts of §4 and its
-- case-linked minutes and cost (its share of a shared case).
INSERT INTO fig_sub
SELECT
    s.org, s.service, s.channel, s.month,
    -- §4 lead time: the plain difference of two wall-clock values, in days.
    CASE WHEN s.decided_at IS NOT NULL
         THEN (epoch_us(s.decided_at) - epoch_us(s.received_at)) / 86400e6 END,
    -- §4 lead time in working days: office minutes between receipt and
    -- decision on working days, over the minutes of one office day.
    CASE WHEN s.decided_at IS NOT NULL
         THEN (gevinst_work_place(wd.before, wd.working, s.decided_at)
               - gevinst_work_place(wr.before, wr.working, s.received_at)) / gevinst_office_minutes() END,
    -- §4 after hours: weekend, holiday, or outside [office_start, office_end),
    -- unknown when the source gave a date without a time. 1 or 0 in one
    -- byte: avg() of these is the same share as of 1.0 and 0.0.
    CAST(CASE WHEN NOT s.received_time_known THEN NULL
         WHEN isodow(s.received_at) >= 6
           OR CAST(s.received_at AS DATE) IN (SELECT day FROM cfg_holidays)
           OR CAST(s.received_at AS TIME) < getvariable('office_start')
           OR CAST(s.received_at AS TIME) >= getvariable('office_end')
         THEN 1 ELSE 0 END AS UTINYINT),
    l.minutes, l.cost,
    sh.case_id,
    getvariable('fig_gen'),
    s.case_id
FROM fig_s s
LEFT JOIN (SELECT sid, minutes, cost FROM fig_sums WHERE by_sid) l ON l.sid = s.sid
LEFT JOIN fig_shared sh ON sh.org = s.org AND sh.case_id = s.case_id
LEFT JOIN fig_workdays wr ON wr.day = CAST(s.received_at AS DATE)
LEFT JOIN fig_workdays wd ON wd.day = CAST(s.decided_at AS DATE);
