-- The audit log (#7): one row per write, in the same transaction as the write, so a rolled-back write
-- leaves no trace and a committed one always has its row. Append-only: the trigger refuses UPDATE and
-- DELETE (the same forbid_change() as case_event). Personal data inside before/after is masked
-- (server/domain/pii.ts): the log records who changed what, it is not a second copy of reporters' phones.
CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- app_user.id when the actor is a logged-in user; null for API-key callers and the system.
  actor_id     bigint,
  actor_name   text NOT NULL CHECK (length(actor_name) BETWEEN 1 AND 200),
  actor_role   text CHECK (length(actor_role) <= 40),
  action       text NOT NULL CHECK (action ~ '^[a-z0-9_.-]{1,80}$'),
  entity_type  text NOT NULL CHECK (entity_type ~ '^[a-z0-9_]{1,40}$'),
  entity_id    text NOT NULL CHECK (length(entity_id) BETWEEN 1 AND 200),
  before       jsonb,
  after        jsonb,
  request_id   text CHECK (length(request_id) <= 200),
  ip           text CHECK (length(ip) <= 100)
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_name, id);
CREATE INDEX audit_log_at ON audit_log (at, id);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
-- A statement-level trigger too: TRUNCATE fires no row trigger.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
