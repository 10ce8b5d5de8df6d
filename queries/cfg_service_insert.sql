INSERT INTO cfg_services VALUES (?, ?, ?, ?)
