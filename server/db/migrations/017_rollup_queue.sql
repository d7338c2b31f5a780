-- City scale (#8): rollups only where they compress, fed through a queue instead of by every writer.
--
-- 1. No level-3 rollups. At 50,000 level-3 grids a grid × day × category cell holds about one case,
--    so stats_grid_day / stats_grid_day_duration (004) held more rows than `cases` (5M cases: 8.1M day
--    rows, 10.1M histogram rows) and cost a third of a bulk rebuild. A level-3 grid (or a community's
--    percentiles) now reads its own cases through the (grid_code | grid_l2_code, reported_at) indexes
--    (server/queries/stats-facts.ts): ~100 cases a year per grid at that scale, a few thousand in the
--    demo's largest grid.
-- 2. The tier tables (014) keep what aggregates: day rows per community, street and the district ('*',
--    which moves here from stats_grid_day), histogram rows per street and the district. Each key also
--    gets category '*' rows, the sum over categories, so an unfiltered window reads one row per day
--    and bucket instead of one per category (the district's 30-day medians: ~68k histogram rows → ~10k).
--    Community histograms are gone: 1,044 of them held 9.2M rows at 5M cases, as sparse as the cases.
-- 3. A queue. The statement triggers of 004/014 ran six grouped upserts in every writing statement,
--    among them the district's row of the day, which every concurrent intake then queued on until it
--    committed. The trigger now appends the changed cases' metric columns to stats_pending (an UPDATE
--    that changes none of them appends nothing) and stats_flush() applies a batch of them with one
--    statement: readers flush before they read (server/queries/stats-rollups.ts), and the server
--    flushes every few seconds, so the rollups are exact whenever they are read and an intake only
--    appends a row. Flushes may run concurrently: each takes the rows it deleted; a second one waits
--    for the first's rows to commit and then skips them.
--
-- A writer that bypasses triggers must still rebuild afterwards: stats_refresh_rollups().

CREATE FUNCTION stats_day_counters() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['reported', 'status_reported', 'status_accepted', 'status_dispatched', 'status_resolved',
               'status_visited', 'status_archived', 'status_reopened', 'status_rejected', 'accepted',
               'accepted_in_sla', 'resolved_on_time', 'rated', 'satisfied', 'reopened', 'patrol_visits',
               'resolved_on_day']
$$;

DROP TRIGGER cases_stats_insert ON cases;
DROP TRIGGER cases_stats_update ON cases;
DROP TRIGGER cases_stats_delete ON cases;
DROP FUNCTION stats_apply_case_changes();
DROP FUNCTION stats_tier_rollup_statements(text);
DROP FUNCTION stats_rollup_statements(text);
DROP FUNCTION stats_rebuild_rollup_pair(text, text, text, text[], text[]);
DROP FUNCTION stats_rebuild_lineage();
DROP TABLE stats_grid_day, stats_grid_day_duration;
TRUNCATE stats_tier_day, stats_tier_day_duration;
-- Every reader asks for one key (a primary key prefix); the day indexes only cost writes. Histogram
-- readers ask for one category (or '*') over a range of days: category before day in the key, so the
-- range holds only that category's rows (a district's 60 days: ~12k index entries instead of ~100k).
DROP INDEX stats_tier_day_day;
DROP INDEX stats_tier_day_duration_day;
ALTER TABLE stats_tier_day_duration DROP CONSTRAINT stats_tier_day_duration_pkey;
-- `cases` INCLUDEd: a percentile reads the key range alone (index-only), not a heap page per row
-- (the district's 60-day medians: 49 ms -> 11 ms at 5M cases).
ALTER TABLE stats_tier_day_duration
  ADD CONSTRAINT stats_tier_day_duration_pkey PRIMARY KEY (grid_code, category, day, measure, bucket) INCLUDE (cases);

-- The columns of a case the fact functions (004) read, plus its ancestry, with the sign of the change.
CREATE TABLE stats_pending (
  sign         smallint NOT NULL CHECK (sign IN (-1, 1)),
  grid_code    text NOT NULL,
  grid_l2_code text NOT NULL,
  grid_l1_code text NOT NULL,
  category     text NOT NULL,
  source       text NOT NULL,
  status       text NOT NULL,
  reported_at  timestamptz NOT NULL,
  due_at       timestamptz NOT NULL,
  accepted_at  timestamptz,
  resolved_at  timestamptz,
  satisfaction smallint,
  reopen_count integer NOT NULL
);

-- Static SQL per TG_OP (PL/pgSQL caches the plans). Old and new rows of an UPDATE are paired by id so
-- that a change of nothing the metrics read (a title, a department, updated_at) appends nothing.
CREATE FUNCTION stats_enqueue_case_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_pending
    SELECT 1, n.grid_code, n.grid_l2_code, n.grid_l1_code, n.category, n.source, n.status, n.reported_at,
           n.due_at, n.accepted_at, n.resolved_at, n.satisfaction, n.reopen_count
    FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO stats_pending
    SELECT v.*
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES
      (1::smallint, n.grid_code, n.grid_l2_code, n.grid_l1_code, n.category, n.source, n.status, n.reported_at,
       n.due_at, n.accepted_at, n.resolved_at, n.satisfaction, n.reopen_count),
      (-1::smallint, o.grid_code, o.grid_l2_code, o.grid_l1_code, o.category, o.source, o.status, o.reported_at,
       o.due_at, o.accepted_at, o.resolved_at, o.satisfaction, o.reopen_count)) AS v
    WHERE (n.grid_code, n.grid_l2_code, n.grid_l1_code, n.category, n.source, n.status, n.reported_at, n.due_at,
           n.accepted_at, n.resolved_at, n.satisfaction, n.reopen_count)
          IS DISTINCT FROM
          (o.grid_code, o.grid_l2_code, o.grid_l1_code, o.category, o.source, o.status, o.reported_at, o.due_at,
           o.accepted_at, o.resolved_at, o.satisfaction, o.reopen_count);
  ELSE
    INSERT INTO stats_pending
    SELECT -1, o.grid_code, o.grid_l2_code, o.grid_l1_code, o.category, o.source, o.status, o.reported_at,
           o.due_at, o.accepted_at, o.resolved_at, o.satisfaction, o.reopen_count
    FROM old_rows o;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_stats_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_enqueue_case_changes();
CREATE TRIGGER cases_stats_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_enqueue_case_changes();
CREATE TRIGGER cases_stats_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_enqueue_case_changes();

-- The level-3 grids whose cases a flush applied, until a consumer of per-grid figures takes them (the
-- window figures of migration 019 recompute these grids only).
CREATE TABLE stats_grid_changed (grid_code text PRIMARY KEY);

-- Cases reported per hour, for streets and the district, per category and '*': "today so far against
-- yesterday up to the same time" (the overview's casesToday) sums whole hours here and counts only the
-- last partial hour of yesterday from the cases. Counting up to a day of cases from `cases` read a heap
-- page per case (the newest pages are never all-visible): 130 ms at 5M cases.
CREATE TABLE stats_tier_hour (
  grid_code text NOT NULL,
  category  text NOT NULL,
  hour      timestamptz NOT NULL,
  reported  integer NOT NULL,
  PRIMARY KEY (grid_code, category, hour) INCLUDE (reported)
);

CREATE OR REPLACE FUNCTION stats_truncate_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE stats_tier_day, stats_tier_day_duration, stats_tier_hour, stats_pending, stats_grid_changed;
  RETURN NULL;
END $$;

-- Applies the queued changes in one statement: the deleted batch feeds every part (a data-modifying
-- CTE each), so a batch is applied whole or not at all. The parts are rows of stats_flush_part (a CTE
-- body reading `batch`); stats_flush_generate() writes stats_flush() from them, so a later migration
-- adds a rollup by adding a part (021: the case tile cells). Rows whose deltas cancel are not written;
-- rows that drop to zero stay until a rebuild (readers ignore them). Upserts in key order, so
-- concurrent flushes lock shared rows in the same order.
CREATE TABLE stats_flush_part (
  name text PRIMARY KEY,
  body text NOT NULL
);

CREATE FUNCTION stats_flush_generate() RETURNS void LANGUAGE plpgsql AS $g$
BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION stats_flush() RETURNS bigint LANGUAGE plpgsql AS $body$
    DECLARE
      applied bigint;
    BEGIN
      WITH batch AS (DELETE FROM stats_pending RETURNING *), %s
      SELECT count(*) INTO applied FROM batch;
      RETURN applied;
    END $body$ $f$,
    (SELECT string_agg(format('%I AS (%s)', name, body), ', ' ORDER BY name) FROM stats_flush_part));
END $g$;

-- The day rows for the case's community, street and the district, the histogram rows for its street
-- and the district, each under its category and under '*'; and the level-3 grids touched.
DO $parts$
DECLARE
  counters text[] := stats_day_counters();
  facts text := 's.grid_code, s.category, s.source, s.status, s.reported_at, s.due_at, s.accepted_at, '
                || 's.resolved_at, s.satisfaction, s.reopen_count';
BEGIN
  INSERT INTO stats_flush_part (name, body) VALUES
  ('day_rows', format($q$
     INSERT INTO stats_tier_day AS t (grid_code, day, category, %1$s)
     SELECT k.grid_code, f.day, x.category, %2$s
     FROM batch s CROSS JOIN LATERAL stats_case_day_facts(%5$s) f
       CROSS JOIN LATERAL (VALUES (s.grid_l2_code), (s.grid_l1_code), ('*')) AS k(grid_code)
       CROSS JOIN LATERAL (VALUES (f.day_category), ('*')) AS x(category)
     GROUP BY 1, 2, 3
     HAVING %3$s
     ORDER BY 1, 2, 3
     ON CONFLICT (grid_code, day, category) DO UPDATE SET %4$s$q$,
    array_to_string(counters, ', '),
    (SELECT string_agg(format('sum(s.sign * f.%I)', c), ', ') FROM unnest(counters) c),
    (SELECT string_agg(format('sum(s.sign * f.%I) <> 0', c), ' OR ') FROM unnest(counters) c),
    (SELECT string_agg(format('%1$I = t.%1$I + excluded.%1$I', c), ', ') FROM unnest(counters) c),
    facts)),
  ('duration_rows', format($q$
     INSERT INTO stats_tier_day_duration AS t (grid_code, day, category, measure, bucket, cases)
     SELECT k.grid_code, f.day, x.category, f.measure, f.bucket, sum(s.sign)
     FROM batch s CROSS JOIN LATERAL stats_case_duration_facts(%s) f
       CROSS JOIN LATERAL (VALUES (s.grid_l1_code), ('*')) AS k(grid_code)
       CROSS JOIN LATERAL (VALUES (f.duration_category), ('*')) AS x(category)
     GROUP BY 1, 2, 3, 4, 5
     HAVING sum(s.sign) <> 0
     ORDER BY 1, 3, 2, 4, 5
     ON CONFLICT (grid_code, category, day, measure, bucket) DO UPDATE SET cases = t.cases + excluded.cases$q$,
    facts)),
  ('hour_rows', $q$
     INSERT INTO stats_tier_hour AS t (grid_code, category, hour, reported)
     SELECT k.grid_code, x.category, date_trunc('hour', s.reported_at, 'UTC'), sum(s.sign)
     FROM batch s
       CROSS JOIN LATERAL (VALUES (s.grid_l1_code), ('*')) AS k(grid_code)
       CROSS JOIN LATERAL (VALUES (s.category), ('*')) AS x(category)
     GROUP BY 1, 2, 3
     HAVING sum(s.sign) <> 0
     ORDER BY 1, 2, 3
     ON CONFLICT (grid_code, category, hour) DO UPDATE SET reported = t.reported + excluded.reported$q$),
  ('grids_changed', $q$
     INSERT INTO stats_grid_changed SELECT DISTINCT grid_code FROM batch ORDER BY 1 ON CONFLICT DO NOTHING$q$);
END $parts$;
SELECT stats_flush_generate();

-- Full rebuilds (014's parts, redone): the facts of all cases aggregated once to the finest key kept
-- (community × street × day × category, resp. street × day × category × measure × bucket) in a
-- temporary table, then every key level and the '*' category summed from it with grouping sets, into
-- the truncated table with its key dropped. Text keys group in the "C" collation (byte order sorts
-- faster and groups the same rows). `cases` is share-locked: no writer may slip a queued change in.
CREATE OR REPLACE FUNCTION stats_refresh_day_rollups() RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  counters text[] := stats_day_counters();
  cols text := array_to_string(counters, ', ');
  sums text := (SELECT string_agg(format('sum(%I)::int', c), ', ') FROM unnest(counters) c);
BEGIN
  LOCK TABLE cases IN SHARE MODE;
  PERFORM stats_rebuild_settings();
  DROP TABLE IF EXISTS pg_temp.stats_rebuild_day;
  EXECUTE format(
    'CREATE TEMP TABLE stats_rebuild_day AS
     SELECT c.grid_l2_code COLLATE "C" AS l2, c.grid_l1_code COLLATE "C" AS l1, f.day,
            f.day_category COLLATE "C" AS category, %s
     FROM cases c CROSS JOIN LATERAL stats_case_day_facts(%s) f
     GROUP BY 1, 2, 3, 4',
    (SELECT string_agg(format('sum(f.%1$I)::int AS %1$I', c), ', ') FROM unnest(counters) c),
    stats_case_fact_arguments());
  ANALYZE pg_temp.stats_rebuild_day;
  TRUNCATE stats_tier_day;
  ALTER TABLE stats_tier_day DROP CONSTRAINT stats_tier_day_pkey;
  EXECUTE format(
    'INSERT INTO stats_tier_day (grid_code, day, category, %s)
     SELECT coalesce(l2, l1, %L), day, coalesce(category, %L), %s FROM pg_temp.stats_rebuild_day
     GROUP BY GROUPING SETS ((l2, day, category), (l2, day), (l1, day, category), (l1, day), (day, category), (day))',
    cols, '*', '*', sums);
  ALTER TABLE stats_tier_day ADD CONSTRAINT stats_tier_day_pkey PRIMARY KEY (grid_code, day, category);
  DROP TABLE pg_temp.stats_rebuild_day;
END $f$;

CREATE OR REPLACE FUNCTION stats_refresh_duration_rollups() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  LOCK TABLE cases IN SHARE MODE;
  PERFORM stats_rebuild_settings();
  DROP TABLE IF EXISTS pg_temp.stats_rebuild_duration;
  EXECUTE format(
    'CREATE TEMP TABLE stats_rebuild_duration AS
     SELECT c.grid_l1_code COLLATE "C" AS l1, f.day, f.duration_category COLLATE "C" AS category,
            f.measure COLLATE "C" AS measure, f.bucket, count(*)::int AS cases
     FROM cases c CROSS JOIN LATERAL stats_case_duration_facts(%s) f
     GROUP BY 1, 2, 3, 4, 5',
    stats_case_fact_arguments());
  ANALYZE pg_temp.stats_rebuild_duration;
  TRUNCATE stats_tier_day_duration;
  ALTER TABLE stats_tier_day_duration DROP CONSTRAINT stats_tier_day_duration_pkey;
  INSERT INTO stats_tier_day_duration (grid_code, day, category, measure, bucket, cases)
  SELECT coalesce(l1, '*'), day, coalesce(category, '*'), measure, bucket, sum(cases)::int
  FROM pg_temp.stats_rebuild_duration
  GROUP BY GROUPING SETS ((l1, day, category, measure, bucket), (l1, day, measure, bucket),
                          (day, category, measure, bucket), (day, measure, bucket));
  ALTER TABLE stats_tier_day_duration
    ADD CONSTRAINT stats_tier_day_duration_pkey PRIMARY KEY (grid_code, category, day, measure, bucket)
      INCLUDE (cases);
  DROP TABLE pg_temp.stats_rebuild_duration;
END $f$;

CREATE FUNCTION stats_refresh_hour_rollups() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  LOCK TABLE cases IN SHARE MODE;
  PERFORM stats_rebuild_settings();
  TRUNCATE stats_tier_hour;
  ALTER TABLE stats_tier_hour DROP CONSTRAINT stats_tier_hour_pkey;
  INSERT INTO stats_tier_hour (grid_code, category, hour, reported)
  SELECT coalesce(l1, '*'), coalesce(category, '*'), hour, sum(n)::int
  FROM (SELECT c.grid_l1_code COLLATE "C" AS l1, c.category COLLATE "C" AS category,
               date_trunc('hour', c.reported_at, 'UTC') AS hour, count(*) AS n
        FROM cases c GROUP BY 1, 2, 3) h
  GROUP BY GROUPING SETS ((l1, category, hour), (l1, hour), (category, hour), (hour));
  ALTER TABLE stats_tier_hour ADD CONSTRAINT stats_tier_hour_pkey PRIMARY KEY (grid_code, category, hour)
    INCLUDE (reported);
END $f$;

-- The parts, the longest first (a loader running them on parallel connections takes them in order).
CREATE OR REPLACE FUNCTION stats_rollup_parts() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['stats_refresh_day_rollups', 'stats_refresh_duration_rollups', 'case_tile_bin_refresh',
               'case_tile_day_bin_refresh', 'stats_refresh_hour_rollups']
$$;

-- The whole rebuild in one transaction: the queue is emptied under the same lock, since every change
-- in it is already in `cases`. (A bulk loader running stats_rollup_parts() on parallel connections
-- does so with its triggers disabled, so its queue is empty.)
CREATE OR REPLACE FUNCTION stats_refresh_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  part text;
BEGIN
  LOCK TABLE cases IN SHARE MODE;
  TRUNCATE stats_pending;
  FOREACH part IN ARRAY stats_rollup_parts() LOOP
    EXECUTE format('SELECT %I()', part);
  END LOOP;
END $$;

SELECT stats_refresh_rollups();
