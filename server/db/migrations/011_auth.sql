-- Access control (#7): users and server-side sessions. Roles mirror server/auth/principal.ts ROLES.
-- scope_code is a grid code (version-independent, like staff.grid_code): the principal acts on that
-- grid's subtree in the published version; NULL = the whole district.
CREATE TABLE app_user (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,40}$'),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role          text NOT NULL CHECK (role IN ('leader', 'planner', 'dispatcher', 'worker', 'admin')),
  scope_code    text CHECK (scope_code IS NULL OR scope_code ~ '^[A-Za-z0-9_-]{1,60}$'),
  -- bcrypt hash ($2b$, cost 12); never returned by the API.
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per login. Only the SHA-256 (hex) of the random 32-byte cookie token is stored, so a copy of this
-- table does not let anyone log in. Logout deletes the row; expiry slides with use (last_seen).
CREATE TABLE app_session (
  token_hash  text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id     integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token  text NOT NULL CHECK (length(csrf_token) BETWEEN 32 AND 100),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  last_seen   timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX app_session_user ON app_session (user_id);
CREATE INDEX app_session_expires ON app_session (expires_at);
