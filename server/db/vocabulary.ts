import { CASE_CATEGORIES, CATEGORY_NAMES, DEPARTMENTS } from '../domain/case-vocabulary';
import { upsertCategories, upsertDepartments } from '../queries/vocabulary';
import type { Db } from './db';

/**
 * Writes the case vocabulary of server/domain/case-vocabulary.ts (the single source) into its tables
 * at every start, so a database without demo data can take cases and list Open311 services.
 */
export async function syncVocabulary(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertDepartments(
      tx,
      Object.entries(DEPARTMENTS).map(([code, n]) => ({ code, name_zh: n.zh, name_en: n.en })),
    );
    await upsertCategories(
      tx,
      CASE_CATEGORIES.map((code) => {
        const c = CATEGORY_NAMES[code];
        return { code, name_zh: c.zh, name_en: c.en, department_code: c.department };
      }),
    );
  });
}
