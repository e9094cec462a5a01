-- Each instance of a multi-instance attribute (NGSI-LD clause 4.5.5) has a series of its own: the series key adds the
-- instance's datasetId, '' for the default instance (so that the unique key holds no NULL). Existing series are the
-- default instances.
ALTER TABLE series ADD COLUMN dataset_id TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE series DROP CONSTRAINT series_tenant_entity_id_attr_key;
ALTER TABLE series ADD CONSTRAINT series_tenant_entity_id_attr_dataset_id_key UNIQUE (tenant, entity_id, attr, dataset_id);
