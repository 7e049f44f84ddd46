-- Warrants as the source holds them: judicial warrants and, in the same table, civil
-- immigration detainers (I-247A) and administrative immigration warrants (I-200, I-205).
-- The latter are not criminal warrants and must never leave [P15, SPEC §4]: every read goes
-- through the view `criminal_warrant` below, never this table.
CREATE TABLE warrant (
  number text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ARREST', 'BENCH', 'CIVIL_IMMIGRATION_DETAINER', 'ADMINISTRATIVE_IMMIGRATION_WARRANT')),
  immigration boolean NOT NULL,
  -- DHS form of an immigration record (I-247A, I-200, I-205); null for a court's warrant.
  form text,
  status text NOT NULL CHECK (status IN ('ACTIVE', 'EXECUTED', 'VACATED')),
  issued_on date NOT NULL,
  -- The court (CRIMINAL, SUPREME, FAMILY) for judicial warrants; null for immigration records.
  court_kind text,
  issuing_authority text NOT NULL,
  county text,
  borough text,
  signed_by text NOT NULL,
  docket_number text,
  charges text[] NOT NULL DEFAULT '{}',
  subject_id text NOT NULL,
  subject_name_as_recorded text NOT NULL,
  subject_dob_as_recorded date,
  last_known_location_id text,
  extraditable boolean NOT NULL DEFAULT false,
  entered_at timestamptz NOT NULL,
  CHECK (immigration = (kind IN ('CIVIL_IMMIGRATION_DETAINER', 'ADMINISTRATIVE_IMMIGRATION_WARRANT'))),
  CHECK (immigration OR (court_kind IS NOT NULL AND county IS NOT NULL AND borough IS NOT NULL AND docket_number IS NOT NULL))
);

CREATE INDEX warrant_subject ON warrant (subject_id, issued_on DESC, number DESC);
CREATE INDEX warrant_issued ON warrant (issued_on DESC, number DESC);

-- The only relation the subgraph reads warrants from: judicial warrants, and only the columns
-- they have (no `form`, no `immigration`).
CREATE VIEW criminal_warrant AS
  SELECT number, kind, status, issued_on, court_kind, issuing_authority AS court_name, county, borough,
         signed_by AS judge, docket_number, charges, subject_id, subject_name_as_recorded,
         subject_dob_as_recorded, last_known_location_id, extraditable, entered_at
  FROM warrant
  WHERE kind IN ('ARREST', 'BENCH') AND NOT immigration;

CREATE TABLE order_of_protection (
  number text PRIMARY KEY,
  type text NOT NULL CHECK (type IN ('TEMPORARY', 'FINAL')),
  status text NOT NULL CHECK (status IN ('ACTIVE', 'EXPIRED', 'VACATED')),
  court_kind text NOT NULL,
  court_name text NOT NULL,
  county text NOT NULL,
  borough text NOT NULL,
  judge text NOT NULL,
  docket_number text NOT NULL,
  issued_on date NOT NULL,
  expires_on date NOT NULL,
  vacated_on date,
  respondent_id text NOT NULL,
  respondent_name_as_recorded text NOT NULL,
  protected_party_id text NOT NULL,
  protected_party_name_as_recorded text NOT NULL,
  -- Confidential: where the protected party lives.
  protected_party_location_id text,
  conditions text[] NOT NULL,
  firearms_surrendered boolean NOT NULL
);

CREATE INDEX order_of_protection_respondent ON order_of_protection (respondent_id);
CREATE INDEX order_of_protection_protected_party ON order_of_protection (protected_party_id);
CREATE INDEX order_of_protection_issued ON order_of_protection (issued_on DESC, number DESC);

CREATE TABLE stolen_property (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ARTICLE', 'VEHICLE', 'FIREARM')),
  reported_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('ACTIVE', 'RECOVERED', 'CANCELLED')),
  reporting_agency text NOT NULL,
  reporting_ori text NOT NULL,
  description text NOT NULL,
  serial_number text,
  vin text,
  complaint_number text,
  location_id text,
  CHECK ((kind = 'VEHICLE') = (vin IS NOT NULL)),
  CHECK ((kind = 'VEHICLE') = (serial_number IS NULL))
);

CREATE INDEX stolen_property_serial ON stolen_property (serial_number) WHERE serial_number IS NOT NULL;
CREATE INDEX stolen_property_vin ON stolen_property (vin) WHERE vin IS NOT NULL;
CREATE INDEX stolen_property_reported ON stolen_property (reported_on DESC, id DESC);
