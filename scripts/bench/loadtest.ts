/** Runs a load job in a second process (loadtest-worker.ts under tsx) and returns its figures. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob } from './loadtest-worker';

export type LoadResult = {
  requests: number;
  reqPerSec: number;
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
};

const WORKER = fileURLToPath(new URL('./loadtest-worker.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, WORKER, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`load worker (${job.kind}) exited ${code}: ${err.slice(-800)}`));
        return;
      }
      resolve(JSON.parse(line) as LoadResult);
    });
  });
}
