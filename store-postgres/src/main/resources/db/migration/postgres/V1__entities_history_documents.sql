CREATE EXTENSION IF NOT EXISTS postgis;

-- Text compares by bytes (COLLATE "C"): ids order and q string comparisons then agree with Java, as in SQLite.

-- Current state: one row per entity; its key ties the index rows to it.
CREATE TABLE entity (
    key BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant TEXT COLLATE "C" NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (tenant, id)
);

CREATE TABLE entity_type (
    entity_key BIGINT NOT NULL,
    tenant TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entity_key, type)
);
CREATE INDEX entity_type_by_type ON entity_type (tenant, type, entity_key);

-- One row per comparable element of an attribute's value (kind 1 number, 2 boolean, 3 string, 4 other).
CREATE TABLE attr_index (
    entity_key BIGINT NOT NULL,
    tenant TEXT COLLATE "C" NOT NULL,
    attr TEXT COLLATE "C" NOT NULL,
    kind SMALLINT NOT NULL,
    num_value DOUBLE PRECISION,
    str_value TEXT COLLATE "C",
    time_value BIGINT
);
CREATE INDEX attr_index_by_entity ON attr_index (entity_key, attr);
CREATE INDEX attr_index_by_number ON attr_index (tenant, attr, kind, num_value, entity_key);
CREATE INDEX attr_index_by_string ON attr_index (tenant, attr, str_value, entity_key) WHERE str_value IS NOT NULL;
CREATE INDEX attr_index_by_time ON attr_index (tenant, attr, time_value, entity_key) WHERE time_value IS NOT NULL;

-- One row per geo-property, its 2D geometry under a GiST index.
CREATE TABLE geo_index (
    entity_key BIGINT NOT NULL,
    tenant TEXT COLLATE "C" NOT NULL,
    attr TEXT COLLATE "C" NOT NULL,
    geom geometry(Geometry, 4326) NOT NULL
);
CREATE INDEX geo_index_by_entity ON geo_index (entity_key, attr);
CREATE INDEX geo_index_by_geometry ON geo_index USING GIST (geom);

CREATE TABLE summary_count (
    tenant TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    attr TEXT COLLATE "C" NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (tenant, type, attr)
);

-- History: a series per (tenant, entity, attribute), its instances by time (microseconds since the epoch).
CREATE TABLE series (
    key BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    attr TEXT COLLATE "C" NOT NULL,
    UNIQUE (tenant, entity_id, attr)
);

CREATE TABLE history (
    series_key BIGINT NOT NULL,
    at BIGINT NOT NULL,
    num_value DOUBLE PRECISION,
    str_value TEXT,
    body TEXT NOT NULL
);
CREATE INDEX history_by_series ON history (series_key, at);

CREATE TABLE document (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collection TEXT COLLATE "C" NOT NULL,
    tenant TEXT COLLATE "C" NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (collection, tenant, id)
);
CREATE INDEX document_by_seq ON document (collection, seq);
