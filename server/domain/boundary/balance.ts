/**
 * Workload balance of a boundary version: cases per grid worker across level-3 grids. The figure is the
 * largest deviation from the mean, because a planner redraws to relieve the worst-loaded grid, and a
 * mean or variance would hide one overloaded grid among many quiet ones.
 */
export type GridWorkload = { code: string; cases: number; workers: number };

export type BalanceFigure = {
  /** Level-3 grids with at least one worker; unstaffed grids have no per-worker figure. */
  gridsCounted: number;
  unstaffedGrids: number;
  meanCasesPerWorker: number | null;
  maxDeviation: number | null;
  /** maxDeviation / mean: 0.5 means the worst grid is 50 % above or below the mean. */
  maxDeviationRatio: number | null;
  worstGridCode: string | null;
};

export function balanceFigure(grids: readonly GridWorkload[]): BalanceFigure {
  const staffed = grids.filter((g) => g.workers > 0);
  const unstaffedGrids = grids.length - staffed.length;
  if (staffed.length === 0) {
    return {
      gridsCounted: 0,
      unstaffedGrids,
      meanCasesPerWorker: null,
      maxDeviation: null,
      maxDeviationRatio: null,
      worstGridCode: null,
    };
  }
  const perWorker = staffed.map((g) => ({ code: g.code, value: g.cases / g.workers }));
  const mean = perWorker.reduce((s, g) => s + g.value, 0) / perWorker.length;
  let worst = perWorker[0] as { code: string; value: number };
  for (const g of perWorker) if (Math.abs(g.value - mean) > Math.abs(worst.value - mean)) worst = g;
  const maxDeviation = Math.abs(worst.value - mean);
  return {
    gridsCounted: staffed.length,
    unstaffedGrids,
    meanCasesPerWorker: round2(mean),
    maxDeviation: round2(maxDeviation),
    maxDeviationRatio: mean > 0 ? round2(maxDeviation / mean) : null,
    worstGridCode: worst.code,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function householdsPerWorker(households: number, workers: number): number | null {
  return workers > 0 ? Math.round(households / workers) : null;
}
