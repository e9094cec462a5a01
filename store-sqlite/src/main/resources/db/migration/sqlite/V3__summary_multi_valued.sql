-- On the rows ('', attr): how many of the entities carrying the attribute leave more than one attr_index row for it
-- (an array of distinct elements). While none does, q terms on the attribute merge into one index range.
ALTER TABLE summary_count ADD COLUMN multi_valued INTEGER NOT NULL DEFAULT 0;

UPDATE summary_count SET multi_valued = (
    SELECT COUNT(*) FROM (
        SELECT a.entity_key FROM attr_index a
        WHERE a.tenant = summary_count.tenant AND a.attr = summary_count.attr
        GROUP BY a.entity_key HAVING COUNT(*) > 1))
WHERE type = '';

-- Planner statistics from here on, which the store refreshes as the data grows. A table or index that was empty
-- when analysed gets none: statistics that call it empty would have the planner scan it rather than look rows up,
-- long after it has filled (a read connection keeps the statistics it loaded).
PRAGMA analysis_limit = 1000;
ANALYZE;
DELETE FROM sqlite_stat1 WHERE stat = '0' OR stat LIKE '0 %';
