import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { isDatabaseEmpty, loadDemoData } from '../scripts/demo/load';
import { createApp } from './app';
import { describeDemoAccounts, ensureDemoUsers } from './auth/demo-users';
import { loadConfig } from './config';
import { openDatabase } from './db/open';
import { readDistrictInfo } from './district';
import { startStatsUpkeep } from './stats/stats-upkeep';

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

function log(line: string): void {
  console.log(`[gridsight] ${line}`);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const { db, capabilities } = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    log,
  });

  if (config.loadDemo && (await isDatabaseEmpty(db))) {
    log(`Empty database: loading the demo data (seed ${config.seed}) ...`);
    let lastStep = '';
    const summary = await loadDemoData(db, {
      seed: config.seed,
      onProgress: (step, done, total) => {
        if (step !== lastStep || done === total) log(`  ${step} ${done}/${total}`);
        lastStep = step;
      },
    });
    log(`Demo data loaded: ${JSON.stringify(summary)}`);
  }

  // Embedded default only: demo accounts with random passwords, printed once (#7).
  if (!config.databaseUrl) {
    for (const line of describeDemoAccounts(await ensureDemoUsers(db))) log(line);
  }

  const app = createApp(
    {
      db,
      capabilities,
      district: readDistrictInfo(),
      basemapUrl: config.basemapUrl,
      slaOverrides: config.slaOverrides,
      open311Keys: config.open311Keys,
      maxVertices: config.maxVertices,
      sessionTtlMs: config.sessionTtlMs,
      secureCookies: config.secureCookies,
    },
    { webDistDir: WEB_DIST },
  );
  const stopUpkeep = startStatsUpkeep(db, log);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const rssMb = Math.round(process.memoryUsage().rss / 1e6);
    log(
      `GridSight ready after ${((Date.now() - startedAt) / 1000).toFixed(1)} s (RSS ${rssMb} MB): ` +
        `http://localhost:${info.port}/  (API at /api)`,
    );
  });

  const shutdown = async (signal: string) => {
    log(`${signal}: shutting down ...`);
    server.close();
    await stopUpkeep();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`[gridsight] Failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
