import { Hono } from 'hono';
import { z } from 'zod';
import { scopeFilterOf } from '../auth/scope';
import type { Db } from '../db/db';
import type { AppDeps } from '../deps';
import { type AlertParams, repeatLocationGroups } from '../domain/hotspots/alert-groups';
import { CASE_AREA_FILTER_SHAPE, type CaseAreaFilter, toCaseAreaFilter } from '../domain/hotspots/filter';
import { GI_CRITICAL_Z } from '../domain/hotspots/gi-star';
import {
  BIN_SIZES_METRES,
  type BinSizeMetres,
  binFeatures,
  dominantCategory,
  latticeOver,
  MAX_LATTICE_BINS,
} from '../domain/hotspots/square-bins';
import { haversineDistanceMetres, mercatorUnitsPerMetre } from '../domain/hotspots/web-mercator';
import { ProblemError } from '../problem';
import {
  alertCandidates,
  type CaseLocation,
  clusterCases,
  countCasesPerBin,
  countCasesUpTo,
  publishedTerritory,
  type Territory,
} from '../queries/hotspots';
import { validate } from '../validation';

/** DBSCAN and the alert self-join are superlinear: beyond these, ask for a narrower window. */
export const MAX_CLUSTER_CASES = 20_000;
export const MAX_ALERT_CASES = 50_000;

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const BinsQuery = z.strictObject({
  ...CASE_AREA_FILTER_SHAPE,
  binSize: z
    .enum(BIN_SIZES_METRES.map(String) as [string, ...string[]])
    .transform((v) => Number(v) as BinSizeMetres)
    .default(250),
  ring: intIn(1, 3).default(1),
});

const ClustersQuery = z.strictObject({
  ...CASE_AREA_FILTER_SHAPE,
  eps: intIn(10, 2000).default(100),
  minPoints: intIn(2, 1000).default(5),
});

const AlertsQuery = z.strictObject({
  ...CASE_AREA_FILTER_SHAPE,
  minCases: intIn(2, 100).default(3),
  radius: intIn(5, 1000).default(50),
  windowDays: intIn(1, 365).default(30),
});

function tooMany(count: number, limit: number): ProblemError {
  return new ProblemError(
    422,
    'too-many-cases',
    `The filter matches more than ${limit} cases. Narrow the bbox, the time window (from/to) or the categories and retry.`,
    { limit, count },
  );
}

/**
 * The latitude that sizes bins and eps: the published territory's centre, so bins do not move
 * while the user pans or plays the time slider; the bbox centre only when no grid is published.
 */
function referenceLatitude(territory: Territory, f: CaseAreaFilter): number {
  if (territory) return territory.referenceLatitude;
  return f.bbox ? (f.bbox[1] + f.bbox[3]) / 2 : 0;
}

async function squareBins(db: Db, f: CaseAreaFilter, binSizeMetres: BinSizeMetres, ring: number) {
  const territory = await publishedTerritory(db);
  const refLat = referenceLatitude(territory, f);
  const size = binSizeMetres * mercatorUnitsPerMetre(refLat);
  const area = f.bbox ?? territory?.bbox;
  const meta = { binSizeMetres, shape: 'square', projection: 'EPSG:3857', referenceLatitude: refLat };
  const gi = { ringRadius: ring, weights: 'binary k-ring incl. self', fdr: false, criticalZ: GI_CRITICAL_Z };
  if (!area)
    return {
      type: 'FeatureCollection' as const,
      features: [],
      meta: { ...meta, gi, totalCount: 0, latticeBins: 0 },
    };
  const lattice = latticeOver(area, size);
  const latticeBins = lattice.columns * lattice.rows;
  if (latticeBins > MAX_LATTICE_BINS) {
    throw new ProblemError(
      422,
      'too-many-bins',
      `The area holds ${latticeBins} bins of ${binSizeMetres} m (limit ${MAX_LATTICE_BINS}). Choose a larger binSize or a smaller bbox.`,
      { limit: MAX_LATTICE_BINS, count: latticeBins },
    );
  }
  const counts = await countCasesPerBin(db, f, size);
  const totalCount = counts.reduce((s, c) => s + c.count, 0);
  const features = binFeatures(lattice, counts, ring);
  return { type: 'FeatureCollection' as const, features, meta: { ...meta, gi, totalCount, latticeBins } };
}

async function clusters(db: Db, f: CaseAreaFilter, epsMetres: number, minPoints: number) {
  const inputCount = await countCasesUpTo(db, f, MAX_CLUSTER_CASES);
  if (inputCount > MAX_CLUSTER_CASES) throw tooMany(inputCount, MAX_CLUSTER_CASES);
  const eps = epsMetres * mercatorUnitsPerMetre(referenceLatitude(await publishedTerritory(db), f));
  const rows = await clusterCases(db, f, eps, minPoints);
  const features = rows.map((r) => ({
    type: 'Feature' as const,
    geometry: r.geometry,
    properties: {
      count: r.count,
      categories: r.categories,
      dominantCategory: dominantCategory(r.categories),
    },
  }));
  return { type: 'FeatureCollection' as const, features, meta: { epsMetres, minPoints, inputCount } };
}

function alertFeature(category: string, members: CaseLocation[]) {
  const n = members.length || 1;
  const centre: [number, number] = [
    members.reduce((s, m) => s + m.lon, 0) / n,
    members.reduce((s, m) => s + m.lat, 0) / n,
  ];
  const radiusMetres = Math.max(0, ...members.map((m) => haversineDistanceMetres(centre, [m.lon, m.lat])));
  const times = members.map((m) => m.reportedAt).sort();
  return {
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: centre.map((v) => Math.round(v * 1e6) / 1e6) },
    properties: {
      category,
      count: members.length,
      caseIds: members.map((m) => m.id),
      firstReportedAt: times[0] ?? null,
      lastReportedAt: times[times.length - 1] ?? null,
      radiusMetres: Math.round(radiusMetres * 10) / 10,
    },
  };
}

/** The territory's latitude could be a few degrees off a case's: eps gets 5 % of margin. */
const ALERT_EPS_MARGIN = 1.05;

async function repeatAlerts(db: Db, f: CaseAreaFilter, params: AlertParams) {
  const inputCount = await countCasesUpTo(db, f, MAX_ALERT_CASES);
  if (inputCount > MAX_ALERT_CASES) throw tooMany(inputCount, MAX_ALERT_CASES);
  const lat = referenceLatitude(await publishedTerritory(db), f);
  const eps = params.radiusMetres * mercatorUnitsPerMetre(lat) * ALERT_EPS_MARGIN;
  const candidates = await alertCandidates(db, f, eps, params.minCases);
  const byId = new Map(
    candidates.map((c) => [
      c.id,
      { id: c.id, lon: c.lon, lat: c.lat, reportedAt: new Date(c.reportedAtMs).toISOString() },
    ]),
  );
  const features = repeatLocationGroups(candidates, params).map((g) =>
    alertFeature(
      g.category,
      g.caseIds.flatMap((id) => byId.get(id) ?? []),
    ),
  );
  return { type: 'FeatureCollection' as const, features, meta: { ...params, inputCount } };
}

export function hotspotRoutes(deps: AppDeps) {
  return new Hono()
    .get('/bins', validate('query', BinsQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await squareBins(deps.db, { ...toCaseAreaFilter(q), ...scopeFilterOf(c) }, q.binSize, q.ring),
      );
    })
    .get('/clusters', validate('query', ClustersQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await clusters(deps.db, { ...toCaseAreaFilter(q), ...scopeFilterOf(c) }, q.eps, q.minPoints),
      );
    })
    .get('/alerts', validate('query', AlertsQuery), async (c) => {
      const q = c.req.valid('query');
      const params = { minCases: q.minCases, radiusMetres: q.radius, windowDays: q.windowDays };
      return c.json(await repeatAlerts(deps.db, { ...toCaseAreaFilter(q), ...scopeFilterOf(c) }, params));
    });
}
