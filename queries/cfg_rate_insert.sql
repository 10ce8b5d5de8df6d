INSERT INTO cfg_rates VALUES (?, ?)
