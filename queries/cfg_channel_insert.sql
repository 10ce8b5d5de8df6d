INSERT INTO cfg_channels VALUES (?, ?, ?)
