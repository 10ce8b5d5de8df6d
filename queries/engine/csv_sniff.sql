-- The dialect and columns of a CSV file (path: QuoteLiteral;
-- options: the reader's options as literals).
SELECT Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows,
    to_json(list_transform(Columns, c -> c.name))::VARCHAR
FROM sniff_csv({{path}}, {{options}})
