-- City scale (#8): the per-grid figures of the default window, kept current instead of recomputed.
--
-- The big screen asks, every minute, for one figure of every grid of a tier over the default window
-- (the 30 local days ending today, no category filter). Computing that from rollups or cases reads
-- ~800k rows at 50,000 grids / 5M cases (seconds), and every intake changes the answer. stats_window
-- holds the answer per grid instead (server/queries/stats-window.ts reads it):
--   * a row per level-3 grid, computed from its own cases (cohort counters of the window, open cases
--     now, percentiles from its duration histogram in stats_window_hist);
--   * a row per community, street and the district ('*'), kept as the sum of its level-3 rows through
--     the published hierarchy: when a level-3 row is recomputed, its change is added to its
--     ancestors' rows, counters and histogram rows alike, and only their percentiles are re-read.
-- stats_window_refresh() recomputes only the level-3 grids that need it: those whose cases a rollup
-- flush applied (stats_grid_changed, 017), and those where an open case has since come past due
-- (next_due_at), so "overdue" is exact at every read. A new window (a new local day, or other window
-- dates), a change of the published hierarchy, its grids or staff, or a bulk rebuild of the rollups
-- makes it start over (valid = false): ~10 s at 50,000 grids / 5M cases, once a day. One refresh at a
-- time (an advisory lock); a refresh with nothing to do only reads three cheap conditions.

-- The open cases of one level-3 grid, for recomputing it: 016's partial index of open cases by area,
-- extended by the grid (alone, the planner ANDed the grid's index with all 50k open cases: 13 ms a grid).
DROP INDEX cases_open_area;
CREATE INDEX cases_open_area ON cases (grid_l1_code, grid_l2_code, grid_code)
  WHERE status NOT IN ('resolved', 'visited', 'archived', 'rejected');

CREATE TABLE stats_window_meta (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  valid         boolean NOT NULL DEFAULT false,
  window_from   date,
  window_to     date,
  previous_from date,
  previous_to   date,
  as_of         timestamptz,
  -- bumped at every fresh start: a reader's copy of older rows is void (server/stats/window-cache.ts)
  generation    bigint NOT NULL DEFAULT 0
);
INSERT INTO stats_window_meta DEFAULT VALUES;

-- Each row's last change draws from this sequence, so a reader holding a copy asks for newer rows only.
CREATE SEQUENCE stats_window_change;

CREATE TABLE stats_window (
  grid_code        text PRIMARY KEY,
  level            smallint NOT NULL,  -- 0 for the district ('*')
  ord              integer NOT NULL,   -- rank of the code within its level (the answers' order)
  changed          bigint NOT NULL DEFAULT 0,
  name             text,
  parent_code      text,
  l1_code          text,
  l2_code          text,
  households       integer NOT NULL DEFAULT 0,
  population       integer NOT NULL DEFAULT 0,
  workers          integer NOT NULL DEFAULT 0,
  -- the window's cohort: cases reported in it, by what has happened to them (stats_case_day_facts)
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
  -- open cases as of meta.as_of: all of them, past due, and those reported in either window past due
  open                     integer NOT NULL DEFAULT 0,
  overdue                  integer NOT NULL DEFAULT 0,
  unaccepted_past_due      integer NOT NULL DEFAULT 0,
  open_past_due            integer NOT NULL DEFAULT 0,
  unaccepted_past_due_prev integer NOT NULL DEFAULT 0,
  open_past_due_prev       integer NOT NULL DEFAULT 0,
  -- nearest-rank percentile buckets (stats_duration_bucket) of the window's cases
  response_cases    integer NOT NULL DEFAULT 0,
  response_median   smallint,
  response_p90      smallint,
  resolution_cases  integer NOT NULL DEFAULT 0,
  resolution_median smallint,
  resolution_p90    smallint
) WITH (fillfactor = 70);  -- room on each page: updates stay on it (HOT), rows stay in tier order
CREATE UNIQUE INDEX stats_window_tier ON stats_window (level, ord);
CREATE INDEX stats_window_changed ON stats_window (level, changed);

-- Level-3 grids with an open case not yet past due: the earliest such due time (when a figure changes).
CREATE TABLE stats_window_due (
  grid_code   text PRIMARY KEY,
  next_due_at timestamptz NOT NULL
);
CREATE INDEX stats_window_due_at ON stats_window_due (next_due_at);

-- The window's duration histogram per grid (level 3 from its cases, the others summed from them).
CREATE TABLE stats_window_hist (
  grid_code text NOT NULL,
  measure   text NOT NULL,
  bucket    smallint NOT NULL,
  cases     integer NOT NULL,
  PRIMARY KEY (grid_code, measure, bucket)
);

CREATE FUNCTION stats_window_invalidate() RETURNS void LANGUAGE sql AS $$
  UPDATE stats_window_meta SET valid = false WHERE valid
$$;

CREATE FUNCTION stats_window_invalidate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_window_invalidate();
  RETURN NULL;
END $$;

-- What the structure rows read: the published version and its grids, and the staff. Drafts come and go
-- all the time; only a row that is or was the published version matters.
CREATE FUNCTION stats_window_version_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested IFs: a condition naming old_rows fails to plan in an INSERT trigger, even when not reached.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') THEN
      PERFORM stats_window_invalidate();
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'published') THEN
      PERFORM stats_window_invalidate();
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER boundary_version_stats_window_insert AFTER INSERT ON boundary_version
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_window_version_changes();
CREATE TRIGGER boundary_version_stats_window_update AFTER UPDATE ON boundary_version
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_window_version_changes();
CREATE TRIGGER boundary_version_stats_window_delete AFTER DELETE ON boundary_version
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_window_version_changes();
CREATE TRIGGER boundary_version_stats_window_truncate AFTER TRUNCATE ON boundary_version
  FOR EACH STATEMENT EXECUTE FUNCTION stats_window_invalidate_trigger();
CREATE TRIGGER staff_stats_window AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff
  FOR EACH STATEMENT EXECUTE FUNCTION stats_window_invalidate_trigger();
CREATE TRIGGER cases_stats_window_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION stats_window_invalidate_trigger();

CREATE FUNCTION stats_window_grid_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN boundary_version v ON v.id = n.version_id AND v.status = 'published') THEN
      PERFORM stats_window_invalidate();
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN boundary_version v ON v.id = o.version_id AND v.status = 'published') THEN
      PERFORM stats_window_invalidate();
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER grid_stats_window_insert AFTER INSERT ON grid
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_window_grid_changes();
CREATE TRIGGER grid_stats_window_update AFTER UPDATE ON grid
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_window_grid_changes();
CREATE TRIGGER grid_stats_window_delete AFTER DELETE ON grid
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_window_grid_changes();
CREATE TRIGGER grid_stats_window_truncate AFTER TRUNCATE ON grid
  FOR EACH STATEMENT EXECUTE FUNCTION stats_window_invalidate_trigger();

-- A bulk rebuild of the rollups means cases were written behind the triggers' back.
CREATE OR REPLACE FUNCTION stats_refresh_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  part text;
BEGIN
  LOCK TABLE cases IN SHARE MODE;
  TRUNCATE stats_pending;
  FOREACH part IN ARRAY stats_rollup_parts() LOOP
    EXECUTE format('SELECT %I()', part);
  END LOOP;
  PERFORM stats_window_invalidate();
END $$;

-- The structure rows of a fresh start: every grid of the published version and the district, all
-- figures zero (the level-3 recomputation then adds each grid's figures to its ancestors).
CREATE FUNCTION stats_window_reset() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE stats_window, stats_window_hist, stats_window_due;
  DELETE FROM stats_grid_changed;
  INSERT INTO stats_window (grid_code, level, ord, name, parent_code, l1_code, l2_code, households, population,
                            workers)
  SELECT g.code, g.level, row_number() OVER (PARTITION BY g.level ORDER BY g.code), g.name, g.parent_code,
         l.l1_code, l.l2_code, g.households, g.population, coalesce(w.workers, 0)
  FROM grid g JOIN stats_grid_lineage l ON l.code = g.code
  LEFT JOIN (
    -- grid workers assigned to the grid or anywhere below it (as GET /api/stats/grids counts them)
    SELECT a.code, count(*)::int AS workers
    FROM staff s JOIN stats_grid_lineage sl ON sl.code = s.grid_code
    CROSS JOIN LATERAL (VALUES (sl.l1_code), (sl.l2_code), (sl.l3_code)) AS a(code)
    WHERE s.role = 'grid_worker' AND a.code IS NOT NULL
    GROUP BY 1) w ON w.code = g.code
  WHERE g.version_id = (SELECT id FROM boundary_version WHERE status = 'published')
  ORDER BY g.level, g.code;
  INSERT INTO stats_window (grid_code, level, ord, households, population)
  SELECT '*', 0, 1, coalesce(sum(households), 0), coalesce(sum(population), 0) FROM stats_window WHERE level = 1;
  UPDATE stats_window_meta SET generation = generation + 1;
  ANALYZE stats_window;
END $$;

-- Recomputes the level-3 grids in pg_temp.stats_window_keys (grid_code) and adds the change to their
-- ancestors; then the percentiles of every row touched.
CREATE FUNCTION stats_window_recompute(w_from date, w_to date, p_from date, p_to date, now timestamptz,
                                       median_q numeric, p90_q numeric) RETURNS integer
LANGUAGE plpgsql AS $f$
DECLARE
  w_start timestamptz := stats_day_start(w_from);
  w_end   timestamptz := stats_day_start(w_to + 1);
  p_start timestamptz := stats_day_start(p_from);
  p_end   timestamptz := stats_day_start(p_to + 1);
  keys    integer;
BEGIN
  -- Temporary tables have no statistics until analysed; without them a one-grid refresh joins the
  -- whole of stats_window (100 ms instead of 1).
  ANALYZE stats_window_keys;
  -- only level-3 grids of the published version have rows to recompute
  DELETE FROM stats_window_keys k WHERE NOT EXISTS (
    SELECT 1 FROM stats_window t WHERE t.grid_code = k.grid_code AND t.level = 3);
  SELECT count(*) INTO keys FROM stats_window_keys;
  IF keys = 0 THEN
    RETURN 0;
  END IF;

  DROP TABLE IF EXISTS pg_temp.stats_window_new;
  CREATE TEMP TABLE stats_window_new ON COMMIT DROP AS
  SELECT k.grid_code,
         coalesce(co.reported, 0) AS reported, coalesce(co.status_reported, 0) AS status_reported,
         coalesce(co.status_accepted, 0) AS status_accepted, coalesce(co.status_dispatched, 0) AS status_dispatched,
         coalesce(co.status_resolved, 0) AS status_resolved, coalesce(co.status_visited, 0) AS status_visited,
         coalesce(co.status_archived, 0) AS status_archived, coalesce(co.status_reopened, 0) AS status_reopened,
         coalesce(co.status_rejected, 0) AS status_rejected, coalesce(co.accepted, 0) AS accepted,
         coalesce(co.accepted_in_sla, 0) AS accepted_in_sla, coalesce(co.resolved_on_time, 0) AS resolved_on_time,
         coalesce(co.rated, 0) AS rated, coalesce(co.satisfied, 0) AS satisfied, coalesce(co.reopened, 0) AS reopened,
         coalesce(op.open, 0) AS open, coalesce(op.overdue, 0) AS overdue,
         coalesce(op.unaccepted_past_due, 0) AS unaccepted_past_due, coalesce(op.open_past_due, 0) AS open_past_due,
         coalesce(op.unaccepted_past_due_prev, 0) AS unaccepted_past_due_prev,
         coalesce(op.open_past_due_prev, 0) AS open_past_due_prev,
         op.next_due_at
  FROM stats_window_keys k
  LEFT JOIN (
    SELECT c.grid_code, sum(f.reported)::int AS reported, sum(f.status_reported)::int AS status_reported,
           sum(f.status_accepted)::int AS status_accepted, sum(f.status_dispatched)::int AS status_dispatched,
           sum(f.status_resolved)::int AS status_resolved, sum(f.status_visited)::int AS status_visited,
           sum(f.status_archived)::int AS status_archived, sum(f.status_reopened)::int AS status_reopened,
           sum(f.status_rejected)::int AS status_rejected, sum(f.accepted)::int AS accepted,
           sum(f.accepted_in_sla)::int AS accepted_in_sla, sum(f.resolved_on_time)::int AS resolved_on_time,
           sum(f.rated)::int AS rated, sum(f.satisfied)::int AS satisfied, sum(f.reopened)::int AS reopened
    FROM stats_window_keys k2 JOIN cases c ON c.grid_code = k2.grid_code
    CROSS JOIN LATERAL stats_case_day_facts(c.grid_code, c.category, c.source, c.status, c.reported_at, c.due_at,
                                            c.accepted_at, c.resolved_at, c.satisfaction, c.reopen_count) f
    WHERE c.reported_at >= w_start AND c.reported_at < w_end AND f.reported = 1
    GROUP BY 1) co ON co.grid_code = k.grid_code
  LEFT JOIN (
    SELECT c.grid_code, count(*)::int AS open,
           count(*) FILTER (WHERE c.due_at < now)::int AS overdue,
           count(*) FILTER (WHERE c.due_at < now AND c.status = 'reported'
                              AND c.reported_at >= w_start AND c.reported_at < w_end)::int AS unaccepted_past_due,
           count(*) FILTER (WHERE c.due_at < now AND c.reported_at >= w_start AND c.reported_at < w_end)::int
             AS open_past_due,
           count(*) FILTER (WHERE c.due_at < now AND c.status = 'reported'
                              AND c.reported_at >= p_start AND c.reported_at < p_end)::int AS unaccepted_past_due_prev,
           count(*) FILTER (WHERE c.due_at < now AND c.reported_at >= p_start AND c.reported_at < p_end)::int
             AS open_past_due_prev,
           min(c.due_at) FILTER (WHERE c.due_at >= now) AS next_due_at
    FROM stats_window_keys k3 JOIN stats_window w3 ON w3.grid_code = k3.grid_code
    JOIN cases c ON c.grid_l1_code = w3.l1_code AND c.grid_l2_code = w3.l2_code AND c.grid_code = k3.grid_code
    WHERE c.status NOT IN ('resolved', 'visited', 'archived', 'rejected')
    GROUP BY 1) op ON op.grid_code = k.grid_code;
  ANALYZE stats_window_new;

  DROP TABLE IF EXISTS pg_temp.stats_window_hist_new;
  CREATE TEMP TABLE stats_window_hist_new ON COMMIT DROP AS
  SELECT c.grid_code, f.measure, f.bucket, count(*)::int AS cases
  FROM stats_window_keys k JOIN cases c ON c.grid_code = k.grid_code
  CROSS JOIN LATERAL stats_case_duration_facts(c.grid_code, c.category, c.source, c.status, c.reported_at, c.due_at,
                                               c.accepted_at, c.resolved_at, c.satisfaction, c.reopen_count) f
  WHERE c.reported_at >= w_start AND c.reported_at < w_end
  GROUP BY 1, 2, 3;
  ANALYZE stats_window_hist_new;

  -- The change of each recomputed grid, added to its community, street and the district.
  UPDATE stats_window t SET
    reported = t.reported + d.reported, status_reported = t.status_reported + d.status_reported,
    status_accepted = t.status_accepted + d.status_accepted, status_dispatched = t.status_dispatched + d.status_dispatched,
    status_resolved = t.status_resolved + d.status_resolved, status_visited = t.status_visited + d.status_visited,
    status_archived = t.status_archived + d.status_archived, status_reopened = t.status_reopened + d.status_reopened,
    status_rejected = t.status_rejected + d.status_rejected, accepted = t.accepted + d.accepted,
    accepted_in_sla = t.accepted_in_sla + d.accepted_in_sla, resolved_on_time = t.resolved_on_time + d.resolved_on_time,
    rated = t.rated + d.rated, satisfied = t.satisfied + d.satisfied, reopened = t.reopened + d.reopened,
    open = t.open + d.open, overdue = t.overdue + d.overdue,
    unaccepted_past_due = t.unaccepted_past_due + d.unaccepted_past_due,
    open_past_due = t.open_past_due + d.open_past_due,
    unaccepted_past_due_prev = t.unaccepted_past_due_prev + d.unaccepted_past_due_prev,
    open_past_due_prev = t.open_past_due_prev + d.open_past_due_prev
  FROM (
    SELECT a.code, sum(n.reported - o.reported) AS reported, sum(n.status_reported - o.status_reported) AS status_reported,
           sum(n.status_accepted - o.status_accepted) AS status_accepted,
           sum(n.status_dispatched - o.status_dispatched) AS status_dispatched,
           sum(n.status_resolved - o.status_resolved) AS status_resolved,
           sum(n.status_visited - o.status_visited) AS status_visited,
           sum(n.status_archived - o.status_archived) AS status_archived,
           sum(n.status_reopened - o.status_reopened) AS status_reopened,
           sum(n.status_rejected - o.status_rejected) AS status_rejected, sum(n.accepted - o.accepted) AS accepted,
           sum(n.accepted_in_sla - o.accepted_in_sla) AS accepted_in_sla,
           sum(n.resolved_on_time - o.resolved_on_time) AS resolved_on_time, sum(n.rated - o.rated) AS rated,
           sum(n.satisfied - o.satisfied) AS satisfied, sum(n.reopened - o.reopened) AS reopened,
           sum(n.open - o.open) AS open, sum(n.overdue - o.overdue) AS overdue,
           sum(n.unaccepted_past_due - o.unaccepted_past_due) AS unaccepted_past_due,
           sum(n.open_past_due - o.open_past_due) AS open_past_due,
           sum(n.unaccepted_past_due_prev - o.unaccepted_past_due_prev) AS unaccepted_past_due_prev,
           sum(n.open_past_due_prev - o.open_past_due_prev) AS open_past_due_prev
    FROM stats_window_new n JOIN stats_window o ON o.grid_code = n.grid_code
    CROSS JOIN LATERAL (VALUES (o.l2_code), (o.l1_code), ('*')) AS a(code)
    WHERE a.code IS NOT NULL
    GROUP BY 1) d
  WHERE t.grid_code = d.code;

  UPDATE stats_window t SET
    reported = n.reported, status_reported = n.status_reported, status_accepted = n.status_accepted,
    status_dispatched = n.status_dispatched, status_resolved = n.status_resolved, status_visited = n.status_visited,
    status_archived = n.status_archived, status_reopened = n.status_reopened, status_rejected = n.status_rejected,
    accepted = n.accepted, accepted_in_sla = n.accepted_in_sla, resolved_on_time = n.resolved_on_time,
    rated = n.rated, satisfied = n.satisfied, reopened = n.reopened, open = n.open, overdue = n.overdue,
    unaccepted_past_due = n.unaccepted_past_due, open_past_due = n.open_past_due,
    unaccepted_past_due_prev = n.unaccepted_past_due_prev, open_past_due_prev = n.open_past_due_prev
  FROM stats_window_new n WHERE t.grid_code = n.grid_code;
  DELETE FROM stats_window_due d USING stats_window_keys k WHERE d.grid_code = k.grid_code;
  INSERT INTO stats_window_due SELECT grid_code, next_due_at FROM stats_window_new WHERE next_due_at IS NOT NULL;

  -- Histograms: the same change for the ancestors, the recomputed grids' rows replaced.
  INSERT INTO stats_window_hist AS h (grid_code, measure, bucket, cases)
  SELECT a.code, x.measure, x.bucket, sum(x.cases)
  FROM (SELECT grid_code, measure, bucket, cases FROM stats_window_hist_new
        UNION ALL
        SELECT h.grid_code, h.measure, h.bucket, -h.cases
        FROM stats_window_hist h JOIN stats_window_keys k ON k.grid_code = h.grid_code) x
  JOIN stats_window w ON w.grid_code = x.grid_code
  CROSS JOIN LATERAL (VALUES (w.l2_code), (w.l1_code), ('*')) AS a(code)
  WHERE a.code IS NOT NULL
  GROUP BY 1, 2, 3 HAVING sum(x.cases) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (grid_code, measure, bucket) DO UPDATE SET cases = h.cases + excluded.cases;
  DELETE FROM stats_window_hist h USING stats_window_keys k WHERE h.grid_code = k.grid_code;
  INSERT INTO stats_window_hist SELECT * FROM stats_window_hist_new;

  -- Percentiles of every row touched (nearest rank over the buckets, as server/queries/stats-scope.ts).
  DROP TABLE IF EXISTS pg_temp.stats_window_touched;
  CREATE TEMP TABLE stats_window_touched ON COMMIT DROP AS
  SELECT DISTINCT a.code AS grid_code
  FROM stats_window_keys k JOIN stats_window w ON w.grid_code = k.grid_code
  CROSS JOIN LATERAL (VALUES (w.grid_code), (w.l2_code), (w.l1_code), ('*')) AS a(code)
  WHERE a.code IS NOT NULL;
  ANALYZE stats_window_touched;
  DELETE FROM stats_window_hist h USING stats_window_touched t WHERE h.grid_code = t.grid_code AND h.cases = 0;
  UPDATE stats_window t SET
    changed = nextval('stats_window_change'),
    response_cases = coalesce(p.response_cases, 0), response_median = p.response_median, response_p90 = p.response_p90,
    resolution_cases = coalesce(p.resolution_cases, 0), resolution_median = p.resolution_median,
    resolution_p90 = p.resolution_p90
  FROM stats_window_touched k
  LEFT JOIN (
    SELECT grid_code,
           max(total) FILTER (WHERE measure = 'response')::int AS response_cases,
           min(bucket) FILTER (WHERE measure = 'response' AND running >= ceil(median_q * total)) AS response_median,
           min(bucket) FILTER (WHERE measure = 'response' AND running >= ceil(p90_q * total)) AS response_p90,
           max(total) FILTER (WHERE measure = 'resolution')::int AS resolution_cases,
           min(bucket) FILTER (WHERE measure = 'resolution' AND running >= ceil(median_q * total)) AS resolution_median,
           min(bucket) FILTER (WHERE measure = 'resolution' AND running >= ceil(p90_q * total)) AS resolution_p90
    FROM (SELECT h.grid_code, h.measure, h.bucket,
                 sum(h.cases) OVER (PARTITION BY h.grid_code, h.measure ORDER BY h.bucket) AS running,
                 sum(h.cases) OVER (PARTITION BY h.grid_code, h.measure) AS total
          FROM stats_window_hist h JOIN stats_window_touched tt ON tt.grid_code = h.grid_code) r
    GROUP BY grid_code) p ON p.grid_code = k.grid_code
  WHERE t.grid_code = k.grid_code;
  RETURN keys;
END $f$;

-- Brings stats_window to the window [w_from, w_to] (previous [p_from, p_to]) as of `now`. Returns
-- 'fresh' (nothing to do), 'updated' (some level-3 grids recomputed) or 'rebuilt' (a fresh start).
CREATE FUNCTION stats_window_refresh(w_from date, w_to date, p_from date, p_to date, now timestamptz,
                                     median_q numeric, p90_q numeric) RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
  m stats_window_meta;
  same_window boolean;
BEGIN
  SELECT * INTO m FROM stats_window_meta;
  same_window := m.valid AND m.window_from = w_from AND m.window_to = w_to AND m.previous_from = p_from
                 AND m.previous_to = p_to;
  IF same_window AND NOT EXISTS (SELECT 1 FROM stats_grid_changed)
     AND NOT EXISTS (SELECT 1 FROM stats_window_due WHERE next_due_at < now) THEN
    RETURN 'fresh';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('stats_window_refresh'));
  SELECT * INTO m FROM stats_window_meta;
  same_window := m.valid AND m.window_from = w_from AND m.window_to = w_to AND m.previous_from = p_from
                 AND m.previous_to = p_to;
  DROP TABLE IF EXISTS pg_temp.stats_window_keys;
  CREATE TEMP TABLE stats_window_keys (grid_code text PRIMARY KEY) ON COMMIT DROP;
  IF NOT same_window THEN
    PERFORM stats_window_reset();
    INSERT INTO stats_window_keys SELECT grid_code FROM stats_window WHERE level = 3;
    PERFORM stats_window_recompute(w_from, w_to, p_from, p_to, now, median_q, p90_q);
    -- fresh statistics, or the next refreshes plan their few-grid joins against empty tables
    ANALYZE stats_window;
    ANALYZE stats_window_hist;
    ANALYZE stats_window_due;
    UPDATE stats_window_meta SET valid = true, window_from = w_from, window_to = w_to, previous_from = p_from,
                                 previous_to = p_to, as_of = now;
    RETURN 'rebuilt';
  END IF;
  WITH taken AS (DELETE FROM stats_grid_changed RETURNING grid_code)
  INSERT INTO stats_window_keys SELECT grid_code FROM taken ON CONFLICT DO NOTHING;
  INSERT INTO stats_window_keys
  SELECT grid_code FROM stats_window_due WHERE next_due_at < now ON CONFLICT DO NOTHING;
  PERFORM stats_window_recompute(w_from, w_to, p_from, p_to, greatest(now, m.as_of), median_q, p90_q);
  UPDATE stats_window_meta SET as_of = greatest(now, m.as_of);
  RETURN 'updated';
END $f$;
