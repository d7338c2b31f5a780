import { useTranslation } from 'react-i18next';
import type { ImpactDto, ImpactRowDto } from '../../api/versions';

type Side = NonNullable<ImpactRowDto['before']>;
/** What a boundary move shifts; population follows households and staff stay with the grid code. */
const COLUMNS = ['households', 'householdsPerWorker', 'cases90d', 'medianResponseMinutes'] as const;
type Column = (typeof COLUMNS)[number];

function Cell({ before, after, column }: { before: Side | null; after: Side | null; column: Column }) {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const show = (s: Side | null) => (s === null || s[column] === null ? '—' : format.format(s[column]));
  const changed = (before?.[column] ?? null) !== (after?.[column] ?? null);
  return (
    <td className={changed ? 'gs-planner-impact__changed' : undefined}>
      <span className="gs-planner-impact__before">{show(before)}</span>
      <span aria-hidden="true">→</span>
      <span>{show(after)}</span>
    </td>
  );
}

function Balance({ balance }: { balance: ImpactDto['balance'] }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const show = (v: number | null) => (v === null ? '—' : format.format(v));
  return (
    <p className="gs-planner-balance" data-testid="planner-balance">
      <span>{t('planner.impact.balance')}</span>
      <strong>
        {t('planner.impact.balanceValue', {
          published: show(balance.published.maxDeviation),
          draft: show(balance.draft.maxDeviation),
        })}
      </strong>
    </p>
  );
}

/** Before → after of every grid the draft changed, and the whole draft's workload balance. */
export function ImpactTable({ impact }: { impact: ImpactDto | undefined }) {
  const { t } = useTranslation();
  const rows = impact?.grids ?? [];
  return (
    <section
      className="gs-planner-section"
      data-testid="planner-impact"
      data-state={impact ? 'ready' : 'loading'}
      data-rows={String(rows.length)}
      data-codes={rows.map((r) => r.code).join(',')}
    >
      <h2 className="gs-panel__heading">{t('planner.impact.title')}</h2>
      {impact && <Balance balance={impact.balance} />}
      {rows.length === 0 ? (
        <p className="gs-panel__empty">{t('planner.impact.none')}</p>
      ) : (
        <div className="gs-planner-impact">
          <table>
            <thead>
              <tr>
                <th>{t('planner.impact.grid')}</th>
                {COLUMNS.map((c) => (
                  <th key={c}>{t(`planner.impact.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.code} data-code={row.code}>
                  <th scope="row" title={row.code}>
                    {row.name}
                    {row.after === null && <em>{t('planner.impact.removed')}</em>}
                    {row.before === null && <em>{t('planner.impact.added')}</em>}
                  </th>
                  {COLUMNS.map((c) => (
                    <Cell key={c} column={c} before={row.before} after={row.after} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
