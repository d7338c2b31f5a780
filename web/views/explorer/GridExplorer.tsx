import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { useGridDetail, useGridTiers } from '../../api/grids';
import { useHealth } from '../../api/health';
import { ancestorChain, createGridIndex, drillTarget, level3Within } from '../../grids/grid-index';
import { geometryBbox } from '../../map/basemap-data';
import { buildBasemapStyle } from '../../map/basemap-style';
import { type GridHover, GridMap } from '../../map/GridMap';
import type { Bbox } from '../../map/MapView';
import { useBasemapData } from '../../map/use-basemap';
import { createClassedScale } from '../../theme/ramp';
import { SEQUENTIAL_RAMP } from '../../theme/theme';
import { Breadcrumb } from '../../ui/Breadcrumb';
import { DistrictPanel, GridPanel } from '../../ui/GridPanel';
import { GridTooltip } from '../../ui/GridTooltip';
import { Legend } from '../../ui/Legend';
import { MapLayerToggle } from '../party/MapLayerToggle';
import { PartyLegend } from '../party/PartyLegend';
import { PartyHint, PartyPanel } from '../party/PartyPanel';
import { useMapLayer } from '../party/use-party-layer';
import { usePartyOverlay } from '../party/use-party-overlay';
import { URL_PARAMS } from '../routes';
import '../party/party.css';

/** The grid in focus, kept in the URL (`?grid=CODE`) so a view can be bookmarked and reloaded. */
function useFocusCode(): [string | null, (code: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const focusCode = params.get(URL_PARAMS.grid);
  const setFocusCode = useCallback(
    (code: string | null) =>
      setParams((p) => {
        if (code) p.set(URL_PARAMS.grid, code);
        else p.delete(URL_PARAMS.grid);
        return p;
      }),
    [setParams],
  );
  return [focusCode, setFocusCode];
}

/**
 * The three grid tiers on the map with hover, drill-down and a breadcrumb back up. Shared by the
 * three views for now; each view will add its own layers and panels around it.
 */
export function GridExplorer({ summary, children }: { summary: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const [focusCode, setFocusCode] = useFocusCode();
  const [hover, setHover] = useState<GridHover | null>(null);
  const [mapLayer, setMapLayer] = useMapLayer();
  const party = usePartyOverlay(mapLayer === 'party');
  const overlay = useMemo(
    () => (mapLayer === 'party' ? { fillColor: party.fillColor, layers: party.layers } : null),
    [mapLayer, party.fillColor, party.layers],
  );

  const health = useHealth();
  const basemap = useBasemapData();
  const { tiers, error: tiersError } = useGridTiers();
  const detail = useGridDetail(focusCode);

  const index = useMemo(() => createGridIndex(tiers), [tiers]);
  const scale = useMemo(
    () =>
      createClassedScale(
        (tiers[3] ?? []).map((f) => f.properties.households),
        SEQUENTIAL_RAMP,
      ),
    [tiers],
  );
  const focus = focusCode ? (index.get(focusCode)?.properties ?? null) : null;
  const insideFocus = useMemo(() => (focus ? level3Within(index, focus.code) : null), [index, focus]);

  // The style waits for /api/health (or its failure) so an intranet raster URL does not rebuild it.
  const healthSettled = health.isSuccess || health.isError;
  const rasterTileUrl = health.data?.basemapUrl ?? null;
  const style = useMemo(
    () => (basemap.data && healthSettled ? buildBasemapStyle({ ...basemap.data, rasterTileUrl }) : null),
    [basemap.data, healthSettled, rasterTileUrl],
  );

  const districtName = health.data?.district.name ?? basemap.data?.district.name ?? '';
  const focusFeature = focusCode ? index.get(focusCode) : undefined;
  const fitBounds: Bbox | null =
    detail.data?.grid.bbox ??
    (focusFeature ? geometryBbox(focusFeature.geometry) : null) ??
    (basemap.data ? geometryBbox(basemap.data.district.outline) : null);

  const clickTarget = hover ? (drillTarget(index, hover.code, focusCode) ?? null) : null;
  const hoverTarget =
    clickTarget && clickTarget.code !== focusCode ? (index.get(clickTarget.code) ?? null) : null;

  const handleClick = useCallback(
    (code: string) => {
      const target = drillTarget(index, code, focusCode);
      if (target && target.code !== focusCode) {
        setHover(null);
        setFocusCode(target.code);
      }
    },
    [index, focusCode, setFocusCode],
  );

  // Escape goes one tier up.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && focusCode) setFocusCode(focus?.parentCode ?? null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusCode, focus, setFocusCode]);

  const crumbs = detail.data
    ? [...detail.data.ancestors, detail.data.grid]
    : focusCode
      ? ancestorChain(index, focusCode)
      : [];

  const totals = (tiers[1] ?? []).reduce(
    (sum, f) => ({
      households: sum.households + f.properties.households,
      population: sum.population + f.properties.population,
    }),
    { households: 0, population: 0 },
  );

  const problem = tiersError?.message ?? basemap.error?.message ?? null;
  const notFound = detail.error && 'status' in detail.error && detail.error.status === 404;

  return (
    <main className="gs-explorer">
      {style && fitBounds && (
        <GridMap
          style={style}
          tiers={tiers}
          index={index}
          scale={scale}
          focus={focus}
          insideFocus={insideFocus}
          hoverTarget={hoverTarget}
          fitBounds={fitBounds}
          overlay={overlay}
          dataAttributes={{
            'data-layer': mapLayer,
            'data-party': party.ready ? 'ready' : mapLayer === 'party' ? 'loading' : 'off',
          }}
          onHover={setHover}
          onClick={handleClick}
        />
      )}
      <div className="gs-overlay gs-overlay--top">
        <Breadcrumb districtName={districtName} items={crumbs} onSelect={setFocusCode} />
        <MapLayerToggle layer={mapLayer} onChange={setMapLayer} />
        {problem && <p className="gs-notice">{t('grid.loadFailed', { message: problem })}</p>}
        {notFound && focusCode && <p className="gs-notice">{t('grid.notFound', { code: focusCode })}</p>}
      </div>
      <div className="gs-overlay gs-overlay--right">
        {detail.data ? (
          <GridPanel detail={detail.data} onSelect={setFocusCode} />
        ) : (
          <DistrictPanel
            districtName={districtName}
            summary={summary}
            counts={{ 1: tiers[1]?.length ?? 0, 2: tiers[2]?.length ?? 0, 3: tiers[3]?.length ?? 0 }}
            households={totals.households}
            population={totals.population}
          />
        )}
        {mapLayer === 'party' &&
          (focusCode && focus?.level === 3 ? <PartyPanel code={focusCode} /> : <PartyHint />)}
        {children}
      </div>
      <div className="gs-overlay gs-overlay--bottom-left">
        {mapLayer === 'party' ? (
          <PartyLegend radiusMetres={party.radiusMetres} counts={party.counts} />
        ) : (
          tiers[3] && <Legend scale={scale} />
        )}
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
