-- The first and last month of a refresh's partitions (figures_todo.sql),
-- or nulls when the batch changes none.
SELECT min(month), max(month) FROM fig_todo
