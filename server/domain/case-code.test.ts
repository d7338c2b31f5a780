import { describe, expect, it } from 'vitest';
import { caseCodePrefix } from './case-code';

describe('caseCodePrefix', () => {
  it('uses the Beijing date, which is ahead of UTC by 8 hours', () => {
    expect(caseCodePrefix(new Date('2026-11-19T15:59:59Z'))).toBe('GS20261119-');
    expect(caseCodePrefix(new Date('2026-11-19T16:00:00Z'))).toBe('GS20261120-');
  });
});
