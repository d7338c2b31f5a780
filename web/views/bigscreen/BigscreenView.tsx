import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useGridTiers, useTiledLevels } from '../../api/grids';
import { useHealth } from '../../api/health';
import { type LiveCaseEvent, useLiveCases } from '../../api/live';
import { usePartyOverview } from '../../api/party';
import { QUERY_KEYS } from '../../api/query-keys';
import { useStatsOverview, useStatsSeries, useTierStats } from '../../api/stats';
import { createGridIndex, isWithin } from '../../grids/grid-index';
import { geometryBbox } from '../../map/basemap-data';
import { buildBasemapStyle } from '../../map/basemap-style';
import type { Bbox } from '../../map/MapView';
import { useBasemapData } from '../../map/use-basemap';
import { bigscreenCssVariables } from '../../theme/theme';
import { PartyKpiGroup } from '../party/PartyKpiGroup';
import { BigscreenHeader } from './BigscreenHeader';
import { BigscreenMap } from './BigscreenMap';
import { useBigscreenParams } from './bigscreen-params';
import { ChoroplethLegend } from './ChoroplethLegend';
import { choroplethScale, metricFields, metricValues, rankGrids } from './choropleth-metrics';
import { GridRanking } from './GridRanking';
import { KpiTiles } from './KpiTiles';
import { LiveTicker } from './LiveTicker';
import { MapControls } from './MapControls';
import { TrendChart } from './TrendChart';
import { pushBounded } from './ticker-buffer';
import { usePulses } from './use-pulses';
import { useRankingNames } from './use-ranking-names';
import { useScreenScale } from './use-screen-scale';
import { useTour } from './use-tour';
import './bigscreen.css';

/** Rows of the ranking that fit the left column above the 党建引领 group (the layout scales as a whole). */
const RANKING_ROWS = 8;
/** After a live event, figures are refetched at most this often (a burst of cases → one refetch). */
const LIVE_REFRESH_DELAY_MS = 3_000;
/** Class on <html> while the kiosk is shown: root font size from the viewport, no scrollbars. */
const KIOSK_CLASS = 'bs-kiosk';

function useKioskDocument() {
  useEffect(() => {
    document.documentElement.classList.add(KIOSK_CLASS);
    return () => document.documentElement.classList.remove(KIOSK_CLASS);
  }, []);
}

/** Refetches the stats shortly after live events, coalescing bursts. */
function useLiveRefresh() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: QUERY_KEYS.stats });
    }, LIVE_REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [pending, queryClient]);
  return useCallback(() => setPending(true), []);
}

/** 大屏: the street leader's wall display (1920×1080 design, scales to 3840×2160). */
export function BigscreenView() {
  useKioskDocument();
  const { metric, tier, tourSeconds, setMetric, setTier } = useBigscreenParams();
  const sizeScale = useScreenScale();
  const health = useHealth();
  const basemap = useBasemapData();
  const tiled = useTiledLevels();
  const { tiers } = useGridTiers(tiled);
  const overview = useStatsOverview();
  const tierStats = useTierStats(tier, metricFields(metric));
  const series = useStatsSeries('day');
  const partyOverview = usePartyOverview();
  const index = useMemo(() => createGridIndex(tiers), [tiers]);

  const [ticker, setTicker] = useState<LiveCaseEvent[]>([]);
  const { pulses, add: addPulse } = usePulses();
  const refreshSoon = useLiveRefresh();
  const onLiveEvent = useCallback(
    (event: LiveCaseEvent) => {
      setTicker((current) => pushBounded(current, event));
      if (event.action === 'report') addPulse(event);
      refreshSoon();
    },
    [addPulse, refreshSoon],
  );
  const live = useLiveCases(onLiveEvent, refreshSoon);

  const areaCodes = useMemo(() => (tiers[1] ?? []).map((f) => f.properties.code), [tiers]);
  const tour = useTour(areaCodes, tourSeconds);
  const tourArea = tour.stop ? (index.get(tour.stop) ?? null) : null;

  const grids = tierStats.data?.grids;
  const values = useMemo(() => metricValues(grids ?? [], metric), [grids, metric]);
  const scale = useMemo(() => choroplethScale(values.values(), metric), [values, metric]);
  // While touring, the ranking follows the area on screen.
  const tourStop = tour.stop;
  const ranked = useMemo(
    () => rankGrids(grids ?? [], metric, RANKING_ROWS, (g) => !tourStop || isWithin(index, g.code, tourStop)),
    [grids, metric, tourStop, index],
  );
  const ranking = useRankingNames(ranked, index);

  const healthSettled = health.isSuccess || health.isError;
  const rasterTileUrl = health.data?.basemapUrl ?? null;
  const style = useMemo(
    () => (basemap.data && healthSettled ? buildBasemapStyle({ ...basemap.data, rasterTileUrl }) : null),
    [basemap.data, healthSettled, rasterTileUrl],
  );
  const fitBounds: Bbox | null = tourArea
    ? geometryBbox(tourArea.geometry)
    : basemap.data
      ? geometryBbox(basemap.data.district.outline)
      : null;

  const districtName = health.data?.district.name ?? basemap.data?.district.name ?? '';
  const tiersLoaded = ([1, 2, 3] as const).every((level) => tiers[level] || tiled?.has(level));
  const ready = Boolean(tiersLoaded && tierStats.data && overview.data);
  const cssVariables = useMemo(() => bigscreenCssVariables(), []);

  return (
    <div className="bs-root" style={cssVariables} data-testid="bigscreen">
      <BigscreenHeader
        districtName={districtName}
        areaName={tourArea?.properties.name ?? null}
        updatedAtMs={overview.dataUpdatedAt}
        live={live}
        statsFailed={overview.isError && overview.failureCount > 0}
        tour={{ enabled: tour.enabled, paused: tour.paused, seconds: tourSeconds, toggle: tour.togglePaused }}
      />
      <KpiTiles overview={overview.data} />
      <div className="bs-main">
        <div className="bs-left">
          <GridRanking metric={metric} rows={ranking} />
          <PartyKpiGroup overview={partyOverview.data} />
        </div>
        <div className="bs-stage">
          {style && fitBounds && (
            <BigscreenMap
              style={style}
              tiers={tiers}
              tiled={tiled}
              index={index}
              tier={tier}
              values={values}
              scale={scale}
              tourArea={tourArea}
              pulses={pulses}
              fitBounds={fitBounds}
              sizeScale={sizeScale}
              ready={ready}
            />
          )}
          <MapControls metric={metric} tier={tier} onMetric={setMetric} onTier={setTier} />
          <ChoroplethLegend metric={metric} scale={scale} />
        </div>
        <div className="bs-side">
          <TrendChart series={series.data} />
          <LiveTicker events={ticker} index={index} />
        </div>
      </div>
    </div>
  );
}
