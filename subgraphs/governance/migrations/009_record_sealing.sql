-- [P12, P18] Which records the trail may name are sealed or juvenile, replicated from the record
-- systems (as the warrants subgraph replicates a complaint's sealing beside its reference): the
-- oversight API shows such a record's identifier, and the people it belongs to, only to a reader
-- whose own access would show the record. Only sealed or juvenile records are listed.
CREATE TABLE record_sealing (
  type text NOT NULL,
  id text NOT NULL,
  sealed boolean NOT NULL,
  juvenile boolean NOT NULL,
  -- The persons the record belongs to (arrestee, complaint parties, invoice owner).
  person_ids text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (type, id)
);
CREATE INDEX record_sealing_person ON record_sealing USING gin (person_ids);
-- A row here once record_sealing is filled: until then every identifier of a sealable type is
-- withheld from a reader who may not see sealed or juvenile records (fail closed).
CREATE TABLE record_sealing_loaded (
  loaded_at timestamptz NOT NULL DEFAULT now()
);
