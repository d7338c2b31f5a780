import { describe, expect, it } from 'vitest';
import { parseAsOf } from '../../server/domain/boundary/as-of';
import { balanceFigure } from '../../server/domain/boundary/balance';
import { polygonInputProblem } from '../../server/domain/boundary/geometry-input';
import { nextFreeCode } from '../../server/domain/boundary/grid-codes';
import { apportion, estimateAfterReshape, splitFigures } from '../../server/domain/boundary/households';
import { impactRows } from '../../server/domain/boundary/impact';
import { checkRevision } from '../../server/domain/boundary/revision';
import { buildReport } from '../../server/domain/boundary/validation-rules';
import { boxPolygon } from './support';

describe('boundary domain rules (pure)', () => {
  it('geometry input: accepts a box, names the first problem of a bad one', () => {
    expect(polygonInputProblem(boxPolygon([113.8, 27.6, 113.9, 27.7]))).toBeNull();
    expect(
      polygonInputProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toMatch(/at least 4/);
    expect(polygonInputProblem(boxPolygon([12_000_000, 3_000_000, 12_000_100, 3_000_100]))).toMatch(
      /outside WGS84/,
    );
    expect(polygonInputProblem(boxPolygon([0, 0, 1, 1]), 4)).toMatch(/exceed the limit of 4/);
    const nan = boxPolygon([0, 0, 1, 1]);
    (nan.coordinates[0] as [number, number][])[1] = [Number.NaN, 0];
    expect(polygonInputProblem(nan)).toMatch(/finite/);
  });

  it('revision check: ok, stale with the current revision, missing', () => {
    expect(checkRevision(3, 3)).toEqual({ ok: true });
    expect(checkRevision(4, 3)).toEqual({ ok: false, reason: 'stale', currentRevision: 4 });
    expect(checkRevision(undefined, 1)).toEqual({ ok: false, reason: 'missing' });
  });

  it('split codes: next free CODE-n, within 40 characters', () => {
    expect(nextFreeCode('C1-1', new Set(['C1-1']))).toBe('C1-1-2');
    expect(nextFreeCode('C1-1', new Set(['C1-1', 'C1-1-2']))).toBe('C1-1-3');
    expect(nextFreeCode('X'.repeat(40), new Set()).length).toBe(40);
  });

  it('households: reshape moves the buildings across, a split apportions exactly', () => {
    expect(estimateAfterReshape({ households: 400, population: 1000 }, 300, 350)).toEqual({
      households: 450,
      population: 1125,
    });
    expect(apportion(10, [1 / 3, 1 / 3, 1 / 3])).toEqual([4, 3, 3]);
    const parts = splitFigures({ households: 301, population: 780 }, [
      { buildings: 200, areaSquareMetres: 1 },
      { buildings: 100, areaSquareMetres: 1 },
    ]);
    expect(parts.reduce((s, p) => s + p.households, 0)).toBe(301);
    expect(parts[0]?.households).toBe(201);
  });

  it('balance: the worst deviation from the mean cases per worker; unstaffed grids set aside', () => {
    const b = balanceFigure([
      { code: 'A', cases: 10, workers: 1 },
      { code: 'B', cases: 20, workers: 2 },
      { code: 'C', cases: 40, workers: 1 },
      { code: 'D', cases: 5, workers: 0 },
    ]);
    expect(b).toMatchObject({
      gridsCounted: 3,
      unstaffedGrids: 1,
      meanCasesPerWorker: 20,
      maxDeviation: 20,
      worstGridCode: 'C',
    });
    expect(balanceFigure([]).meanCasesPerWorker).toBeNull();
  });

  it('impact rows pair before and after; report counts blocking errors only', () => {
    const side = {
      code: 'A',
      name: 'a',
      level: 3,
      changes: ['geometry'],
      parentCode: 'P',
      households: 100,
      population: 260,
      staff: 2,
      cases: 4,
      medianResponseMinutes: 12.34,
    };
    const rows = impactRows([
      { ...side, side: 'before' },
      { ...side, side: 'after', cases: 6 },
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        code: 'A',
        before: expect.objectContaining({
          cases90d: 4,
          householdsPerWorker: 50,
          medianResponseMinutes: 12.3,
        }),
        after: expect.objectContaining({ cases90d: 6 }),
      }),
    ]);
    const issue = { gridCodes: ['A'], areaSquareMetres: null, geometry: null, message: '' };
    expect(
      buildReport(1, 1, [
        { ...issue, kind: 'gap' },
        { ...issue, kind: 'unstaffed' },
      ]),
    ).toMatchObject({ blocking: 1, warnings: 1 });
  });

  it('asOf: a bare date is the end of that day in China Standard Time', () => {
    expect(parseAsOf('2026-03-01')?.toISOString()).toBe('2026-03-01T15:59:59.999Z');
    expect(parseAsOf('2026-03-01T00:00:00Z')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseAsOf('yesterday')).toBeNull();
  });
});
