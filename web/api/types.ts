import type { InferResponseType } from 'hono/client';
import type { ApiClient } from './client';

/** Response bodies as the server declares them, so a change in a route breaks the build here. */
export type HealthDto = InferResponseType<ApiClient['health']['$get'], 200>;
export type GridCollectionDto = InferResponseType<ApiClient['grids']['$get'], 200>;
export type GridDetailDto = InferResponseType<ApiClient['grids'][':code']['$get'], 200>;
export type GridFeatureDto = GridCollectionDto['features'][number];
export type GridPropertiesDto = GridFeatureDto['properties'];
