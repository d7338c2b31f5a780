-- City scale (#8): the case tile cells (013/015, keyed as in 018) follow the rollup queue (017).
--
-- Their statement triggers upserted six all-time cells (levels 16-21) and two day cells in every
-- writing statement: ~1.1 ms of the ~3.5 ms PostgreSQL spent on an intake at 5M cases. The queue
-- now carries each changed case's point too, and stats_flush() applies the cells with the rollups,
-- a batch at a time; readers of the cells (bins tiles, server/tiles/render.ts) flush first, as the
-- stats readers do, so a tile still counts every case committed before it was asked for.

ALTER TABLE stats_pending ADD COLUMN geom geometry(Point, 4326);

CREATE OR REPLACE FUNCTION stats_enqueue_case_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_pending
    SELECT 1, n.grid_code, n.grid_l2_code, n.grid_l1_code, n.category, n.source, n.status, n.reported_at,
           n.due_at, n.accepted_at, n.resolved_at, n.satisfaction, n.reopen_count, n.geom
    FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO stats_pending
    SELECT v.*
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES
      (1::smallint, n.grid_code, n.grid_l2_code, n.grid_l1_code, n.category, n.source, n.status, n.reported_at,
       n.due_at, n.accepted_at, n.resolved_at, n.satisfaction, n.reopen_count, n.geom),
      (-1::smallint, o.grid_code, o.grid_l2_code, o.grid_l1_code, o.category, o.source, o.status, o.reported_at,
       o.due_at, o.accepted_at, o.resolved_at, o.satisfaction, o.reopen_count, o.geom)) AS v
    -- points compared as EWKB: geometry's = has meant bounding-box equality in some PostGIS versions
    WHERE (n.grid_code, n.grid_l2_code, n.grid_l1_code, n.category, n.source, n.status, n.reported_at, n.due_at,
           n.accepted_at, n.resolved_at, n.satisfaction, n.reopen_count, ST_AsEWKB(n.geom))
          IS DISTINCT FROM
          (o.grid_code, o.grid_l2_code, o.grid_l1_code, o.category, o.source, o.status, o.reported_at, o.due_at,
           o.accepted_at, o.resolved_at, o.satisfaction, o.reopen_count, ST_AsEWKB(o.geom));
  ELSE
    INSERT INTO stats_pending
    SELECT -1, o.grid_code, o.grid_l2_code, o.grid_l1_code, o.category, o.source, o.status, o.reported_at,
           o.due_at, o.accepted_at, o.resolved_at, o.satisfaction, o.reopen_count, o.geom
    FROM old_rows o;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER cases_tile_bin_insert ON cases;
DROP TRIGGER cases_tile_bin_update ON cases;
DROP TRIGGER cases_tile_bin_delete ON cases;
DROP TRIGGER cases_tile_day_bin_insert ON cases;
DROP TRIGGER cases_tile_day_bin_update ON cases;
DROP TRIGGER cases_tile_day_bin_delete ON cases;
DROP FUNCTION case_tile_bin_apply();
DROP FUNCTION case_tile_day_bin_apply();

-- The cells' own statements (018), aimed at the batch; an UPDATE that moved nothing cancels out.
-- Changes queued before this migration carry no point: the dropped triggers had applied them.
INSERT INTO stats_flush_part (name, body) VALUES
  ('tile_cells', case_tile_bin_statement('SELECT sign, geom, category FROM batch WHERE geom IS NOT NULL')),
  ('tile_day_cells',
   case_tile_day_bin_statement('SELECT sign, geom, category, reported_at FROM batch WHERE geom IS NOT NULL'));
SELECT stats_flush_generate();
