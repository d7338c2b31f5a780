-- Time-filtered case tiles (#8): cases per local day (Asia/Shanghai, stats_local_day()), Web
-- Mercator cell of level 16, 18 or 20 and category. A tile with a time window (± categories) sums the
-- window's whole days from here and counts only the cases of its partial first and last day
-- (server/queries/tiles.ts), instead of every case under the tile (1M cases: 2 s for a z10 tile).
--
-- The levels are case_tile_bin's (013): a bins tile of zoom z reads cells of level z + 6 or finer, so
-- 16, 18 and 20 serve z10 (exactly), z11/z12 (18) and z13/z14 (20). Rows per level at 1M cases a
-- year over 50,000 grids (one row per case and day is the ceiling): 16: 0.93M, 17: 0.98M, 18: 0.99M,
-- 19: 1.00M, 20: 1.00M; per-day cells hardly aggregate below level 16, so 17 and 19 would add rows
-- for z11/z13 tiles that 18 and 20 answer at 4× the cells.
--
-- (tx, ty) is the tile of zoom level − 6 holding the cell (cx >> 6, cy >> 6), leading the key so a
-- tile reads one contiguous key range per day window: (level, tx, ty, day ...) with the tile fixed
-- and the days a range. A tile of zoom z < level − 6 reads 2^(level − 6 − z) keys per side.
CREATE TABLE case_tile_day_bin (
  day      date NOT NULL,
  level    smallint NOT NULL CHECK (level IN (16, 18, 20)),
  cx       integer NOT NULL,
  cy       integer NOT NULL,
  tx       integer NOT NULL GENERATED ALWAYS AS (cx >> 6) STORED,
  ty       integer NOT NULL GENERATED ALWAYS AS (cy >> 6) STORED,
  category text NOT NULL,
  cases    integer NOT NULL
);
-- cases INCLUDEd: a tile is an index-only scan.
CREATE UNIQUE INDEX case_tile_day_bin_key
  ON case_tile_day_bin (level, tx, ty, day, cx, cy, category) INCLUDE (cases);

-- The cell formulas are case_tile_bin_statement()'s (013), so both tables put a case in the same cell.
CREATE FUNCTION case_tile_day_bin_statement(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO case_tile_day_bin AS t (day, level, cx, cy, category, cases)
    SELECT stats_local_day(s.reported_at), l.level,
           floor((ST_X(s.geom) + 180) / 360 * (2 ^ l.level))::int,
           floor((1 - ln(tan(radians(ST_Y(s.geom))) + 1 / cos(radians(ST_Y(s.geom)))) / pi()) / 2
                 * (2 ^ l.level))::int,
           s.category, sum(s.sign)
    FROM (%s) s CROSS JOIN (VALUES (16), (18), (20)) AS l(level)
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(s.sign) <> 0
    ORDER BY 2, 3, 4, 1, 5
    ON CONFLICT (level, tx, ty, day, cx, cy, category) DO UPDATE SET cases = t.cases + excluded.cases
  $q$, changes)
$f$;

DO $generate$
BEGIN
  EXECUTE format($f$
    CREATE FUNCTION case_tile_day_bin_apply() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN
      IF TG_OP = 'INSERT' THEN %s;
      ELSIF TG_OP = 'UPDATE' THEN %s;
      ELSE %s;
      END IF;
      RETURN NULL;
    END $body$ $f$,
    case_tile_day_bin_statement('SELECT 1 AS sign, n.geom, n.category, n.reported_at FROM new_rows n'),
    case_tile_day_bin_statement('SELECT 1 AS sign, n.geom, n.category, n.reported_at FROM new_rows n
                                 UNION ALL SELECT -1 AS sign, o.geom, o.category, o.reported_at FROM old_rows o'),
    case_tile_day_bin_statement('SELECT -1 AS sign, o.geom, o.category, o.reported_at FROM old_rows o'));
END $generate$;

CREATE TRIGGER cases_tile_day_bin_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_tile_day_bin_apply();
-- As in 013: every UPDATE runs it; rows whose geom, category and reported_at stand still cancel out.
CREATE TRIGGER cases_tile_day_bin_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_tile_day_bin_apply();
CREATE TRIGGER cases_tile_day_bin_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_tile_day_bin_apply();

CREATE FUNCTION case_tile_day_bin_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE case_tile_day_bin;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_tile_day_bin_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_tile_day_bin_truncate();

-- Full rebuild (after loads that bypass triggers), like case_tile_bin_refresh() in 014: each case's
-- cell once at level 20, the coarser ones by shifting (exact, see there); grouped in the "C"
-- collation and inserted plainly into the truncated table, the index built afterwards. Written in
-- key order (tile, then day), so a tile's days share heap pages until VACUUM lets scans skip the heap.
CREATE FUNCTION case_tile_day_bin_refresh() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM set_config('work_mem', '512MB', true);
  PERFORM set_config('maintenance_work_mem', '512MB', true);
  TRUNCATE case_tile_day_bin;
  DROP INDEX case_tile_day_bin_key;
  INSERT INTO case_tile_day_bin (day, level, cx, cy, category, cases)
  SELECT p.day, l.level, p.cx20 >> (20 - l.level), p.cy20 >> (20 - l.level), p.category, count(*)::int
  FROM (SELECT stats_local_day(c.reported_at) AS day, c.category COLLATE "C" AS category,
               floor((ST_X(c.geom) + 180) / 360 * (2 ^ 20))::int AS cx20,
               floor((1 - ln(tan(radians(ST_Y(c.geom))) + 1 / cos(radians(ST_Y(c.geom)))) / pi()) / 2
                     * (2 ^ 20))::int AS cy20
        FROM cases c) p
  CROSS JOIN (VALUES (16), (18), (20)) AS l(level)
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY l.level, (p.cx20 >> (20 - l.level)) >> 6, (p.cy20 >> (20 - l.level)) >> 6, p.day;
  CREATE UNIQUE INDEX case_tile_day_bin_key
    ON case_tile_day_bin (level, tx, ty, day, cx, cy, category) INCLUDE (cases);
END $f$;

-- stats_refresh_rollups() (014) runs these parts; the day bins join them.
CREATE OR REPLACE FUNCTION stats_rollup_parts() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['stats_refresh_day_rollups', 'stats_refresh_duration_rollups', 'case_tile_bin_refresh',
               'case_tile_day_bin_refresh']
$$;

SELECT case_tile_day_bin_refresh();
