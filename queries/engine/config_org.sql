-- The configured org (rows without one, no constant in the mapping).
SELECT getvariable('config_org')
