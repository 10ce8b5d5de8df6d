-- Per-connection helpers, created at Open (temporary: never stored in the file).
-- getvariable('time_zone') is set by SetSession before any import.

-- A text value as imported: trimmed (DuckDB's trim() drops Unicode space
-- separators: ' ', no-break space, em space ...), NULL when empty. trim()
-- is slow and nearly every value needs none: only a value that starts or
-- ends with a space, or has a character outside ASCII (where every other
-- space separator lies), goes through it.
CREATE OR REPLACE TEMP MACRO gevinst_text(x) AS
    nullif(CASE WHEN prefix(x, ' ') OR suffix(x, ' ') OR strlen(x) <> length(x) THEN trim(x) ELSE x END, '');

-- Whether gevinst_text(x) is x itself (or NULL for ''): no space at either
-- end and ASCII only; with lowered, lower(gevinst_text(x)) too (no
-- capital letters). The fast import's sample asks it of a time file's
-- text columns (clean_time.sql), and its notes ask the same of every row
-- (queries/notes.go, cleanText).
CREATE OR REPLACE TEMP MACRO gevinst_is_clean(x, lowered) AS
    x IS NULL OR (NOT prefix(x, ' ') AND NOT suffix(x, ' ') AND strlen(x) = length(x)
                  AND (NOT lowered OR lower(x) = x));

-- gevinst_text(x), or with clean (a constant: the fast import's guess,
-- import_time.sql) x itself: the trim tests and lower() were a third of
-- a time file's typing.
CREATE OR REPLACE TEMP MACRO gevinst_text_as(x, clean) AS
    CASE WHEN clean THEN nullif(x, '') ELSE gevinst_text(x) END;
CREATE OR REPLACE TEMP MACRO gevinst_lower_as(x, clean) AS
    CASE WHEN clean THEN nullif(x, '') ELSE lower(gevinst_text(x)) END;

-- An ISO 8601 timestamp that carries an offset or Z: after the date part,
-- a '+' or '-', or a final 'Z'. (String tests, not regular expressions:
-- this runs on every row of every import.)
CREATE OR REPLACE TEMP MACRO gevinst_has_offset(x) AS
    substr(x, 5, 1) = '-' AND length(x) > 10
    AND (contains(substr(x, 11), '+') OR contains(substr(x, 11), '-') OR suffix(x, 'Z') OR suffix(x, 'z'));

-- Exactly YYYY-MM-DD HH:MM:SS (or with T): the common case, which has no
-- offset and which the TIMESTAMP cast reads as written. (One anchored
-- pattern is cheaper than the offset tests; translate() is far slower.)
CREATE OR REPLACE TEMP MACRO gevinst_is_plain_iso(x) AS
    regexp_full_match(x, '\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}');

-- An ISO timestamp with an offset but without seconds (2008-12-31T14:05Z,
-- 14:05+01:00, 14:05+0100) with ':00' inserted after the minutes: the
-- TIMESTAMPTZ cast needs the seconds once an offset follows. String tests
-- only (the offset branch of gevinst_timestamp, on every such row); any
-- other text is returned as it is, for the cast to judge.
CREATE OR REPLACE TEMP MACRO gevinst_with_seconds(x) AS
    CASE WHEN substr(x, 14, 1) = ':' AND substr(x, 17, 1) IN ('+', '-', 'Z', 'z')
         THEN substr(x, 1, 16) || ':00' || substr(x, 17) ELSE x END;

-- Whether an offset gevinst_has_offset found is one a clock can have: Z,
-- or ±hh, ±hhmm, ±hh:mm with hours up to 14 (the world's zones span
-- -12:00 to +14:00) and minutes below 60. DuckDB's cast reads +0070 as 70
-- minutes and +25:00 as a day and an hour: a silently shifted time, where
-- the row should be rejected.
CREATE OR REPLACE TEMP MACRO gevinst_offset_ok(x) AS
    suffix(x, 'Z') OR suffix(x, 'z') OR regexp_matches(x, '[+-](0\d|1[0-4])(:?[0-5]\d)?$');

-- Whether a timestamp text has a time of day at all.
CREATE OR REPLACE TEMP MACRO gevinst_has_time(x) AS contains(x, ':');

-- SPEC §2.1 received_at: a value with an offset is converted to the
-- configured zone and kept as local wall-clock time (an offset no zone has
-- is no timestamp); one without is kept as written. Accepts ISO (YYYY-MM-DD, space or T, optional seconds and
-- fraction) and Norwegian DD.MM.YYYY[ HH:MM[:SS]].
CREATE OR REPLACE TEMP MACRO gevinst_timestamp(x) AS
    CASE
        WHEN gevinst_is_plain_iso(x) THEN TRY_CAST(x AS TIMESTAMP)
        WHEN gevinst_has_offset(x)
            THEN CASE WHEN gevinst_offset_ok(x)
                      THEN TRY_CAST(gevinst_with_seconds(x) AS TIMESTAMPTZ) AT TIME ZONE getvariable('time_zone') END
        WHEN substr(x, 5, 1) = '-'
            THEN TRY_CAST(x AS TIMESTAMP)
        ELSE try_strptime(x, ['%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y'])
    END;

-- A calendar date, ISO or DD.MM.YYYY.
CREATE OR REPLACE TEMP MACRO gevinst_date(x) AS
    CASE
        WHEN regexp_full_match(x, '\d{4}-\d{2}-\d{2}') THEN TRY_CAST(x AS DATE)
        ELSE CAST(try_strptime(x, '%d.%m.%Y') AS DATE)
    END;

-- The period label of a month at the grain chosen in getvariable('grain')
-- (SPEC §4): YYYY-MM, YYYY-Qn, YYYY, or the whole range "FROM..TO".
CREATE OR REPLACE TEMP MACRO gevinst_period(m) AS
    CASE getvariable('grain')
        WHEN 'month' THEN strftime(m, '%Y-%m')
        WHEN 'quarter' THEN strftime(m, '%Y') || '-Q' || quarter(m)
        WHEN 'year' THEN strftime(m, '%Y')
        ELSE strftime(getvariable('from_month'), '%Y-%m') || '..' || strftime(getvariable('to_month'), '%Y-%m')
    END;

-- The first month of the period that holds month m at the grain chosen
-- in getvariable('grain'): the period's key, labelled by gevinst_period
-- after grouping (one label per group, not one strftime per row).
CREATE OR REPLACE TEMP MACRO gevinst_period_start(m) AS
    CASE getvariable('grain')
        WHEN 'month' THEN m
        WHEN 'quarter' THEN CAST(date_trunc('quarter', m) AS DATE)
        WHEN 'year' THEN CAST(date_trunc('year', m) AS DATE)
        ELSE getvariable('from_month')
    END;

-- The bucket of a value in the buckets of 0005_fig_quant.sql:
-- about 8 buckets per unit of the square root (a bucket of a lead time of
-- 30 days is 1.4 days wide), sign kept, the top clamped. Every step is
-- monotone (IEEE square roots are correctly rounded), so a larger value
-- never falls into a smaller bucket: what the quantiles over buckets
-- (metrics.sql) rely on.
CREATE OR REPLACE TEMP MACRO gevinst_quant_bucket(v) AS
    CAST(floor(least(sqrt(abs(v)) * 8, 1e9)) * sign(v) AS INTEGER);

-- A number as written in the file, with the decimal separator of
-- getvariable('decimal'): 'comma' reads 1.234,5 and 12,5; 'point' reads
-- 1,234.5 and 12.5. Thousands marks must group by three after a first
-- group without a leading zero ("0,001" is no thousands), so a stray
-- separator ("1,5" read as point) is not a number instead of a wrong one.
-- Blanks (also non-breaking) are dropped. NULL if not a number.
CREATE OR REPLACE TEMP MACRO gevinst_blankless(x) AS replace(replace(x, ' ', ''), chr(160), '');

-- gevinst_number_as(x, comma) reads x with a decimal comma (true) or a
-- decimal point (false). Digits with an optional decimal part, the common
-- case on every row of an import, are cast after one simple pattern; the
-- rest goes through the full patterns. (No subquery inside: a macro's
-- subquery is planned as a join that carries every column of the import
-- through it.)
CREATE OR REPLACE TEMP MACRO gevinst_number_as(x, comma) AS
    CASE
        WHEN NOT comma AND regexp_full_match(x, '\d+(\.\d+)?') THEN TRY_CAST(x AS DOUBLE)
        WHEN comma AND regexp_full_match(x, '\d+(,\d+)?') THEN TRY_CAST(replace(x, ',', '.') AS DOUBLE)
        WHEN comma
             AND regexp_matches(gevinst_blankless(x), '^[+-]?(\d+|[1-9]\d{0,2}(\.\d{3})+)(,\d+)?$')
            THEN TRY_CAST(replace(replace(gevinst_blankless(x), '.', ''), ',', '.') AS DOUBLE)
        WHEN NOT comma
             AND regexp_matches(gevinst_blankless(x), '^[+-]?(\d+|[1-9]\d{0,2}(,\d{3})+)(\.\d+)?$')
            THEN TRY_CAST(replace(gevinst_blankless(x), ',', '') AS DOUBLE)
    END;


-- A number of minutes as written in the minutes column: as it is, or for
-- a source in hours (minutes_factor 60) converted and rounded to 1/1000
-- minute, so that 1.5083333 hours is 90.5 minutes, not 90.49999999999999
-- (docs/decisions.md). Clock spans are rounded the same way (import_time.sql).
CREATE OR REPLACE TEMP MACRO gevinst_converted(x) AS
    CASE WHEN getvariable('minutes_factor') = 1 THEN x ELSE round(x * getvariable('minutes_factor'), 3) END;

-- Minutes between two clock readings, each a time of day (HH:MM[:SS],
-- also HH.MM) or a timestamp; NULL when either cannot be read.
CREATE OR REPLACE TEMP MACRO gevinst_clock(x) AS
    coalesce(
        epoch(TRY_CAST(replace(x, '.', ':') AS TIME)) / 60,
        epoch(gevinst_timestamp(x)) / 60);

-- A month as written in a volumes file: YYYY-MM, MM.YYYY, or any date of it.
CREATE OR REPLACE TEMP MACRO gevinst_month(x) AS
    CAST(date_trunc('month', coalesce(
        try_strptime(x, '%Y-%m'),
        try_strptime(x, '%m.%Y'),
        try_strptime(x, '%Y%m'),
        CAST(gevinst_date(x) AS TIMESTAMP))) AS DATE);

-- SPEC §5 uncertainty: the standard error of a mean, s / √n, from the
-- count n, fsum(x) and fsum(x * x) of the values (NULL when n < 2). Not
-- stddev_samp: DuckDB merges its parallel states in no fixed order, and
-- over 3 M values its result moved by about 1e-14 relative from run to
-- run; these compensated sums move by about 1e-16. A variance below 1e-13
-- of the mean square is rounding left over from equal values: 0.
CREATE OR REPLACE TEMP MACRO gevinst_se(n, s1, s2) AS
    CASE WHEN n >= 2 THEN
        sqrt(CASE WHEN s2 - s1 * s1 / n <= 1e-13 * s2 THEN 0 ELSE (s2 - s1 * s1 / n) / (n - 1) END) / sqrt(n)
    END;

-- SPEC §2.1, §9: whether a typed submission row has a problem that rejects
-- it (check_submissions.sql spells each one out; the fast import filters
-- on it). NULL counts as no problem: decided_at < received_at is NULL when
-- there is no decision. unmapped: the values a value map lacks (JSON text,
-- NULL when none; check_unmapped.sql).
CREATE OR REPLACE TEMP MACRO gevinst_submission_bad(submission_id, service, channel, received_at, decided_raw, decided_at, unmapped) AS
    coalesce(submission_id IS NULL OR service IS NULL OR channel IS NULL OR unmapped IS NOT NULL
             OR NOT list_contains(getvariable('channels'), channel)
             OR received_at IS NULL OR (decided_raw IS NOT NULL AND decided_at IS NULL)
             OR decided_at < received_at, false);

-- SPEC §2.2, §9: the same for a typed time registration (check_time.sql).
CREATE OR REPLACE TEMP MACRO gevinst_time_bad(employee_raw, role, work_date, minutes_raw, minutes, channel, unmapped) AS
    coalesce(employee_raw IS NULL OR role IS NULL OR work_date IS NULL OR minutes_raw IS NULL OR unmapped IS NOT NULL
             OR minutes IS NULL OR NOT isfinite(minutes) OR minutes <= 0 OR minutes > 1440
             OR (channel IS NOT NULL AND NOT list_contains(getvariable('channels'), channel)), false);

-- The fast import's repeated keys (repeated_keys.sql) as a bitmap of their
-- 64-bit hashes: gevinst_repeat_slots(n) bits for n keys (1024 a key, at
-- least 65536, at most 128 Mi), gevinst_repeat_bits(h) the aggregate
-- that sets them, gevinst_repeated(h) whether h's bit is set.
CREATE OR REPLACE TEMP MACRO gevinst_repeat_slots(n) AS greatest(65536, least(134217728, 1024 * n))::BIGINT;
CREATE OR REPLACE TEMP MACRO gevinst_repeat_bits(h) AS
    bitstring_agg((h % getvariable('repeat_slots'))::BIGINT, 0, getvariable('repeat_slots') - 1);
-- (Without repeated keys the bitmap is NULL and the test folds to false:
-- no hash is computed.)
CREATE OR REPLACE TEMP MACRO gevinst_repeated(h) AS
    getvariable('repeat_bits') IS NOT NULL
    AND coalesce(get_bit(getvariable('repeat_bits'), (h % getvariable('repeat_slots'))::INTEGER) = 1, false);

-- §4 working time: minutes since midnight of a time of day.
CREATE OR REPLACE TEMP MACRO gevinst_clock_minutes(t) AS
    epoch(DATE '1970-01-01' + CAST(t AS TIME)) / 60;

-- The minutes of one office day.
CREATE OR REPLACE TEMP MACRO gevinst_office_minutes() AS
    gevinst_clock_minutes(getvariable('office_end')) - gevinst_clock_minutes(getvariable('office_start'));

-- A timestamp's place in working time, in minutes: the office days before
-- its day (before, from workdays in attribution.sql) plus, on a working
-- day, the office minutes of that day up to it (0 before office hours,
-- the whole day after them).
CREATE OR REPLACE TEMP MACRO gevinst_work_place(before, working, ts) AS
    before * gevinst_office_minutes()
    + CASE WHEN working
           THEN least(greatest(gevinst_clock_minutes(ts) - gevinst_clock_minutes(getvariable('office_start')), 0),
                      gevinst_office_minutes())
           ELSE 0 END;
