import { describe, expect, it } from 'vitest';
import { pushBounded, TICKER_CAPACITY } from './ticker-buffer';

const item = (id: number) => ({ id });

describe('pushBounded', () => {
  it('puts the newest first and never holds more than the capacity', () => {
    let items: { id: number }[] = [];
    for (let id = 1; id <= 1000; id++) items = pushBounded(items, item(id), 5);
    expect(items.map((i) => i.id)).toEqual([1000, 999, 998, 997, 996]);
    expect(TICKER_CAPACITY).toBeGreaterThan(0);
  });

  it('ignores an event it already holds (a resumed stream replays)', () => {
    const items = pushBounded(pushBounded([], item(1)), item(2));
    expect(pushBounded(items, item(1))).toBe(items);
  });

  it('keeps nothing at capacity 0', () => {
    expect(pushBounded([item(1)], item(2), 0)).toEqual([]);
  });
});
