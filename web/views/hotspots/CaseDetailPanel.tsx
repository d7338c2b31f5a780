import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/cases';
import { COORDINATE_DIGITS, formatDateTime } from './format';

export type CaseDetailPanelProps = {
  detail: CaseDetail | undefined;
  caseId: number;
  gridName: string | null;
  notFound: boolean;
  onBack: () => void;
};

/** One case: what, where (marked on the map), when due, and its timeline. No reporter data. */
export function CaseDetailPanel({ detail, caseId, gridName, notFound, onBack }: CaseDetailPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="gs-card gs-panel gs-hs-case" data-testid="case-detail" data-case-id={detail?.id ?? ''}>
      <button type="button" className="gs-hs-back" onClick={onBack}>
        ‹ {t('hotspots.detail.back')}
      </button>
      {!detail ? (
        <p className="gs-panel__empty">
          {notFound ? t('hotspots.detail.notFound', { id: caseId }) : t('hotspots.detail.loading')}
        </p>
      ) : (
        <>
          <p className="gs-panel__kicker">
            {t(`hotspots.category.${detail.category}`)} · {t(`hotspots.priority.${detail.priority}`)}
          </p>
          <h2 className="gs-panel__title">{detail.title ?? detail.code}</h2>
          <p className="gs-panel__code gs-mono">
            {detail.code}
            <span className={`gs-hs-status gs-hs-status--${detail.overdue ? 'overdue' : 'ok'}`}>
              {t(`hotspots.status.${detail.status}`)}
              {detail.overdue ? ` · ${t('hotspots.detail.overdue')}` : ''}
            </span>
          </p>
          {detail.description && <p className="gs-hs-case__text">{detail.description}</p>}
          <dl className="gs-hs-case__facts">
            <dt>{t('hotspots.detail.reportedAt')}</dt>
            <dd>{formatDateTime(detail.reportedAt, lang)}</dd>
            <dt>{t('hotspots.detail.dueAt')}</dt>
            <dd>{formatDateTime(detail.dueAt, lang)}</dd>
            <dt>{t('hotspots.detail.source')}</dt>
            <dd>{t(`hotspots.source.${detail.source}`)}</dd>
            <dt>{t('hotspots.detail.grid')}</dt>
            <dd>{gridName ?? detail.gridCode}</dd>
            {detail.address && (
              <>
                <dt>{t('hotspots.detail.address')}</dt>
                <dd>{detail.address}</dd>
              </>
            )}
            <dt>{t('hotspots.detail.location')}</dt>
            <dd className="gs-mono">
              {detail.lon.toFixed(COORDINATE_DIGITS)}, {detail.lat.toFixed(COORDINATE_DIGITS)}
            </dd>
          </dl>
          <section>
            <h3 className="gs-panel__heading">{t('hotspots.detail.timeline')}</h3>
            <ol className="gs-hs-timeline" data-testid="case-timeline">
              {detail.timeline.map((e) => (
                <li key={e.id}>
                  <span className="gs-hs-timeline__action">{t(`hotspots.action.${e.action}`)}</span>
                  <time className="gs-mono" dateTime={e.at}>
                    {formatDateTime(e.at, lang)}
                  </time>
                  {e.satisfaction !== null && (
                    <span>{t('hotspots.detail.satisfaction', { score: e.satisfaction })}</span>
                  )}
                  {(e.note ?? e.reason) && <p>{e.note ?? e.reason}</p>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
