-- Part of a CSV file's line map (table: line_blank or line_extra;
-- rows: VALUES tuples of integers).
INSERT INTO {{table}} VALUES {{rows}}
