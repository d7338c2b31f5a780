import type { Db } from '../db/db';

export type CaseCategoryRow = { code: string; nameZh: string; nameEn: string; departmentCode: string | null };

export async function listCaseCategories(db: Db): Promise<CaseCategoryRow[]> {
  return db.query<CaseCategoryRow>(
    `SELECT code, name_zh AS "nameZh", name_en AS "nameEn", department_code AS "departmentCode"
     FROM case_category ORDER BY code`,
  );
}

export async function getCaseCategory(db: Db, code: string): Promise<CaseCategoryRow | null> {
  const rows = await db.query<CaseCategoryRow>(
    `SELECT code, name_zh AS "nameZh", name_en AS "nameEn", department_code AS "departmentCode"
     FROM case_category WHERE code = $1`,
    [code],
  );
  return rows[0] ?? null;
}
