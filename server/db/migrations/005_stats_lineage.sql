-- Every grid of the published version with its ancestors at each level, so a level-3 rollup row or a
-- staff member maps to "its grid of tier L" by picking one column (server/queries/stats-scope.ts).
-- A plain view: it follows each publish with nothing to refresh.
CREATE VIEW stats_grid_lineage AS
SELECT g.code,
       g.level,
       CASE g.level WHEN 1 THEN g.code WHEN 2 THEN g.parent_code ELSE p.parent_code END AS l1_code,
       CASE g.level WHEN 2 THEN g.code WHEN 3 THEN g.parent_code END AS l2_code,
       CASE g.level WHEN 3 THEN g.code END AS l3_code
FROM grid g
LEFT JOIN grid p ON p.version_id = g.version_id AND p.code = g.parent_code
WHERE g.version_id = (SELECT id FROM boundary_version WHERE status = 'published');

-- Service coverage measures metres on the spheroid: ST_DWithin(geography) uses these indexes (the
-- query probes buildings around each facility; the facility index serves the reverse question).
CREATE INDEX facility_geog_gix ON facility USING gist ((geom::geography));
CREATE INDEX building_geog_gix ON building USING gist ((geom::geography));
