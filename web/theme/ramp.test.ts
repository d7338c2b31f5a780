import { describe, expect, it } from 'vitest';
import { classColor, classIndex, createClassedScale, legendEntries, quantileBreaks } from './ramp';
import { SEQUENTIAL_RAMP } from './theme';

describe('quantileBreaks', () => {
  it('rounds breaks to nice steps inside the data range', () => {
    const values = Array.from({ length: 100 }, (_, i) => 300 + i * 2); // 300..498
    const breaks = quantileBreaks(values, 5);
    expect(breaks).toEqual([340, 380, 420, 460]);
  });

  it('gives no breaks for empty or constant data', () => {
    expect(quantileBreaks([], 5)).toEqual([]);
    expect(quantileBreaks([7, 7, 7], 5)).toEqual([]);
    expect(quantileBreaks([Number.NaN], 5)).toEqual([]);
  });
});

describe('classed scale', () => {
  it('has one colour per class and the ramp ends at both ends', () => {
    const scale = createClassedScale([1, 1, 1, 100], SEQUENTIAL_RAMP);
    expect(scale.colors.length).toBe(scale.breaks.length + 1);
    expect(scale.colors[0]).toBe(SEQUENTIAL_RAMP[0]);
    expect(scale.colors.at(-1)).toBe(SEQUENTIAL_RAMP.at(-1));
  });

  it('puts values in classes by lower bound', () => {
    const scale = { breaks: [10, 20], colors: ['#000000', '#808080', '#ffffff'] };
    expect(classIndex(scale, 5)).toBe(0);
    expect(classIndex(scale, 10)).toBe(1);
    expect(classIndex(scale, 25)).toBe(2);
    expect(classColor(scale, 15, 99)).toEqual([128, 128, 128, 99]);
  });

  it('describes each class for the legend', () => {
    const scale = { breaks: [10, 20], colors: ['#000000', '#808080', '#ffffff'] };
    expect(legendEntries(scale)).toEqual([
      { color: '#000000', min: null, max: 10 },
      { color: '#808080', min: 10, max: 20 },
      { color: '#ffffff', min: 20, max: null },
    ]);
  });
});
