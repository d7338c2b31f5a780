import { useTranslation } from 'react-i18next';
import { GridExplorer } from '../explorer/GridExplorer';

/** The three grid tiers at a glance: hover for the parent chain, click to drill down, breadcrumb back up. */
export function GridsView() {
  const { t } = useTranslation();
  return <GridExplorer summary={t('views.grids.summary')} />;
}
