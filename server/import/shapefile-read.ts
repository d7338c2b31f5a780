import * as shapefile from 'shapefile';
import { type ImportCollection, ImportCollectionSchema } from '../domain/boundary/import-features';
import { ProblemError } from '../problem';
import { type ShapefileCrs, shapefileCrs } from './shapefile-crs';
import { type DbfEncoding, dbfEncoding } from './shapefile-encoding';
import { type FieldMapping, gridProperties, resolveColumns } from './shapefile-fields';
import { DEFAULT_ZIP_LIMITS, readShapefileEntries, type ZipLimits } from './shapefile-zip';

/**
 * A zipped Shapefile as the GeoJSON collection `POST /versions/import` takes, so both formats share
 * one validation report and one import. Problems with the archive itself (parts missing, foreign CRS,
 * unknown columns, not polygons) answer 4xx here; problems with grids become issues of the report.
 */
export type ShapefileReadOptions = {
  /** The layer (path without extension) when the archive holds more than one .shp. */
  layer?: string;
  /** Overrides the .cpg / detected attribute encoding. */
  encoding?: string;
  fields?: FieldMapping;
  limits?: ZipLimits;
};
export type ShapefileSource = {
  layer: string;
  crs: ShapefileCrs;
  encoding: DbfEncoding;
  columns: FieldMapping;
  features: number;
};

type Parts = { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array; prj?: Uint8Array; cpg?: Uint8Array };

const MAX_FEATURES = 100_000;
/** Polygon, PolygonZ, PolygonM (the ESRI white paper's shape types). */
const POLYGON_TYPES = new Set([5, 15, 25]);

export async function readShapefileZip(
  zip: Uint8Array,
  o: ShapefileReadOptions = {},
): Promise<{ collection: ImportCollection; source: ShapefileSource }> {
  const entries = readShapefileEntries(zip, o.limits ?? DEFAULT_ZIP_LIMITS);
  const layer = chooseLayer(entries, o.layer);
  const parts = layerParts(entries, layer);
  const header = new DataView(parts.shp.buffer, parts.shp.byteOffset, parts.shp.byteLength);
  if (parts.shp.length < 100 || header.getInt32(0, false) !== 9994)
    throw new ProblemError(
      400,
      'bad-shapefile',
      `${layer}.shp is not a Shapefile (bad header); export it again.`,
    );
  const shapeType = header.getInt32(32, true);
  if (!POLYGON_TYPES.has(shapeType))
    throw new ProblemError(
      422,
      'not-polygons',
      `${layer}.shp holds shape type ${shapeType}, not polygons; a boundary version needs one polygon per grid.`,
    );
  const bbox = [0, 1, 2, 3].map((i) => header.getFloat64(36 + i * 8, true));
  const crs = shapefileCrs(parts.prj, bbox);
  const encoding = dbfEncoding(parts.dbf, parts.cpg, o.encoding);
  const records = await readRecords(parts, layer, encoding.encoding);
  if (records.length === 0)
    throw new ProblemError(
      400,
      'shapefile-empty',
      `${layer} has no shapes; export the layer with its grids.`,
    );
  const expected = (parts.shx.length - 100) / 8;
  if (records.length !== expected)
    throw new ProblemError(
      400,
      'bad-shapefile',
      `${layer}.shx indexes ${expected} shapes but ${layer}.shp has ${records.length}; the parts do not belong together — export the layer again.`,
    );
  const columns = resolveColumns(Object.keys(records[0]?.properties ?? {}), o.fields ?? {});
  const collection = toCollection(records, columns);
  return { collection, source: { layer, crs, encoding, columns, features: records.length } };
}

function stem(path: string): string {
  return path.replace(/\.[^./]+$/, '');
}

function chooseLayer(entries: Map<string, Uint8Array>, wanted: string | undefined): string {
  const layers = [...entries.keys()].filter((p) => /\.shp$/i.test(p)).map(stem);
  if (layers.length === 0)
    throw new ProblemError(
      400,
      'shapefile-incomplete',
      'The zip holds no .shp file; zip the .shp, .shx, .dbf and .prj of one layer.',
    );
  if (wanted !== undefined) {
    const match = layers.find((l) => l === wanted || l.split('/').pop() === wanted);
    if (match) return match;
  } else if (layers.length === 1 && layers[0]) return layers[0];
  throw new ProblemError(
    400,
    'shapefile-layer',
    `${wanted === undefined ? 'The zip holds several layers' : `No layer "${wanted}"`}: ${layers.join(', ')}; choose one with layer=NAME.`,
    { layers },
  );
}

function layerParts(entries: Map<string, Uint8Array>, layer: string): Parts {
  const part = (ext: string) =>
    [...entries].find(
      ([path]) => stem(path) === layer && path.slice(layer.length + 1).toLowerCase() === ext,
    )?.[1];
  const [shp, shx, dbf] = [part('shp'), part('shx'), part('dbf')];
  const missing = [!shx && '.shx', !dbf && '.dbf'].filter(Boolean);
  if (!shp || !shx || !dbf)
    throw new ProblemError(
      400,
      'shapefile-incomplete',
      `${layer} has no ${missing.join(' or ')}; a Shapefile needs its .shp, .shx and .dbf (and .prj) zipped together.`,
      { missing },
    );
  return { shp, shx, dbf, prj: part('prj'), cpg: part('cpg') };
}

type ShapeRecord = { geometry: unknown; properties: Record<string, unknown> };

async function readRecords(parts: Parts, layer: string, encoding: string): Promise<ShapeRecord[]> {
  const records: ShapeRecord[] = [];
  try {
    const source = await shapefile.open(parts.shp, parts.dbf, { encoding });
    for (let r = await source.read(); !r.done; r = await source.read()) {
      if (records.length >= MAX_FEATURES)
        throw new ProblemError(
          413,
          'shapefile-too-large',
          `${layer} has more than ${MAX_FEATURES} shapes; import it in parts.`,
        );
      records.push({ geometry: r.value.geometry, properties: r.value.properties ?? {} });
    }
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    throw new ProblemError(
      400,
      'bad-shapefile',
      `${layer} could not be read (${(err as Error).message}); check it opens in a GIS tool and export it again.`,
    );
  }
  return records;
}

/** Malformed attributes (no code, a level of 7) answer 400 with the record numbers, counted from 1 as GIS tools do. */
function toCollection(records: ShapeRecord[], columns: FieldMapping): ImportCollection {
  const parsed = ImportCollectionSchema.safeParse({
    type: 'FeatureCollection',
    features: records.map((r) => ({
      type: 'Feature',
      geometry: r.geometry,
      properties: gridProperties(r.properties, columns),
    })),
  });
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => {
    const [, index, , property] = i.path;
    const column = typeof property === 'string' ? (columns[property as keyof FieldMapping] ?? property) : '';
    return { path: `record ${Number(index) + 1}${column ? ` ${column}` : ''}`, message: i.message };
  });
  throw new ProblemError(
    400,
    'shapefile-attributes',
    `${errors.length} attribute value(s) are not usable: ${errors
      .slice(0, 5)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ')}. Fix them in the .dbf and import again.`,
    { errors },
  );
}
