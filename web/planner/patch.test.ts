import { describe, expect, it } from 'vitest';
import { buildBatchUpdates, canMerge, MAX_BATCH_UPDATES, snapshotOf, splitLine } from './patch';

describe('buildBatchUpdates', () => {
  it('writes each changed outline as a MultiPolygon at its current revision', () => {
    const updates = buildBatchUpdates({ A: [[[[0, 0]]]], B: [[[[1, 0]]]] }, (c) => (c === 'A' ? 3 : 7));
    expect(updates).toEqual([
      { code: 'A', revision: 3, geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0]]]] } },
      { code: 'B', revision: 7, geometry: { type: 'MultiPolygon', coordinates: [[[[1, 0]]]] } },
    ]);
  });

  it('refuses an unknown grid and a batch over the server limit', () => {
    expect(() => buildBatchUpdates({ X: [] }, () => undefined)).toThrow(/X/);
    const many = Object.fromEntries(Array.from({ length: MAX_BATCH_UPDATES + 1 }, (_, i) => [`G${i}`, []]));
    expect(() => buildBatchUpdates(many, () => 1)).toThrow(/limit/);
  });
});

describe('planner request helpers', () => {
  it('snapshots the known outlines only', () => {
    expect(snapshotOf(['A', 'Z'], (c) => (c === 'A' ? [] : undefined))).toEqual({ A: [] });
  });

  it('builds a split line from two or more distinct clicks', () => {
    expect(splitLine([[0, 0]])).toBeNull();
    expect(
      splitLine([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
    expect(
      splitLine([
        [0, 0],
        [0, 0],
        [1, 1],
      ]),
    ).toEqual({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    });
  });

  it('offers merge for two siblings only', () => {
    const a = { code: 'A', level: 3, parentCode: 'P' };
    expect(canMerge(a, { code: 'B', level: 3, parentCode: 'P' })).toBe(true);
    expect(canMerge(a, { code: 'B', level: 3, parentCode: 'Q' })).toBe(false);
    expect(canMerge(a, a)).toBe(false);
    expect(canMerge(a, null)).toBe(false);
  });
});
