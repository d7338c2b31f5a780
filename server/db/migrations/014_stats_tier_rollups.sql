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
--    It now inserts into the truncated tables with their indexes dropped and builds the indexes
--    afterwards, each tier summed from the one below (level 3 from the cases, level 2 from level 3,
--    level 1 from level 2, '*' from level 1).
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

-- Settings for a rebuild's statements, to the end of the transaction: memory for aggregations of
-- millions of groups (unless the session already gave more), and no nested loops — the tables were
-- just truncated and refilled, and a nested loop over a table its statistics think empty took
-- 16 minutes at 5M cases where a hash join takes seconds.
CREATE FUNCTION stats_rebuild_settings() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('enable_nestloop', 'off', true);
  IF pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('512MB') THEN
    PERFORM set_config('work_mem', '512MB', true);
  END IF;
  IF pg_size_bytes(current_setting('maintenance_work_mem')) < pg_size_bytes('512MB') THEN
    PERFORM set_config('maintenance_work_mem', '512MB', true);
  END IF;
END $$;

-- Each level-3 grid's ancestry as its cases carry it, for deriving tier rows from level-3 rows.
-- Every case of a grid carries the same ancestry (intake takes it from the published version, a
-- publish rewrites it for every case of a grid whose ancestry changed); a grid whose cases disagree
-- would be counted twice in the tiers, so the rebuild refuses it.
CREATE FUNCTION stats_rebuild_lineage() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bad text;
BEGIN
  DROP TABLE IF EXISTS pg_temp.stats_rebuild_lineage;
  CREATE TEMP TABLE stats_rebuild_lineage AS
    SELECT grid_code, min(grid_l2_code) AS l2, min(grid_l1_code) AS l1,
           min(grid_l2_code) <> max(grid_l2_code) OR min(grid_l1_code) <> max(grid_l1_code) AS mixed
    FROM cases GROUP BY grid_code;
  ANALYZE pg_temp.stats_rebuild_lineage;  -- a temporary table has no statistics until analysed
  SELECT grid_code INTO bad FROM stats_rebuild_lineage WHERE mixed LIMIT 1;
  IF bad IS NULL THEN
    SELECT l2 INTO bad FROM stats_rebuild_lineage GROUP BY l2 HAVING min(l1) <> max(l1) LIMIT 1;
  END IF;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'cases of grid % carry different ancestries (grid_l2_code/grid_l1_code)', bad
      USING HINT = 'Set them from the published version''s hierarchy, then rebuild the rollups.';
  END IF;
END $$;

-- Fills one pair of rollup tables (truncated, indexes dropped by the caller) from `facts`, a query
-- yielding grid_code, the key columns and the counters for every fact of every case. Aggregation
-- only shrinks: level-3 rows from the facts, level-2 rows from the level-3 rows, level-1 rows from
-- the level-2 rows and '*' from the level-1 rows, each summing far fewer rows than the one before.
CREATE FUNCTION stats_rebuild_rollup_pair(leaf_table text, tier_table text, facts text, keys text[], counters text[])
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  key_list text := (SELECT string_agg(quote_ident(k), ', ') FROM unnest(keys) k);
  r_keys text := (SELECT string_agg('r.' || quote_ident(k), ', ') FROM unnest(keys) k);
  counter_list text := (SELECT string_agg(quote_ident(c), ', ') FROM unnest(counters) c);
  sums text := (SELECT string_agg(format('sum(r.%1$I)::int', c), ', ') FROM unnest(counters) c);
  insert_into text := format('INSERT INTO %%I (grid_code, %s, %s) ', key_list, counter_list);
BEGIN
  PERFORM stats_rebuild_settings();
  EXECUTE format(insert_into || 'SELECT r.grid_code, %s, %s FROM (%s) r GROUP BY r.grid_code, %s',
                 leaf_table, r_keys, sums, facts, r_keys);
  EXECUTE format('ANALYZE %I', leaf_table);
  EXECUTE format(insert_into || 'SELECT m.l2, %s, %s FROM %I r JOIN stats_rebuild_lineage m ON m.grid_code = r.grid_code
                                 WHERE r.grid_code <> %L GROUP BY m.l2, %s',
                 tier_table, r_keys, sums, leaf_table, '*', r_keys);
  EXECUTE format('ANALYZE %I', tier_table);
  EXECUTE format(insert_into || 'SELECT m.l1, %s, %s FROM %I r JOIN (SELECT DISTINCT l2, l1 FROM stats_rebuild_lineage) m
                                 ON m.l2 = r.grid_code GROUP BY m.l1, %s',
                 tier_table, r_keys, sums, tier_table, r_keys);
  EXECUTE format(insert_into || 'SELECT %L, %s, %s FROM %I r
                                 WHERE r.grid_code IN (SELECT DISTINCT l1 FROM stats_rebuild_lineage) GROUP BY %s',
                 leaf_table, '*', r_keys, sums, tier_table, r_keys);
END $f$;

-- The columns of `cases` the fact functions read, as their arguments.
CREATE FUNCTION stats_case_fact_arguments() RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'c.grid_code, c.category, c.source, c.status, c.reported_at, c.due_at, c.accepted_at, c.resolved_at, c.satisfaction, c.reopen_count'
$$;

CREATE FUNCTION stats_refresh_day_rollups() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM stats_rebuild_lineage();
  TRUNCATE stats_grid_day, stats_tier_day;
  ALTER TABLE stats_grid_day DROP CONSTRAINT stats_grid_day_pkey;
  DROP INDEX stats_grid_day_day;
  ALTER TABLE stats_tier_day DROP CONSTRAINT stats_tier_day_pkey;
  DROP INDEX stats_tier_day_day;
  PERFORM stats_rebuild_rollup_pair('stats_grid_day', 'stats_tier_day',
    format('SELECT f.day_grid_code AS grid_code, f.day_category AS category, f.*
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
  PERFORM stats_rebuild_lineage();
  TRUNCATE stats_grid_day_duration, stats_tier_day_duration;
  ALTER TABLE stats_grid_day_duration DROP CONSTRAINT stats_grid_day_duration_pkey;
  DROP INDEX stats_grid_day_duration_day;
  ALTER TABLE stats_tier_day_duration DROP CONSTRAINT stats_tier_day_duration_pkey;
  DROP INDEX stats_tier_day_duration_day;
  PERFORM stats_rebuild_rollup_pair('stats_grid_day_duration', 'stats_tier_day_duration',
    format('SELECT f.duration_grid_code AS grid_code, f.day, f.duration_category AS category, f.measure,
                   f.bucket, 1 AS cases
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

-- Tile bins (013) the same way: each case's Web Mercator cell at level 20 once, then level 18 from
-- the level-20 rows and level 16 from the level-18 rows (cell >> 2: floor(floor(v·2^20) / 4) =
-- floor(v·2^18), and scaling by a power of two is exact in floating point, so the cells equal the
-- trigger's).
CREATE OR REPLACE FUNCTION case_tile_bin_refresh() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM stats_rebuild_settings();
  TRUNCATE case_tile_bin;
  ALTER TABLE case_tile_bin DROP CONSTRAINT case_tile_bin_pkey;
  INSERT INTO case_tile_bin (level, cx, cy, category, cases)
  SELECT 20, floor((ST_X(c.geom) + 180) / 360 * (2 ^ 20))::int,
         floor((1 - ln(tan(radians(ST_Y(c.geom))) + 1 / cos(radians(ST_Y(c.geom)))) / pi()) / 2 * (2 ^ 20))::int,
         c.category, count(*)::int
  FROM cases c GROUP BY 2, 3, 4;
  INSERT INTO case_tile_bin (level, cx, cy, category, cases)
  SELECT 18, cx >> 2, cy >> 2, category, sum(cases)::int FROM case_tile_bin WHERE level = 20 GROUP BY 2, 3, 4;
  INSERT INTO case_tile_bin (level, cx, cy, category, cases)
  SELECT 16, cx >> 2, cy >> 2, category, sum(cases)::int FROM case_tile_bin WHERE level = 18 GROUP BY 2, 3, 4;
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
