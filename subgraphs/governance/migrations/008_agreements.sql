-- [P14] Partner agencies reach data only under a written agreement, scoped to systems, policy
-- categories and purposes, with an expiry, running only the operations approved for it.
-- [P15] never for immigration enforcement: such an agreement is refused before it is stored.
CREATE TABLE agreement (
  number text PRIMARY KEY,
  agency_name text NOT NULL,
  agency_ori text NOT NULL,
  agency_kind text NOT NULL CHECK (agency_kind IN ('PROSECUTOR', 'POLICE', 'STATE_AGENCY', 'FEDERAL_AGENCY', 'OTHER')),
  -- The agency enforces immigration law: kept so a refusal can say why (never ACTIVE: see the check).
  agency_immigration_enforcement boolean NOT NULL DEFAULT false,
  signatories jsonb NOT NULL,
  document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  effective_from timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  systems text[] NOT NULL,
  categories text[] NOT NULL,
  purposes text[] NOT NULL,
  daily_request_cap integer NOT NULL CHECK (daily_request_cap > 0),
  -- OAuth 2 client credentials: the client id its tokens name (a CLIENT of the directory).
  client_id text UNIQUE,
  -- Mutual TLS bound to the agreement, where configured: the client certificate's SHA-256.
  certificate_sha256 text CHECK (certificate_sha256 IS NULL OR certificate_sha256 ~ '^[0-9a-f]{64}$'),
  -- Users of the partner agency (directory users with the PARTNER role) it covers.
  partner_users text[] NOT NULL DEFAULT '{}',
  -- Confidentiality, no redisclosure without approval, notice of legal process [P14].
  conditions jsonb NOT NULL,
  status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'TERMINATED')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at > effective_from),
  CHECK (NOT agency_immigration_enforcement),
  CHECK (NOT ('IMMIGRATION_ENFORCEMENT' = ANY (purposes))),
  CHECK (NOT ('IMMIGRATION_STATUS' = ANY (categories)))
);
CREATE INDEX agreement_expiry ON agreement (expires_at) WHERE status = 'ACTIVE';

-- Every change of an agreement's status, with who and why (the audit trail has it too).
CREATE TABLE agreement_change (
  id bigserial PRIMARY KEY,
  agreement_number text NOT NULL REFERENCES agreement (number),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  reason text NOT NULL
);

-- Requests counted per agreement and day (UTC), against its daily cap.
CREATE TABLE agreement_use (
  agreement_number text NOT NULL REFERENCES agreement (number),
  day date NOT NULL,
  requests integer NOT NULL,
  PRIMARY KEY (agreement_number, day)
);

-- Trusted documents: the operations approved for an agreement (or for an internal client that
-- opted in: agreement_number NULL, client_id set), by SHA-256 of their text, versioned by name.
-- An operation no longer valid against the supergraph is marked, never served.
CREATE TABLE trusted_document (
  id bigserial PRIMARY KEY,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  agreement_number text REFERENCES agreement (number),
  client_id text,
  name text NOT NULL,
  version integer NOT NULL,
  body text NOT NULL,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  supergraph_sha256 text NOT NULL,
  valid boolean NOT NULL DEFAULT true,
  invalid_reason text,
  checked_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((agreement_number IS NULL) <> (client_id IS NULL))
);
CREATE UNIQUE INDEX trusted_document_hash ON trusted_document (COALESCE(agreement_number, ''), COALESCE(client_id, ''), sha256);
CREATE UNIQUE INDEX trusted_document_version ON trusted_document (COALESCE(agreement_number, ''), COALESCE(client_id, ''), name, version);

-- [P14] a partner tells the department it received a subpoena, judicial order or other legal
-- process for department information; the Privacy Officer closes each with an outcome.
CREATE TABLE legal_process_notice (
  id bigserial PRIMARY KEY,
  agreement_number text NOT NULL REFERENCES agreement (number),
  kind text NOT NULL CHECK (kind IN ('SUBPOENA', 'JUDICIAL_ORDER', 'OTHER')),
  document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  received_on date NOT NULL,
  due_on date NOT NULL,
  description text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  closed_by text,
  closed_at timestamptz,
  outcome text,
  CHECK ((closed_at IS NULL) = (outcome IS NULL))
);

-- [P14] no redisclosure without the department's approval: asked, then approved or denied.
CREATE TABLE redisclosure_request (
  id bigserial PRIMARY KEY,
  agreement_number text NOT NULL REFERENCES agreement (number),
  recipient text NOT NULL,
  records text NOT NULL,
  reason text NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DENIED')),
  decided_by text,
  decided_at timestamptz,
  comment text,
  CHECK ((status = 'PENDING') = (decided_at IS NULL))
);

-- Oversight per agreement and month reads the audit trail by the agreement its events name.
CREATE INDEX audit_event_agreement ON audit_event ((event ->> 'agreement'), occurred_at) WHERE event ? 'agreement';
