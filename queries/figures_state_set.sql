-- A refresh's state: its gen, the batch it includes up to, the settings'
-- digest (parameters, in that order).
DELETE FROM figures_state;
INSERT INTO figures_state VALUES (?, ?, ?);
