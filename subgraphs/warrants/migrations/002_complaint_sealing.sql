-- [P12] The department's complaint a stolen property entry refers to travels with its sealing:
-- this subgraph applies the complaint owner's record rules (SEALED, JUVENILE) to the reference
-- before the planner may answer its key from here. Unknown counts as sealed: rows loaded before
-- this migration keep their complaint hidden until the store is seeded again.
ALTER TABLE stolen_property ADD COLUMN complaint_sealed boolean NOT NULL DEFAULT true;
ALTER TABLE stolen_property ADD COLUMN complaint_juvenile boolean NOT NULL DEFAULT true;
