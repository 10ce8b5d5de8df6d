-- One Arrow record batch (view: its registered view) into raw_file.
INSERT INTO raw_file SELECT * FROM {{view}}
