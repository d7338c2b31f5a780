-- Case tiles at city scale (#8), second pass: every bins tile z10–z15 reads one index range.
--
-- 1. All-time cells (case_tile_bin, 013) keyed by tile like the day cells (015): (level, tx, ty, cx, cy,
--    category) INCLUDE (cases), tx/ty the cell's tile of zoom level − 6, and every level from 16 to 21,
--    so a bins tile of zoom z (64 × 64 bins, cells of level z + 6) is exactly one key, read index-only.
--    Keyed (level, cx, cy, category) with levels 16/18/20, a z13 tile at 5M cases summed 87,502 level-20
--    rows from 21,439 heap pages (270–640 ms); its 64 × 64 level-19 cells are 31,582 rows in one index
--    range. All-time cells aggregate (5M cases: 3.2M level-20 cells, 2.0M level-19, 0.99M level-18),
--    unlike per-day cells.
-- 2. Per-day cells (case_tile_day_bin, 015) at levels 16 and 20 only. A day cell holds about one case
--    from level 16 on at 50,000 grids (5M cases: 3.8M rows at level 16, 4.8M at 18, 5.0M at 20), so a
--    z11/z12 tile reads about as many rows at level 20 as at 18 (measured: the same within the noise),
--    while level 18 cost 4.8M rows in every rebuild and a row in every intake. Level 16 stays: a z10
--    tile reads a quarter fewer rows there than at 20, and one key instead of 256.
-- 3. An index of cases by their tile of zoom 14 and time, (case_tile14(geom), reported_at): a window's
--    partial first and last day (counted from the cases, see server/queries/tiles.ts) and the points
--    of a z14–z16 tile within a window read the tile's cases of those hours, instead of every case of
--    the city in those hours (reported_at) or of the tile in all time (GiST).
--
-- Cell (cx, cy) of level L lies in tile (cx >> (L − z), cy >> (L − z)) of zoom z, as in 013.

DROP TABLE case_tile_bin;
CREATE TABLE case_tile_bin (
  level    smallint NOT NULL CHECK (level BETWEEN 16 AND 21),
  cx       integer NOT NULL,
  cy       integer NOT NULL,
  tx       integer NOT NULL GENERATED ALWAYS AS (cx >> 6) STORED,
  ty       integer NOT NULL GENERATED ALWAYS AS (cy >> 6) STORED,
  category text NOT NULL,
  cases    integer NOT NULL
);
CREATE UNIQUE INDEX case_tile_bin_key ON case_tile_bin (level, tx, ty, cx, cy, category) INCLUDE (cases);

-- 013's statement with the new levels and key; the cell formula is unchanged.
CREATE OR REPLACE FUNCTION case_tile_bin_statement(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO case_tile_bin AS t (level, cx, cy, category, cases)
    SELECT l.level,
           floor((ST_X(s.geom) + 180) / 360 * (2 ^ l.level))::int,
           floor((1 - ln(tan(radians(ST_Y(s.geom))) + 1 / cos(radians(ST_Y(s.geom)))) / pi()) / 2
                 * (2 ^ l.level))::int,
           s.category, sum(s.sign)
    FROM (%s) s CROSS JOIN generate_series(16, 21) AS l(level)
    GROUP BY 1, 2, 3, 4
    HAVING sum(s.sign) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (level, tx, ty, cx, cy, category) DO UPDATE SET cases = t.cases + excluded.cases
  $q$, changes)
$f$;

DO $generate$
BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION case_tile_bin_apply() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN
      IF TG_OP = 'INSERT' THEN %s;
      ELSIF TG_OP = 'UPDATE' THEN %s;
      ELSE %s;
      END IF;
      RETURN NULL;
    END $body$ $f$,
    case_tile_bin_statement('SELECT 1 AS sign, n.geom, n.category FROM new_rows n'),
    case_tile_bin_statement('SELECT 1 AS sign, n.geom, n.category FROM new_rows n
                             UNION ALL SELECT -1 AS sign, o.geom, o.category FROM old_rows o'),
    case_tile_bin_statement('SELECT -1 AS sign, o.geom, o.category FROM old_rows o'));
END $generate$;

-- Full rebuild: each case's level-21 cell once, each coarser level from the one below (cell >> 1 is
-- exact, see 014), hashed (sorting 5M rows by tile cost 26 s more, and the order is no use once
-- VACUUM lets the index-only scans skip the heap) into the truncated table, the index built after.
CREATE OR REPLACE FUNCTION case_tile_bin_refresh() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM stats_rebuild_settings();
  TRUNCATE case_tile_bin;
  DROP INDEX case_tile_bin_key;
  INSERT INTO case_tile_bin (level, cx, cy, category, cases)
  SELECT 21, p.cx, p.cy, p.category, count(*)::int
  FROM (SELECT floor((ST_X(c.geom) + 180) / 360 * (2 ^ 21))::int AS cx,
               floor((1 - ln(tan(radians(ST_Y(c.geom))) + 1 / cos(radians(ST_Y(c.geom)))) / pi()) / 2
                     * (2 ^ 21))::int AS cy,
               c.category COLLATE "C" AS category
        FROM cases c) p
  GROUP BY p.cx, p.cy, p.category;
  -- Planned per level (EXECUTE): a plan cached from the first level misjudges the others.
  FOR l IN REVERSE 20..16 LOOP
    EXECUTE format(
      'INSERT INTO case_tile_bin (level, cx, cy, category, cases)
       SELECT %1$s, b.cx >> 1, b.cy >> 1, b.category COLLATE "C", sum(b.cases)::int
       FROM case_tile_bin b WHERE b.level = %2$s
       GROUP BY 2, 3, 4', l, l + 1);
  END LOOP;
  CREATE UNIQUE INDEX case_tile_bin_key ON case_tile_bin (level, tx, ty, cx, cy, category) INCLUDE (cases);
END $f$;

-- Per-day cells at levels 16 and 20 (015's statement and rebuild, one level fewer). The rebuild no
-- longer writes in key order: at 5M cases the sort cost ~50 s of its ~100 s, for heap locality that
-- only scans before the first VACUUM use (the bench vacuums; autovacuum follows bulk inserts).
CREATE OR REPLACE FUNCTION case_tile_day_bin_statement(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO case_tile_day_bin AS t (day, level, cx, cy, category, cases)
    SELECT stats_local_day(s.reported_at), l.level,
           floor((ST_X(s.geom) + 180) / 360 * (2 ^ l.level))::int,
           floor((1 - ln(tan(radians(ST_Y(s.geom))) + 1 / cos(radians(ST_Y(s.geom)))) / pi()) / 2
                 * (2 ^ l.level))::int,
           s.category, sum(s.sign)
    FROM (%s) s CROSS JOIN (VALUES (16), (20)) AS l(level)
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(s.sign) <> 0
    ORDER BY 2, 3, 4, 1, 5
    ON CONFLICT (level, tx, ty, day, cx, cy, category) DO UPDATE SET cases = t.cases + excluded.cases
  $q$, changes)
$f$;

DO $generate$
BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION case_tile_day_bin_apply() RETURNS trigger LANGUAGE plpgsql AS $body$
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

CREATE OR REPLACE FUNCTION case_tile_day_bin_refresh() RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM stats_rebuild_settings();
  TRUNCATE case_tile_day_bin;
  DROP INDEX case_tile_day_bin_key;
  INSERT INTO case_tile_day_bin (day, level, cx, cy, category, cases)
  SELECT p.day, l.level, p.cx20 >> (20 - l.level), p.cy20 >> (20 - l.level), p.category, count(*)::int
  FROM (SELECT stats_local_day(c.reported_at) AS day, c.category COLLATE "C" AS category,
               floor((ST_X(c.geom) + 180) / 360 * (2 ^ 20))::int AS cx20,
               floor((1 - ln(tan(radians(ST_Y(c.geom))) + 1 / cos(radians(ST_Y(c.geom)))) / pi()) / 2
                     * (2 ^ 20))::int AS cy20
        FROM cases c) p
  CROSS JOIN (VALUES (16), (20)) AS l(level)
  GROUP BY 1, 2, 3, 4, 5;
  CREATE UNIQUE INDEX case_tile_day_bin_key
    ON case_tile_day_bin (level, tx, ty, day, cx, cy, category) INCLUDE (cases);
END $f$;

ALTER TABLE case_tile_day_bin DROP CONSTRAINT case_tile_day_bin_level_check;
TRUNCATE case_tile_day_bin;
ALTER TABLE case_tile_day_bin ADD CONSTRAINT case_tile_day_bin_level_check CHECK (level IN (16, 20));

-- The tile of zoom 14 holding a point, as one integer (x << 14 | y), by the cell formula above. PostGIS
-- names are schema-qualified: index builds and ANALYZE run with search_path = pg_catalog on
-- PostgreSQL 17 (PGlite), and inlining the body (which lets queries match the index) resolves them then.
DO $generate$
DECLARE
  postgis name := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                   WHERE e.extname = 'postgis');
BEGIN
  EXECUTE format($f$
    CREATE FUNCTION case_tile14(geom %1$I.geometry) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT (floor((%1$I.ST_X(geom) + 180) / 360 * (2 ^ 14))::int << 14)
             | floor((1 - ln(tan(radians(%1$I.ST_Y(geom))) + 1 / cos(radians(%1$I.ST_Y(geom)))) / pi()) / 2
                     * (2 ^ 14))::int
    $$ $f$, postgis);
END $generate$;
CREATE INDEX cases_tile14_reported ON cases (case_tile14(geom), reported_at);

SELECT case_tile_bin_refresh();
SELECT case_tile_day_bin_refresh();
