-- 0001: the core tables (SPEC §2.1, §2.2, §9). Applied once, in a transaction,
-- by Migrate; later changes go in 0002_*.sql and so on, never by editing this.

CREATE SEQUENCE batch_id_seq START 1;

-- One row per imported (or refused) file.
CREATE TABLE batches (
    batch_id      BIGINT PRIMARY KEY,
    kind          VARCHAR NOT NULL,          -- submissions | time
    file_name     VARCHAR NOT NULL,          -- as given on the command line
    sha256        VARCHAR NOT NULL,          -- of the file's bytes
    rows_read     BIGINT NOT NULL,
    rows_loaded   BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    rows_replaced BIGINT NOT NULL,
    status        VARCHAR NOT NULL,          -- loaded | refused
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP NOT NULL
);

-- SPEC §2.1. Key (org, submission_id); a later batch replaces earlier values.
CREATE TABLE submissions (
    org           VARCHAR NOT NULL,
    submission_id VARCHAR NOT NULL,
    service       VARCHAR NOT NULL,
    channel       VARCHAR NOT NULL,
    received_at   TIMESTAMP NOT NULL,        -- local wall-clock time
    received_time_known BOOLEAN NOT NULL,    -- false when the source gave a date only
    decided_at    TIMESTAMP,                 -- local wall-clock time
    case_id       VARCHAR,
    batch_id      BIGINT NOT NULL
);

-- SPEC §2.2. employee holds the keyed pseudonym, never the raw id (§8).
CREATE TABLE time_registrations (
    org             VARCHAR NOT NULL,
    registration_id VARCHAR,
    employee        VARCHAR NOT NULL,
    role            VARCHAR NOT NULL,
    work_date       DATE NOT NULL,
    minutes         DOUBLE NOT NULL,
    case_id         VARCHAR,
    service         VARCHAR,
    channel         VARCHAR,
    activity        VARCHAR,
    batch_id        BIGINT NOT NULL
);

-- SPEC §9: every rejected row keeps where it was and why.
CREATE TABLE rejects (
    batch_id    BIGINT NOT NULL,
    line        BIGINT NOT NULL,             -- line in the file, header = 1
    column_name VARCHAR NOT NULL,
    raw_value   VARCHAR,
    reason      VARCHAR NOT NULL,
    reason_kind VARCHAR NOT NULL             -- the reason without the value, for grouping
);
