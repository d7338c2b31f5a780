import type { TestProject } from 'vitest/node';
import { buildPgliteTemplates, buildPostgresTemplates } from './templates';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplates: { empty: string; demo: string };
    /** Template database names on the TEST_DATABASE_URL server, or null when PostgreSQL is not tested. */
    postgresTemplates: { empty: string; demo: string } | null;
  }
}

/** Builds the template databases once per run; each test file then starts from a copy in seconds. */
export default async function setup(project: TestProject): Promise<void> {
  const log = (s: string) => console.log(`[test-setup] ${s}`);
  const only = process.env.TEST_BACKENDS;
  const pgliteTemplates =
    !only || only.includes('pglite') ? await buildPgliteTemplates(log) : { empty: '', demo: '' };
  project.provide('pgliteTemplates', pgliteTemplates);
  const wantPostgres = Boolean(process.env.TEST_DATABASE_URL) && (!only || only.includes('postgres'));
  project.provide('postgresTemplates', wantPostgres ? await buildPostgresTemplates(log) : null);
}
