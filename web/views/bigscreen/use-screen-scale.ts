import { useEffect, useState } from 'react';

/** The design size of the big screen; everything scales from it. */
export const DESIGN_VIEWPORT = { width: 1920, height: 1080 } as const;

/** How much larger than the 1080p design the window is in CSS pixels (2 on a 4K screen at ratio 1). */
export function screenScale(width: number, height: number): number {
  return Math.min(width / DESIGN_VIEWPORT.width, height / DESIGN_VIEWPORT.height);
}

/** screenScale of the window, kept current on resize. For map line widths and radii (the CSS uses rem). */
export function useScreenScale(): number {
  const [scale, setScale] = useState(() => screenScale(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setScale(screenScale(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
