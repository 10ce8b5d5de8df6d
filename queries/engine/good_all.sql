-- No staged row was rejected: every checked row is good.
CREATE OR REPLACE TEMP VIEW good AS SELECT * FROM checked
