/** A COPY FROM STDIN whose writes honour backpressure and whose end resolves once the server agreed. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyStream = { write(chunk: string): Promise<void>; end(): Promise<void> };

export function openCopy(client: pg.Client, sql: string): CopyStream {
  const stream: Writable = client.query(copyFrom(sql));
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure = err;
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async write(chunk: string) {
      check();
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      check();
    },
    async end() {
      check();
      const done = Promise.race([once(stream, 'finish'), once(stream, 'error')]);
      stream.end();
      await done;
      check();
    },
  };
}
