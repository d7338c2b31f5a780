import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/**
 * Serves the built web app (web/dist) at `/`. Paths that are not files get index.html, so client-side
 * routes such as /bigscreen survive a reload. Hashed assets are cached for a year.
 */
export function mountWebApp(app: Hono, distDir: string): void {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
    app.get('/', (c) =>
      c.text('The web app is not built. Run `npm run build` (npm start does it for you), then reload.', 503),
    );
    return;
  }
  const indexHtml = readFileSync(indexPath, 'utf8');
  app.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use('*', serveStatic({ root: distDir }));
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return c.notFound();
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
}
