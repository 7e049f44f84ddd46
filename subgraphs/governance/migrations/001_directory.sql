-- The directory [P8]: users and partner clients, their roles, assignments with effective dates,
-- completed trainings, and every change made to them.
CREATE TABLE directory_user (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('USER', 'CLIENT')),
  display_name text NOT NULL,
  rank text,
  tax_id text,
  agency_name text NOT NULL,
  agency_ori text NOT NULL,
  supervisor_id text REFERENCES directory_user (id),
  remote_access_allowed boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_role (
  user_id text NOT NULL REFERENCES directory_user (id),
  role text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by text NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE assignment (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL REFERENCES directory_user (id),
  command text NOT NULL,
  assignment text NOT NULL,
  effective_from date NOT NULL,
  effective_to date,
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX assignment_user ON assignment (user_id, effective_from DESC);

CREATE TABLE training (
  user_id text NOT NULL REFERENCES directory_user (id),
  course text NOT NULL,
  completed_on date NOT NULL,
  PRIMARY KEY (user_id, course, completed_on)
);

CREATE TABLE directory_change (
  id bigserial PRIMARY KEY,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL,
  user_id text NOT NULL,
  change text NOT NULL,
  detail jsonb NOT NULL
);
