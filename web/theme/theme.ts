/**
 * Every colour GridSight draws with, in one place: the page chrome (as CSS custom properties), the
 * MapLibre basemap (CSS colour strings) and the deck.gl layers (RGBA tuples).
 *
 * The map is a dark, neutral "situation room" canvas: boundaries in cool greys so that the data
 * (fills, highlights, later case points and alerts) carries all of the colour.
 */

/** deck.gl colour: red, green, blue, alpha, each 0–255. */
export type Rgba = [number, number, number, number];

/** Parses `#rrggbb` into an RGBA tuple with the given alpha (0–255). */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [, r, g, b] = match as unknown as [string, string, string, string];
  return [Number.parseInt(r, 16), Number.parseInt(g, 16), Number.parseInt(b, 16), alpha];
}

export const PALETTE = {
  ink950: '#0b0f14',
  ink900: '#10161d',
  ink850: '#141b23',
  ink800: '#1a222c',
  ink700: '#263140',
  ink600: '#35424f',
  ink500: '#4f5d6b',
  ink400: '#74818e',
  ink300: '#9aa5b1',
  ink200: '#c4ccd4',
  ink100: '#e6eaee',
  white: '#ffffff',
  accent: '#4cc9f0',
  accentStrong: '#7ad7f5',
  warn: '#f4a261',
} as const;

/** The page chrome, exposed to CSS as `--gs-<name>` custom properties. */
export const UI_COLORS = {
  bg: PALETTE.ink950,
  panel: 'rgba(16, 22, 29, 0.88)',
  panelSolid: PALETTE.ink900,
  border: PALETTE.ink700,
  text: PALETTE.ink100,
  textMuted: PALETTE.ink300,
  textFaint: PALETTE.ink400,
  accent: PALETTE.accent,
  accentText: PALETTE.ink950,
  focusRing: PALETTE.accentStrong,
  tooltipBg: 'rgba(11, 15, 20, 0.94)',
  /** Legend keys of the level-1 / level-2 outlines (same hues as GRID_COLORS). */
  tier1Line: PALETTE.ink100,
  tier2Line: PALETTE.ink300,
  shadow: 'rgba(0, 0, 0, 0.45)',
  /** Error messages (e.g. a wrong password on the login page). */
  error: PALETTE.warn,
} as const;

/** MapLibre basemap colours (CSS colour strings). */
export const BASEMAP_COLORS = {
  background: PALETTE.ink950,
  provinceFill: PALETTE.ink900,
  provinceLine: PALETTE.ink500,
  countyFill: PALETTE.ink850,
  countyLine: PALETTE.ink600,
  countyLabel: PALETTE.ink400,
  districtFill: PALETTE.ink800,
  districtLine: PALETTE.ink300,
  districtGlow: PALETTE.accent,
  labelHalo: PALETTE.ink950,
  gridLabel: PALETTE.ink100,
  gridLabelMuted: PALETTE.ink200,
} as const;

/** deck.gl grid layer colours. */
export const GRID_COLORS = {
  level1Line: hexToRgba(PALETTE.ink100, 235),
  level2Line: hexToRgba(PALETTE.ink200, 215),
  level3Line: hexToRgba(PALETTE.ink950, 140),
  hoverLine: hexToRgba(PALETTE.accentStrong, 255),
  hoverFill: hexToRgba(PALETTE.accent, 40),
  focusLine: hexToRgba(PALETTE.accent, 255),
  /** Fill of a level-3 grid whose households are unknown. */
  noData: hexToRgba(PALETTE.ink600, 120),
} as const;

/** Alpha of level-3 fills inside the focused grid, and outside it (dimmed). */
export const FILL_ALPHA = { focused: 170, dimmed: 40 } as const;

/**
 * Sequential ramp for counts per grid (households, later cases): viridis without its darkest
 * steps, which vanish on the dark basemap. Viridis is perceptually uniform and readable with the
 * common colour-vision deficiencies and in greyscale.
 */
export const SEQUENTIAL_RAMP: readonly string[] = ['#3b528b', '#2c728e', '#21918c', '#3fbc73', '#a5db36'];

/** The UI colours as CSS custom properties, to be set on the document root once at start. */
export function themeCssVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(UI_COLORS)) {
    vars[`--gs-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = value;
  }
  return vars;
}

/**
 * Hotspot view colours. Gi* classes use ColorBrewer RdBu (diverging, colour-blind safe and still
 * ordered in greyscale): red for hot, blue for cold, darker with higher confidence. Insignificant
 * bins are a faint neutral so the significant ones stand out. Case counts per bin use the
 * sequential (viridis) ramp of the grid fills.
 */
export const HOTSPOT_COLORS = {
  /** By Gi* class: -3 … 3 = cold 99 %, 95 %, 90 %, not significant, hot 90 %, 95 %, 99 %. */
  giClass: {
    '-3': '#2166ac',
    '-2': '#67a9cf',
    '-1': '#d1e5f0',
    '0': '#74818e',
    '1': '#fddbc7',
    '2': '#ef8a62',
    '3': '#b2182b',
  },
  /** Sequential ramp of case counts per bin, low to high. */
  binRamp: SEQUENTIAL_RAMP,
  /** Alpha of a bin fill (significant / not significant), and of the bin outline. */
  binAlpha: { significant: 200, insignificant: 60, outline: 90 },
  clusterLine: hexToRgba(PALETTE.warn, 235),
  clusterFill: hexToRgba(PALETTE.warn, 28),
  casePoint: hexToRgba(PALETTE.ink100, 220),
  casePointLine: hexToRgba(PALETTE.ink950, 255),
  selectedCase: hexToRgba(PALETTE.accentStrong, 255),
  selectedCaseHalo: hexToRgba(PALETTE.accent, 70),
  /** Level-3 grid fill of the drill layer: a faint tint inside the focus, darker outside. */
  drillFill: hexToRgba(PALETTE.ink700, 30),
  drillDimmed: hexToRgba(PALETTE.ink950, 130),
} as const;

/**
 * The big screen (大屏): a dark wall theme read from across the room. Blue/orange carry "better" and
 * "worse" (safe for red-green colour blindness) and always come with an arrow, never colour alone.
 * Choropleth ramps run dark → bright so that the grids that hurt most are the brightest.
 */
export const BIGSCREEN_THEME = {
  colors: {
    bg: '#070a0e',
    panel: 'rgba(16, 22, 29, 0.92)',
    panelBorder: PALETTE.ink700,
    divider: PALETTE.ink800,
    text: PALETTE.ink100,
    textStrong: PALETTE.white,
    textMuted: PALETTE.ink300,
    accent: PALETTE.accent,
    better: '#56b4e9',
    worse: PALETTE.warn,
    live: '#3fbc73',
    stale: PALETTE.warn,
    bar: PALETTE.accent,
    chartReported: PALETTE.accent,
    chartResolved: '#a5db36',
    chartGrid: PALETTE.ink700,
  },
  /** Viridis and cividis without their darkest steps, which vanish on the dark basemap. */
  ramps: {
    viridis: ['#3b528b', '#2c728e', '#21918c', '#5ec962', '#fde725'],
    cividis: ['#35456c', '#575c6d', '#7c7b78', '#a69d75', '#fee838'],
  },
  map: {
    choroplethAlpha: 200,
    noData: hexToRgba(PALETTE.ink600, 90),
    tierLine: {
      1: hexToRgba(PALETTE.white, 240),
      2: hexToRgba(PALETTE.ink200, 200),
      3: hexToRgba(PALETTE.ink950, 150),
    },
    tourLine: hexToRgba(PALETTE.accentStrong, 255),
    pulseFill: hexToRgba('#ff8c42', 90),
    pulseLine: hexToRgba('#ffb36b', 255),
  },
} as const;

export type BigscreenRamp = keyof typeof BIGSCREEN_THEME.ramps;

/** The big-screen colours as CSS custom properties (`--bs-<name>`), set on the view's root element. */
export function bigscreenCssVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(BIGSCREEN_THEME.colors)) {
    vars[`--bs-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = value;
  }
  return vars;
}

/** Boundary planner (网格规划): draft fills, selection, vertex handles, issue highlights. */
const PLANNER_HUES = { danger: '#ef476f', ok: '#06d6a0', changed: '#ffd166' } as const;

export const PLANNER_COLORS = {
  /** Level-3 draft grids: a quiet fill so the handles and issues carry the colour. */
  fill: hexToRgba(PALETTE.ink500, 90),
  changedFill: hexToRgba(PLANNER_HUES.changed, 70),
  line: hexToRgba(PALETTE.ink300, 200),
  selectedFill: hexToRgba(PALETTE.accent, 70),
  hoverFill: hexToRgba(PALETTE.accent, 30),
  selectedLine: hexToRgba(PALETTE.accentStrong, 255),
  mergePartnerFill: hexToRgba(PLANNER_HUES.changed, 110),
  mergePartnerLine: hexToRgba(PLANNER_HUES.changed, 255),
  /** A vertex of the selected grid alone, and one shared with neighbours (moves them too). */
  handle: hexToRgba(PALETTE.white, 255),
  sharedHandle: hexToRgba(PALETTE.accent, 255),
  activeHandle: hexToRgba(PLANNER_HUES.changed, 255),
  handleOutline: hexToRgba(PALETTE.ink950, 255),
  issueFill: hexToRgba(PLANNER_HUES.danger, 110),
  issueLine: hexToRgba(PLANNER_HUES.danger, 255),
  sketchLine: hexToRgba(PLANNER_HUES.changed, 255),
} as const;

/** Planner chrome, as `--gs-planner-<name>` custom properties set on the planner's root. */
export const PLANNER_UI_COLORS = {
  danger: PLANNER_HUES.danger,
  ok: PLANNER_HUES.ok,
  changed: PLANNER_HUES.changed,
  dialogBackdrop: 'rgba(5, 8, 12, 0.66)',
} as const;

export function plannerCssVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(PLANNER_UI_COLORS)) {
    vars[`--gs-planner-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = value;
  }
  return vars;
}

/**
 * The party-building overlay (党建引领). Grid fills by the number of the five haves in place run dark
 * wine → gold (ordered in lightness, so readable in greyscale and with colour-vision deficiencies);
 * a grid without a party branch is slate, apart from the ramp. Points and walking radii sit on the
 * warm fills in contrasting white and cyan.
 */
export const PARTY_COLORS = {
  /** Fill by five-haves count 1…5 (a grid with a branch has at least 1). */
  fiveHavesRamp: ['#7a1f3d', '#b0303a', '#de5a2c', '#f29b38', '#ffd84d'],
  noBranch: '#56606c',
  fillAlpha: 190,
  memberHousehold: hexToRgba(PALETTE.white, 240),
  memberHouseholdLine: hexToRgba(PALETTE.ink950, 255),
  station: hexToRgba(PALETTE.accent, 255),
  stationLine: hexToRgba(PALETTE.ink950, 255),
  stationRadiusFill: hexToRgba(PALETTE.accent, 34),
  stationRadiusLine: hexToRgba(PALETTE.accentStrong, 210),
  /** Checklist marks in the grid panel (CSS): in place, missing. */
  present: '#3fbc73',
  missing: PALETTE.warn,
} as const;
