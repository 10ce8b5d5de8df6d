-- Whether the fast load's notes found a repeated key.
SELECT EXISTS (SELECT 1 FROM probe WHERE part = 'key')
