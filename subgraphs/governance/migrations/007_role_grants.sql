-- [P8] Two-person rule for record roles: an administrator's request to give someone a role that
-- reaches record data waits here until a second person (a commanding officer of the grantee's
-- command, or the Agency Privacy Officer) approves or rejects it. Kept after the decision, for
-- oversight.
CREATE TABLE role_grant (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL REFERENCES directory_user (id),
  role text NOT NULL,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')),
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by text,
  decided_at timestamptz,
  comment text,
  -- Neither the grantee nor the requester approves: one person never grants themselves access.
  -- (A request is CANCELLED by an administrator replacing the roles again, possibly its requester.)
  CHECK (requested_by <> user_id),
  CHECK (decided_by IS NULL OR decided_by <> user_id),
  CHECK (status NOT IN ('APPROVED', 'REJECTED') OR decided_by <> requested_by),
  CHECK ((status = 'PENDING') = (decided_at IS NULL))
);
-- One open request per user and role: asking again does not queue a second approval.
CREATE UNIQUE INDEX role_grant_one_pending ON role_grant (user_id, role) WHERE status = 'PENDING';
CREATE INDEX role_grant_status ON role_grant (status, id DESC);
