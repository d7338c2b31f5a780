import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvParser, csvRecords } from './csv-records';

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect(text: string, size = 1_000_000) {
  const out = [];
  for await (const r of csvRecords(chunksOf(text, size))) out.push(r);
  return out;
}

describe('csv records', () => {
  it('parses quotes, escaped quotes, commas and line breaks in fields, CRLF and a BOM', async () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n\n3,,z\n';
    expect(await collect(text)).toEqual([
      { row: 1, record: { a: '1', b: 'x, y', c: 'say "hi"' } },
      { row: 2, record: { a: '2', b: 'two\nlines' } },
      { row: 3, record: { a: '3', c: 'z' } },
    ]);
  });

  it('flags rows with more values than the header', async () => {
    expect((await collect('a,b\n1,2,3\n'))[0]?.record.__extraColumns).toBe(1);
  });

  it('gives the same records whatever the chunk boundaries (property)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '中', ' ') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        async (rows, size) => {
          const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
          const text = `x,y\n${rows.map(([a, b]) => `${quote(a)},${quote(b)}`).join('\n')}\n`;
          const whole = await collect(text);
          expect(await collect(text, size)).toEqual(whole);
          expect(whole.map((r) => [r.record.x ?? '', r.record.y ?? ''])).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends a last record without a trailing newline', () => {
    const p = createCsvParser();
    expect(p.feed('a,b\n1,2')).toEqual([['a', 'b']]);
    expect(p.end()).toEqual([['1', '2']]);
  });
});
