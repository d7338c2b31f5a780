import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImpactDto, ValidationReportDto } from '../../api/versions';

export type PublishDialogProps = {
  report: ValidationReportDto | undefined;
  impact: ImpactDto | undefined;
  busy: boolean;
  /** Why the last attempt failed (422 blocking issues, 409 no longer a draft). */
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Confirmation before a publish: the blocking issues and the balance change, side by side. */
export function PublishDialog({ report, impact, busy, error, onConfirm, onCancel }: PublishDialogProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  const format = new Intl.NumberFormat(i18n.language, {
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  const blocking = report?.blocking ?? 0;
  const change = impact?.balance.maxDeviationChange ?? null;
  return (
    <dialog
      ref={ref}
      className="gs-planner-dialog gs-card"
      data-testid="planner-publish-dialog"
      onCancel={onCancel}
    >
      <h2>{t('planner.publish.title')}</h2>
      <p>{t('planner.publish.body')}</p>
      <dl className="gs-facts">
        <div>
          <dt>{t('planner.publish.blocking')}</dt>
          <dd data-testid="publish-blocking" className={blocking > 0 ? 'gs-planner-bad' : 'gs-planner-ok'}>
            {blocking}
          </dd>
        </div>
        <div>
          <dt>{t('planner.publish.warnings')}</dt>
          <dd>{report?.warnings ?? 0}</dd>
        </div>
        <div>
          <dt>{t('planner.publish.balance')}</dt>
          <dd data-testid="publish-balance">{change === null ? '—' : format.format(change)}</dd>
        </div>
      </dl>
      {blocking > 0 && <p className="gs-planner-bad">{t('planner.publish.blockedNote')}</p>}
      {error && <p className="gs-planner-bad">{error}</p>}
      <div className="gs-planner-dialog__actions">
        <button type="button" className="gs-planner-tool" onClick={onCancel}>
          {t('planner.publish.cancel')}
        </button>
        <button
          type="button"
          className="gs-planner-tool gs-planner-tool--primary"
          disabled={busy || blocking > 0}
          onClick={onConfirm}
          data-testid="publish-confirm"
        >
          {t('planner.publish.confirm')}
        </button>
      </div>
    </dialog>
  );
}
