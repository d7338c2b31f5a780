-- Issue #8: the refresh of the kept per-grid figures (019) replaced the histogram rows of every
-- recomputed grid and its ancestors, and recomputed their percentiles, though an intake (the common
-- change: a new case has no duration yet) changes no histogram row. Now only rows that differ are
-- written, and percentiles are recomputed only where a histogram changed. Everything else as in 019.
CREATE OR REPLACE FUNCTION stats_window_recompute(w_from date, w_to date, p_from date, p_to date, now timestamptz,
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

  -- Histograms: only the rows that differ from the stored ones are written, to the grid and its
  -- ancestors alike. A new case has no duration yet, so an intake changes no histogram row at all.
  DROP TABLE IF EXISTS pg_temp.stats_window_hist_diff;
  CREATE TEMP TABLE stats_window_hist_diff ON COMMIT DROP AS
  SELECT coalesce(n.grid_code, o.grid_code) AS grid_code, coalesce(n.measure, o.measure) AS measure,
         coalesce(n.bucket, o.bucket) AS bucket, coalesce(n.cases, 0) - coalesce(o.cases, 0) AS delta
  FROM stats_window_hist_new n
  FULL JOIN (SELECT h.grid_code, h.measure, h.bucket, h.cases
             FROM stats_window_hist h JOIN stats_window_keys k ON k.grid_code = h.grid_code) o
    ON o.grid_code = n.grid_code AND o.measure = n.measure AND o.bucket = n.bucket
  WHERE coalesce(n.cases, 0) <> coalesce(o.cases, 0);
  ANALYZE stats_window_hist_diff;
  INSERT INTO stats_window_hist AS h (grid_code, measure, bucket, cases)
  SELECT a.code, d.measure, d.bucket, sum(d.delta)
  FROM stats_window_hist_diff d JOIN stats_window w ON w.grid_code = d.grid_code
  CROSS JOIN LATERAL (VALUES (w.grid_code), (w.l2_code), (w.l1_code), ('*')) AS a(code)
  WHERE a.code IS NOT NULL
  GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (grid_code, measure, bucket) DO UPDATE SET cases = h.cases + excluded.cases;

  -- Every row touched is marked changed; percentiles are recomputed where a histogram changed
  -- (nearest rank over the buckets, as server/queries/stats-scope.ts).
  DROP TABLE IF EXISTS pg_temp.stats_window_touched;
  CREATE TEMP TABLE stats_window_touched ON COMMIT DROP AS
  SELECT a.code AS grid_code, bool_or(d.grid_code IS NOT NULL) AS hist
  FROM stats_window_keys k JOIN stats_window w ON w.grid_code = k.grid_code
  LEFT JOIN (SELECT DISTINCT grid_code FROM stats_window_hist_diff) d ON d.grid_code = k.grid_code
  CROSS JOIN LATERAL (VALUES (w.grid_code), (w.l2_code), (w.l1_code), ('*')) AS a(code)
  WHERE a.code IS NOT NULL
  GROUP BY a.code;
  ANALYZE stats_window_touched;
  DELETE FROM stats_window_hist h USING stats_window_touched t
  WHERE h.grid_code = t.grid_code AND t.hist AND h.cases = 0;
  UPDATE stats_window t SET
    changed = nextval('stats_window_change'),
    response_cases = CASE WHEN k.hist THEN coalesce(p.response_cases, 0) ELSE t.response_cases END,
    response_median = CASE WHEN k.hist THEN p.response_median ELSE t.response_median END,
    response_p90 = CASE WHEN k.hist THEN p.response_p90 ELSE t.response_p90 END,
    resolution_cases = CASE WHEN k.hist THEN coalesce(p.resolution_cases, 0) ELSE t.resolution_cases END,
    resolution_median = CASE WHEN k.hist THEN p.resolution_median ELSE t.resolution_median END,
    resolution_p90 = CASE WHEN k.hist THEN p.resolution_p90 ELSE t.resolution_p90 END
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
          FROM stats_window_hist h JOIN stats_window_touched tt ON tt.grid_code = h.grid_code AND tt.hist) r
    GROUP BY grid_code) p ON p.grid_code = k.grid_code
  WHERE t.grid_code = k.grid_code;
  RETURN keys;
END $f$;
