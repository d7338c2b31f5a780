import { maskReporter } from '../domain/pii';
import type { CaseDetail } from './intake-case';

/** A case as the audit log keeps it: everything but the reporter's personal data, which is masked. */
export function caseForAudit(c: CaseDetail): CaseDetail {
  return { ...c, reporter: maskReporter(c.reporter) };
}
