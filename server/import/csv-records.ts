/** One input record with its 1-based data row number (the CSV header and GeoJSON wrapper not counted). */
export type SourceRecord = { row: number; record: Record<string, unknown> };

/**
 * A streaming RFC 4180 CSV parser: quoted fields may hold commas, quotes ("") and line breaks;
 * CRLF and LF both end a record; a UTF-8 BOM is dropped. Pure state machine fed chunk by chunk.
 */
export function createCsvParser() {
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let started = false;
  const records: string[][] = [];

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record.
    if (fields.length > 1 || fields[0] !== '') records.push(fields);
    fields = [];
  };

  function feed(chunk: string): string[][] {
    let text = chunk;
    if (!started) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (quoted) {
        if (ch !== '"') field += ch;
        else if (text[i + 1] === '"') field += text[++i];
        else {
          // Closing, unless the next chunk starts with a quote: then this was `""` split in two.
          quoted = false;
          afterQuote = true;
        }
        continue;
      }
      if (ch === '"' && afterQuote && i === 0) {
        field += '"';
        quoted = true;
        afterQuote = false;
      } else if (ch === ',') endField();
      else if (ch === '\n') endRecord();
      else if (ch === '"' && field === '') quoted = true;
      else if (ch !== '\r') {
        field += ch;
        afterQuote = false;
      }
    }
    return records.splice(0);
  }

  function end(): string[][] {
    if (field !== '' || fields.length > 0) endRecord();
    return records.splice(0);
  }

  return { feed, end };
}

/** CSV text chunks → records keyed by the header row. */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<SourceRecord> {
  const parser = createCsvParser();
  let header: string[] | null = null;
  let row = 0;
  function* emit(rows: string[][]): Generator<SourceRecord> {
    for (const values of rows) {
      if (!header) {
        header = values.map((h) => h.trim());
        continue;
      }
      row += 1;
      const record: Record<string, unknown> = {};
      header.forEach((name, i) => {
        const v = values[i];
        if (v !== undefined && v !== '') record[name] = v;
      });
      if (values.length > header.length) record.__extraColumns = values.length - header.length;
      yield { row, record };
    }
  }
  for await (const chunk of chunks) yield* emit(parser.feed(chunk));
  yield* emit(parser.end());
}
