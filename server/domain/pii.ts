/**
 * Masking of reporters' personal information (PIPL 个人信息保护法): names and phone numbers are shown
 * masked everywhere except a case's detail for a dispatcher in scope or the case's assigned worker
 * (see `canSeeReporter`). Pure: the same masks in lists, tiles, exports, Open311, CSVs, logs and the
 * audit log.
 */

/** Two-character surnames (复姓) kept whole, so '欧阳娜娜' keeps '欧阳'. The common ones; others keep one character. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '轩辕',
  '独孤',
  '南宫',
  '西门',
  '申屠',
  '澹台',
  '太史',
  '闻人',
  '呼延',
  '赫连',
  '百里',
  '东郭',
  '钟离',
  '万俟',
  '司空',
  '濮阳',
  '淳于',
  '单于',
  '仲孙',
  '第五',
  '拓跋',
]);

const HAN = /\p{Script=Han}/u;

/**
 * A name with only the surname left: '张三' → '张*', '张三丰' → '张**', '欧阳娜娜' → '欧阳**'.
 * A one-character name becomes '*'. A Latin-script name keeps each word's first letter: 'Li Lei' → 'L* L**'.
 */
export function maskName(name: string): string;
export function maskName(name: string | null): string | null;
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = Array.from(name.trim());
  if (chars.length === 0) return name;
  if (!chars.some((ch) => HAN.test(ch))) return maskLatinName(chars.join(''));
  if (chars.length === 1) return '*';
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

function maskLatinName(name: string): string {
  return name
    .split(/(\s+)/)
    .map((word) => {
      const chars = Array.from(word);
      if (chars.length === 0 || /^\s+$/.test(word)) return word;
      return chars.length === 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
    })
    .join('');
}

/** Mainland mobile numbers: 11 digits starting with 1, optionally after +86 / 0086 / 86. */
const MOBILE = /^(\+?86|0086)?[-\s]?(1\d{10})$/;

/**
 * A phone number with its middle digits hidden: mobiles keep the first 3 and last 4 digits
 * ('13812345678' → '138****5678'); landlines keep the area code and the last 4 digits
 * ('0799-6123456' → '0799-***3456'); anything else keeps at most its last 4 digits and never
 * more than half of them.
 */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null): string | null;
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const trimmed = phone.trim();
  const mobile = MOBILE.exec(trimmed);
  if (mobile) {
    const prefix = mobile[1] ? `${mobile[1]}` : '';
    const digits = mobile[2] as string;
    return `${prefix}${digits.slice(0, 3)}****${digits.slice(7)}`;
  }
  const dash = trimmed.lastIndexOf('-');
  // An area code is shown only before a real local number (≥ 5 digits): `+00-+` must not keep its digits.
  if (
    dash > 0 &&
    /^\+?[0-9]{2,5}$/.test(trimmed.slice(0, dash)) &&
    digitCount(trimmed.slice(dash + 1)) >= 5
  ) {
    return `${trimmed.slice(0, dash + 1)}${maskLocalNumber(trimmed.slice(dash + 1))}`;
  }
  return maskTail(trimmed);
}

/** Digits replaced by '*' except the last `keep`; other characters (+, -, spaces) stay. */
function maskDigits(s: string, keep: number): string {
  let kept = 0;
  const out = Array.from(s);
  for (let i = out.length - 1; i >= 0; i--) {
    if (!/[0-9]/.test(out[i] as string)) continue;
    if (kept < keep) kept += 1;
    else out[i] = '*';
  }
  return out.join('');
}

function digitCount(s: string): number {
  return Array.from(s).filter((ch) => /[0-9]/.test(ch)).length;
}

/** A landline's local number: the last 4 digits stay, at least 3 are hidden. */
function maskLocalNumber(s: string): string {
  return maskDigits(s, Math.min(4, Math.max(0, digitCount(s) - 3)));
}

/** Anything else: at most the last 4 digits stay, and never more than half of them. */
function maskTail(s: string): string {
  return maskDigits(s, Math.min(4, Math.floor(digitCount(s) / 2)));
}

export type Reporter = { name: string | null; phone: string | null };

export function maskReporter(r: Reporter): Reporter {
  return { name: maskName(r.name), phone: maskPhone(r.phone) };
}

/** Who reads a case: role and scope, as in `Principal`. */
export type Viewer = { role: string; scopeCode: string | null };

/**
 * Whether a viewer sees the reporter in full in a case's detail; the caller has already checked that
 * the case lies in the viewer's scope (outside it the case is a 404). Dispatchers in scope do; so does
 * the case's assigned worker. The data model assigns cases to grids, not to people, so the assigned
 * worker is a worker whose scope is a grid containing the case (a district-wide worker account is
 * not assigned to any case). Leaders, planners, admins and anonymous readers see the mask.
 */
export function mayReadReporter(viewer: Viewer | undefined | null): boolean {
  if (!viewer) return false;
  return viewer.role === 'dispatcher' || (viewer.role === 'worker' && viewer.scopeCode !== null);
}

/** A case (detail) with its reporter masked unless the viewer may read it. */
export function withReporterFor<T extends { reporter: Reporter }>(
  viewer: Viewer | undefined | null,
  c: T,
): T {
  return mayReadReporter(viewer) ? c : { ...c, reporter: maskReporter(c.reporter) };
}
