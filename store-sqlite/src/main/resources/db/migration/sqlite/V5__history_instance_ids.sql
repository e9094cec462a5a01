-- Each history row gets a stable id, the instanceId of the temporal API (clauses 5.6.15 and 5.6.16), so that one
-- instance can be modified or deleted. The id is the row's rowid, which the rollups' fold order already uses: the
-- rebuild keeps them, and AUTOINCREMENT keeps a deleted row's id from being given to a later row (which would fall
-- below the fold watermark and never be folded).
CREATE TABLE history_with_id (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    series_key INTEGER NOT NULL,
    at INTEGER NOT NULL,
    num_value REAL,
    str_value TEXT,
    body TEXT NOT NULL
);
INSERT INTO history_with_id (id, series_key, at, num_value, str_value, body) SELECT rowid, series_key, at, num_value, str_value, body FROM history;
DROP TABLE history;
ALTER TABLE history_with_id RENAME TO history;
CREATE INDEX history_by_series ON history (series_key, at);
