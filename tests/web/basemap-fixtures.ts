import type { BasemapCollection, District } from '../../web/map/basemap-data';

const square = (x: number, y: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

export function createBasemap(): BasemapCollection {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: square(110, 25, 10),
        properties: { name: '江西省', gb: '156360000', kind: 'province' },
      },
      {
        type: 'Feature',
        geometry: square(113, 27, 1),
        properties: { name: '安源区', gb: '156360302', kind: 'county' },
      },
      {
        type: 'Feature',
        geometry: square(114, 27, 1),
        properties: { name: '湘东区', gb: '156360313', kind: 'county' },
      },
    ],
  };
}

export function createDistrict(): District {
  return { name: '安源区', outline: square(113.8, 27.5, 0.2) };
}
