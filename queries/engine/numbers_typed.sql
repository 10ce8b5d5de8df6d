-- Every distinct minutes text of the file (more than were noted).
SELECT DISTINCT gevinst_text(probe_minutes) FROM typed
