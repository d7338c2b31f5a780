-- City scale (#8): rollup rows per level-1 and level-2 grid, and a rebuild that is set-based end to end.
--
-- 1. Tier rows. The level-3 rows of migration 004 make a level-1 area's window sum every day row of
--    its ~3,000 grids (0.7 s at 1M cases); stats_tier_day / stats_tier_day_duration hold the same
--    facts keyed by the case's grid_l2_code and grid_l1_code, so any scope reads one key, as the
--    district does with '*'. They sit in tables of their own so every existing reader of the level-3
--    tables (joins through stats_grid_lineage) keeps counting each fact once. The keys are columns of
--    `cases`, which a publish rewrites for every case whose ancestry changed, so the same statement
--    triggers keep them current through publishes too.
-- 2. Rebuild. stats_refresh_rollups() ran the triggers' grouped upserts over all cases: 115 s at 1M
--    cases (ON CONFLICT probes into the primary key, a sort of the groups in the database collation).
--    It now aggregates the facts once into a temporary table, inserts into the truncated tables with
--    their indexes dropped and builds the indexes afterwards: 17 s for the day rows at 1M cases.
--    stats_rollup_parts() names the independent parts so a bulk loader can run them on parallel
--    connections (scripts/bench/load.ts); stats_refresh_rollups() runs them one after another.

CREATE TABLE stats_tier_day (LIKE stats_grid_day INCLUDING DEFAULTS);
ALTER TABLE stats_tier_day ADD CONSTRAINT stats_tier_day_pkey PRIMARY KEY (grid_code, day, category);
CREATE INDEX stats_tier_day_day ON stats_tier_day (day);

CREATE TABLE stats_tier_day_duration (LIKE stats_grid_day_duration INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE stats_tier_day_duration
  ADD CONSTRAINT stats_tier_day_duration_pkey PRIMARY KEY (grid_code, day, category, measure, bucket);
CREATE INDEX stats_tier_day_duration_day ON stats_tier_day_duration (day);

-- The tier upserts: migration 004's statements aimed at the tier tables, keyed by the case's
-- ancestors instead of its grid and '*'. Derived by replacement rather than written out again, so
-- the counters and their rules stay in one place; a replacement that finds nothing is an error.
CREATE FUNCTION stats_tier_rollup_statements(changes text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
  leaf text[] := stats_rollup_statements(changes);
  swaps text[] := ARRAY[
    'INSERT INTO stats_grid_day AS t', 'INSERT INTO stats_tier_day AS t',
    $k$VALUES (f.day_grid_code), ('*')$k$, 'VALUES (s.grid_l2_code), (s.grid_l1_code)',
    'INSERT INTO stats_grid_day_duration AS t', 'INSERT INTO stats_tier_day_duration AS t',
    $k$VALUES (f.duration_grid_code), ('*')$k$, 'VALUES (s.grid_l2_code), (s.grid_l1_code)'];
  result text[] := ARRAY[]::text[];
  statement text;
  i int;
BEGIN
  FOR i IN 1 .. 2 LOOP
    statement := leaf[i];
    FOR j IN 0 .. 1 LOOP
      IF position(swaps[(i - 1) * 4 + j * 2 + 1] IN statement) = 0 THEN
        RAISE EXCEPTION 'stats_tier_rollup_statements: "%" not found in statement %', swaps[(i - 1) * 4 + j * 2 + 1], i;
      END IF;
      statement := replace(statement, swaps[(i - 1) * 4 + j * 2 + 1], swaps[(i - 1) * 4 + j * 2 + 2]);
    END LOOP;
    result := result || statement;
  END LOOP;
  RETURN result;
END $f$;

-- The trigger function again (as in 004: static SQL so PL/pgSQL caches the plans), now four upserts.
DO $generate$
DECLARE
  ins text := 'SELECT 1 AS sign, n.* FROM new_rows n';
  upd text := 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1 AS sign, o.* FROM old_rows o';
  del text := 'SELECT -1 AS sign, o.* FROM old_rows o';
BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION stats_apply_case_changes() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN
      IF TG_OP = 'INSERT' THEN %s; %s; %s; %s;
      ELSIF TG_OP = 'UPDATE' THEN %s; %s; %s; %s;
      ELSE %s; %s; %s; %s;
      END IF;
      RETURN NULL;
    END $body$ $f$,
    VARIADIC stats_rollup_statements(ins) || stats_tier_rollup_statements(ins)
      || stats_rollup_statements(upd) || stats_tier_rollup_statements(upd)
      || stats_rollup_statements(del) || stats_tier_rollup_statements(del));
END $generate$;

CREATE OR REPLACE FUNCTION stats_truncate_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE stats_grid_day, stats_grid_day_duration, stats_tier_day, stats_tier_day_duration;
  RETURN NULL;
END $$;

-- Rebuilds one pair of rollup tables from `facts`, a query yielding for every fact of every case:
-- grid_code, l2, l1, the key columns and the counters. Aggregates once into a temporary table
-- (hash aggregation with memory for millions of groups), then fills the leaf table (level-3 rows and
-- '*') and the tier table from it. The caller has truncated both tables and dropped their indexes.
CREATE FUNCTION stats_rebuild_rollup_pair(leaf_table text, tier_table text, facts text, keys text[], counters text[])
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  key_list text := (SELECT string_agg(quote_ident(k), ', ') FROM unnest(keys) k);
  counter_list text := (SELECT string_agg(quote_ident(c), ', ') FROM unnest(counters) c);
  sums text := (SELECT string_agg(format('sum(%1$I)::int AS %1$I', c), ', ') FROM unnest(counters) c);
BEGIN
  PERFORM set_config('work_mem', '512MB', true);
  DROP TABLE IF EXISTS pg_temp.stats_rebuild_facts;
  EXECUTE format(
    'CREATE TEMP TABLE stats_rebuild_facts AS
     SELECT grid_code COLLATE "C" AS grid_code, l2 COLLATE "C" AS l2, l1 COLLATE "C" AS l1, %1$s, %2$s
     FROM (%3$s) f GROUP BY grid_code COLLATE "C", l2 COLLATE "C", l1 COLLATE "C", %1$s',
    key_list, sums, facts);
  EXECUTE format('INSERT INTO %1$I (grid_code, %2$s, %3$s)
                  SELECT grid_code, %2$s, %4$s FROM stats_rebuild_facts GROUP BY grid_code, %2$s
                  UNION ALL
                  SELECT %5$L, %2$s, %4$s FROM stats_rebuild_facts GROUP BY %2$s',
                 leaf_table, key_list, counter_list, sums, '*');
  EXECUTE format('INSERT INTO %1$I (grid_code, %2$s, %3$s)
                  SELECT k.code, %2$s, %4$s
                  FROM stats_rebuild_facts CROSS JOIN LATERAL (VALUES (l2), (l1)) AS k(code)
                  WHERE k.code IS NOT NULL GROUP BY k.code, %2$s',
                 tier_table, key_list, counter_list, sums);
  DROP TABLE pg_temp.stats_rebuild_facts;
END $f$;

-- The columns of `cases` the fact functions read, as their arguments.
CREATE FUNCTION stats_case_fact_arguments() RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'c.grid_code, c.category, c.source, c.status, c.reported_at, c.due_at, c.accepted_at, c.resolved_at, c.satisfaction, c.reopen_count'
$$;

CREATE FUNCTION stats_refresh_day_rollups() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM set_config('maintenance_work_mem', '512MB', true);
  TRUNCATE stats_grid_day, stats_tier_day;
  ALTER TABLE stats_grid_day DROP CONSTRAINT stats_grid_day_pkey;
  DROP INDEX stats_grid_day_day;
  ALTER TABLE stats_tier_day DROP CONSTRAINT stats_tier_day_pkey;
  DROP INDEX stats_tier_day_day;
  PERFORM stats_rebuild_rollup_pair('stats_grid_day', 'stats_tier_day',
    format('SELECT f.day_grid_code AS grid_code, c.grid_l2_code AS l2, c.grid_l1_code AS l1,
                   f.day_category AS category, f.*
            FROM cases c CROSS JOIN LATERAL stats_case_day_facts(%s) f', stats_case_fact_arguments()),
    ARRAY['day', 'category'],
    ARRAY['reported', 'status_reported', 'status_accepted', 'status_dispatched', 'status_resolved',
          'status_visited', 'status_archived', 'status_reopened', 'status_rejected', 'accepted',
          'accepted_in_sla', 'resolved_on_time', 'rated', 'satisfied', 'reopened', 'patrol_visits',
          'resolved_on_day']);
  ALTER TABLE stats_grid_day ADD CONSTRAINT stats_grid_day_pkey PRIMARY KEY (grid_code, day, category);
  CREATE INDEX stats_grid_day_day ON stats_grid_day (day);
  ALTER TABLE stats_tier_day ADD CONSTRAINT stats_tier_day_pkey PRIMARY KEY (grid_code, day, category);
  CREATE INDEX stats_tier_day_day ON stats_tier_day (day);
END $f$;

CREATE FUNCTION stats_refresh_duration_rollups() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM set_config('maintenance_work_mem', '512MB', true);
  TRUNCATE stats_grid_day_duration, stats_tier_day_duration;
  ALTER TABLE stats_grid_day_duration DROP CONSTRAINT stats_grid_day_duration_pkey;
  DROP INDEX stats_grid_day_duration_day;
  ALTER TABLE stats_tier_day_duration DROP CONSTRAINT stats_tier_day_duration_pkey;
  DROP INDEX stats_tier_day_duration_day;
  PERFORM stats_rebuild_rollup_pair('stats_grid_day_duration', 'stats_tier_day_duration',
    format('SELECT f.duration_grid_code AS grid_code, c.grid_l2_code AS l2, c.grid_l1_code AS l1,
                   f.day, f.duration_category AS category, f.measure, f.bucket, 1 AS cases
            FROM cases c CROSS JOIN LATERAL stats_case_duration_facts(%s) f', stats_case_fact_arguments()),
    ARRAY['day', 'category', 'measure', 'bucket'],
    ARRAY['cases']);
  ALTER TABLE stats_grid_day_duration
    ADD CONSTRAINT stats_grid_day_duration_pkey PRIMARY KEY (grid_code, day, category, measure, bucket);
  CREATE INDEX stats_grid_day_duration_day ON stats_grid_day_duration (day);
  ALTER TABLE stats_tier_day_duration
    ADD CONSTRAINT stats_tier_day_duration_pkey PRIMARY KEY (grid_code, day, category, measure, bucket);
  CREATE INDEX stats_tier_day_duration_day ON stats_tier_day_duration (day);
END $f$;

-- Tile bins (013) the same way: each case's Web Mercator position once, at level 20; the coarser
-- cells by halving (floor(floor(v·2^20) / 2^k) = floor(v·2^(20−k)), and scaling by a power of two is
-- exact in floating point, so the cells equal the trigger's).
CREATE OR REPLACE FUNCTION case_tile_bin_refresh() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM set_config('work_mem', '512MB', true);
  PERFORM set_config('maintenance_work_mem', '512MB', true);
  TRUNCATE case_tile_bin;
  ALTER TABLE case_tile_bin DROP CONSTRAINT case_tile_bin_pkey;
  INSERT INTO case_tile_bin (level, cx, cy, category, cases)
  SELECT l.level, p.cx20 >> (20 - l.level), p.cy20 >> (20 - l.level), p.category, count(*)::int
  FROM (SELECT c.category COLLATE "C" AS category,
               floor((ST_X(c.geom) + 180) / 360 * (2 ^ 20))::int AS cx20,
               floor((1 - ln(tan(radians(ST_Y(c.geom))) + 1 / cos(radians(ST_Y(c.geom)))) / pi()) / 2
                     * (2 ^ 20))::int AS cy20
        FROM cases c) p
  CROSS JOIN (VALUES (16), (18), (20)) AS l(level)
  GROUP BY 1, 2, 3, 4;
  ALTER TABLE case_tile_bin ADD CONSTRAINT case_tile_bin_pkey PRIMARY KEY (level, cx, cy, category);
END $f$;

-- The independent parts of a full rebuild, in an order that is also fine one after another.
CREATE FUNCTION stats_rollup_parts() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['stats_refresh_day_rollups', 'stats_refresh_duration_rollups', 'case_tile_bin_refresh']
$$;

CREATE OR REPLACE FUNCTION stats_refresh_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  part text;
BEGIN
  FOREACH part IN ARRAY stats_rollup_parts() LOOP
    EXECUTE format('SELECT %I()', part);
  END LOOP;
END $$;

SELECT stats_refresh_rollups();
