-- Analysts' workspace (SPEC §6): saved queries with immutable versions, sharing, runs, exports
-- and schedules. A saved query holds an operation, never record data; runs and exports go
-- through the gateway with the runner's own rights and purpose, and each is audited [P5, P18].
CREATE TABLE saved_query (
  id text PRIMARY KEY,
  owner_id text NOT NULL REFERENCES directory_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The newest version; a version row is never changed, a revision adds one.
  current_version integer NOT NULL DEFAULT 1,
  -- Revalidation against the supergraph in force: a broken query never runs.
  broken_reason text,
  validated_at timestamptz
);

CREATE TABLE saved_query_version (
  saved_query_id text NOT NULL REFERENCES saved_query (id),
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  document text NOT NULL,
  operation_name text,
  -- From the operation's variable definitions: [{ name, type, defaultValue, description }].
  parameters jsonb NOT NULL,
  -- How a result becomes rows and columns: { rows, columns: [{ name, path }], pageInfo? }.
  columns jsonb NOT NULL,
  -- A purpose the runner may choose; never declared for them.
  suggested_purpose text,
  author_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  change_note text NOT NULL DEFAULT '',
  PRIMARY KEY (saved_query_id, version)
);

CREATE FUNCTION saved_query_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'saved_query_version is immutable: % refused; revise instead', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER saved_query_version_no_update BEFORE UPDATE OR DELETE ON saved_query_version
  FOR EACH ROW EXECUTE FUNCTION saved_query_version_is_immutable();

-- Who else may run it: members of a command (a unit is a command too), or holders of a role.
-- No row: private to its owner.
CREATE TABLE saved_query_share (
  saved_query_id text NOT NULL REFERENCES saved_query (id),
  kind text NOT NULL CHECK (kind IN ('COMMAND', 'ROLE')),
  target text NOT NULL,
  shared_by text NOT NULL,
  shared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (saved_query_id, kind, target)
);
CREATE INDEX saved_query_share_target ON saved_query_share (kind, target);

-- One run: who, when, which version, the variables' hash (never the values), rows, time,
-- outcome; the audit event is the one with the same request id [P18].
CREATE TABLE saved_query_run (
  id bigserial PRIMARY KEY,
  saved_query_id text NOT NULL REFERENCES saved_query (id),
  version integer NOT NULL,
  runner_id text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  request_id text NOT NULL,
  variables_hash text NOT NULL,
  purpose text,
  case_number text,
  row_count integer NOT NULL DEFAULT 0,
  duration_ms integer NOT NULL DEFAULT 0,
  outcome text NOT NULL,
  error_codes text[] NOT NULL DEFAULT '{}',
  -- How it was started: by hand, by a schedule, or as an export.
  trigger text NOT NULL DEFAULT 'MANUAL' CHECK (trigger IN ('MANUAL', 'SCHEDULE', 'EXPORT')),
  schedule_id text,
  -- Scheduled runs: rows not in the previous run of the same schedule.
  new_row_count integer,
  row_hashes text[]
);
CREATE INDEX saved_query_run_query ON saved_query_run (saved_query_id, id DESC);
CREATE INDEX saved_query_run_runner ON saved_query_run (runner_id, id DESC);

-- A file written from a run's result, kept until it expires (then removed).
CREATE TABLE saved_query_export (
  id text PRIMARY KEY,
  saved_query_id text NOT NULL REFERENCES saved_query (id),
  version integer NOT NULL,
  owner_id text NOT NULL,
  format text NOT NULL CHECK (format IN ('CSV', 'JSON')),
  status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'READY', 'FAILED', 'EXPIRED')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  row_count integer NOT NULL DEFAULT 0,
  sha256 text,
  byte_count bigint,
  failure text
);
CREATE INDEX saved_query_export_expiry ON saved_query_export (status, expires_at);

-- A recurring run for the owner, with the purpose and case stored; it ends with the case or
-- after 90 days, and is suspended when its owner's role or assignment changes [P8].
CREATE TABLE saved_query_schedule (
  id text PRIMARY KEY,
  saved_query_id text NOT NULL REFERENCES saved_query (id),
  owner_id text NOT NULL,
  cadence text NOT NULL CHECK (cadence IN ('DAILY', 'WEEKLY')),
  variables jsonb NOT NULL DEFAULT '{}',
  purpose text NOT NULL,
  case_number text NOT NULL,
  justification text NOT NULL,
  -- The owner's roles, command and assignment when it was made: a change suspends it.
  owner_roles text[] NOT NULL,
  owner_command text NOT NULL,
  owner_assignment text NOT NULL,
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'EXPIRED')),
  status_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  next_run_at timestamptz NOT NULL,
  last_run_at timestamptz
);
CREATE INDEX saved_query_schedule_due ON saved_query_schedule (status, next_run_at);
