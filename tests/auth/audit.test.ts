/**
 * The audit log (#7): every write leaves exactly one row, written in the write's transaction, with the
 * actor and the entity before/after (personal data masked); a refused write leaves none; the table is
 * append-only; GET /api/audit is for admins. Both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionHeaders } from '../support/auth';
import { testBackends } from '../support/backends';
import { TEST_NOW } from '../support/templates';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';

// biome-ignore lint/suspicious/noExplicitAny: audit rows are checked field by field
type Json = Record<string, any>;
type AuditRow = {
  id: number;
  actor_name: string;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
};

describe.each(testBackends())('audit log (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  let point: { lon: number; lat: number };

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const lastId = async () =>
    Number((await t.db.query<{ id: number }>('SELECT COALESCE(max(id), 0) AS id FROM audit_log'))[0]?.id);
  /** Runs a request and returns its response with the audit rows it added. */
  const audited = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const from = await lastId();
    const res = await send(method, path, body, headers);
    const rows = await t.db.query<AuditRow>(
      `SELECT id, actor_name, actor_role, action, entity_type, entity_id, before, after
       FROM audit_log WHERE id > $1 ORDER BY id`,
      [from],
    );
    return { res, rows, json: res.status === 204 ? null : ((await res.clone().json()) as Json) };
  };

  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    app = createTestApp(t, () => TEST_NOW);
    const [c] = await t.db.query<{ lon: number; lat: number }>(
      'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cases ORDER BY id LIMIT 1',
    );
    if (!c) throw new Error('demo data has no case');
    point = { lon: Number(c.lon), lat: Number(c.lat) };
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function intake() {
    return audited('POST', '/api/cases', {
      ...point,
      category: 'dispute',
      source: 'hotline',
      reporter: { name: '欧阳娜娜', phone: '13812345678' },
    });
  }

  it('case intake: one row with the actor, no before, the case after with the reporter masked', async () => {
    const { res, rows, json } = await intake();
    expect(res.status).toBe(201);
    expect(rows).toHaveLength(1);
    const [row] = rows as [AuditRow];
    expect(row).toMatchObject({
      action: 'case.intake',
      entity_type: 'case',
      entity_id: String(json?.id),
      actor_name: 'test-worker',
      actor_role: 'worker',
      before: null,
    });
    expect(row.after).toMatchObject({ id: json?.id, status: 'reported', category: 'dispute' });
    expect(row.after?.reporter).toEqual({ name: '欧阳**', phone: '138****5678' });
  });

  it('a transition: one row, before and after status; a refused one and a malformed one: none', async () => {
    const created = (await intake()).json as Json;
    const accept = await audited('POST', `/api/cases/${created.id}/transitions`, { action: 'accept' });
    expect(accept.res.status).toBe(200);
    expect(accept.rows).toHaveLength(1);
    expect(accept.rows[0]).toMatchObject({ action: 'case.accept', entity_id: String(created.id) });
    expect(accept.rows[0]?.before).toMatchObject({ status: 'reported' });
    expect(accept.rows[0]?.after).toMatchObject({ status: 'accepted' });
    expect(accept.rows[0]?.after?.reporter.phone).toBe('138****5678');

    const refused = await audited('POST', `/api/cases/${created.id}/transitions`, { action: 'archive' });
    expect(refused.res.status).toBe(409);
    expect(refused.rows).toHaveLength(0);
    const malformed = await audited('POST', `/api/cases/${created.id}/transitions`, { action: 'fly' });
    expect(malformed.res.status).toBe(400);
    expect(malformed.rows).toHaveLength(0);
    const unknownDept = await audited('POST', `/api/cases/${created.id}/transitions`, {
      action: 'dispatch',
      department: 'no_such_department',
    });
    expect(unknownDept.res.status).toBe(422);
    expect(unknownDept.rows).toHaveLength(0);
  });

  it('a repeated externalId writes nothing and so logs nothing', async () => {
    const body = { ...point, category: 'dispute', source: 'hotline', externalId: 'audit-dup-1' };
    expect((await audited('POST', '/api/cases', body)).rows).toHaveLength(1);
    const again = await audited('POST', '/api/cases', body);
    expect(again.res.status).toBe(200);
    expect(again.rows).toHaveLength(0);
  });

  it('boundary drafts: create, grid edit (before/after), stale edit (none), publish, delete', async () => {
    const created = await audited('POST', '/api/versions', { name: 'audit draft' });
    expect(created.res.status).toBe(201);
    expect(created.rows).toHaveLength(1);
    expect(created.rows[0]).toMatchObject({
      action: 'version.create',
      entity_type: 'boundary_version',
      entity_id: String(created.json?.id),
      before: null,
      actor_role: 'planner',
    });
    expect(created.rows[0]?.after).toMatchObject({ status: 'draft', name: 'audit draft' });
    const id = created.json?.id as number;

    const [grid] = await t.db.query<{ code: string; name: string; revision: number }>(
      'SELECT code, name, revision FROM grid WHERE version_id = $1 AND level = 3 ORDER BY code LIMIT 1',
      [id],
    );
    if (!grid) throw new Error('draft has no grid');
    const rename = await audited('PATCH', `/api/versions/${id}/grids/${grid.code}`, {
      revision: grid.revision,
      name: '审计网格',
    });
    expect(rename.res.status).toBe(200);
    expect(rename.rows).toHaveLength(1);
    expect(rename.rows[0]?.action).toBe('grid.update');
    expect(rename.rows[0]?.before?.grids).toEqual([
      expect.objectContaining({ code: grid.code, name: grid.name, revision: grid.revision }),
    ]);
    expect(rename.rows[0]?.after?.grids).toEqual([
      expect.objectContaining({ code: grid.code, name: '审计网格', revision: grid.revision + 1 }),
    ]);
    expect(rename.rows[0]?.after?.grids[0].geometry.type).toBe('MultiPolygon');

    const stale = await audited('PATCH', `/api/versions/${id}/grids/${grid.code}`, {
      revision: grid.revision,
      name: 'x',
    });
    expect(stale.res.status).toBe(409);
    expect(stale.rows).toHaveLength(0);

    const other = await audited('POST', '/api/versions', { name: 'audit draft 2' });
    const deleted = await audited('DELETE', `/api/versions/${other.json?.id}`);
    expect(deleted.res.status).toBe(204);
    expect(deleted.rows).toHaveLength(1);
    expect(deleted.rows[0]).toMatchObject({ action: 'version.delete', after: null });
    expect(deleted.rows[0]?.before).toMatchObject({ id: other.json?.id, status: 'draft' });

    const published = await audited('POST', `/api/versions/${id}/publish`);
    expect(published.res.status, JSON.stringify(published.json)).toBe(200);
    expect(published.rows).toHaveLength(1);
    expect(published.rows[0]?.action).toBe('version.publish');
    expect(published.rows[0]?.before).toMatchObject({ status: 'draft' });
    expect(published.rows[0]?.after).toMatchObject({ status: 'published', casesReassigned: 0 });

    const again = await audited('POST', `/api/versions/${id}/publish`);
    expect(again.res.status).toBe(409);
    expect(again.rows).toHaveLength(0);
  }, 120_000);

  it('a boundary import: a dry run logs nothing, a saved import one row', async () => {
    const pub = ((await (await send('GET', '/api/versions')).json()) as Json).versions.find(
      (v: Json) => v.status === 'published',
    );
    const collection = await (await send('GET', `/api/versions/${pub.id}/export`)).json();
    const dry = await audited('POST', '/api/versions/import?dryRun=true&name=dry', collection);
    expect(dry.res.status, JSON.stringify(dry.json).slice(0, 500)).toBe(200);
    expect(dry.rows).toHaveLength(0);
    const saved = await audited('POST', '/api/versions/import?name=audited-import', collection);
    expect(saved.res.status, JSON.stringify(saved.json).slice(0, 500)).toBe(201);
    expect(saved.rows).toHaveLength(1);
    expect(saved.rows[0]).toMatchObject({ action: 'version.import', before: null });
    expect(saved.rows[0]?.after).toMatchObject({ name: 'audited-import', status: 'draft' });
  }, 120_000);

  it('party writes: registration (member masked), service record, need, claim', async () => {
    const [community] = await t.db.query<{ code: string }>(
      `SELECT g.code FROM grid g JOIN boundary_version v ON v.id = g.version_id AND v.status = 'published'
       WHERE g.level = 2 AND g.kind = 'community' ORDER BY g.code LIMIT 1`,
    );
    const reg = await audited('POST', '/api/party/registrations', {
      memberName: '张三丰',
      employer: '区税务局',
      communityCode: community?.code,
      phone: '0799-6123456',
    });
    expect(reg.res.status, JSON.stringify(reg.json)).toBe(201);
    expect(reg.rows).toHaveLength(1);
    expect(reg.rows[0]).toMatchObject({ action: 'party_registration.create', before: null });
    expect(reg.rows[0]?.after).toMatchObject({ memberName: '张**', phone: '0799-***3456' });

    const service = await audited('POST', `/api/party/registrations/${reg.json?.id}/services`, {
      activity: '环境整治',
      servedAt: '2026-11-18T01:00:00Z',
      hours: 2,
    });
    expect(service.res.status).toBe(201);
    expect(service.rows.map((r) => r.action)).toEqual(['party_service_record.create']);

    const need = await audited('POST', '/api/party/needs', {
      category: 'repair',
      description: '楼道灯坏了',
      location: [point.lon, point.lat],
    });
    expect(need.res.status, JSON.stringify(need.json)).toBe(201);
    expect(need.rows.map((r) => r.action)).toEqual(['party_need.create']);
    const outside = await audited('POST', '/api/party/needs', {
      category: 'repair',
      description: 'x',
      location: [100, 30],
    });
    expect(outside.res.status).toBe(422);
    expect(outside.rows).toHaveLength(0);

    const matches = (await (await send('GET', `/api/party/needs/${need.json?.id}/matches`)).json()) as Json;
    const resource = matches.matches?.[0];
    if (resource) {
      const claimed = await audited('POST', `/api/party/needs/${need.json?.id}/claim`, {
        resourceId: resource.id,
      });
      expect(claimed.res.status).toBe(200);
      expect(claimed.rows).toHaveLength(1);
      expect(claimed.rows[0]).toMatchObject({ action: 'party_need.claim', entity_id: String(need.json?.id) });
      expect(claimed.rows[0]?.before?.resourceId).toBeNull();
      expect(claimed.rows[0]?.after?.resourceId).toBe(resource.id);
      const twice = await audited('POST', `/api/party/needs/${need.json?.id}/claim`, {
        resourceId: resource.id,
      });
      expect(twice.res.status).toBe(409);
      expect(twice.rows).toHaveLength(0);
    }
  });

  it('audit_log refuses UPDATE, DELETE and TRUNCATE', async () => {
    await intake();
    await expect(t.db.query(`UPDATE audit_log SET actor_name = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('GET /api/audit: admins only, filtered and keyset-paged, newest first', async () => {
    const created = (await intake()).json as Json;
    await send('POST', `/api/cases/${created.id}/transitions`, { action: 'accept' });
    const admin = await sessionHeaders(t, { role: 'admin', scopeCode: null });
    const res = await app.request(`/api/audit?entityType=case&entityId=${created.id}&limit=1`, {
      headers: admin,
    });
    expect(res.status).toBe(200);
    const page1 = (await res.json()) as Json;
    expect(page1.items.map((r: Json) => r.action)).toEqual(['case.accept']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await (
      await app.request(
        `/api/audit?entityType=case&entityId=${created.id}&limit=1&cursor=${page1.nextCursor}`,
        { headers: admin },
      )
    ).json()) as Json;
    expect(page2.items.map((r: Json) => r.action)).toEqual(['case.intake']);
    expect(page2.nextCursor).toBeNull();
    const byActor = (await (
      await app.request('/api/audit?actor=test-planner&limit=500', { headers: admin })
    ).json()) as Json;
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((r: Json) => r.actorName === 'test-planner')).toBe(true);
    const future = (await (
      await app.request('/api/audit?from=2999-01-01', { headers: admin })
    ).json()) as Json;
    expect(future.items).toEqual([]);
    expect((await app.request('/api/audit?bogus=1', { headers: admin })).status).toBe(400);

    const leader = await sessionHeaders(t, { role: 'leader', scopeCode: null });
    expect((await app.request('/api/audit', { headers: leader })).status).toBe(403);
  });
});
