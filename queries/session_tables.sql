-- The configuration as tables (SetSession fills them); a CSV file's line
-- map is the engine's (engine/line_tables.sql).
CREATE OR REPLACE TEMP TABLE cfg_channels (channel VARCHAR, ord INTEGER, unit_cost DOUBLE);
-- The resolved hourly rates (config.Costs.RateSteps): org '' is the
-- common rate, valid on days valid_from ≤ d < valid_to.
CREATE OR REPLACE TEMP TABLE cfg_rates (role VARCHAR, org VARCHAR, valid_from DATE, valid_to DATE, rate DOUBLE);
-- org '' is the service's own settings; an org's row
-- (services.<code>.orgs) overrides what it sets (benefits.sql svc).
CREATE OR REPLACE TEMP TABLE cfg_services (service VARCHAR, org VARCHAR, window_from DATE, window_to DATE, cash_share DOUBLE, cash_from DATE);
CREATE OR REPLACE TEMP TABLE cfg_holidays (day DATE);
