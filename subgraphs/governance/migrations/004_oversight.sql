-- Oversight of the audit trail [P18]: signed checkpoints of the chain, archived months, focused
-- audits, and supervisors' acknowledgements of their people's uses.

-- Oversight asks by record, by command and by kind.
CREATE INDEX audit_event_records ON audit_event USING gin ((event -> 'records') jsonb_path_ops);
CREATE INDEX audit_event_command ON audit_event ((event ->> 'command'), seq);
CREATE INDEX audit_event_kind ON audit_event (kind, seq);

-- Every so often the head of the chain is signed with a key the database does not hold: a
-- chain rewritten from the start (new hashes throughout) no longer matches its checkpoints.
CREATE TABLE audit_checkpoint (
  seq bigint PRIMARY KEY,
  hash text NOT NULL,
  signed_at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL
);
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- A month moved out of the live table after its retention period: where it went, what it held,
-- and the link that lets the chain be verified across the gap. Never silently dropped.
CREATE TABLE audit_archive (
  month text PRIMARY KEY,
  first_seq bigint NOT NULL,
  last_seq bigint NOT NULL,
  event_count bigint NOT NULL,
  first_prev_hash text NOT NULL,
  last_hash text NOT NULL,
  file text NOT NULL,
  file_sha256 text NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  archived_by text NOT NULL
);
CREATE TRIGGER audit_archive_no_update BEFORE UPDATE OR DELETE ON audit_archive
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- [P18] focused audits requested by IAB, a commanding officer or an ICO: tracked to completion.
CREATE TABLE focused_audit (
  id bigserial PRIMARY KEY,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL,
  -- what the requester may see (ALL, or a command, or the people they supervise) when asked
  scope jsonb NOT NULL,
  target_user text,
  record_type text,
  record_id text,
  from_at timestamptz NOT NULL,
  to_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('REQUESTED', 'RUNNING', 'COMPLETED', 'FAILED')),
  events_scanned bigint NOT NULL DEFAULT 0,
  event_seqs bigint[],
  completed_at timestamptz,
  failure text,
  CHECK (target_user IS NOT NULL OR record_id IS NOT NULL),
  CHECK (to_at > from_at)
);
CREATE INDEX focused_audit_requester ON focused_audit (requested_by, requested_at DESC);

-- [P18] a supervisor's acknowledgement of one use by one of their people, with a comment.
CREATE TABLE use_acknowledgement (
  seq bigint PRIMARY KEY,
  acknowledged_by text NOT NULL,
  acknowledged_at timestamptz NOT NULL DEFAULT now(),
  comment text NOT NULL
);
CREATE TRIGGER use_acknowledgement_no_update BEFORE UPDATE OR DELETE ON use_acknowledgement
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
