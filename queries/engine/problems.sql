-- The fast import found rows with a problem (a load short of the count, a
-- repeated key, or a validation): stage them, with their lines, for the
-- kind's checks. Two more reads of the file, each keeping its order:
-- flags numbers every record (rowid less getvariable('flags_base') is its
-- record number, 0-based); stage holds the typed rows with a problem, in
-- the same order, without the columns only the probe reads (probe_*), as
-- the staged import's stage. problem_lines.sql pairs them up.
CREATE OR REPLACE TEMP TABLE flags AS SELECT gevinst_problem AS f FROM flagged;

CREATE OR REPLACE TEMP TABLE stage AS
SELECT COLUMNS(c -> c <> 'gevinst_problem' AND NOT starts_with(c, 'probe_')) FROM flagged WHERE gevinst_problem;
