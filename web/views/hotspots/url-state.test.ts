import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOTSPOT_STATE,
  decodeHotspotState,
  encodeHotspotState,
  type HotspotUrlState,
} from './url-state';

function createState(overrides: Partial<HotspotUrlState> = {}): HotspotUrlState {
  return { ...DEFAULT_HOTSPOT_STATE, ...overrides };
}

describe('hotspot URL state', () => {
  it('round-trips a full state', () => {
    const state = createState({
      grid: '360302001002003',
      window: { from: '2026-03-01', to: '2026-03-31' },
      categories: ['dispute', 'safety'],
      sources: ['hotline'],
      caseId: 4711,
      binMode: 'count',
    });
    expect(decodeHotspotState(encodeHotspotState(state))).toEqual(state);
  });

  it('leaves defaults out of the URL and keeps foreign parameters', () => {
    expect(encodeHotspotState(createState(), 'lang=en&grid=X')).toBe('lang=en');
    expect(encodeHotspotState(createState({ grid: 'A1' }))).toBe('grid=A1');
  });

  it('drops malformed values instead of failing', () => {
    const state = decodeHotspotState(
      'grid=%3Cx%3E&from=2026-02-30&to=2026-03-01&cat=dispute,bogus&case=0&bins=heat',
    );
    expect(state).toEqual(createState({ categories: ['dispute'] }));
  });

  it('needs both ends of a window, in order', () => {
    expect(decodeHotspotState('from=2026-03-01').window).toBeNull();
    expect(decodeHotspotState('from=2026-03-08&to=2026-03-01').window).toBeNull();
  });

  it('writes lists in vocabulary order so equal states give equal URLs', () => {
    const a = decodeHotspotState('src=visit,hotline&cat=safety,dispute');
    expect(encodeHotspotState(a)).toBe('cat=dispute%2Csafety&src=hotline%2Cvisit');
  });
});
