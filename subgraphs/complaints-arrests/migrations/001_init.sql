-- complaints-arrests: the master person index, locations, vehicles and property items, and the
-- department's complaints, arrests, collisions and property invoices [P1].
-- No foreign keys: the tables are loaded in bulk from generators that keep every reference
-- whole, and the source is read-only once loaded [P4].

CREATE TABLE person (
  id text PRIMARY KEY,
  first_name text NOT NULL,
  middle_name text,
  last_name text NOT NULL,
  full_name text NOT NULL,
  date_of_birth date,
  sex text NOT NULL CHECK (sex IN ('M', 'F', 'X')),
  race text,
  height_inches integer,
  weight_pounds integer,
  eye_color text,
  hair_color text,
  identifying_marks text[] NOT NULL DEFAULT '{}',
  nysid text,
  phone text,
  home_location_id text,
  place_of_birth text,
  citizenship_status text,
  alien_registration_number text
);

-- Every name on file for a person, normalized (upper case, no accents or punctuation, single
-- spaces). The date of birth is copied here so a search narrowed to one day reads a few rows.
CREATE TABLE person_name (
  person_id text NOT NULL,
  normalized text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('PRIMARY', 'ALIAS', 'VARIANT')),
  date_of_birth date,
  PRIMARY KEY (person_id, normalized)
);
-- Reaches the persons bearing a name; with person_id in the key, counting them reads only the index.
CREATE INDEX person_name_normalized ON person_name (normalized, person_id);
CREATE INDEX person_name_date_of_birth ON person_name (date_of_birth);

-- Each distinct normalized name once, with how many persons bear it: many persons share a
-- name, so the trigram search scores a third as many rows here, and knows how far down the
-- ranking it must read to fill a page before reaching the persons through person_name_normalized.
CREATE TABLE name_form (
  normalized text PRIMARY KEY,
  persons integer NOT NULL
);
CREATE INDEX name_form_trigram ON name_form USING gin (normalized gin_trgm_ops);

CREATE TABLE location (
  id text PRIMARY KEY,
  house_number text,
  street text NOT NULL,
  borough text NOT NULL,
  precinct integer NOT NULL,
  zip_code text,
  latitude double precision,
  longitude double precision,
  premise_type text
);

CREATE TABLE vehicle (
  vin text PRIMARY KEY,
  plate text,
  plate_state text,
  make text,
  model text,
  year integer,
  color text,
  body_type text
);

CREATE TABLE property_item (
  serial_number text PRIMARY KEY,
  category text,
  make text,
  model text,
  description text
);

CREATE TABLE complaint (
  number text PRIMARY KEY,
  reported_at timestamptz NOT NULL,
  occurred_at timestamptz NOT NULL,
  law_code text NOT NULL,
  law_category text NOT NULL,
  status text NOT NULL,
  borough text NOT NULL,
  precinct integer NOT NULL,
  location_id text NOT NULL,
  premise_type text,
  juvenile boolean NOT NULL,
  sealed boolean NOT NULL,
  sealing_statute text
);
-- Lists are newest first with keyset pages on (reported_at, number); each common filter has its own path.
CREATE INDEX complaint_newest ON complaint (reported_at DESC, number DESC);
CREATE INDEX complaint_borough_newest ON complaint (borough, reported_at DESC, number DESC);
CREATE INDEX complaint_precinct_newest ON complaint (precinct, reported_at DESC, number DESC);
CREATE INDEX complaint_law_code_newest ON complaint (law_code, reported_at DESC, number DESC);
CREATE INDEX complaint_location_newest ON complaint (location_id, reported_at DESC);

CREATE TABLE complaint_party (
  complaint_number text NOT NULL,
  position integer NOT NULL,
  role text NOT NULL CHECK (role IN ('SUSPECT', 'VICTIM')),
  person_id text,
  name_as_recorded text NOT NULL,
  PRIMARY KEY (complaint_number, position)
);
CREATE INDEX complaint_party_person ON complaint_party (person_id);

CREATE TABLE arrest (
  number text PRIMARY KEY,
  arrested_at timestamptz NOT NULL,
  person_id text NOT NULL,
  name_as_recorded text NOT NULL,
  nysid text,
  -- Law codes, top charge first; the top charge's code and category are copied out for filters.
  charges text[] NOT NULL,
  top_law_code text NOT NULL,
  top_category text NOT NULL,
  officer_tax_id text NOT NULL,
  officer_name text NOT NULL,
  officer_rank text NOT NULL,
  officer_command text NOT NULL,
  command text NOT NULL,
  borough text NOT NULL,
  precinct integer NOT NULL,
  location_id text NOT NULL,
  complaint_number text,
  age_at_arrest integer,
  disposition text NOT NULL,
  juvenile boolean NOT NULL,
  sealed boolean NOT NULL,
  sealing_statute text
);
CREATE INDEX arrest_newest ON arrest (arrested_at DESC, number DESC);
CREATE INDEX arrest_borough_newest ON arrest (borough, arrested_at DESC, number DESC);
CREATE INDEX arrest_precinct_newest ON arrest (precinct, arrested_at DESC, number DESC);
CREATE INDEX arrest_charges ON arrest USING gin (charges);
CREATE INDEX arrest_person ON arrest (person_id, arrested_at DESC);
CREATE INDEX arrest_complaint ON arrest (complaint_number);
CREATE INDEX arrest_location_newest ON arrest (location_id, arrested_at DESC);

CREATE TABLE collision (
  number text PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  borough text NOT NULL,
  precinct integer NOT NULL,
  location_id text NOT NULL,
  persons_injured integer NOT NULL,
  persons_killed integer NOT NULL,
  pedestrians_injured integer NOT NULL,
  cyclists_injured integer NOT NULL
);
CREATE INDEX collision_newest ON collision (occurred_at DESC, number DESC);
CREATE INDEX collision_borough_newest ON collision (borough, occurred_at DESC, number DESC);
CREATE INDEX collision_precinct_newest ON collision (precinct, occurred_at DESC, number DESC);
CREATE INDEX collision_location_newest ON collision (location_id, occurred_at DESC);

CREATE TABLE collision_vehicle (
  collision_number text NOT NULL,
  position integer NOT NULL,
  vin text NOT NULL,
  driver_person_id text,
  driver_name_as_recorded text,
  contributing_factor text,
  PRIMARY KEY (collision_number, position)
);
CREATE INDEX collision_vehicle_vin ON collision_vehicle (vin);
CREATE INDEX collision_vehicle_driver ON collision_vehicle (driver_person_id);

CREATE TABLE property_invoice (
  number text PRIMARY KEY,
  invoiced_at timestamptz NOT NULL,
  category text NOT NULL,
  command text NOT NULL,
  borough text NOT NULL,
  arrest_number text,
  complaint_number text,
  owner_person_id text
);
CREATE INDEX property_invoice_newest ON property_invoice (invoiced_at DESC, number DESC);
CREATE INDEX property_invoice_borough_newest ON property_invoice (borough, invoiced_at DESC, number DESC);
CREATE INDEX property_invoice_category_newest ON property_invoice (category, invoiced_at DESC, number DESC);

CREATE TABLE invoice_item (
  invoice_number text NOT NULL,
  position integer NOT NULL,
  serial_number text NOT NULL,
  quantity integer NOT NULL,
  value double precision,
  PRIMARY KEY (invoice_number, position)
);
CREATE INDEX invoice_item_serial ON invoice_item (serial_number);
