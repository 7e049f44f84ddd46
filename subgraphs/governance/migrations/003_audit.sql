-- Every use leaves an audit record [P18]: one row per event, chained by hash (each row carries
-- the hash of the one before), partitioned by month so old months can be archived, never
-- silently dropped. The table refuses updates, deletes and truncation: it is append-only.
CREATE TABLE audit_event (
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL,
  request_id text,
  user_id text,
  event jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (occurred_at, seq)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX audit_event_seq ON audit_event (seq);
CREATE INDEX audit_event_user ON audit_event (user_id, occurred_at);

-- The head of the chain: one row, locked by each writer (one chain across gateway replicas).
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE OR DELETE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
