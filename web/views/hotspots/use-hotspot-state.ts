import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { decodeHotspotState, encodeHotspotState, type HotspotUrlState } from './url-state';

export type UpdateHotspotState = (patch: Partial<HotspotUrlState>, options?: { replace?: boolean }) => void;

/**
 * The view state read from and written to the URL. Drill steps push a history entry (Back goes
 * one level up); continuous changes (slider, playing) replace it so Back is not flooded.
 */
export function useHotspotState(): [HotspotUrlState, UpdateHotspotState] {
  const search = useSearch();
  const [path, navigate] = useLocation();
  const state = useMemo(() => decodeHotspotState(search), [search]);
  const update = useCallback<UpdateHotspotState>(
    (patch, options) => {
      const next = encodeHotspotState(
        { ...decodeHotspotState(window.location.search), ...patch },
        window.location.search,
      );
      navigate(next ? `${path}?${next}` : path, { replace: options?.replace ?? false });
    },
    [navigate, path],
  );
  return [state, update];
}
