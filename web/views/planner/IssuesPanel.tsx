import { useTranslation } from 'react-i18next';
import type { ValidationReportDto } from '../../api/versions';

export type IssuesPanelProps = {
  report: ValidationReportDto | undefined;
  focused: number | null;
  onFocus: (index: number | null) => void;
};

/** The draft's validation findings, each highlighted on the map while pointed at. */
export function IssuesPanel({ report, focused, onFocus }: IssuesPanelProps) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <section
      className="gs-planner-section"
      data-testid="planner-issues"
      data-state={report ? 'ready' : 'loading'}
      data-blocking={String(report?.blocking ?? '')}
      data-count={String(report?.issues.length ?? '')}
    >
      <h2 className="gs-panel__heading">{t('planner.issues.title')}</h2>
      {report && (
        <p
          className={
            report.blocking > 0
              ? 'gs-planner-status gs-planner-status--bad'
              : 'gs-planner-status gs-planner-status--ok'
          }
        >
          {report.issues.length === 0
            ? t('planner.issues.none')
            : t('planner.issues.summary', { blocking: report.blocking, warnings: report.warnings })}
        </p>
      )}
      <ul className="gs-planner-issues">
        {report?.issues.map((issue, index) => (
          <li
            key={`${issue.kind}-${issue.gridCodes.join('-')}-${issue.message}`}
            className={`gs-planner-issue gs-planner-issue--${issue.severity}`}
            aria-current={focused === index}
            onMouseEnter={() => onFocus(index)}
            onMouseLeave={() => onFocus(null)}
          >
            <strong>{t(`planner.issues.kind.${issue.kind}`)}</strong>
            <span className="gs-mono">{issue.gridCodes.join(' · ')}</span>
            {issue.areaSquareMetres !== null && (
              <span>{t('planner.issues.area', { area: format.format(issue.areaSquareMetres) })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
