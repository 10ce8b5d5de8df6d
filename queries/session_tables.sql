-- The configuration as tables (SetSession fills them), and a CSV file's
-- line map (LineMap), filled by each import's read.
CREATE OR REPLACE TEMP TABLE cfg_channels (channel VARCHAR, ord INTEGER, unit_cost DOUBLE);
CREATE OR REPLACE TEMP TABLE cfg_rates (role VARCHAR, rate DOUBLE);
CREATE OR REPLACE TEMP TABLE cfg_services (service VARCHAR, window_from DATE, window_to DATE, cash_share DOUBLE);
CREATE OR REPLACE TEMP TABLE cfg_holidays (day DATE);
CREATE OR REPLACE TEMP TABLE line_blank (line BIGINT);
CREATE OR REPLACE TEMP TABLE line_extra (from_line BIGINT, lines BIGINT)
