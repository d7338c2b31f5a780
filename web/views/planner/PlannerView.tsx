import { useTranslation } from 'react-i18next';
import { GridExplorer } from '../explorer/GridExplorer';

/** Boundary planner. For now the grid tiers at a glance; editing comes in a later part. */
export function PlannerView() {
  const { t } = useTranslation();
  return <GridExplorer summary={t('views.planner.summary')} />;
}
