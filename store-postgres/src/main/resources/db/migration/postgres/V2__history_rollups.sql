-- The inserting transaction's 64-bit id orders history by commit for the rollups (see history_fold). Rows already
-- present get 0 without rewriting the table; new rows get their transaction's id.
ALTER TABLE history ADD COLUMN txid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE history ALTER COLUMN txid SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX history_by_txid ON history (txid);

-- Rollups of history per series: one row per cell of a minute, an hour or a day (width in microseconds, start_at a
-- multiple of it) with the count of instances, the count of numbers among them and the sum, minimum, maximum and sum
-- of squares of those numbers (null when there are none), and the last instant.
CREATE TABLE history_rollup (
    series_key BIGINT NOT NULL,
    width BIGINT NOT NULL,
    start_at BIGINT NOT NULL,
    instances BIGINT NOT NULL,
    numbers BIGINT NOT NULL,
    sum_value DOUBLE PRECISION,
    min_value DOUBLE PRECISION,
    max_value DOUBLE PRECISION,
    sumsq_value DOUBLE PRECISION,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (series_key, width, start_at)
);

-- The rollups hold exactly the history rows whose txid is below folded_to; the rows above are folded in the
-- background once no transaction that might still add rows below them is running.
CREATE TABLE history_fold (
    folded_to BIGINT NOT NULL
);
INSERT INTO history_fold (folded_to) VALUES (0);
