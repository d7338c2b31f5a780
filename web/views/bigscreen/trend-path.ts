/** Chart geometry in the SVG's own units (the SVG scales with its box, so these stay fixed). */
export const TREND_CHART = { width: 400, height: 150, padTop: 10, padBottom: 6 } as const;

/** A "nice" top of the y axis: 1, 2 or 5 × 10^k at or above `max` (at least 1). */
export function niceCeiling(max: number): number {
  if (!(max > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= max) ?? max) as number;
}

/** SVG path of a polyline through `values`, spread evenly across the width, scaled to `top`. */
export function linePath(values: readonly number[], top: number): string {
  const { width, height, padTop, padBottom } = TREND_CHART;
  const span = height - padTop - padBottom;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = i * step;
      const y = padTop + span * (1 - Math.min(v, top) / top);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join('');
}
