import { describe, expect, it } from 'vitest';
import { type CaseSelection, selectionKey, selectionQuery } from './case-selection';

function createSelection(overrides: Partial<CaseSelection> = {}): CaseSelection {
  return { grid: null, window: null, categories: [], sources: [], ...overrides };
}

describe('case selection → query parameters', () => {
  it('asks for everything when nothing is chosen', () => {
    expect(selectionQuery(createSelection())).toEqual({});
  });

  it('maps every filter to the /api/cases parameter of the same meaning', () => {
    const q = selectionQuery(
      createSelection({
        grid: 'G1',
        window: { from: '2026-01-01', to: '2026-02-01' },
        categories: ['dispute', 'traffic'],
        sources: ['app'],
      }),
    );
    expect(q).toEqual({
      grid: 'G1',
      from: '2026-01-01',
      to: '2026-02-01',
      category: 'dispute,traffic',
      source: 'app',
    });
  });

  it('gives equal keys to equal selections', () => {
    const a = createSelection({ grid: 'G1', categories: ['safety'] });
    expect(selectionKey(a)).toBe(selectionKey({ ...a }));
    expect(selectionKey(a)).not.toBe(selectionKey(createSelection({ grid: 'G2', categories: ['safety'] })));
  });
});
