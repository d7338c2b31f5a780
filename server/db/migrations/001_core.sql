-- GridSight core schema. Runs unchanged on PostgreSQL 15+/PostGIS 3 and on PGlite with PostGIS.
-- Coordinates are WGS84 (EPSG:4326); GCJ-02 conversion happens at the edge, never here.
CREATE EXTENSION IF NOT EXISTS postgis;

-- A complete set of grids. Exactly one is published; drafts are edited; retired ones stay for history.
CREATE TABLE boundary_version (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  status       text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  based_on     integer REFERENCES boundary_version (id) ON DELETE SET NULL,
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  retired_at   timestamptz,
  CHECK (status = 'draft' OR published_at IS NOT NULL),
  CHECK (status <> 'retired' OR retired_at >= published_at),
  CHECK (status = 'retired' OR retired_at IS NULL)
);
-- At most one published version ...
CREATE UNIQUE INDEX boundary_version_one_published ON boundary_version ((true)) WHERE status = 'published';

-- ... and at least one, once any version exists (checked at commit, so a publish can swap them).
CREATE FUNCTION boundary_version_check_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM boundary_version)
     AND NOT EXISTS (SELECT 1 FROM boundary_version WHERE status = 'published') THEN
    RAISE EXCEPTION 'exactly one boundary version must be published' USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER boundary_version_exactly_one_published
  AFTER INSERT OR UPDATE OR DELETE ON boundary_version
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION boundary_version_check_published();

-- A grid (网格) of one boundary version. `code` is stable across versions.
CREATE TABLE grid (
  version_id   integer NOT NULL REFERENCES boundary_version (id) ON DELETE CASCADE,
  code         text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,40}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  level        smallint NOT NULL CHECK (level IN (1, 2, 3)),
  kind         text CHECK (kind IN ('street', 'town', 'community', 'village', 'unit')),
  parent_code  text,
  parent_level smallint GENERATED ALWAYS AS (level - 1) STORED,
  households   integer NOT NULL DEFAULT 0 CHECK (households >= 0),
  population   integer NOT NULL DEFAULT 0 CHECK (population >= 0),
  geom         geometry(MultiPolygon, 4326) NOT NULL,
  revision     integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, code),
  UNIQUE (version_id, code, level),
  CHECK ((level = 1) = (parent_code IS NULL)),
  CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  -- The parent must exist in the same version, one level up.
  FOREIGN KEY (version_id, parent_code, parent_level) REFERENCES grid (version_id, code, level)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX grid_geom_gix ON grid USING gist (geom);
CREATE INDEX grid_version_level ON grid (version_id, level);
CREATE INDEX grid_version_parent ON grid (version_id, parent_code);

CREATE TABLE department (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]{1,40}$'),
  name_zh text NOT NULL,
  name_en text NOT NULL
);

-- Grid workers (网格员), grid heads (网格长), building heads (楼栋长). `grid_code` is version-independent.
CREATE TABLE staff (
  id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role      text NOT NULL CHECK (role IN ('grid_worker', 'grid_head', 'building_head')),
  grid_code text NOT NULL,
  phone     text CHECK (phone ~ '^[0-9+-]{5,20}$')
);
CREATE INDEX staff_grid ON staff (grid_code);

CREATE TABLE facility (
  id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind      text NOT NULL CHECK (kind IN ('service_center', 'station', 'mediation_center', 'camera', 'party_household')),
  name      text NOT NULL,
  grid_code text,
  geom      geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX facility_geom_gix ON facility USING gist (geom);
CREATE INDEX facility_kind ON facility (kind);

-- Buildings (楼栋) with households: the denominator of coverage.
CREATE TABLE building (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL,
  households integer NOT NULL CHECK (households >= 0),
  grid_code  text,
  geom       geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX building_geom_gix ON building USING gist (geom);
CREATE INDEX building_grid ON building (grid_code);

CREATE TABLE case_category (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z_]{1,40}$'),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  department_code text REFERENCES department (code)
);

-- A case (事件/诉求). Status and timestamps are kept consistent with the append-only case_event log.
CREATE TABLE cases (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                text NOT NULL UNIQUE,
  external_id         text UNIQUE CHECK (length(external_id) BETWEEN 1 AND 100),
  source              text NOT NULL CHECK (source IN ('hotline', 'patrol', 'app', 'camera', 'visit')),
  category            text NOT NULL REFERENCES case_category (code),
  priority            text NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'complex')),
  status              text NOT NULL CHECK (status IN
                        ('reported', 'accepted', 'dispatched', 'resolved', 'visited', 'archived', 'reopened', 'rejected')),
  title               text CHECK (length(title) <= 200),
  description         text CHECK (length(description) <= 5000),
  address             text CHECK (length(address) <= 300),
  reporter_name       text CHECK (length(reporter_name) <= 100),
  reporter_phone      text CHECK (reporter_phone ~ '^[0-9+-]{5,20}$'),
  geom                geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  -- The level-3 grid of the published version, and its parents (denormalised for fast filtering).
  grid_code           text NOT NULL,
  grid_l2_code        text NOT NULL,
  grid_l1_code        text NOT NULL,
  -- Accountability: the grid and version at report time never change.
  reported_grid_code  text NOT NULL,
  reported_version_id integer NOT NULL REFERENCES boundary_version (id),
  department_code     text REFERENCES department (code),
  satisfaction        smallint CHECK (satisfaction BETWEEN 1 AND 5),
  reject_reason       text,
  reported_at         timestamptz NOT NULL,
  due_at              timestamptz NOT NULL,
  accepted_at         timestamptz,
  dispatched_at       timestamptz,
  resolved_at         timestamptz,
  visited_at          timestamptz,
  archived_at         timestamptz,
  rejected_at         timestamptz,
  escalated_at        timestamptz,
  escalation_count    integer NOT NULL DEFAULT 0 CHECK (escalation_count >= 0),
  reopen_count        integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
  updated_at          timestamptz NOT NULL,
  CHECK (due_at > reported_at),
  CHECK (accepted_at IS NULL OR accepted_at >= reported_at),
  CHECK (resolved_at IS NULL OR resolved_at >= reported_at),
  CHECK (status <> 'rejected' OR (reject_reason IS NOT NULL AND rejected_at IS NOT NULL)),
  CHECK (status NOT IN ('visited', 'archived') OR satisfaction IS NOT NULL OR status = 'archived')
);
CREATE INDEX cases_geom_gix ON cases USING gist (geom);
CREATE INDEX cases_reported_at ON cases (reported_at, id);
CREATE INDEX cases_grid ON cases (grid_code, reported_at);
CREATE INDEX cases_grid_l2 ON cases (grid_l2_code, reported_at);
CREATE INDEX cases_grid_l1 ON cases (grid_l1_code, reported_at);
CREATE INDEX cases_open_due ON cases (due_at) WHERE status NOT IN ('resolved', 'visited', 'archived', 'rejected');

-- Every workflow move, append-only: who, when, from, to, note.
CREATE TABLE case_event (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id         bigint NOT NULL REFERENCES cases (id),
  seq             integer NOT NULL CHECK (seq >= 1),
  action          text NOT NULL CHECK (action IN
                    ('report', 'accept', 'dispatch', 'resolve', 'visit', 'archive', 'reopen', 'reject', 'escalate')),
  from_status     text,
  to_status       text NOT NULL,
  actor           text NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
  at              timestamptz NOT NULL,
  note            text CHECK (length(note) <= 2000),
  department_code text REFERENCES department (code),
  satisfaction    smallint CHECK (satisfaction BETWEEN 1 AND 5),
  reason          text CHECK (length(reason) <= 2000),
  UNIQUE (case_id, seq)
);
CREATE INDEX case_event_at ON case_event (at);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
