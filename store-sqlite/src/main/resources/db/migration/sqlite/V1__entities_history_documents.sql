-- Current state: one row per entity; its key ties the index rows to it.
CREATE TABLE entity (
    key INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (tenant, id)
);

CREATE TABLE entity_type (
    entity_key INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    type TEXT NOT NULL,
    PRIMARY KEY (entity_key, type)
) WITHOUT ROWID;
CREATE INDEX entity_type_by_type ON entity_type (tenant, type, entity_key);

-- One row per comparable element of an attribute's value (kind 1 number, 2 boolean, 3 string, 4 other).
CREATE TABLE attr_index (
    entity_key INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    attr TEXT NOT NULL,
    kind INTEGER NOT NULL,
    num_value REAL,
    str_value TEXT,
    time_value INTEGER
);
CREATE INDEX attr_index_by_entity ON attr_index (entity_key, attr);
CREATE INDEX attr_index_by_number ON attr_index (tenant, attr, kind, num_value, entity_key);
CREATE INDEX attr_index_by_string ON attr_index (tenant, attr, str_value, entity_key) WHERE str_value IS NOT NULL;
CREATE INDEX attr_index_by_time ON attr_index (tenant, attr, time_value, entity_key) WHERE time_value IS NOT NULL;

-- One row per geo-property; geo_rtree holds its bounding box under the same key.
CREATE TABLE geo_index (
    gkey INTEGER PRIMARY KEY,
    entity_key INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    attr TEXT NOT NULL,
    wkb BLOB NOT NULL,
    min_x REAL NOT NULL,
    max_x REAL NOT NULL,
    min_y REAL NOT NULL,
    max_y REAL NOT NULL
);
CREATE INDEX geo_index_by_entity ON geo_index (entity_key, attr);
CREATE VIRTUAL TABLE geo_rtree USING rtree(id, min_x, max_x, min_y, max_y);
CREATE TRIGGER geo_index_inserted AFTER INSERT ON geo_index BEGIN
    INSERT INTO geo_rtree (id, min_x, max_x, min_y, max_y) VALUES (new.gkey, new.min_x, new.max_x, new.min_y, new.max_y);
END;
CREATE TRIGGER geo_index_deleted AFTER DELETE ON geo_index BEGIN
    DELETE FROM geo_rtree WHERE id = old.gkey;
END;

CREATE TABLE summary_count (
    tenant TEXT NOT NULL,
    type TEXT NOT NULL,
    attr TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (tenant, type, attr)
) WITHOUT ROWID;

-- History: a series per (tenant, entity, attribute), its instances by time.
CREATE TABLE series (
    key INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    attr TEXT NOT NULL,
    UNIQUE (tenant, entity_id, attr)
);

CREATE TABLE history (
    series_key INTEGER NOT NULL,
    at INTEGER NOT NULL,
    num_value REAL,
    str_value TEXT,
    body TEXT NOT NULL
);
CREATE INDEX history_by_series ON history (series_key, at);

CREATE TABLE document (
    seq INTEGER PRIMARY KEY,
    collection TEXT NOT NULL,
    tenant TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (collection, tenant, id)
);
CREATE INDEX document_by_seq ON document (collection, seq);
