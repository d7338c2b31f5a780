/**
 * The load generator of the bench, run as a SECOND process (scripts/bench/loadtest.ts spawns it) so
 * the server's event loop is not shared with the client: autocannon with varied requests
 * (intake: random points in the city; tiles: a rotating list of tile paths). Prints one JSON line.
 */
import autocannon from 'autocannon';

export type LoadJob = {
  url: string;
  kind: 'intake' | 'tiles';
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** intake: [west, south, east, north] of the inner city. */
  bbox?: [number, number, number, number];
  /** tiles: request paths to cycle through. */
  paths?: string[];
};

const CATEGORIES = ['environment', 'facilities', 'property', 'traffic', 'dispute', 'safety'];

async function run(job: LoadJob) {
  let k = 0;
  const setupRequest =
    job.kind === 'intake'
      ? (req: { body?: string }) => {
          const [w, s, e, n] = job.bbox ?? [0, 0, 0, 0];
          const lon = w + (e - w) * Math.random();
          const lat = s + (n - s) * Math.random();
          const category = CATEGORIES[k++ % CATEGORIES.length];
          return {
            ...req,
            body: JSON.stringify({ lon, lat, category, source: 'hotline', title: '压测诉求' }),
          };
        }
      : (req: { path?: string }) => {
          const paths = job.paths ?? ['/'];
          return { ...req, path: paths[k++ % paths.length] };
        };
  return autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationSeconds,
    method: job.kind === 'intake' ? 'POST' : 'GET',
    headers: job.headers,
    requests: [{ setupRequest }],
  });
}

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
run(job).then(
  (r) => {
    const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
    console.log(
      JSON.stringify({
        requests: r.requests.total,
        reqPerSec: r.requests.average,
        latency: {
          p50: r.latency.p50,
          p90: r.latency.p90,
          p97_5: r.latency.p97_5,
          p99: r.latency.p99,
          max: r.latency.max,
        },
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        statusCodes: codes,
        durationSeconds: r.duration,
      }),
    );
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
