-- Versions known to have no overlap, gap or child outside its parent larger than
-- tolerance_square_metres (#8). `GET /api/versions/:id/issues` checks only what a draft changed against
-- the published version, which is the whole answer only when the published version has no such issue
-- of its own (server/queries/boundary-issues.ts). Only versions that are no longer drafts get a row, and
-- their grids never change again, so a row never goes stale. No row: not known either way.
CREATE TABLE boundary_version_topology_clean (
  version_id              integer PRIMARY KEY REFERENCES boundary_version (id) ON DELETE CASCADE,
  tolerance_square_metres float8 NOT NULL CHECK (tolerance_square_metres >= 0),
  checked_at              timestamptz NOT NULL DEFAULT now()
);
