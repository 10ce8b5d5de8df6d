-- The channel list as a variable, for row checks that must not join.
SET VARIABLE channels = (SELECT coalesce(list(channel ORDER BY ord), []::VARCHAR[]) FROM cfg_channels)
