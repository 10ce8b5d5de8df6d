-- A relation's columns (relation: a quoted table or a reader's call).
SELECT * FROM {{relation}} LIMIT 0
