import { useTranslation } from 'react-i18next';
import { GI_CLASSES, GI_CONFIDENCE_PERCENT, type GiClass } from '../../map/layers/hotspot-bins';
import type { ClassedScale } from '../../theme/ramp';
import { HOTSPOT_COLORS, type Rgba } from '../../theme/theme';

const rgbaCss = ([r, g, b, a]: Rgba) => `rgba(${r}, ${g}, ${b}, ${a / 255})`;

import type { BinMode } from './url-state';

function giLabel(c: GiClass, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (c === 0) return t('hotspots.legend.notSignificant');
  const confidence = GI_CONFIDENCE_PERCENT[Math.abs(c) as 1 | 2 | 3];
  return t(c > 0 ? 'hotspots.legend.hot' : 'hotspots.legend.cold', { confidence });
}

function countLabels(scale: ClassedScale): string[] {
  const { breaks, colors } = scale;
  return colors.map((_, i) => {
    const lo = i === 0 ? 1 : (breaks[i - 1] as number);
    const hi = i < breaks.length ? (breaks[i] as number) - 1 : null;
    if (hi === null) return `≥ ${lo}`;
    return hi <= lo ? String(lo) : `${lo}–${hi}`;
  });
}

export type HotspotLegendProps = { mode: BinMode; countScale: ClassedScale; binSizeMetres: number };

/** Key of the bin colours (Gi* classes or counts), the cluster outlines and the case points. */
export function HotspotLegend({ mode, countScale, binSizeMetres }: HotspotLegendProps) {
  const { t } = useTranslation();
  const counts = countLabels(countScale);
  return (
    <div className="gs-card gs-legend gs-hs-legend" data-testid="hotspot-legend">
      <h2 className="gs-legend__title">
        {mode === 'gi'
          ? t('hotspots.legend.giTitle')
          : t('hotspots.legend.countTitle', { size: binSizeMetres })}
      </h2>
      <ul>
        {mode === 'gi'
          ? GI_CLASSES.map((c) => (
              <li key={c} data-gi-class={c}>
                <span
                  className="gs-legend__swatch"
                  style={{ background: HOTSPOT_COLORS.giClass[String(c) as '0'] }}
                />
                {giLabel(c, t)}
              </li>
            ))
          : countScale.colors.map((color, i) => (
              <li key={color}>
                <span className="gs-legend__swatch" style={{ background: color }} />
                {counts[i]}
              </li>
            ))}
      </ul>
      <ul className="gs-hs-legend__keys">
        <li>
          <span className="gs-hs-legend__hull" style={{ borderColor: rgbaCss(HOTSPOT_COLORS.clusterLine) }} />
          {t('hotspots.legend.clusters')}
        </li>
      </ul>
    </div>
  );
}
