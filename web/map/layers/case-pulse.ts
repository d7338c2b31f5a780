import { ScatterplotLayer } from '@deck.gl/layers';
import { BIGSCREEN_THEME, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

/** A new case pulsing on the map where it happened, since `bornMs`. */
export type Pulse = { id: number; code: string; lon: number; lat: number; bornMs: number };

/** One ring grows from min to max radius and fades, then starts again. */
export const PULSE_RING = {
  periodMs: 2_000,
  minRadiusPixels: 6,
  maxRadiusPixels: 34,
  lineWidthPixels: 2.5,
} as const;

export const CASE_PULSE_LAYER_ID = 'case-pulse';

export type CasePulseLayerOptions = {
  pulses: readonly Pulse[];
  /** The animation clock (ms); a new value redraws the rings. */
  nowMs: number;
  /** Multiplies radii and line widths (2 for a 4K screen at device pixel ratio 1). Default 1. */
  sizeScale?: number;
  beforeId?: string;
};

/** Phase of the ring in [0, 1): 0 just born, near 1 about to restart. */
export function pulsePhase(pulse: Pulse, nowMs: number, periodMs: number = PULSE_RING.periodMs): number {
  const age = Math.max(0, nowMs - pulse.bornMs);
  return (age % periodMs) / periodMs;
}

/** Ring radius in pixels at `phase`. */
export function pulseRadiusPixels(phase: number): number {
  return PULSE_RING.minRadiusPixels + (PULSE_RING.maxRadiusPixels - PULSE_RING.minRadiusPixels) * phase;
}

/** Ring opacity factor at `phase`: solid when small, gone when fully grown. */
export function pulseOpacity(phase: number): number {
  return 1 - phase;
}

function fade([r, g, b, a]: Rgba, factor: number): Rgba {
  return [r, g, b, Math.round(a * factor)];
}

/** Growing, fading rings where new cases happened; radius and opacity are functions of time. */
export function createCasePulseLayer({
  pulses,
  nowMs,
  sizeScale = 1,
  beforeId = DECK_BEFORE_LAYER_ID,
}: CasePulseLayerOptions): ScatterplotLayer<Pulse, InterleavedProps> {
  return new ScatterplotLayer<Pulse, InterleavedProps>({
    id: CASE_PULSE_LAYER_ID,
    data: pulses as Pulse[],
    beforeId,
    pickable: false,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (p) => [p.lon, p.lat],
    getRadius: (p) => pulseRadiusPixels(pulsePhase(p, nowMs)) * sizeScale,
    getLineWidth: PULSE_RING.lineWidthPixels * sizeScale,
    getFillColor: (p) => fade(BIGSCREEN_THEME.map.pulseFill, pulseOpacity(pulsePhase(p, nowMs))),
    getLineColor: (p) => fade(BIGSCREEN_THEME.map.pulseLine, pulseOpacity(pulsePhase(p, nowMs))),
    updateTriggers: {
      getRadius: [nowMs, sizeScale],
      getFillColor: nowMs,
      getLineColor: nowMs,
      getLineWidth: sizeScale,
    },
  });
}
