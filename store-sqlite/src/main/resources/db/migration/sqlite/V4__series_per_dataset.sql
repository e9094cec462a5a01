-- Each instance of a multi-instance attribute (NGSI-LD clause 4.5.5) has a series of its own: the series key adds the
-- instance's datasetId, '' for the default instance (so that the unique key holds no NULL). Existing series are the
-- default instances. SQLite changes a table's constraints only by rebuilding it; keys are kept.
CREATE TABLE series_by_dataset (
    key INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    attr TEXT NOT NULL,
    dataset_id TEXT NOT NULL DEFAULT '',
    UNIQUE (tenant, entity_id, attr, dataset_id)
);
INSERT INTO series_by_dataset (key, tenant, entity_id, attr, dataset_id) SELECT key, tenant, entity_id, attr, '' FROM series;
DROP TABLE series;
ALTER TABLE series_by_dataset RENAME TO series;
