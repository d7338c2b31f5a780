import { useTranslation } from 'react-i18next';
import { GridExplorer } from '../explorer/GridExplorer';

/** 大屏: the street leader's wall display. For now the grid tiers at a glance. */
export function BigscreenView() {
  const { t } = useTranslation();
  return <GridExplorer summary={t('views.bigscreen.summary')} />;
}
