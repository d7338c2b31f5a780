import { z } from 'zod';
import { DEFAULT_MAX_VERTICES } from './domain/boundary/geometry-input';
import { PRIORITIES, type SlaOverrides } from './domain/sla';

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
  /** Per-category SLA hours, JSON: {"safety": {"normal": 72}, ...}. */
  GRIDSIGHT_SLA_OVERRIDES: z
    .string()
    .optional()
    .transform((v, ctx) => parseSlaOverrides(v, ctx)),
  /** Idle hours after which a login session ends (sliding: every use extends it). */
  GRIDSIGHT_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** `true` marks the session cookie Secure even when a TLS proxy forwards plain HTTP without X-Forwarded-Proto. */
  GRIDSIGHT_SECURE_COOKIES: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** Most vertices a submitted grid geometry may have (planner edits, imports); more is a 422. */
  GRIDSIGHT_MAX_VERTICES: z.coerce.number().int().min(4).max(1_000_000).default(DEFAULT_MAX_VERTICES),
  /** Open311 API keys accepted by POST /open311/v2/requests.json, comma-separated. */
  GRIDSIGHT_OPEN311_KEYS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
});

const SlaOverridesSchema = z.record(
  z.string().regex(/^[a-z_]{1,40}$/),
  z.partialRecord(
    z.enum(PRIORITIES),
    z
      .number()
      .positive()
      .max(24 * 365),
  ),
);

function parseSlaOverrides(raw: string | undefined, ctx: z.RefinementCtx): SlaOverrides {
  if (!raw) return {};
  try {
    return SlaOverridesSchema.parse(JSON.parse(raw));
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be JSON like {"safety": {"normal": 72}} (category → priority → hours)',
    });
    return {};
  }
}

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seed: number;
  loadDemo: boolean;
  basemapUrl: string | undefined;
  slaOverrides: SlaOverrides;
  open311Keys: string[];
  maxVertices: number;
  sessionTtlMs: number;
  secureCookies: boolean;
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
    slaOverrides: e.GRIDSIGHT_SLA_OVERRIDES,
    open311Keys: e.GRIDSIGHT_OPEN311_KEYS,
    maxVertices: e.GRIDSIGHT_MAX_VERTICES,
    sessionTtlMs: e.GRIDSIGHT_SESSION_HOURS * 3_600_000,
    secureCookies: e.GRIDSIGHT_SECURE_COOKIES,
  };
}
