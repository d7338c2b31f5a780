/** Loads the party overlay (inside the demo loader's one transaction), after grids and buildings. */
import type { Db } from '../../server/db/db';

import * as q from '../../server/queries/demo';
import type { DemoData } from './types';

type Report = (step: string, done: number, total: number) => void;

/** Depth of each unit in its chain, so parents are always inserted before children. */
function depthOf(units: DemoData['party']['units']): Map<string, number> {
  const parentOf = new Map(units.map((u) => [u.code, u.parentCode]));
  const depth = new Map<string, number>();
  const walk = (code: string): number => {
    const known = depth.get(code);
    if (known !== undefined) return known;
    const parent = parentOf.get(code);
    const d = parent ? walk(parent) + 1 : 0;
    depth.set(code, d);
    return d;
  };
  for (const u of units) walk(u.code);
  return depth;
}

async function loadOrganisation(tx: Db, party: DemoData['party']): Promise<void> {
  const depth = depthOf(party.units);
  const maxDepth = Math.max(0, ...depth.values());
  for (let d = 0; d <= maxDepth; d++) {
    const rows = party.units
      .filter((u) => depth.get(u.code) === d)
      .map((u) => ({
        code: u.code,
        kind: u.kind,
        name: u.name,
        parent_code: u.parentCode,
        grid_code: u.gridCode,
        building_lon: u.building?.location[0] ?? null,
        building_lat: u.building?.location[1] ?? null,
      }));
    if (rows.length > 0) await q.insertPartyUnits(tx, rows);
  }
  await q.insertPartyMembers(
    tx,
    party.members.map((m) => ({ name: m.name, unit_code: m.unitCode, roles: m.roles })),
  );
  await q.insertGridEvidence(
    tx,
    party.evidence.map((e) => ({
      grid_code: e.gridCode,
      funding_on: e.fundingOn,
      volunteer_on: e.volunteerOn,
      co_governance_on: e.coGovernanceOn,
    })),
  );
}

async function loadRegistrations(tx: Db, party: DemoData['party']): Promise<void> {
  const services: Parameters<typeof q.insertServiceRecords>[1][number][] = [];
  for (const r of party.registrations) {
    const id = await q.insertPartyRegistration(tx, {
      member_name: r.memberName,
      employer: r.employer,
      community_code: r.communityCode,
      grid_code: r.gridCode,
      phone: r.phone,
      registered_at: r.registeredAt.toISOString(),
    });
    for (const s of r.services)
      services.push({
        registration_id: id,
        activity: s.activity,
        lon: s.location?.[0] ?? null,
        lat: s.location?.[1] ?? null,
        served_at: s.servedAt.toISOString(),
        hours: s.hours,
      });
  }
  await q.insertServiceRecords(tx, services);
}

async function loadLists(tx: Db, party: DemoData['party']): Promise<void> {
  const resourceIds: number[] = [];
  for (const r of party.resources)
    resourceIds.push(
      await q.insertPartyResource(tx, {
        category: r.category,
        name: r.name,
        provider: r.provider,
        provider_kind: r.providerKind,
        capacity: r.capacity,
        service_radius_metres: r.serviceRadiusMetres,
        grid_code: r.gridCode,
        lon: r.location[0],
        lat: r.location[1],
      }),
    );
  const projectIds: number[] = [];
  for (const p of party.projects)
    projectIds.push(
      await q.insertPartyProject(tx, {
        name: p.name,
        grid_code: p.gridCode,
        resource_id: resourceIds[p.resource] as number,
        started_on: p.startedOn,
      }),
    );
  await q.insertPartyNeeds(
    tx,
    party.needs.map((n) => ({
      category: n.category,
      description: n.description,
      lon: n.location[0],
      lat: n.location[1],
      reported_at: n.reportedAt.toISOString(),
      resource_id: n.resource === null ? null : (resourceIds[n.resource] ?? null),
      claimed_at: n.claimedAt?.toISOString() ?? null,
      project_id: n.project === null ? null : (projectIds[n.project] ?? null),
    })),
  );
}

export async function loadParty(tx: Db, data: DemoData, report: Report): Promise<void> {
  report('party', 0, 3);
  await loadOrganisation(tx, data.party);
  report('party', 1, 3);
  await loadRegistrations(tx, data.party);
  report('party', 2, 3);
  await loadLists(tx, data.party);
  report('party', 3, 3);
}
