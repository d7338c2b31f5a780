import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  PRJ_BEIJING_1954,
  PRJ_CGCS2000,
  PRJ_CGCS2000_GK,
  PRJ_WGS84,
} from '../../tests/fixtures/shapefile/create-shapefile';
import { ProblemError } from '../problem';
import { shapefileCrs } from './shapefile-crs';
import { dbfEncoding } from './shapefile-encoding';
import { resolveColumns } from './shapefile-fields';

const text = (s: string) => new TextEncoder().encode(s);
const LON_LAT_BBOX = [113.8, 27.6, 113.9, 27.7];

/** A .dbf-like byte array: a 32-byte header with the language driver byte, then `body`. */
function dbfBytes(body: Uint8Array, ldid = 0): Uint8Array {
  const out = new Uint8Array(32 + body.length);
  out[29] = ldid;
  out.set(body, 32);
  return out;
}

function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err;
    throw err;
  }
  throw new Error('expected a ProblemError');
}

describe('Shapefile CRS from the .prj', () => {
  it('takes geographic WGS84 and CGCS2000', () => {
    expect(shapefileCrs(text(PRJ_WGS84), LON_LAT_BBOX).datum).toBe('WGS84');
    expect(shapefileCrs(text(PRJ_CGCS2000), LON_LAT_BBOX).datum).toBe('CGCS2000');
  });

  it('refuses a projected CRS on CGCS2000 and a geographic one on Beijing 1954, naming each', () => {
    const projected = problemOf(() => shapefileCrs(text(PRJ_CGCS2000_GK), LON_LAT_BBOX));
    expect(projected.status).toBe(422);
    expect(projected.extensions).toEqual({ crs: 'CGCS2000_3_Degree_GK_CM_114E' });
    expect(problemOf(() => shapefileCrs(text(PRJ_BEIJING_1954), LON_LAT_BBOX)).message).toContain(
      'GCS_Beijing_1954',
    );
  });

  it('without a .prj, accepts longitudes/latitudes only', () => {
    expect(shapefileCrs(undefined, LON_LAT_BBOX).datum).toBe('assumed WGS84');
    expect(problemOf(() => shapefileCrs(undefined, [500000, 3000000, 501000, 3001000])).status).toBe(422);
  });
});

describe('.dbf text encoding', () => {
  const gbk = dbfBytes(iconv.encode('甲社区第1网格', 'gbk'));
  it('follows the request, then the .cpg (code page numbers too), then the language driver byte', () => {
    expect(dbfEncoding(gbk, text('UTF-8'), 'gb18030')).toEqual({ encoding: 'gb18030', source: 'request' });
    expect(dbfEncoding(gbk, text('936\n'))).toEqual({ encoding: 'gbk', source: 'cpg' });
    expect(dbfEncoding(dbfBytes(new Uint8Array(0), 0x4d), undefined)).toEqual({
      encoding: 'gbk',
      source: 'ldid',
    });
  });

  it('sniffs GBK when the bytes are not UTF-8, UTF-8 when they are', () => {
    expect(dbfEncoding(gbk, undefined)).toEqual({ encoding: 'gbk', source: 'sniffed' });
    expect(dbfEncoding(dbfBytes(text('甲社区')), undefined)).toEqual({
      encoding: 'utf-8',
      source: 'sniffed',
    });
  });

  it('answers 400 for an encoding it does not know', () => {
    expect(problemOf(() => dbfEncoding(gbk, text('EBCDIC-XYZ'))).status).toBe(400);
  });
});

describe('.dbf columns for grid properties', () => {
  it('finds default names case-insensitively and takes a mapping over them', () => {
    expect(resolveColumns(['wgbm', 'WGMC', 'JB', 'SJBM', 'HS'], {})).toEqual({
      code: 'wgbm',
      name: 'WGMC',
      level: 'JB',
      parentCode: 'SJBM',
      households: 'HS',
    });
    expect(resolveColumns(['ID', 'NAME', 'LEVEL'], { code: 'id' })).toMatchObject({ code: 'ID' });
  });

  it('names the missing properties and the columns there are', () => {
    const p = problemOf(() => resolveColumns(['ID', 'TITLE'], {}));
    expect(p.status).toBe(400);
    expect(p.message).toMatch(/No \.dbf column for code, name, level\. The columns are ID, TITLE/);
  });
});
