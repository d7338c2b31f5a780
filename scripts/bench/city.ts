/**
 * A synthetic city for the benchmark (pure, no I/O): a lattice of shared, jittered vertices centred
 * on Pingxiang's 安源区 (the demo district, so the app's offline basemap and the big screen's camera
 * cover its centre), so neighbouring grids share edges exactly and the three tiers tile exactly.
 *
 *   level 3: one lattice cell each (a convex-ish quadrilateral; jitter ≤ 0.22 cell keeps it valid);
 *   level 2: a rectangular block of ~7×7 cells (~1,000 at 50k grids), ring walked along the lattice;
 *   level 1: a block of level-2 bands (4×4 = 16 at city scale).
 * The lattice is warped so cells are ~2.6× smaller in the centre than at the edge (a denser core).
 */
import { createRandom } from '../demo/random';

export const CITY_CENTRE: readonly [number, number] = [113.8765, 27.6335];
const MEAN_CELL_M = 250;
const JITTER = 0.22;
const L2_SIDE = 7;
const L1_BANDS = 4;
const METRES_PER_DEG_LAT = 111_320;

export type Ring = [number, number][];

export type CityGrid = {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  kind: 'street' | 'community' | 'unit';
  parentCode: string | null;
  households: number;
  population: number;
  ring: Ring;
};

/** A level-3 cell as the case generator needs it: its codes, its corners and how busy it is. */
export type CityCell = {
  code: string;
  l2Code: string;
  l1Code: string;
  /** Counter-clockwise corners (lon, lat): (i,j), (i+1,j), (i+1,j+1), (i,j+1). */
  corners: [number, number, number, number, number, number, number, number];
  households: number;
  /** Relative case rate (centre, hotspot clusters, households). */
  weight: number;
  /** Where a clustered case falls inside the cell (bilinear u, v). */
  focus: [number, number];
  name: string;
};

export type City = {
  cols: number;
  rows: number;
  /** Level-3 code of lattice cell (i, j) at index j·cols + i. */
  cellCodes: string[];
  /** Lattice column/row boundaries of the level-2 blocks. */
  colBands: number[];
  rowBands: number[];
  grids: CityGrid[];
  cells: CityCell[];
  bbox: [number, number, number, number];
};

/** W×H = n when a factor pair with a city-like aspect exists, else the nearest lattice above n. */
export function latticeSize(n: number): { cols: number; rows: number } {
  const ideal = Math.max(1, Math.round(Math.sqrt(n / 1.25)));
  for (let d = 0; d <= ideal; d++) {
    for (const rows of [ideal - d, ideal + d]) {
      if (rows < 1 || n % rows !== 0) continue;
      const cols = n / rows;
      if (cols / rows >= 0.9 && cols / rows <= 2) return { cols, rows };
    }
  }
  return { cols: Math.ceil(n / ideal), rows: ideal };
}

/** Splits `n` items into `k` near-equal consecutive bands: the k+1 boundaries. */
export function bands(n: number, k: number): number[] {
  const count = Math.max(1, Math.min(n, k));
  return Array.from({ length: count + 1 }, (_, i) => Math.round((i * n) / count));
}

/** Monotone warp of [-1, 1]: slope 0.55 in the centre, 1.45 at the edge, mean 1. */
const warp = (u: number) => u * (0.55 + 0.45 * Math.abs(u));

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const L1_NAMES = [
  '春熙',
  '锦官',
  '青羊',
  '草堂',
  '望江',
  '玉林',
  '芳草',
  '桐梓林',
  '双楠',
  '金沙',
  '府南',
  '驷马桥',
  '猛追湾',
  '合江',
  '红星',
  '九眼桥',
  '少城',
  '宽窄',
  '文殊',
  '抚琴',
];

export function buildCity(grids: number, seed: number): City {
  const random = createRandom(seed).fork('city');
  const { cols, rows } = latticeSize(grids);
  const cosLat = Math.cos((CITY_CENTRE[1] * Math.PI) / 180);
  const halfW = (cols * MEAN_CELL_M) / 2;
  const halfH = (rows * MEAN_CELL_M) / 2;
  const stride = cols + 1;
  const lon = new Float64Array(stride * (rows + 1));
  const lat = new Float64Array(stride * (rows + 1));
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i <= cols; i++) {
      const interiorX = i > 0 && i < cols;
      const interiorY = j > 0 && j < rows;
      const fi = i + (interiorX ? random.float(-JITTER, JITTER) : 0);
      const fj = j + (interiorY ? random.float(-JITTER, JITTER) : 0);
      const x = warp((2 * fi) / cols - 1) * halfW;
      const y = warp((2 * fj) / rows - 1) * halfH;
      const k = j * stride + i;
      lon[k] = round7(CITY_CENTRE[0] + x / (METRES_PER_DEG_LAT * cosLat));
      lat[k] = round7(CITY_CENTRE[1] + y / METRES_PER_DEG_LAT);
    }
  }
  const vertex = (i: number, j: number): [number, number] => [
    lon[j * stride + i] as number,
    lat[j * stride + i] as number,
  ];
  /** The closed counter-clockwise ring around lattice block [i0, i1] × [j0, j1]. */
  const blockRing = (i0: number, i1: number, j0: number, j1: number): Ring => {
    const ring: Ring = [];
    for (let i = i0; i < i1; i++) ring.push(vertex(i, j0));
    for (let j = j0; j < j1; j++) ring.push(vertex(i1, j));
    for (let i = i1; i > i0; i--) ring.push(vertex(i, j1));
    for (let j = j1; j > j0; j--) ring.push(vertex(i0, j));
    ring.push(vertex(i0, j0));
    return ring;
  };

  const colBands = bands(cols, Math.round(cols / L2_SIDE));
  const rowBands = bands(rows, Math.round(rows / L2_SIDE));
  const l1Cols = bands(colBands.length - 1, L1_BANDS);
  const l1Rows = bands(rowBands.length - 1, L1_BANDS);

  // Hotspot clusters in lattice coordinates: markets, transit hubs, old estates.
  const hotspotCount = Math.max(3, Math.round(grids / 800));
  const hotspots = Array.from({ length: hotspotCount }, () => ({
    i: random.float(0, cols),
    j: random.float(0, rows),
    radius: random.float(1.5, 5),
    boost: random.float(3, 10),
  }));

  const out: CityGrid[] = [];
  const cells: CityCell[] = [];
  const cellCodes: string[] = new Array(cols * rows);
  const l3ByL2 = new Map<string, CityGrid[]>();
  const l2ByL1 = new Map<string, CityGrid[]>();
  let l1Index = 0;
  for (let b = 0; b + 1 < l1Rows.length; b++) {
    for (let a = 0; a + 1 < l1Cols.length; a++) {
      l1Index++;
      const l1Code = `C${pad(l1Index, 2)}`;
      const l1Name = `${L1_NAMES[(l1Index - 1) % L1_NAMES.length]}${l1Index > L1_NAMES.length ? l1Index : ''}街道`;
      const l1: CityGrid = {
        code: l1Code,
        name: l1Name,
        level: 1,
        kind: 'street',
        parentCode: null,
        households: 0,
        population: 0,
        ring: blockRing(
          colBands[l1Cols[a] as number] as number,
          colBands[l1Cols[a + 1] as number] as number,
          rowBands[l1Rows[b] as number] as number,
          rowBands[l1Rows[b + 1] as number] as number,
        ),
      };
      out.push(l1);
      l2ByL1.set(l1Code, []);
      let l2Index = 0;
      for (let rb = l1Rows[b] as number; rb < (l1Rows[b + 1] as number); rb++) {
        for (let cb = l1Cols[a] as number; cb < (l1Cols[a + 1] as number); cb++) {
          l2Index++;
          const l2Code = `${l1Code}-${pad(l2Index, 3)}`;
          const i0 = colBands[cb] as number;
          const i1 = colBands[cb + 1] as number;
          const j0 = rowBands[rb] as number;
          const j1 = rowBands[rb + 1] as number;
          const l2: CityGrid = {
            code: l2Code,
            name: `${l1Name.replace('街道', '')}第${l2Index}社区`,
            level: 2,
            kind: 'community',
            parentCode: l1Code,
            households: 0,
            population: 0,
            ring: blockRing(i0, i1, j0, j1),
          };
          out.push(l2);
          l2ByL1.get(l1Code)?.push(l2);
          l3ByL2.set(l2Code, []);
          let l3Index = 0;
          for (let j = j0; j < j1; j++) {
            for (let i = i0; i < i1; i++) {
              l3Index++;
              const code = `${l2Code}-${pad(l3Index, 3)}`;
              cellCodes[j * cols + i] = code;
              const di = (i + 0.5) / cols - 0.5;
              const dj = (j + 0.5) / rows - 0.5;
              const r2 = (di * di + dj * dj) * 4;
              // Denser centre: more households per (smaller) cell, more cases per household.
              const households = Math.round(random.float(220, 520) * (1 + 0.6 * Math.exp(-r2 * 3)));
              let weight = households * (0.35 + 1.4 * Math.exp(-r2 * 4));
              for (const h of hotspots) {
                const d2 = ((i + 0.5 - h.i) ** 2 + (j + 0.5 - h.j) ** 2) / (h.radius * h.radius);
                if (d2 < 4) weight *= 1 + h.boost * Math.exp(-d2);
              }
              const population = Math.round(households * random.float(2.3, 3.0));
              const name = `${l2.name}第${l3Index}网格`;
              const l3: CityGrid = {
                code,
                name,
                level: 3,
                kind: 'unit',
                parentCode: l2Code,
                households,
                population,
                ring: blockRing(i, i + 1, j, j + 1),
              };
              out.push(l3);
              l3ByL2.get(l2Code)?.push(l3);
              const [x0, y0] = vertex(i, j);
              const [x1, y1] = vertex(i + 1, j);
              const [x2, y2] = vertex(i + 1, j + 1);
              const [x3, y3] = vertex(i, j + 1);
              cells.push({
                code,
                l2Code,
                l1Code,
                corners: [x0, y0, x1, y1, x2, y2, x3, y3],
                households,
                weight,
                focus: [random.float(0.2, 0.8), random.float(0.2, 0.8)],
                name,
              });
            }
          }
        }
      }
    }
  }
  // Parents sum their children (households and population are level-3 facts).
  for (const g of out) {
    if (g.level !== 2) continue;
    for (const c of l3ByL2.get(g.code) ?? []) {
      g.households += c.households;
      g.population += c.population;
    }
  }
  for (const g of out) {
    if (g.level !== 1) continue;
    for (const c of l2ByL1.get(g.code) ?? []) {
      g.households += c.households;
      g.population += c.population;
    }
  }
  const [west, south] = vertex(0, 0);
  const [east, north] = vertex(cols, rows);
  return { cols, rows, cellCodes, colBands, rowBands, grids: out, cells, bbox: [west, south, east, north] };
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/** A point inside the cell's quadrilateral at bilinear coordinates (u, v) ∈ (0, 1)². */
export function pointInCell(cell: CityCell, u: number, v: number): [number, number] {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = cell.corners;
  const a = (1 - u) * (1 - v);
  const b = u * (1 - v);
  const c = u * v;
  const d = (1 - u) * v;
  return [a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3];
}

/** EWKT of a grid's polygon (the `grid.geom` column is a MultiPolygon). */
export function ringToEwkt(ring: Ring): string {
  return `SRID=4326;MULTIPOLYGON(((${ring.map(([x, y]) => `${x} ${y}`).join(',')})))`;
}
