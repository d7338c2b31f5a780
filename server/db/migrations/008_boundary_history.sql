-- Boundary planner (issue 6): history look-ups and publish.
-- "Which version was live at instant t" (published_at <= t < retired_at) is asked by every
-- `?asOf=` request; drafts never answer it, so they stay out of the index.
CREATE INDEX boundary_version_live_span ON boundary_version (published_at, retired_at)
  WHERE status <> 'draft';

-- Drafts are listed by what they were based on (the planner's version picker).
CREATE INDEX boundary_version_based_on ON boundary_version (based_on);

-- Staff counts per grid are read for every changed grid by the impact view (role filter included).
CREATE INDEX staff_grid_role ON staff (grid_code, role);
