import './hotspots.css';
import { type CSSProperties, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseDetail, useCaseList } from '../../api/cases';
import { useGridDetail, useGridTiers } from '../../api/grids';
import { useHealth } from '../../api/health';
import { MAX_CLUSTER_CASES, useHotspotBins, useHotspotClusters } from '../../api/hotspots';
import { ancestorChain, createGridIndex, drillTarget, level3Within } from '../../grids/grid-index';
import { geometryBbox } from '../../map/basemap-data';
import { buildBasemapStyle } from '../../map/basemap-style';
import type { GridHover } from '../../map/GridMap';
import type { Bbox } from '../../map/MapView';
import { useBasemapData } from '../../map/use-basemap';
import { createClassedScale } from '../../theme/ramp';
import { HOTSPOT_COLORS } from '../../theme/theme';
import { Breadcrumb } from '../../ui/Breadcrumb';
import { GridTooltip } from '../../ui/GridTooltip';
import { CaseDetailPanel } from './CaseDetailPanel';
import { CaseTable } from './CaseTable';
import { bboxAround } from './case-camera';
import { selectionOf, selectionQuery } from './case-selection';
import { FilterBar } from './FilterBar';
import { HotspotLegend } from './HotspotLegend';
import { HotspotsMap } from './HotspotsMap';
import { BIN_SIZE_BY_LEVEL, HOTSPOT_LAYOUT } from './hotspot-layout';
import { SelectionSummary } from './SelectionSummary';
import { TimeWindowControl } from './TimeWindowControl';
import { yearEndingOn } from './time-window';
import { useHotspotState } from './use-hotspot-state';
import { usePlay } from './use-play';

const PANEL_STYLE = { '--gs-hs-panel-width': `${HOTSPOT_LAYOUT.panelWidthPixels}px` } as CSSProperties;

/**
 * Hotspot drill-down for field teams: case bins with Gi* classes, DBSCAN hulls, a time window and
 * filters; street › community › grid › case list › one case, all in the URL.
 */
export function HotspotsView() {
  const { t } = useTranslation();
  const [state, update] = useHotspotState();
  const [hover, setHover] = useState<GridHover | null>(null);
  const range = useMemo(() => yearEndingOn(new Date()), []);

  const health = useHealth();
  const basemap = useBasemapData();
  const { tiers, error: tiersError } = useGridTiers();
  const gridDetail = useGridDetail(state.grid);
  const index = useMemo(() => createGridIndex(tiers), [tiers]);
  const focus = state.grid ? (index.get(state.grid)?.properties ?? null) : null;
  const focusFeature = state.grid ? index.get(state.grid) : undefined;
  const insideFocus = useMemo(() => (focus ? level3Within(index, focus.code) : null), [index, focus]);

  const healthSettled = health.isSuccess || health.isError;
  const rasterTileUrl = health.data?.basemapUrl ?? null;
  const style = useMemo(
    () => (basemap.data && healthSettled ? buildBasemapStyle({ ...basemap.data, rasterTileUrl }) : null),
    [basemap.data, healthSettled, rasterTileUrl],
  );
  const districtBbox: Bbox | null = basemap.data ? geometryBbox(basemap.data.district.outline) : null;
  const studyBbox: Bbox | null =
    gridDetail.data?.grid.bbox ?? (focusFeature ? geometryBbox(focusFeature.geometry) : null) ?? districtBbox;

  const query = useMemo(() => selectionQuery(selectionOf(state)), [state]);
  const binSize = BIN_SIZE_BY_LEVEL[focus?.level ?? 0];
  const bins = useHotspotBins(query, state.grid && !focus ? null : studyBbox, binSize);
  const atGrid = focus?.level === 3;
  const caseList = useCaseList(query, atGrid);
  const caseDetail = useCaseDetail(state.caseId);

  const countScale = useMemo(
    () =>
      createClassedScale(
        (bins.data?.features ?? []).map((f) => f.properties.count).filter((n) => n > 0),
        HOTSPOT_COLORS.binRamp,
      ),
    [bins.data],
  );
  const rows = useMemo(() => caseList.data?.pages.flatMap((p) => p.items) ?? [], [caseList.data]);
  const total = bins.data && !bins.isPlaceholderData ? bins.data.meta.totalCount : null;
  const clusters = useHotspotClusters(query, total !== null && total <= MAX_CLUSTER_CASES);
  const clusterFeatures = clusters.data && !clusters.isPlaceholderData ? clusters.data.features : [];

  const openGrid = useCallback((code: string | null) => update({ grid: code, caseId: null }), [update]);
  const openCase = useCallback((id: number | null) => update({ caseId: id }), [update]);
  const clickTarget = hover ? (drillTarget(index, hover.code, state.grid) ?? null) : null;
  const hoverTarget =
    clickTarget && clickTarget.code !== state.grid ? (index.get(clickTarget.code) ?? null) : null;
  const handleGridClick = useCallback(
    (code: string) => {
      const target = drillTarget(index, code, state.grid);
      if (target && target.code !== state.grid) {
        setHover(null);
        openGrid(target.code);
      }
    },
    [index, state.grid, openGrid],
  );

  // Escape: from a case back to the list, else one tier up.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (state.caseId !== null) openCase(null);
      else if (state.grid) openGrid(focus?.parentCode ?? null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state.caseId, state.grid, focus, openCase, openGrid]);

  const stepWindow = useCallback(
    (w: typeof state.window) => update({ window: w }, { replace: true }),
    [update],
  );
  const [playing, togglePlay] = usePlay(range, state.window, stepWindow);

  const crumbs = gridDetail.data
    ? [...gridDetail.data.ancestors, gridDetail.data.grid]
    : focusFeature
      ? ancestorChain(index, focusFeature.properties.code)
      : [];
  const caseCrumb =
    state.caseId !== null
      ? [{ code: `case:${state.caseId}`, name: caseDetail.data?.code ?? `#${state.caseId}` }]
      : [];
  const districtName = health.data?.district.name ?? basemap.data?.district.name ?? '';
  const selected = caseDetail.data
    ? { id: caseDetail.data.id, lon: caseDetail.data.lon, lat: caseDetail.data.lat }
    : null;
  const caseNotFound = Boolean(
    caseDetail.error && 'status' in caseDetail.error && caseDetail.error.status === 404,
  );
  const problem = tiersError?.message ?? basemap.error?.message ?? null;
  const hintKey = focus ? (`hotspots.drillHint.${focus.level}` as const) : 'hotspots.drillHint.root';

  return (
    <main
      className="gs-explorer gs-hotspots"
      style={PANEL_STYLE}
      data-testid="hotspots-view"
      onPointerLeave={() => setHover(null)}
    >
      {style && studyBbox && (
        <HotspotsMap
          style={style}
          tiers={tiers}
          index={index}
          focus={focus}
          insideFocus={insideFocus}
          hoverTarget={hoverTarget}
          fitBounds={selected ? bboxAround(selected.lon, selected.lat) : studyBbox}
          bins={bins.data?.features ?? []}
          binMode={state.binMode}
          countScale={countScale}
          clusters={clusterFeatures}
          cases={atGrid ? rows : []}
          selectedCase={selected}
          onHover={setHover}
          onGridClick={handleGridClick}
          onCaseClick={openCase}
        />
      )}
      <div className="gs-overlay gs-overlay--top">
        <Breadcrumb
          districtName={districtName}
          items={[...crumbs, ...caseCrumb]}
          onSelect={(code) => (code?.startsWith('case:') ? undefined : openGrid(code))}
        />
        <FilterBar
          categories={state.categories}
          sources={state.sources}
          binMode={state.binMode}
          onCategories={(categories) => update({ categories, caseId: null })}
          onSources={(sources) => update({ sources, caseId: null })}
          onBinMode={(binMode) => update({ binMode }, { replace: true })}
        />
        {problem && <p className="gs-notice">{t('grid.loadFailed', { message: problem })}</p>}
        {bins.error && (
          <p className="gs-notice">{t('hotspots.error.bins', { message: bins.error.message })}</p>
        )}
        {clusters.error && (
          <p className="gs-notice">{t('hotspots.error.clusters', { message: clusters.error.message })}</p>
        )}
        {caseList.error && (
          <p className="gs-notice">{t('hotspots.error.cases', { message: caseList.error.message })}</p>
        )}
      </div>
      <div className="gs-overlay gs-overlay--right gs-hs-side">
        {state.caseId !== null ? (
          <CaseDetailPanel
            detail={caseDetail.data}
            caseId={state.caseId}
            gridName={caseDetail.data ? (index.get(caseDetail.data.gridCode)?.properties.name ?? null) : null}
            notFound={caseNotFound}
            onBack={() => openCase(null)}
          />
        ) : atGrid ? (
          <CaseTable
            title={focus?.name ?? ''}
            rows={rows}
            total={total}
            isLoading={caseList.isPending}
            hasMore={caseList.hasNextPage}
            isLoadingMore={caseList.isFetchingNextPage}
            onLoadMore={() => void caseList.fetchNextPage()}
            onOpen={openCase}
          />
        ) : (
          <SelectionSummary
            kicker={focus ? t(`level.${focus.level}`) : t('nav.hotspots')}
            title={focus?.name ?? t('breadcrumb.root', { district: districtName })}
            hint={t(hintKey)}
            bins={bins.data}
            fresh={total !== null}
            clusterCount={clusters.data && !clusters.isPlaceholderData ? clusterFeatures.length : null}
          />
        )}
      </div>
      <div className="gs-overlay gs-overlay--bottom-left">
        <HotspotLegend mode={state.binMode} countScale={countScale} binSizeMetres={binSize} />
      </div>
      <div className="gs-overlay gs-hs-bottom">
        <TimeWindowControl
          range={range}
          window={state.window}
          playing={playing}
          onChange={(w, options) => update({ window: w, caseId: null }, options)}
          onTogglePlay={togglePlay}
        />
      </div>
      {hover && (
        <GridTooltip
          chain={ancestorChain(index, hover.code)}
          clickTarget={hoverTarget ? clickTarget : null}
          x={hover.x}
          y={hover.y}
        />
      )}
    </main>
  );
}
