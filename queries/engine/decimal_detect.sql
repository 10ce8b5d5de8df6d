-- The decimal separator of the distinct number texts distinct (a
-- numbers_*.sql query): how many say comma, point, or either, with one
-- example of each.
SELECT
    count(*) FILTER (WHERE c), count(*) FILTER (WHERE p), count(*) FILTER (WHERE u),
    min(v) FILTER (WHERE c), min(v) FILTER (WHERE p), min(v) FILTER (WHERE u)
FROM (SELECT v,
    regexp_matches(v, '^[+-]?\d+,\d+$') OR regexp_matches(v, '^[+-]?[1-9]\d{0,2}(\.\d{3})+,\d+$') AS c,
    (regexp_matches(v, '^[+-]?\d*\.\d+$') AND NOT regexp_matches(v, '^[+-]?[1-9]\d{0,2}\.\d{3}$'))
        OR regexp_matches(v, '^[+-]?[1-9]\d{0,2}(,\d{3})+\.\d+$') AS p,
    regexp_matches(v, '^[+-]?[1-9]\d{0,2}\.\d{3}$') AS u
    FROM ({{distinct}}) d(v))
