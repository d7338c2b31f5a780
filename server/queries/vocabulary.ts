import type { Db } from '../db/db';

export type DepartmentRow = { code: string; name_zh: string; name_en: string };
export type CategoryRow = DepartmentRow & { department_code: string };

/** Adds missing departments and refreshes their names; never deletes (cases refer to them). */
export async function upsertDepartments(db: Db, rows: readonly DepartmentRow[]): Promise<void> {
  await db.query(
    `INSERT INTO department (code, name_zh, name_en)
     SELECT r.code, r.name_zh, r.name_en
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, name_zh text, name_en text)
     ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en`,
    [JSON.stringify(rows)],
  );
}

/** Adds missing case categories and refreshes their names; the default department is kept if set. */
export async function upsertCategories(db: Db, rows: readonly CategoryRow[]): Promise<void> {
  await db.query(
    `INSERT INTO case_category (code, name_zh, name_en, department_code)
     SELECT r.code, r.name_zh, r.name_en, r.department_code
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, name_zh text, name_en text, department_code text)
     ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en`,
    [JSON.stringify(rows)],
  );
}
