-- Rollups of history per series: one row per cell of a minute, an hour or a day (width in microseconds, start_at a
-- multiple of it) with the count of instances, the count of numbers among them and the sum, minimum, maximum and sum
-- of squares of those numbers (null when there are none), and the last instant.
CREATE TABLE history_rollup (
    series_key INTEGER NOT NULL,
    width INTEGER NOT NULL,
    start_at INTEGER NOT NULL,
    instances INTEGER NOT NULL,
    numbers INTEGER NOT NULL,
    sum_value REAL,
    min_value REAL,
    max_value REAL,
    sumsq_value REAL,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (series_key, width, start_at)
) WITHOUT ROWID;

-- The rollups hold exactly the history rows whose rowid is below folded_to; the rows above are folded in the
-- background, oldest first. History already present is folded after the upgrade.
CREATE TABLE history_fold (
    folded_to INTEGER NOT NULL
);
INSERT INTO history_fold (folded_to) VALUES (0);
