-- City-scale performance (#8).
--
-- A data version for caches keyed on what they were computed from (server/tiles/cache.ts, used for
-- tiles and stats answers): every statement that writes a table the figures read draws the next
-- value of one sequence. nextval never waits on another transaction (unlike a counter row, which
-- would serialise all writers on one hot row) and is not rolled back, so a rolled-back write only
-- costs a cache miss. Writers that bypass triggers (COPY with session_replication_role = replica)
-- run before a server starts, whose caches start empty.
CREATE SEQUENCE data_version;

CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('data_version');
  RETURN NULL;
END $$;

CREATE TRIGGER cases_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER grid_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER boundary_version_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON boundary_version
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER staff_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER building_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON building
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER facility_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON facility
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();

-- Pre-aggregated case tile bins: cases per Web Mercator cell of zoom level 16, 18 and 20 and per
-- category, so an aggregated case tile (server/queries/tiles.ts: 64 × 64 bins, i.e. cells of level
-- z + 6) sums a few thousand rows instead of counting every case under a z10 tile (5M cases: 15 s of
-- raw points, seconds of raw bins). Kept by statement triggers on `cases` like the stats rollups;
-- only unfiltered (or category-filtered) tiles read it, other filters count the cases.
-- Cell indexes follow tile numbering (x east, y south), so cell (cx, cy) of level L lies in tile
-- (cx >> (L − z), cy >> (L − z)) of zoom z.
CREATE TABLE case_tile_bin (
  level    smallint NOT NULL CHECK (level IN (16, 18, 20)),
  cx       integer NOT NULL,
  cy       integer NOT NULL,
  category text NOT NULL,
  cases    integer NOT NULL,
  PRIMARY KEY (level, cx, cy, category)
);

CREATE FUNCTION case_tile_bin_statement(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO case_tile_bin AS t (level, cx, cy, category, cases)
    SELECT l.level,
           floor((ST_X(s.geom) + 180) / 360 * (2 ^ l.level))::int,
           floor((1 - ln(tan(radians(ST_Y(s.geom))) + 1 / cos(radians(ST_Y(s.geom)))) / pi()) / 2
                 * (2 ^ l.level))::int,
           s.category, sum(s.sign)
    FROM (%s) s CROSS JOIN (VALUES (16), (18), (20)) AS l(level)
    GROUP BY 1, 2, 3, 4
    HAVING sum(s.sign) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (level, cx, cy, category) DO UPDATE SET cases = t.cases + excluded.cases
  $q$, changes)
$f$;

DO $generate$
BEGIN
  EXECUTE format($f$
    CREATE FUNCTION case_tile_bin_apply() RETURNS trigger LANGUAGE plpgsql AS $body$
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

CREATE TRIGGER cases_tile_bin_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_tile_bin_apply();
-- Transition tables rule out a column list (UPDATE OF geom, category): for a transition the old and
-- new rows cancel and the HAVING writes nothing.
CREATE TRIGGER cases_tile_bin_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_tile_bin_apply();
CREATE TRIGGER cases_tile_bin_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_tile_bin_apply();

CREATE FUNCTION case_tile_bin_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE case_tile_bin;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_tile_bin_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_tile_bin_truncate();

-- Full rebuild (after loads that bypass triggers). stats_refresh_rollups() (migration 004), which
-- such loaders already call, now rebuilds the tile bins too.
CREATE FUNCTION case_tile_bin_refresh() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE case_tile_bin;
  EXECUTE case_tile_bin_statement('SELECT 1 AS sign, c.geom, c.category FROM cases c');
END $$;

CREATE OR REPLACE FUNCTION stats_refresh_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  statement text;
BEGIN
  TRUNCATE stats_grid_day, stats_grid_day_duration;
  FOREACH statement IN ARRAY stats_rollup_statements('SELECT 1 AS sign, c.* FROM cases c') LOOP
    EXECUTE statement;
  END LOOP;
  PERFORM case_tile_bin_refresh();
END $$;

SELECT case_tile_bin_refresh();
