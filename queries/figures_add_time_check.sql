-- Whether a batch of time registrations can be added to the kept figures
-- (figures_add_time.sql) instead of having its months rebuilt: when it
-- replaced no row (replaced, from the engine's replaced_*.sql). New
-- registrations change no other one's attribution (§3 depends on the
-- submissions alone).
SELECT NOT EXISTS (SELECT 1 FROM replaced);
