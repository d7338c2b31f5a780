import { describe, expect, it, vi } from 'vitest';
import { glyphSample, MAP_FONT_FAMILY, preloadGlyphs } from './fonts';

describe('glyphSample', () => {
  it('keeps each character once, surrogate pairs intact', () => {
    expect(glyphSample(['安源区', '安源镇', '𠀀'])).toBe('安源区镇𠀀');
  });
});

describe('preloadGlyphs', () => {
  it('asks the browser for the subsets covering the label characters', async () => {
    const load = vi.fn().mockResolvedValue([]);
    await preloadGlyphs({ load } as unknown as FontFaceSet, ['东大街街道', '八一街街道']);
    expect(load).toHaveBeenCalledWith(`400 24px "${MAP_FONT_FAMILY}"`, '东大街道八一');
  });

  it('never rejects, and skips empty input', async () => {
    const load = vi.fn().mockRejectedValue(new Error('offline'));
    await expect(preloadGlyphs({ load } as unknown as FontFaceSet, ['x'])).resolves.toBeUndefined();
    await preloadGlyphs({ load } as unknown as FontFaceSet, []);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
