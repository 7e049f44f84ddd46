-- 911 calls as ICAD records them, and 311 service requests routed to the department [P1].
-- Person and location ids refer to the master indexes owned by complaints-arrests.

CREATE TABLE call911 (
  id text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  dispatched_at timestamptz,
  arrived_at timestamptz,
  closed_at timestamptz,
  incident_code text NOT NULL,
  incident_type text NOT NULL,
  priority integer NOT NULL CHECK (priority BETWEEN 1 AND 9),
  borough text NOT NULL,
  precinct integer NOT NULL,
  location_id text NOT NULL,
  caller_person_id text,
  caller_name_as_recorded text,
  caller_phone text,
  disposition_code text NOT NULL,
  disposition text NOT NULL,
  narrative text NOT NULL,
  responding_unit text
);
-- Lists are newest first with keyset pages on (received_at, id).
CREATE INDEX call911_received ON call911 (received_at DESC, id DESC);
CREATE INDEX call911_location ON call911 (location_id, received_at DESC, id DESC);
CREATE INDEX call911_precinct ON call911 (precinct, received_at DESC, id DESC);
CREATE INDEX call911_incident ON call911 (incident_code, received_at DESC, id DESC);
CREATE INDEX call911_caller ON call911 (caller_person_id) WHERE caller_person_id IS NOT NULL;

-- Persons the caller named (subject, victim, aided, party, witness), matched to the index or not.
CREATE TABLE call911_involved (
  call_id text NOT NULL REFERENCES call911 (id) ON DELETE CASCADE,
  position integer NOT NULL,
  person_id text,
  name_as_recorded text NOT NULL,
  role text NOT NULL,
  PRIMARY KEY (call_id, position)
);
CREATE INDEX call911_involved_person ON call911_involved (person_id) WHERE person_id IS NOT NULL;

CREATE TABLE service_request_311 (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  agency text NOT NULL,
  complaint_type text NOT NULL,
  descriptor text,
  location_type text,
  status text NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'CLOSED')),
  resolution_description text,
  channel text NOT NULL,
  borough text NOT NULL,
  precinct integer NOT NULL,
  location_id text NOT NULL,
  requester_person_id text,
  requester_name_as_recorded text
);
CREATE INDEX service_request_311_created ON service_request_311 (created_at DESC, id DESC);
CREATE INDEX service_request_311_location ON service_request_311 (location_id, created_at DESC, id DESC);
CREATE INDEX service_request_311_precinct ON service_request_311 (precinct, created_at DESC, id DESC);
CREATE INDEX service_request_311_type ON service_request_311 (complaint_type, created_at DESC, id DESC);
CREATE INDEX service_request_311_requester ON service_request_311 (requester_person_id) WHERE requester_person_id IS NOT NULL;
CREATE INDEX service_request_311_status ON service_request_311 (status, created_at DESC, id DESC);
