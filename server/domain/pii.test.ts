import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, maskReporter } from './pii';

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskPhone('0086-13812345678')).toBe('0086138****5678');
  });
  it('keeps the area code and the last 4 digits of a landline', () => {
    expect(maskPhone('0799-6123456')).toBe('0799-***3456');
    expect(maskPhone('010-87654321')).toBe('010-****4321');
  });
  it('hides at least half of anything else', () => {
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('96123456')).toBe('****3456');
    expect(maskPhone('110')).toBe('**0');
    // Found by the property below: an "area code" before no local number is not kept.
    expect(maskPhone('+00-+')).toBe('+*0-+');
  });
  it('passes null through', () => {
    expect(maskPhone(null)).toBeNull();
  });
  it('keeps the length and hides at least 3 digits of any phone of 7+ digits (1 of a shorter one)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9+-]{5,20}$/), (phone) => {
        const masked = maskPhone(phone);
        const digits = (s: string) => [...s].filter((ch) => /[0-9]/.test(ch)).length;
        const hidden = digits(phone) - digits(masked);
        expect(hidden).toBeGreaterThanOrEqual(digits(phone) >= 7 ? 3 : Math.min(1, digits(phone)));
      }),
    );
  });
});

describe('maskName', () => {
  it('keeps the surname only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('王')).toBe('*');
  });
  it('keeps a compound surname whole', () => {
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('诸葛亮')).toBe('诸葛*');
  });
  it('does not mistake a two-character name for a compound surname', () => {
    expect(maskName('欧阳')).toBe('欧*');
  });
  it('keeps the first letter of each word of a Latin-script name', () => {
    expect(maskName('Li Lei')).toBe('L* L**');
  });
  it('passes null through', () => {
    expect(maskName(null)).toBeNull();
  });
  it('never returns the name unchanged', () => {
    fc.assert(
      fc.property(
        // A name with something to hide: two adjacent visible characters, none already a '*' (masking
        // '!*' gives '!*': the visible '!' is the part kept).
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('*') && /\S\S/.test(s)),
        (name) => {
          expect(maskName(name)).not.toBe(name.trim());
        },
      ),
    );
  });
});

describe('maskReporter', () => {
  it('masks both fields', () => {
    expect(maskReporter({ name: '张三', phone: '13812345678' })).toEqual({
      name: '张*',
      phone: '138****5678',
    });
  });
});
