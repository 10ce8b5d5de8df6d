-- Which of a time file's text columns its first getvariable('sample_rows')
-- records write clean (gevinst_is_clean: no space at either end, ASCII
-- only, and no capitals where the value is lower-cased): the fast import
-- then reads those columns as written (gevinst_text_as, import_time.sql),
-- and its notes check every value (queries/notes.go, cleanText); one value
-- that is not clean has the file loaded again with the general
-- expressions for that column. The columns in the order of timeTexts
-- (queries/notes.go) and of gevinst_note's arguments (fast_time.sql); org
-- as typed, the configured org where the file has none.
SELECT coalesce(bool_and(gevinst_is_clean(coalesce(nullif(org, ''), getvariable('default_org')), false)), true),
       coalesce(bool_and(gevinst_is_clean(registration_id, false)), true),
       coalesce(bool_and(gevinst_is_clean(employee, false)), true),
       coalesce(bool_and(gevinst_is_clean(role, true)), true),
       coalesce(bool_and(gevinst_is_clean(case_id, false)), true),
       coalesce(bool_and(gevinst_is_clean(service, true)), true),
       coalesce(bool_and(gevinst_is_clean(channel, true)), true),
       coalesce(bool_and(gevinst_is_clean(activity, true)), true)
FROM (SELECT * FROM mapped LIMIT getvariable('sample_rows'));
