/** `GET /api/party/tree`: the organisation units standing in a grid or below it, nested. */
import type { Db } from '../db/db';
import {
  MEMBER_ROLE_NAMES,
  type MemberRole,
  UNIT_KIND_NAMES,
  type UnitKind,
} from '../domain/party/vocabulary';

type UnitRow = {
  id: number;
  parentId: number | null;
  kind: UnitKind;
  code: string;
  name: string;
  gridCode: string;
  buildingId: number | null;
  buildingName: string | null;
  location: [number, number] | null;
  members: { id: number; name: string; roles: MemberRole[] }[];
};

export type UnitNode = Omit<UnitRow, 'parentId' | 'members'> & {
  kindZh: string;
  members: { id: number; name: string; roles: { role: MemberRole; zh: string }[] }[];
  children: UnitNode[];
};

const UNIT_COLUMNS = `u.id, u.parent_id AS "parentId", u.kind, u.code, u.name, u.grid_code AS "gridCode",
  u.building_id AS "buildingId", b.name AS "buildingName",
  CASE WHEN b.id IS NULL THEN NULL ELSE json_build_array(ST_X(b.geom), ST_Y(b.geom)) END AS location,
  coalesce((SELECT json_agg(json_build_object('id', m.id, 'name', m.name, 'roles', m.roles) ORDER BY m.id)
            FROM party_member m WHERE m.unit_id = u.id), '[]') AS members`;

/** Units whose grid is `$1` or below it in the published hierarchy. */
const UNDER_GRID = `SELECT u.id, u.parent_id FROM party_unit u JOIN stats_grid_lineage l ON l.code = u.grid_code
  WHERE $1 IN (l.l1_code, l.l2_code, l.l3_code)`;

/** Units whose grid is `$1` or below it in the published hierarchy, with their members. */
async function unitsUnder(db: Db, gridCode: string): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `SELECT ${UNIT_COLUMNS}
     FROM party_unit u
     JOIN stats_grid_lineage l ON l.code = u.grid_code
     LEFT JOIN building b ON b.id = u.building_id
     WHERE $1 IN (l.l1_code, l.l2_code, l.l3_code)
     ORDER BY u.id`,
    [gridCode],
  );
}

/**
 * The units above the grid's own: the parent chain of each unit whose parent stands outside the grid
 * (街道党工委 → 社区党委 above a 网格党支部), so a grid panel shows whom its organisation answers to.
 */
async function unitsAbove(db: Db, gridCode: string): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `WITH RECURSIVE sel AS (${UNDER_GRID}),
     up AS (
       SELECT p.id, p.parent_id FROM sel JOIN party_unit p ON p.id = sel.parent_id
       WHERE sel.parent_id NOT IN (SELECT id FROM sel)
       UNION
       SELECT p.id, p.parent_id FROM up JOIN party_unit p ON p.id = up.parent_id
     )
     SELECT ${UNIT_COLUMNS}
     FROM party_unit u LEFT JOIN building b ON b.id = u.building_id
     WHERE u.id IN (SELECT id FROM up)
     ORDER BY u.id`,
    [gridCode],
  );
}

function toNode(u: UnitRow): UnitNode {
  const { parentId: _parent, members, ...rest } = u;
  return {
    ...rest,
    kindZh: UNIT_KIND_NAMES[u.kind].zh,
    members: members.map((m) => ({
      ...m,
      roles: m.roles.map((role) => ({ role, zh: MEMBER_ROLE_NAMES[role] })),
    })),
    children: [],
  };
}

/** Nests the units: roots are those whose parent is outside the selection (or none). */
export function nestUnits(units: readonly UnitRow[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, toNode(u)]));
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id) as UnitNode;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export async function getPartyTree(db: Db, gridCode: string): Promise<UnitNode[]> {
  return nestUnits(await unitsUnder(db, gridCode));
}

/** The chain above the grid's units, nested top-down (each node holds only the chain's next link). */
export async function getPartyChainAbove(db: Db, gridCode: string): Promise<UnitNode[]> {
  return nestUnits(await unitsAbove(db, gridCode));
}
