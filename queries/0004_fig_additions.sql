-- What adding a batch to the kept figures (figures_add_*.sql) reads
-- instead of the raw rows: every submission's case id in fig_sub (an
-- import of new time registrations adds their minutes to the submissions
-- of their case ids), and the case ids registrations carry that no
-- submission does (whether a batch of new submissions adopts an orphan).
-- The figures 0003 kept have neither: they are forgotten here, and the
-- next reader builds them again (figures.go, ensureFigures).
ALTER TABLE fig_sub ADD COLUMN case_id VARCHAR;

CREATE TABLE fig_orphans (
    org     VARCHAR NOT NULL,
    case_id VARCHAR NOT NULL,
    month   DATE NOT NULL,          -- of the registrations' work_date
    gen     BIGINT NOT NULL
);

DELETE FROM figures_state;
