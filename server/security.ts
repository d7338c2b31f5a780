import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers with a Content-Security-Policy that allows no remote origin: GridSight runs on
 * air-gapped intranets, so anything fetched from elsewhere is a bug. An intranet basemap origin, when
 * configured, is the one exception.
 */
export function securityHeaders(extraOrigin: string | undefined) {
  const remote = extraOrigin ? [extraOrigin] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // MapLibre and React set inline styles on elements.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...remote],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'data:', 'blob:', ...remote],
      // MapLibre runs its workers from blob URLs.
      workerSrc: ["'self'", 'blob:'],
      childSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'self'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
    crossOriginEmbedderPolicy: false,
  });
}

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url.replace(/\{[a-z]\}/g, '0')).origin;
  } catch {
    return undefined;
  }
}
