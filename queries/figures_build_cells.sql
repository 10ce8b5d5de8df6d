-- The scope's month cells for a full or partition refresh (figures.go;
-- the scope is figures_scope_{all,part}.sql's fig_s, fig_v, fig_c, fig_t):
-- their submissions, their volumes (written into fig_vol) and the rule 3
-- weights figures_attribute.sql spreads pooled minutes by.

-- Submissions and decided per month cell.
CREATE OR REPLACE TEMP TABLE fig_sub_cells AS
SELECT org, service, channel, month, count(*) AS n, count(decided_at) AS decided
FROM fig_s GROUP BY ALL;

-- SPEC §2.3: monthly volumes count as submissions without times, except
-- in a cell that also has submission rows: those win, and the volume row
-- is a conflict shown in data quality.
INSERT INTO fig_vol
SELECT v.org, v.service, v.channel, v.month, v.count,
       EXISTS (SELECT 1 FROM fig_sub_cells s WHERE s.org = v.org AND s.service = v.service
                 AND s.channel = v.channel AND s.month = v.month) AS conflict,
       getvariable('fig_gen')
FROM fig_v v;

-- Rule 3 weights: each channel's submissions in the service's month.
-- lead marks one channel per month, so that one part per registration
-- carries it (counting registrations without count(DISTINCT reg)).
CREATE OR REPLACE TEMP TABLE fig_weights AS
SELECT org, service, month, channel, CAST(sum(n) AS DOUBLE) AS n,
       CAST(sum(sum(n)) OVER (PARTITION BY org, service, month) AS DOUBLE) AS total,
       row_number() OVER (PARTITION BY org, service, month ORDER BY channel) = 1 AS lead
FROM (SELECT org, service, month, channel, n FROM fig_sub_cells
      UNION ALL
      SELECT org, service, month, channel, count FROM fig_vol
      WHERE gen = getvariable('fig_gen') AND NOT conflict)
GROUP BY org, service, month, channel
HAVING sum(n) > 0;
