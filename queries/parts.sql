-- Every registration's attributed parts (SPEC §3), written once per
-- attribution for the queries that need each part: quality, activities
-- and the small-cell employee counts. metrics.go runs it before those;
-- attribution.sql drops it when it rebuilds.
CREATE TEMP TABLE IF NOT EXISTS attributed AS
SELECT * FROM attribution_parts;

-- The parts with their place: a case-linked part's cell is its submission's.
CREATE OR REPLACE TEMP VIEW attributed_cells AS
SELECT a.reg, a.org, coalesce(s.service, a.service) AS service, coalesce(s.channel, a.channel) AS channel,
       coalesce(s.month, a.month) AS month, a.sid, a.minutes, a.rule, a.orphan
FROM attributed a LEFT JOIN sub s USING (sid);
