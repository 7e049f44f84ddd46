-- [P12] A property invoice is sealed (or juvenile) with the arrest or complaint it was made on:
-- CPL 160.50 seals "all official records and papers relating to the arrest". Unknown counts as
-- sealed: rows loaded before this migration take their arrest's and complaint's flags below.
ALTER TABLE property_invoice ADD COLUMN sealed boolean NOT NULL DEFAULT true;
ALTER TABLE property_invoice ADD COLUMN juvenile boolean NOT NULL DEFAULT true;
UPDATE property_invoice p SET
  sealed = COALESCE((SELECT a.sealed FROM arrest a WHERE a.number = p.arrest_number), false)
        OR COALESCE((SELECT c.sealed FROM complaint c WHERE c.number = p.complaint_number), false),
  juvenile = COALESCE((SELECT a.juvenile FROM arrest a WHERE a.number = p.arrest_number), false)
        OR COALESCE((SELECT c.juvenile FROM complaint c WHERE c.number = p.complaint_number), false);
