-- Party-building overlay (党建引领): the party organisation laid over the grid ("支部建在网格上"),
-- in-service members reporting to their community (在职党员"双报到"), and the lists of needs,
-- resources and projects matched by place (需求清单、资源清单、项目清单, 双向认领).
-- Allow-lists mirror server/domain/party/vocabulary.ts; grid codes are version-independent, like staff.

-- A party organisation unit. Chains (seed 000 / seed 001):
--   street_committee 街道党工委 → community_committee 社区党委 → grid_branch 网格(小区)党支部
--     → building_group 楼栋党小组 → member_household 党员中心户
--   community_grand_committee 社区大党委 → grid_work_group 网格工作组 → building_head_post 楼栋长
--     → member_household 党员中心户
-- Which parent kind is allowed is a domain rule (vocabulary.ts PARENT_KINDS), checked by writers.
CREATE TABLE party_unit (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,60}$'),
  kind        text NOT NULL CHECK (kind IN ('street_committee', 'community_committee', 'community_grand_committee',
                'grid_branch', 'grid_work_group', 'building_group', 'building_head_post', 'member_household')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  parent_id   integer REFERENCES party_unit (id) ON DELETE CASCADE,
  grid_code   text NOT NULL,
  building_id integer REFERENCES building (id) ON DELETE SET NULL,
  founded_on  date,
  CHECK (parent_id IS NULL OR parent_id <> id),
  -- A building-tier unit or a member household stands in a building.
  CHECK (kind NOT IN ('building_group', 'building_head_post', 'member_household') OR building_id IS NOT NULL)
);
CREATE INDEX party_unit_grid ON party_unit (grid_code, kind);
CREATE INDEX party_unit_parent ON party_unit (parent_id);
CREATE INDEX party_unit_building ON party_unit (building_id);

-- Party members of the grid organisation with their roles (书记, 网格长, 楼栋长, 党员中心户 and the
-- Pingxiang "234" roles: 两委, 三长, 四员 — seed 003). Roles come from an allow-list.
CREATE TABLE party_member (
  id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name    text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  unit_id integer NOT NULL REFERENCES party_unit (id) ON DELETE CASCADE,
  roles   text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['secretary', 'grid_head', 'building_head',
            'household_head', 'two_committees', 'party_group_leader', 'villager_group_leader', 'council_head',
            'policy_publicist', 'information_collector', 'stability_mediator', 'business_mentor']::text[])
);
CREATE INDEX party_member_unit ON party_member (unit_id);

-- Five haves (五有) evidence recorded per level-3 grid; a NULL date means "not in place".
-- 有支部 and 有阵地 are derived (party_unit, facility), never recorded here.
CREATE TABLE party_grid_evidence (
  grid_code          text PRIMARY KEY,
  funding_on         date,  -- 有经费 funding
  volunteer_on       date,  -- 有志愿服务 volunteer service
  co_governance_on   date   -- 有协商共治机制 consultation and co-governance mechanism
);

-- 在职党员"双报到": a member of an outside unit (机关/企事业单位) registered with a community (level 2),
-- optionally serving one level-3 grid of it.
CREATE TABLE party_registration (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_name    text NOT NULL CHECK (length(member_name) BETWEEN 1 AND 100),
  employer       text NOT NULL CHECK (length(employer) BETWEEN 1 AND 200),
  community_code text NOT NULL,
  grid_code      text,
  phone          text CHECK (phone ~ '^[0-9+-]{5,20}$'),
  registered_at  timestamptz NOT NULL
);
CREATE INDEX party_registration_community ON party_registration (community_code);
CREATE INDEX party_registration_grid ON party_registration (grid_code);

-- One service by a registered member: what, where (optional point), when, how many hours.
CREATE TABLE party_service_record (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registration_id integer NOT NULL REFERENCES party_registration (id) ON DELETE CASCADE,
  activity        text NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
  geom            geometry(Point, 4326) CHECK (geom IS NULL OR ST_IsValid(geom)),
  served_at       timestamptz NOT NULL,
  hours           numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24)
);
CREATE INDEX party_service_record_reg ON party_service_record (registration_id, served_at);

-- 资源清单: what a unit or volunteer offers, where, within which service distance, for how many needs.
CREATE TABLE party_resource (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category              text NOT NULL CHECK (category IN ('elderly_care', 'child_care', 'medical', 'legal',
                          'employment', 'repair', 'environment', 'culture')),
  name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  provider              text NOT NULL CHECK (length(provider) BETWEEN 1 AND 200),
  provider_kind         text NOT NULL CHECK (provider_kind IN ('unit', 'volunteer')),
  capacity              integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  service_radius_metres integer NOT NULL CHECK (service_radius_metres BETWEEN 1 AND 50000),
  grid_code             text NOT NULL,
  geom                  geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX party_resource_geog_gix ON party_resource USING gist ((geom::geography));

-- 项目清单: a project groups claimed needs (e.g. 四点半课堂 run by one co-building unit).
CREATE TABLE party_project (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  grid_code   text NOT NULL,
  resource_id integer REFERENCES party_resource (id) ON DELETE SET NULL,
  started_on  date NOT NULL
);

-- 需求清单: a resident's need at a point; grid_code is the level-3 grid of the published version at
-- report time (point-in-polygon). Claimed (双向认领) by one resource of the same category in reach.
CREATE TABLE party_need (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category    text NOT NULL CHECK (category IN ('elderly_care', 'child_care', 'medical', 'legal',
                'employment', 'repair', 'environment', 'culture')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  grid_code   text NOT NULL,
  geom        geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  reported_at timestamptz NOT NULL,
  resource_id integer REFERENCES party_resource (id) ON DELETE SET NULL,
  claimed_at  timestamptz,
  project_id  integer REFERENCES party_project (id) ON DELETE SET NULL,
  CHECK ((resource_id IS NULL) = (claimed_at IS NULL))
);
CREATE INDEX party_need_grid ON party_need (grid_code);
CREATE INDEX party_need_resource ON party_need (resource_id);
