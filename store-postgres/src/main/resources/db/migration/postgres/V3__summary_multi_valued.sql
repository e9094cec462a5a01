-- On the rows ('', attr): how many of the entities carrying the attribute leave more than one attr_index row for it
-- (an array of distinct elements). While none does, q terms on the attribute merge into one index range.
ALTER TABLE summary_count ADD COLUMN multi_valued BIGINT NOT NULL DEFAULT 0;

UPDATE summary_count SET multi_valued = (
    SELECT COUNT(*) FROM (
        SELECT a.entity_key FROM attr_index a
        WHERE a.tenant = summary_count.tenant AND a.attr = summary_count.attr
        GROUP BY a.entity_key HAVING COUNT(*) > 1) AS several)
WHERE type = '';
