-- Situation-metric rollups (definitions: server/domain/metrics.ts).
--
-- Two tables keyed by the case's level-3 grid_code, a local day and the category, kept current by
-- statement-level triggers on `cases`, so every writer (intake, transitions, bulk import, the demo
-- loader, a publish that reassigns grid_code by UPDATE) updates them without knowing they exist.
-- A writer that bypasses triggers (COPY into a fresh table + swap, session_replication_role = replica)
-- must call stats_refresh_rollups() afterwards (server/queries/stats-rollups.ts: refreshRollups).
--
-- Rows are keyed by the level-3 grid of the PUBLISHED version; level-2/level-1 figures sum level-3
-- rows through the published hierarchy in `grid` at query time, so a publish only has to touch the
-- rows of cases whose grid_code changes (done by the trigger when it UPDATEs cases).
-- Every fact is also added under the reserved key grid_code = '*' (not a valid grid code): the
-- whole district, so a district-wide window reads days × categories rows instead of days × grids ×
-- categories. The price is one hot row per (day, category) that concurrent intakes queue on briefly.

-- The zone of every local day; must equal METRICS_TIME_ZONE in server/domain/metrics.ts (tested).
CREATE FUNCTION stats_time_zone() RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT 'Asia/Shanghai'::text $$;

CREATE FUNCTION stats_local_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (at AT TIME ZONE stats_time_zone())::date $$;

-- The instant a local day starts (for comparing timestamps with day windows).
CREATE FUNCTION stats_day_start(day date) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT day::timestamp AT TIME ZONE stats_time_zone() $$;

-- Log-spaced duration bucket; mirrors durationBucket() in server/domain/metrics.ts (tested):
-- 0 = [0, 60 s), k ≥ 1 = [60·1.1^(k−1), 60·1.1^k), capped at 250.
CREATE FUNCTION stats_duration_bucket(seconds double precision) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN seconds < 60 THEN 0
              ELSE least(1 + floor(ln(seconds / 60) / ln(1.1)), 250) END::smallint
$$;

-- Counts per (level-3 grid, local day, category). Cohort columns count the cases REPORTED that day
-- by what has happened to them so far; resolved_on_day counts the cases whose latest resolution
-- fell on that day and which are still resolved (for "resolved per day" series).
CREATE TABLE stats_grid_day (
  grid_code         text NOT NULL,
  day               date NOT NULL,
  category          text NOT NULL,
  reported          integer NOT NULL DEFAULT 0,
  status_reported   integer NOT NULL DEFAULT 0,
  status_accepted   integer NOT NULL DEFAULT 0,
  status_dispatched integer NOT NULL DEFAULT 0,
  status_resolved   integer NOT NULL DEFAULT 0,
  status_visited    integer NOT NULL DEFAULT 0,
  status_archived   integer NOT NULL DEFAULT 0,
  status_reopened   integer NOT NULL DEFAULT 0,
  status_rejected   integer NOT NULL DEFAULT 0,
  accepted          integer NOT NULL DEFAULT 0,
  accepted_in_sla   integer NOT NULL DEFAULT 0,
  resolved_on_time  integer NOT NULL DEFAULT 0,
  rated             integer NOT NULL DEFAULT 0,
  satisfied         integer NOT NULL DEFAULT 0,
  reopened          integer NOT NULL DEFAULT 0,
  patrol_visits     integer NOT NULL DEFAULT 0,
  resolved_on_day   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (grid_code, day, category)
);
-- Per-grid and district ('*') windows read by the primary key; per-tier windows by day.
CREATE INDEX stats_grid_day_day ON stats_grid_day (day);

-- Sparse duration histograms of the same cohort: one row per non-empty bucket.
CREATE TABLE stats_grid_day_duration (
  grid_code text NOT NULL,
  day       date NOT NULL,
  category  text NOT NULL,
  measure   text NOT NULL CHECK (measure IN ('response', 'resolution')),
  bucket    smallint NOT NULL,
  cases     integer NOT NULL,
  PRIMARY KEY (grid_code, day, category, measure, bucket)
);
CREATE INDEX stats_grid_day_duration_day ON stats_grid_day_duration (day);

-- What one case contributes to stats_grid_day: its cohort row, plus its resolution-day row.
-- Takes the columns it reads rather than a `cases` row: a whole-row argument hits a planner bug
-- ("variable not found in subplan target list") once the function is inlined, and inlining is what
-- makes the rebuild one set-based query instead of a function call per case.
CREATE FUNCTION stats_case_day_facts(
  grid_code text, category text, source text, status text, reported_at timestamptz, due_at timestamptz,
  accepted_at timestamptz, resolved_at timestamptz, satisfaction smallint, reopen_count integer
) RETURNS TABLE (
  day_grid_code text, day date, day_category text, reported int, status_reported int, status_accepted int,
  status_dispatched int, status_resolved int, status_visited int, status_archived int,
  status_reopened int, status_rejected int, accepted int, accepted_in_sla int, resolved_on_time int,
  rated int, satisfied int, reopened int, patrol_visits int, resolved_on_day int
) LANGUAGE sql IMMUTABLE AS $$
  SELECT grid_code, stats_local_day(reported_at), category, 1,
         (status = 'reported')::int, (status = 'accepted')::int, (status = 'dispatched')::int,
         (status = 'resolved')::int, (status = 'visited')::int, (status = 'archived')::int,
         (status = 'reopened')::int, (status = 'rejected')::int,
         (accepted_at IS NOT NULL)::int,
         coalesce(accepted_at <= due_at, false)::int,
         (status IN ('resolved', 'visited', 'archived') AND resolved_at <= due_at)::int,
         (satisfaction IS NOT NULL)::int,
         coalesce(satisfaction >= 4, false)::int,
         (reopen_count > 0)::int,
         (source IN ('patrol', 'visit'))::int,
         0
  UNION ALL
  SELECT grid_code, stats_local_day(resolved_at), category,
         0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
  WHERE status IN ('resolved', 'visited', 'archived') AND resolved_at IS NOT NULL
$$;

-- What one case contributes to stats_grid_day_duration (keyed by its reported day, like the cohort).
CREATE FUNCTION stats_case_duration_facts(
  grid_code text, category text, source text, status text, reported_at timestamptz, due_at timestamptz,
  accepted_at timestamptz, resolved_at timestamptz, satisfaction smallint, reopen_count integer
) RETURNS TABLE (duration_grid_code text, day date, duration_category text, measure text, bucket smallint) LANGUAGE sql IMMUTABLE AS $$
  SELECT grid_code, stats_local_day(reported_at), category, 'response',
         stats_duration_bucket(extract(epoch FROM accepted_at - reported_at))
  WHERE accepted_at IS NOT NULL
  UNION ALL
  SELECT grid_code, stats_local_day(reported_at), category, 'resolution',
         stats_duration_bucket(extract(epoch FROM resolved_at - reported_at))
  WHERE status IN ('resolved', 'visited', 'archived') AND resolved_at IS NOT NULL
$$;

-- The two upserts that add the facts of `changes` (a query yielding `sign` ±1 and the cases columns)
-- to the rollups. Written once; the trigger function below is generated from them, the rebuild runs them.
-- Rows whose deltas cancel (an update that changes nothing the metrics read) are not written.
-- Rows that drop to zero stay (deleting them per statement would cost a scan); sums ignore them and
-- a rebuild removes them.
CREATE FUNCTION stats_rollup_statements(changes text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format($q$
      INSERT INTO stats_grid_day AS t
      SELECT k.grid_code, f.day, f.day_category,
             sum(s.sign * f.reported), sum(s.sign * f.status_reported), sum(s.sign * f.status_accepted),
             sum(s.sign * f.status_dispatched), sum(s.sign * f.status_resolved),
             sum(s.sign * f.status_visited), sum(s.sign * f.status_archived),
             sum(s.sign * f.status_reopened), sum(s.sign * f.status_rejected),
             sum(s.sign * f.accepted), sum(s.sign * f.accepted_in_sla), sum(s.sign * f.resolved_on_time),
             sum(s.sign * f.rated), sum(s.sign * f.satisfied), sum(s.sign * f.reopened),
             sum(s.sign * f.patrol_visits), sum(s.sign * f.resolved_on_day)
      FROM (%s) s CROSS JOIN LATERAL stats_case_day_facts(s.grid_code, s.category, s.source, s.status, s.reported_at, s.due_at, s.accepted_at, s.resolved_at,
             s.satisfaction, s.reopen_count) f
        CROSS JOIN LATERAL (VALUES (f.day_grid_code), ('*')) AS k(grid_code)
      GROUP BY 1, 2, 3
      HAVING (
        sum(s.sign * f.reported) <> 0 OR sum(s.sign * f.status_reported) <> 0
        OR sum(s.sign * f.status_accepted) <> 0 OR sum(s.sign * f.status_dispatched) <> 0
        OR sum(s.sign * f.status_resolved) <> 0 OR sum(s.sign * f.status_visited) <> 0
        OR sum(s.sign * f.status_archived) <> 0 OR sum(s.sign * f.status_reopened) <> 0
        OR sum(s.sign * f.status_rejected) <> 0 OR sum(s.sign * f.accepted) <> 0
        OR sum(s.sign * f.accepted_in_sla) <> 0 OR sum(s.sign * f.resolved_on_time) <> 0
        OR sum(s.sign * f.rated) <> 0 OR sum(s.sign * f.satisfied) <> 0
        OR sum(s.sign * f.reopened) <> 0 OR sum(s.sign * f.patrol_visits) <> 0
        OR sum(s.sign * f.resolved_on_day) <> 0)
      ORDER BY 1, 2, 3
      ON CONFLICT (grid_code, day, category) DO UPDATE SET
        reported = t.reported + excluded.reported,
        status_reported = t.status_reported + excluded.status_reported,
        status_accepted = t.status_accepted + excluded.status_accepted,
        status_dispatched = t.status_dispatched + excluded.status_dispatched,
        status_resolved = t.status_resolved + excluded.status_resolved,
        status_visited = t.status_visited + excluded.status_visited,
        status_archived = t.status_archived + excluded.status_archived,
        status_reopened = t.status_reopened + excluded.status_reopened,
        status_rejected = t.status_rejected + excluded.status_rejected,
        accepted = t.accepted + excluded.accepted,
        accepted_in_sla = t.accepted_in_sla + excluded.accepted_in_sla,
        resolved_on_time = t.resolved_on_time + excluded.resolved_on_time,
        rated = t.rated + excluded.rated,
        satisfied = t.satisfied + excluded.satisfied,
        reopened = t.reopened + excluded.reopened,
        patrol_visits = t.patrol_visits + excluded.patrol_visits,
        resolved_on_day = t.resolved_on_day + excluded.resolved_on_day
    $q$, changes),
    format($q$
      INSERT INTO stats_grid_day_duration AS t
      SELECT k.grid_code, f.day, f.duration_category, f.measure, f.bucket, sum(s.sign)
      FROM (%s) s CROSS JOIN LATERAL stats_case_duration_facts(s.grid_code, s.category, s.source, s.status, s.reported_at, s.due_at, s.accepted_at, s.resolved_at,
             s.satisfaction, s.reopen_count) f
        CROSS JOIN LATERAL (VALUES (f.duration_grid_code), ('*')) AS k(grid_code)
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(s.sign) <> 0
      ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (grid_code, day, category, measure, bucket) DO UPDATE SET cases = t.cases + excluded.cases
    $q$, changes)
  ]
$f$;

-- Statement-level: one grouped upsert per statement whatever its row count (a 10k-row bulk insert
-- costs one upsert, not 10k). The trigger function is generated here from stats_rollup_statements()
-- so its SQL is static: PL/pgSQL caches the plans per connection (EXECUTE of the same text re-plans
-- on every call: measured 11.7 ms vs 1.8 ms per one-row UPDATE on PostgreSQL under load). Transition
-- tables exist per event (no OLD TABLE on INSERT), hence one branch per TG_OP.
DO $generate$
DECLARE
  on_insert text[] := stats_rollup_statements('SELECT 1 AS sign, n.* FROM new_rows n');
  on_update text[] := stats_rollup_statements(
    'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1 AS sign, o.* FROM old_rows o');
  on_delete text[] := stats_rollup_statements('SELECT -1 AS sign, o.* FROM old_rows o');
BEGIN
  EXECUTE format($f$
    CREATE FUNCTION stats_apply_case_changes() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN
      IF TG_OP = 'INSERT' THEN %s; %s;
      ELSIF TG_OP = 'UPDATE' THEN %s; %s;
      ELSE %s; %s;
      END IF;
      RETURN NULL;
    END $body$ $f$,
    on_insert[1], on_insert[2], on_update[1], on_update[2], on_delete[1], on_delete[2]);
END $generate$;

CREATE TRIGGER cases_stats_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_apply_case_changes();
CREATE TRIGGER cases_stats_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_apply_case_changes();
CREATE TRIGGER cases_stats_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_apply_case_changes();

CREATE FUNCTION stats_truncate_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE stats_grid_day, stats_grid_day_duration;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_stats_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION stats_truncate_rollups();

-- Full rebuild from `cases` (after loads that bypass triggers, or to repair). Same statements.
CREATE FUNCTION stats_refresh_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  statement text;
BEGIN
  TRUNCATE stats_grid_day, stats_grid_day_duration;
  FOREACH statement IN ARRAY stats_rollup_statements('SELECT 1 AS sign, c.* FROM cases c') LOOP
    EXECUTE statement;
  END LOOP;
END $$;

-- Existing cases (a database migrated after data was loaded).
SELECT stats_refresh_rollups();
