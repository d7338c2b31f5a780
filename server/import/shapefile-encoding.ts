import { ProblemError } from '../problem';

/**
 * The text encoding of a Shapefile's .dbf. Order of evidence: an explicit choice, the .cpg file,
 * the dBase language driver byte, then a sniff: attribute bytes that are not valid UTF-8 are taken as
 * GBK, which is what ArcGIS on a Chinese Windows writes without a .cpg.
 */
export type DbfEncoding = { encoding: string; source: 'request' | 'cpg' | 'ldid' | 'sniffed' };

/** .cpg spellings seen in the wild (code page numbers, ESRI names) → WHATWG encoding labels. */
const CPG_ALIASES: Record<string, string> = {
  '65001': 'utf-8',
  utf8: 'utf-8',
  '936': 'gbk',
  cp936: 'gbk',
  gb2312: 'gbk',
  '54936': 'gb18030',
  '950': 'big5',
  '1252': 'windows-1252',
  'ansi 1252': 'windows-1252',
  '88591': 'iso-8859-1',
  '8859_1': 'iso-8859-1',
};

/** dBase language driver IDs (header byte 29) that name an encoding. */
const LDID_ENCODINGS: Record<number, string> = { 77: 'gbk', 122: 'gbk', 120: 'big5', 87: 'windows-1252' };

export function encodingLabel(raw: string): string {
  const key = raw.trim().toLowerCase();
  const label = CPG_ALIASES[key] ?? key;
  try {
    new TextDecoder(label);
  } catch {
    throw new ProblemError(
      400,
      'unsupported-encoding',
      `The attribute encoding "${raw.trim()}" is not known; pass encoding=utf-8 or encoding=gbk, or fix the .cpg file.`,
    );
  }
  return label;
}

export function dbfEncoding(dbf: Uint8Array, cpg: Uint8Array | undefined, requested?: string): DbfEncoding {
  if (requested) return { encoding: encodingLabel(requested), source: 'request' };
  const cpgText = cpg ? new TextDecoder().decode(cpg).trim() : '';
  if (cpgText) return { encoding: encodingLabel(cpgText), source: 'cpg' };
  const ldid = LDID_ENCODINGS[dbf[29] ?? 0];
  if (ldid) return { encoding: ldid, source: 'ldid' };
  return { encoding: isUtf8(dbf) ? 'utf-8' : 'gbk', source: 'sniffed' };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
