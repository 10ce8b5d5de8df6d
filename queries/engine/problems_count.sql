-- The records problems.sql read again, those flagged, and those staged.
SELECT (SELECT count(*) FROM flags), (SELECT count(*) FROM flags WHERE f), (SELECT count(*) FROM stage)
