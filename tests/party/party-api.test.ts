/** /api/party on both backends, every figure checked against the hand-built fixture (fixture.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchScore } from '../../server/domain/party/matching';
import { testBackends } from '../support/backends';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { fixtureIds, loadPartyFixture, PARTY_NOW } from './fixture';

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field against hand-computed values
type Json = Record<string, any>;

describe.each(testBackends())('party API on the hand-built fixture (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  let ids: Record<string, number>;
  const get = async (path: string): Promise<Json> => {
    const res = await app.request(path);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as Json;
  };
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await loadPartyFixture(t.db);
    ids = await fixtureIds(t.db);
    app = createTestApp(t, () => PARTY_NOW);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('overview of the district: organisation, stations, five haves, 双报到, needs', async () => {
    const o = await get('/api/party/overview');
    expect(o.monthStart).toBe('2026-10-31T16:00:00.000Z');
    expect(o.organisation).toEqual({
      grids: 4,
      gridsWithBranch: 2, // C1-1 branch, C2-1 work group
      branchCoverage: 0.5,
      buildings: 6,
      buildingsCovered: 4, // B1 H11, B2 G11, B3 H12, B4 BH21+H21
      buildingCoverage: 4 / 6,
      memberHouseholds: 3, // H11, H12, H21
      householdsPerMemberHousehold: 1600 / 3, // registry households 300+400+450+450
    });
    expect(o.stations).toEqual({
      radiusMetres: 500,
      buildingsNearStation: 1, // B1, ≈197 m from F1
      buildingShare: 1 / 6,
      householdsNearStation: 100,
      buildingHouseholds: 1600, // 100+200+400+150+300+450
      householdShare: 100 / 1600,
    });
    expect(o.fiveHaves).toEqual({
      grids: 4,
      complete: 1, // C1-1
      completion: 0.25,
      present: { branch: 2, position: 2, funding: 3, volunteer: 2, coGovernance: 1 }, // position: C1-1 (F1, F2), C2-1 (F2)
    });
    // R1 (11-05 3 h, 10-25) and R3 (11-19 1.5 h) active since 10-21; R2 last served 09-01; R4 never.
    expect(o.inService).toEqual({
      registeredMembers: 4,
      activeMembers: 2,
      activeShare: 0.5,
      hoursThisMonth: 4.5,
    });
    expect(o.needs).toEqual({ needs: 5, claimed: 1, unclaimed: 4, claimedShare: 0.2, projects: 1 });
  });

  it('level-2 figures: 甲社区 C1 and 乙村 C2', async () => {
    const r = await get('/api/party/grids?level=2');
    const [c1, c2] = r.grids;
    expect([c1.code, c2.code]).toEqual(['C1', 'C2']);
    expect(c1.organisation).toMatchObject({
      grids: 2,
      gridsWithBranch: 1,
      buildings: 3,
      buildingsCovered: 3,
      memberHouseholds: 2,
    });
    expect(c1.organisation.householdsPerMemberHousehold).toBe(350); // 700 / 2
    expect(c2.organisation).toMatchObject({
      grids: 2,
      gridsWithBranch: 1,
      buildings: 3,
      buildingsCovered: 1,
      memberHouseholds: 1,
    });
    expect(c2.organisation.householdsPerMemberHousehold).toBe(900);
    expect(c1.stations).toMatchObject({
      buildingsNearStation: 1,
      householdsNearStation: 100,
      buildingHouseholds: 700,
    });
    expect(c2.stations).toMatchObject({ buildingsNearStation: 0, householdShare: 0 });
    expect(c1.fiveHaves).toMatchObject({ complete: 1, completion: 0.5 });
    expect(c2.fiveHaves).toMatchObject({ complete: 0, completion: 0 });
    expect(c1.inService).toEqual({
      registeredMembers: 2,
      activeMembers: 1,
      activeShare: 0.5,
      hoursThisMonth: 3,
    });
    expect(c2.inService).toEqual({
      registeredMembers: 2,
      activeMembers: 1,
      activeShare: 0.5,
      hoursThisMonth: 1.5,
    });
    expect(c1.needs).toMatchObject({ needs: 3, claimed: 1, unclaimed: 2 });
    expect(c2.needs).toMatchObject({ needs: 2, claimed: 0, unclaimed: 2, claimedShare: 0 });
    expect(c1.checklist).toBeUndefined();
  });

  it('level-3 figures with the five-haves checklist and the missing items', async () => {
    const r = await get('/api/party/grids?level=3');
    const by = Object.fromEntries(r.grids.map((g: Json) => [g.code, g]));
    expect(Object.keys(by)).toEqual(['C1-1', 'C1-2', 'C2-1', 'C2-2']);
    expect(by['C1-1'].checklist.complete).toBe(true);
    expect(by['C1-1'].checklist.items.map((i: Json) => [i.item, i.zh, i.since])).toEqual([
      ['branch', '有支部', null],
      ['position', '有阵地', null],
      ['funding', '有经费', '2026-01-10'],
      ['volunteer', '有志愿服务', '2026-02-01'],
      ['coGovernance', '有协商共治机制', '2026-03-01'],
    ]);
    expect(by['C1-2'].checklist.missing).toEqual(['branch', 'position', 'volunteer', 'coGovernance']);
    expect(by['C2-1'].checklist.missing).toEqual(['coGovernance']);
    expect(by['C2-2'].checklist.missing).toEqual([
      'branch',
      'position',
      'funding',
      'volunteer',
      'coGovernance',
    ]);
    expect(by['C2-2'].organisation.householdsPerMemberHousehold).toBeNull(); // no member household
    expect(by['C1-2'].organisation.branchCoverage).toBe(0);
    // R2 registered with C1 but no grid: not counted at level 3.
    expect(by['C1-1'].inService).toEqual({
      registeredMembers: 1,
      activeMembers: 1,
      activeShare: 1,
      hoursThisMonth: 3,
    });
    expect(by['C1-2'].inService).toEqual({
      registeredMembers: 0,
      activeMembers: 0,
      activeShare: null,
      hoursThisMonth: 0,
    });
    expect(by['C2-1'].inService).toMatchObject({ registeredMembers: 1, activeMembers: 0 });
    expect(by['C2-2'].inService).toMatchObject({
      registeredMembers: 1,
      activeMembers: 1,
      hoursThisMonth: 1.5,
    });
    expect(by['C1-2'].needs).toEqual({ needs: 0, claimed: 0, unclaimed: 0, claimedShare: null, projects: 0 });
  });

  it('scoped tier figures and level errors', async () => {
    const r = await get('/api/party/grids?level=3&grid=C2');
    expect(r.grids.map((g: Json) => g.code)).toEqual(['C2-1', 'C2-2']);
    expect((await app.request('/api/party/grids?level=1&grid=C1')).status).toBe(400);
    expect((await app.request('/api/party/grids?level=4')).status).toBe(400);
    expect((await app.request('/api/party/grids?level=3&grid=NOPE')).status).toBe(404);
  });

  it('organisation tree under a community and under a grid', async () => {
    const c1 = await get('/api/party/tree?grid=C1');
    const shape = (n: Json): unknown => [n.code, n.children.map(shape)];
    expect(c1.units.map(shape)).toEqual([
      [
        'PC1',
        [
          [
            'BR11',
            [
              ['G11', []],
              ['H11', []],
            ],
          ],
          ['H12', []],
        ],
      ],
    ]);
    const pc1 = c1.units[0];
    expect(pc1.kindZh).toBe('社区党委');
    expect(pc1.members[0].roles).toEqual([
      { role: 'secretary', zh: '书记' },
      { role: 'two_committees', zh: '两委' },
    ]);
    const h11 = pc1.children[0].children[1];
    expect(h11).toMatchObject({ kind: 'member_household', buildingName: 'B1', location: [113.81, 27.61] });
    const c21 = await get('/api/party/tree?grid=C2-1');
    expect(c21.units.map(shape)).toEqual([['WG21', [['BH21', [['H21', []]]]]]]);
    expect((await get('/api/party/tree?grid=S1')).units.map((u: Json) => u.code)).toEqual(['W']);
    expect((await app.request('/api/party/tree?grid=NOPE')).status).toBe(404);
    expect((await app.request('/api/party/tree')).status).toBe(400);
  });

  it('map points: member households and stations, not cameras', async () => {
    const r = await get('/api/party/points?grid=C1');
    expect(r.points.map((p: Json) => [p.kind, p.name])).toEqual([
      ['member_household', '党员中心户（B1）'],
      ['member_household', '党员中心户（B3）'],
      ['station', '甲社区红帆驿站'],
    ]);
  });

  it('matches rank by the pure score: nearer and roomier first, only in reach and category', async () => {
    const r = await get(`/api/party/needs/${ids.N3}/matches`);
    expect(r.matches.map((m: Json) => m.name)).toEqual(['RS3', 'RS4']); // ≈148 m of 800 m, ≈2.6 km of 5 km
    for (const m of r.matches) {
      expect(m.score).toBeCloseTo(
        matchScore({
          needCategory: 'legal',
          resourceCategory: m.category,
          distanceMetres: m.distanceMetres,
          serviceRadiusMetres: m.serviceRadiusMetres,
          capacityLeft: m.capacityLeft,
        }),
        12,
      );
    }
    expect(r.matches[0].distanceMetres).toBeGreaterThan(140);
    expect(r.matches[0].distanceMetres).toBeLessThan(155);
    expect((await get(`/api/party/needs/${ids.N2}/matches`)).matches).toEqual([]); // nothing within reach
    expect((await app.request('/api/party/needs/999999/matches')).status).toBe(404);
  });

  it('claims: refused on category, distance, capacity and twice; accepted in reach', async () => {
    const claim = (need: number | string, resourceId: unknown) =>
      post(`/api/party/needs/${need}/claim`, { resourceId });
    const mismatch = await claim(ids.N3 as number, ids.RS1);
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as Json).type).toMatch(/category-mismatch/);
    const far = await claim(ids.N2 as number, ids.RS1);
    expect(far.status).toBe(422);
    expect(((await far.json()) as Json).type).toMatch(/out-of-range/);
    expect((await claim(ids.N1 as number, ids.RS1)).status).toBe(409); // already claimed
    expect((await claim(999999, ids.RS1)).status).toBe(404);
    expect((await claim(ids.N4 as number, 999999)).status).toBe(404);
    expect((await claim(ids.N4 as number, 'x')).status).toBe(400);
    expect((await post(`/api/party/needs/${ids.N4}/claim`, { resourceId: ids.RS2, extra: 1 })).status).toBe(
      400,
    );
    const ok = await claim(ids.N4 as number, ids.RS2); // ≈1.48 km of 3 km
    expect(ok.status).toBe(200);
    expect((await ok.json()) as Json).toMatchObject({
      id: ids.N4,
      resourceId: ids.RS2,
      claimedAt: expect.any(String),
    });
    expect((await claim(ids.N3 as number, ids.RS4)).status).toBe(200); // legal, ≈2.6 km of 5 km; RS4 now full
    const extra = await post('/api/party/needs', {
      category: 'legal',
      description: '遗产咨询',
      location: [113.831, 27.631],
    });
    const full = await claim(((await extra.json()) as Json).id, ids.RS4);
    expect(full.status).toBe(422);
    expect(((await full.json()) as Json).type).toMatch(/no-capacity/);
    const c2 = (await get('/api/party/grids?level=2&grid=C2')).grids[0];
    expect(c2.needs).toMatchObject({ needs: 2, claimed: 1, unclaimed: 1, claimedShare: 0.5 });
  });

  it('new needs take their grid by point-in-polygon; outside → 422, malformed → 400', async () => {
    const res = await post('/api/party/needs', {
      category: 'repair',
      description: '楼道灯坏了',
      location: [113.86, 27.66],
    });
    expect(res.status).toBe(201);
    expect((await res.json()) as Json).toMatchObject({
      gridCode: 'C2-2',
      resourceId: null,
      reportedAt: expect.any(String),
    });
    expect(
      (await post('/api/party/needs', { category: 'repair', description: 'x', location: [100, 30] })).status,
    ).toBe(422);
    expect(
      (await post('/api/party/needs', { category: 'nope', description: 'x', location: [113.86, 27.66] }))
        .status,
    ).toBe(400);
    expect(
      (await post('/api/party/needs', { category: 'repair', description: '', location: [113.86] })).status,
    ).toBe(400);
    const open = await get('/api/party/needs?grid=C2-2&status=open');
    expect(open.needs.map((n: Json) => n.description)).toEqual(['N5', '楼道灯坏了']);
  });

  it('双报到: registration and service records validated; figures follow', async () => {
    const bad = [
      { communityCode: 'NOPE' }, // unknown grid
      { communityCode: 'C1-1' }, // not a community
      { communityCode: 'C1', gridCode: 'C2-1' }, // grid of another community
    ];
    for (const b of bad)
      expect(
        (await post('/api/party/registrations', { memberName: '王伟', employer: '区税务局', ...b })).status,
      ).toBe(422);
    expect(
      (await post('/api/party/registrations', { memberName: '王伟', employer: '区税务局' })).status,
    ).toBe(400);
    const reg = await post('/api/party/registrations', {
      memberName: '王伟',
      employer: '区税务局',
      communityCode: 'C1',
      gridCode: 'C1-2',
    });
    expect(reg.status).toBe(201);
    const { id } = (await reg.json()) as Json;
    const service = {
      activity: '环境整治',
      location: [113.82, 27.66],
      servedAt: '2026-11-18T01:00:00Z',
      hours: 2.5,
    };
    const rec = await post(`/api/party/registrations/${id}/services`, service);
    expect(rec.status).toBe(201);
    expect((await rec.json()) as Json).toMatchObject({
      registrationId: id,
      hours: 2.5,
      location: [113.82, 27.66],
    });
    expect((await post('/api/party/registrations/999999/services', service)).status).toBe(404);
    expect((await post(`/api/party/registrations/${id}/services`, { ...service, hours: 0 })).status).toBe(
      400,
    );
    expect(
      (
        await post(`/api/party/registrations/${id}/services`, {
          ...service,
          servedAt: '2026-12-01T00:00:00Z',
        })
      ).status,
    ).toBe(422);
    const c12 = (await get('/api/party/grids?level=3&grid=C1-2')).grids[0];
    expect(c12.inService).toEqual({
      registeredMembers: 1,
      activeMembers: 1,
      activeShare: 1,
      hoursThisMonth: 2.5,
    });
  });

  it('projects list the claimed needs they link', async () => {
    const r = await get('/api/party/projects?grid=C1');
    expect(r.projects).toHaveLength(1);
    expect(r.projects[0]).toMatchObject({
      name: '敬老助老项目',
      startedOn: '2026-10-01',
      resourceId: ids.RS1,
    });
    expect(r.projects[0].needs.map((n: Json) => n.description)).toEqual(['N1']);
    const res = await get('/api/party/resources?grid=C1-1');
    expect(res.resources.find((x: Json) => x.name === 'RS1')).toMatchObject({ capacity: 2, capacityLeft: 1 });
  });
});
