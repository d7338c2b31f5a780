import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

export type DecodedFeature = {
  id: number | undefined;
  type: number;
  properties: Record<string, unknown>;
  rings: { x: number; y: number }[][];
};

/** Every layer of an MVT as plain objects, for comparing two encoders. */
export function decodeTile(bytes: Uint8Array): Record<string, DecodedFeature[]> {
  const tile = new VectorTile(new PbfReader(bytes));
  const layers: Record<string, DecodedFeature[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    layers[name] = Array.from({ length: layer.length }, (_, i) => {
      const f = layer.feature(i);
      const rings = f.loadGeometry().map((ring) => ring.map((p) => ({ x: p.x, y: p.y })));
      return { id: f.id, type: f.type, properties: { ...f.properties }, rings };
    });
  }
  return layers;
}

/** The XYZ tile holding a WGS84 point. */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}

export function bboxOf(rings: { x: number; y: number }[][]): [number, number, number, number] {
  const pts = rings.flat();
  return [
    Math.min(...pts.map((p) => p.x)),
    Math.min(...pts.map((p) => p.y)),
    Math.max(...pts.map((p) => p.x)),
    Math.max(...pts.map((p) => p.y)),
  ];
}
