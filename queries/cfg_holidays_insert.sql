-- The closed days (? = comma-separated ISO dates).
INSERT INTO cfg_holidays
SELECT DISTINCT CAST(unnest(string_split(?, ',')) AS DATE)
