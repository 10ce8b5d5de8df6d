-- The (org, month) partitions an import's rows can change (fig_changed,
-- figures_changed_*.sql), whose kept figures figures_build.sql recomputes:
--   the changed rows' own partitions (their cells, and rule 3's weights
--   for the pooled minutes of those months);
--   the months of every submission carrying a changed case id (its case
--   count and case minutes change);
--   the work months of every registration carrying a changed case id (it
--   can turn from pooled or orphan to case-linked, and back).
CREATE OR REPLACE TEMP TABLE fig_dirty_cases AS
SELECT DISTINCT org, case_id FROM fig_changed WHERE case_id IS NOT NULL;

CREATE OR REPLACE TEMP TABLE fig_todo AS
SELECT DISTINCT org, month FROM (
    SELECT org, month FROM fig_changed
    UNION ALL
    SELECT s.org, CAST(date_trunc('month', s.received_at) AS DATE)
    FROM submissions s SEMI JOIN fig_dirty_cases c ON c.org = s.org AND c.case_id = s.case_id
    UNION ALL
    SELECT t.org, CAST(date_trunc('month', t.work_date) AS DATE)
    FROM time_registrations t SEMI JOIN fig_dirty_cases c ON c.org = t.org AND c.case_id = t.case_id
);
