-- A new batch id (a dry run takes none).
SELECT nextval('batch_id_seq')
