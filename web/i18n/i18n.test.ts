import { describe, expect, it } from 'vitest';
import { en } from './en';
import { createI18n, DEFAULT_LANGUAGE, initialLanguage, LANGUAGE_STORAGE_KEY } from './i18n';
import { zhCN } from './zh-CN';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const storage = (value: string | null) => ({
  getItem: (key: string) => (key === LANGUAGE_STORAGE_KEY ? value : null),
});

describe('i18n', () => {
  it('has the same keys in every language', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('starts in Chinese unless the URL or a stored choice says otherwise', () => {
    expect(initialLanguage('', null)).toBe(DEFAULT_LANGUAGE);
    expect(DEFAULT_LANGUAGE).toBe('zh-CN');
    expect(initialLanguage('', storage('en'))).toBe('en');
    expect(initialLanguage('?lang=zh-CN', storage('en'))).toBe('zh-CN');
    expect(initialLanguage('?lang=fr', storage('xx'))).toBe('zh-CN');
  });

  it('interpolates without escaping (React escapes)', () => {
    const i18n = createI18n('en');
    expect(i18n.t('breadcrumb.root', { district: '安源区' })).toBe('All of 安源区');
    expect(createI18n('zh-CN').t('grid.clickToOpen', { name: '<b>' })).toBe('点击进入 <b>');
  });
});
