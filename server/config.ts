import { z } from 'zod';

/** The only reader of `process.env`. Every setting GridSight knows is listed here. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  GRIDSIGHT_DATA_DIR: z.string().min(1).default('./.gridsight'),
  GRIDSIGHT_SEED: z.coerce.number().int().default(20260301),
  /** Skip loading the demo data into an empty database (e.g. a production server). */
  GRIDSIGHT_NO_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** Optional raster/vector tile URL template for an intranet basemap, e.g. http://tiles.local/{z}/{x}/{y}.png */
  GRIDSIGHT_BASEMAP_URL: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seed: number;
  loadDemo: boolean;
  basemapUrl: string | undefined;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `Invalid configuration in the environment:\n${lines.join('\n')}\nFix these variables and start again.`,
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.GRIDSIGHT_DATA_DIR,
    seed: e.GRIDSIGHT_SEED,
    loadDemo: !e.GRIDSIGHT_NO_DEMO,
    basemapUrl: e.GRIDSIGHT_BASEMAP_URL,
  };
}
