-- The kept figures' state goes after an interrupted import or refresh
-- was rolled back at open (recover.go, with figures_clear_all.sql): the
-- next reader rebuilds them.
DELETE FROM figures_state;
