-- Each history row gets a stable id, the instanceId of the temporal API (clauses 5.6.15 and 5.6.16), so that one
-- instance can be modified or deleted. The rollups keep folding by txid.
ALTER TABLE history ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX history_by_id ON history (id);
