-- 0002: named sources, xlsx sheets and pre-aggregated volumes (SPEC §2.3).

-- The source a batch came from (--source NAME; '' when none): replace-period
-- imports delete that source's earlier rows. sheet is set for xlsx files,
-- so a reject's line reads as a row of that sheet.
ALTER TABLE batches ADD COLUMN source VARCHAR DEFAULT '';
ALTER TABLE batches ADD COLUMN sheet VARCHAR;
ALTER TABLE batches ADD COLUMN format VARCHAR DEFAULT 'csv';

-- SPEC §2.3. Key (org, service, channel, period); a later batch replaces.
CREATE TABLE volumes (
    org       VARCHAR NOT NULL,
    service   VARCHAR NOT NULL,
    channel   VARCHAR NOT NULL,
    period    DATE NOT NULL,                 -- first day of the month
    count     BIGINT NOT NULL,
    batch_id  BIGINT NOT NULL
);
