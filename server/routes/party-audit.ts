import type { Context } from 'hono';
import { auditContextOf } from '../auth/audit-context';
import type { Db } from '../db/db';
import { recordAudit } from '../queries/audit';

/**
 * A party-list creation (registration, service record, need) and its audit row in one transaction.
 * `mask` hides personal data (a member's name and phone) in the logged copy.
 */
export async function auditedCreate<T extends { id: number } | null>(
  db: Db,
  c: Context,
  entityType: string,
  write: (tx: Db) => Promise<T>,
  mask: (created: NonNullable<T>) => unknown = (created) => created,
): Promise<T> {
  return db.transaction(async (tx) => {
    const created = await write(tx);
    if (created) {
      await recordAudit(tx, {
        ...auditContextOf(c),
        action: `${entityType}.create`,
        entityType,
        entityId: created.id,
        before: null,
        after: mask(created),
      });
    }
    return created;
  });
}
