-- A CSV file's line map (LineMap): created once per connection
-- (Engine.Register), emptied and filled by each import's read.
CREATE OR REPLACE TEMP TABLE line_blank (line BIGINT);
CREATE OR REPLACE TEMP TABLE line_extra (from_line BIGINT, lines BIGINT)
