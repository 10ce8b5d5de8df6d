-- The checked rows less the rejected ones.
CREATE OR REPLACE TEMP VIEW good AS
SELECT c.* FROM checked c ANTI JOIN (SELECT DISTINCT rn FROM stage_rejects) r ON r.rn = c.rn
