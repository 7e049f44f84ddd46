-- The commercial subgraph's own store [P3]: who holds a seat for which provider, each command's
-- monthly budget, every search made (its price, purpose and outcome), and the encrypted cache
-- of provider answers [P10]. No search term and no provider answer is ever stored in clear.

-- A licence seat: only its holder may search that provider.
CREATE TABLE seat (
  user_id text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('TLO', 'WHOOSTER', 'ACCURINT', 'SKOPENOW', 'LEADS_ONLINE')),
  granted_on date NOT NULL,
  -- A seat can be granted until a day (a temporary assignment); null: until revoked.
  expires_on date,
  PRIMARY KEY (user_id, provider)
);

-- What a command may spend on commercial searches in a calendar month (UTC).
CREATE TABLE command_budget (
  command text PRIMARY KEY,
  monthly_budget_cents integer NOT NULL CHECK (monthly_budget_cents >= 0)
);

-- One row per search: reserved (PENDING) under the budget lock before the provider is called,
-- then COMPLETED, CACHED (answered from the cache, not charged) or FAILED (not charged).
CREATE TABLE search (
  id text PRIMARY KEY,
  requested_at timestamptz NOT NULL,
  -- First day of the month the search is charged to.
  month date NOT NULL,
  request_id text NOT NULL,
  user_id text NOT NULL,
  command text NOT NULL,
  provider text NOT NULL,
  kind text NOT NULL,
  purpose text NOT NULL,
  case_number text NOT NULL,
  -- 18 U.S.C. 2721(b) clause and 15 U.S.C. 6802(e) exception the search was made under.
  dppa text NOT NULL,
  glba text NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'CACHED', 'FAILED')),
  cost_cents integer NOT NULL CHECK (cost_cents >= 0),
  provider_reference text,
  failure text,
  completed_at timestamptz
);
CREATE INDEX search_month_command ON search (month, command);
CREATE INDEX search_month_user ON search (month, user_id);

-- Provider answers, AES-256-GCM encrypted; the key column is an HMAC of the search, so it does
-- not reveal who was searched either.
CREATE TABLE search_cache (
  key_hash text PRIMARY KEY,
  provider text NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  ciphertext bytea NOT NULL,
  stored_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX search_cache_expiry ON search_cache (expires_at);
