import { z } from 'zod';

/**
 * Gaps and overlaps smaller than this are digitising noise, not planning defects: 1 m² is far below
 * a building footprint yet far above the float rounding of a shared edge stored at 1e-9°.
 */
export const DEFAULT_TOLERANCE_SQUARE_METRES = 1;

/** GEOS precision grid (degrees, ~0.1 mm) for overlay operations; see `boundary-validation.ts`. */
export const OVERLAY_GRID_SIZE_DEGREES = 1e-9;

export const ToleranceQuery = z.strictObject({
  tolerance: z.coerce
    .number()
    .min(0, 'tolerance is an area in m² and cannot be negative')
    .max(1e6, 'tolerance above 1 km² would hide real defects')
    .default(DEFAULT_TOLERANCE_SQUARE_METRES),
});
