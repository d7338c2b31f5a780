import { hexToRgba, type Rgba } from './theme';

/**
 * A classed colour scale: `breaks[i]` is the lower bound of class `i + 1`, so a value below
 * `breaks[0]` falls in class 0 and one at or above the last break in the last class.
 */
export type ClassedScale = {
  breaks: number[];
  colors: readonly string[];
};

/** Rounds a break to a "nice" step so the legend reads 300, 350 rather than 347.5. */
function niceRound(value: number, span: number): number {
  const rawStep = span / 20;
  if (!(rawStep > 0)) return Math.round(value);
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rawStep) ?? rawStep;
  return Math.round(value / step) * step;
}

/**
 * Quantile breaks for `classes` classes, rounded to nice numbers and de-duplicated (so a skewed
 * or tiny dataset may give fewer classes). Non-finite values are ignored.
 */
export function quantileBreaks(values: readonly number[], classes: number): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0 || classes < 2) return [];
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const q = sorted[Math.floor((i * sorted.length) / classes)] as number;
    const b = niceRound(q, max - min);
    if (b > min && b <= max && !breaks.includes(b)) breaks.push(b);
  }
  return breaks;
}

/** Builds a scale from data: as many quantile classes as the ramp has colours. */
export function createClassedScale(values: readonly number[], colors: readonly string[]): ClassedScale {
  const breaks = quantileBreaks(values, colors.length);
  // Spread the ramp when fewer classes came out, so the ends stay the ramp's ends.
  const n = breaks.length + 1;
  const picked =
    n >= colors.length
      ? colors
      : Array.from(
          { length: n },
          (_, i) => colors[Math.round((i * (colors.length - 1)) / Math.max(1, n - 1))] as string,
        );
  return { breaks, colors: picked };
}

/** Index of the class that `value` falls in. */
export function classIndex(scale: ClassedScale, value: number): number {
  let i = 0;
  while (i < scale.breaks.length && value >= (scale.breaks[i] as number)) i++;
  return i;
}

/** Colour of `value` as an RGBA tuple with the given alpha. */
export function classColor(scale: ClassedScale, value: number, alpha: number): Rgba {
  const hex = scale.colors[classIndex(scale, value)] ?? scale.colors[0] ?? '#808080';
  return hexToRgba(hex, alpha);
}

/** Legend rows: one per class, with its colour and value range (`max` is exclusive, null = open). */
export function legendEntries(
  scale: ClassedScale,
): { color: string; min: number | null; max: number | null }[] {
  return scale.colors.map((color, i) => ({
    color,
    min: i === 0 ? null : (scale.breaks[i - 1] ?? null),
    max: scale.breaks[i] ?? null,
  }));
}
