import { useTranslation } from 'react-i18next';
import { GridExplorer } from '../explorer/GridExplorer';

/** Hotspot drill-down: street › community › grid. Case layers come in a later part. */
export function HotspotsView() {
  const { t } = useTranslation();
  return <GridExplorer summary={t('views.hotspots.summary')} />;
}
