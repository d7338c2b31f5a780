import type { AuditContext } from '../auth/audit-context';
import type { Db } from '../db/db';
import { gridSnapshots, recordAudit } from '../queries/audit';
import { type BoundaryVersion, getVersion } from '../queries/versions';

/**
 * Audit rows of the boundary planner's writes, each written in the write's own transaction. Grid edits
 * record the touched grids before and after (entity `boundary_version`, so one version's history is one
 * filter); version writes record the version row.
 */
export type GridEditAudit<T> = {
  /** `grid.add`, `grid.update`, `grid.split`, ... */
  action: string;
  /** Grids the edit may change, known from the request. */
  codes: string[];
  /** Grids the edit created, known only from its result (a split's new grid). */
  created?: (result: T) => string[];
};

export async function auditedGridEdit<T>(
  tx: Db,
  who: AuditContext,
  versionId: number,
  audit: GridEditAudit<T>,
  edit: () => Promise<T>,
): Promise<T> {
  const before = await gridSnapshots(tx, versionId, audit.codes);
  const result = await edit();
  const codes = [...new Set([...audit.codes, ...(audit.created?.(result) ?? [])])];
  const after = await gridSnapshots(tx, versionId, codes);
  await recordAudit(tx, {
    ...who,
    action: audit.action,
    entityType: 'boundary_version',
    entityId: versionId,
    before: { grids: before },
    after: { grids: after },
  });
  return result;
}

/** One audit row for a write to a whole version (create, import, delete, publish). */
export async function auditVersionWrite(
  tx: Db,
  who: AuditContext,
  action: string,
  versionId: number,
  before: BoundaryVersion | null,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const after = action === 'version.delete' ? null : await getVersion(tx, versionId);
  await recordAudit(tx, {
    ...who,
    action,
    entityType: 'boundary_version',
    entityId: versionId,
    before,
    after: after ? { ...after, ...extra } : null,
  });
}
