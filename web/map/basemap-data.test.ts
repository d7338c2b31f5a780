import { describe, expect, it } from 'vitest';
import { geometryBbox, parseBasemap, parseDistrict } from './basemap-data';

const polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [1, 2],
      [3, 2],
      [3, 5],
      [1, 2],
    ],
  ],
};

describe('parseBasemap', () => {
  it('keeps drawable features and normalises their properties', () => {
    const parsed = parseBasemap({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: polygon,
          properties: { name: '安源区', gb: '156360302', kind: 'county' },
        },
        { type: 'Feature', geometry: polygon, properties: { name: '江西省', kind: 'province' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { name: 'x' } },
        { type: 'Feature', geometry: polygon, properties: { gb: 'no name' } },
        null,
      ],
    });
    expect(parsed.features.map((f) => f.properties)).toEqual([
      { name: '安源区', gb: '156360302', kind: 'county' },
      { name: '江西省', gb: '', kind: 'province' },
    ]);
  });

  it('rejects what is not a FeatureCollection', () => {
    expect(() => parseBasemap({ type: 'Feature' })).toThrow(/FeatureCollection/);
    expect(() => parseBasemap(null)).toThrow();
  });
});

describe('parseDistrict', () => {
  it('reads the demo-data shape { district, outline }', () => {
    expect(
      parseDistrict({ district: { code: '360302', name: '安源区' }, outline: polygon, streets: [] }),
    ).toEqual({
      name: '安源区',
      outline: polygon,
    });
  });

  it('accepts a GeoJSON Feature with a name', () => {
    expect(parseDistrict({ type: 'Feature', properties: { name: '安源区' }, geometry: polygon }).name).toBe(
      '安源区',
    );
  });

  it('rejects anything else', () => {
    expect(() => parseDistrict({ district: { name: 'x' }, outline: { type: 'Point' } })).toThrow();
  });
});

describe('geometryBbox', () => {
  it('spans every ring of every part', () => {
    expect(geometryBbox({ type: 'Polygon', coordinates: polygon.coordinates })).toEqual([1, 2, 3, 5]);
  });
});
