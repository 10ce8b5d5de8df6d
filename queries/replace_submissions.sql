-- SPEC §2.1: a later import of the same key replaces the earlier values.
-- Runs inside the file's transaction, after the reject-share check.
DELETE FROM submissions s USING good g
WHERE s.org = g.org AND s.submission_id = g.submission_id;
