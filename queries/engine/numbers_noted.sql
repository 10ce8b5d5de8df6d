-- The distinct number texts the fast import noted, trimmed as the staged
-- import reads them (minutes_raw).
SELECT DISTINCT gevinst_text(value) FROM probe WHERE part = 'number'
