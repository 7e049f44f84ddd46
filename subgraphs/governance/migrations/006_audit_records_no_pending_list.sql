-- The index of records an answer released [P18], without GIN's pending list. With fast update
-- on (the default), inserts go to a list that the next insert past 4 MB merges into the index in
-- one go: on the embedded store that stalls the gateway writing the audit, and every answer in
-- flight, for up to 300 ms every few thousand events of a query that releases many records.
-- Inserted directly, an event of 38 records costs the same over 16,000 events (0.54 ms) and the
-- longest write is 16 ms. The options of an index on a partitioned table cannot be altered:
-- it is built again, for every month's partition, present and future.
DROP INDEX audit_event_records;
CREATE INDEX audit_event_records ON audit_event USING gin ((event -> 'records') jsonb_path_ops) WITH (fastupdate = off);
