// Builds the web app when web/dist is missing or older than the sources, so `npm start` and `npm test`
// work on a fresh clone with no extra step. Plain JS: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const distIndex = join(root, 'web/dist/index.html');
const inputs = ['web', 'data', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

const built = existsSync(distIndex) ? statSync(distIndex).mtimeMs : 0;
const sources = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
if (built >= sources) {
  console.log('[gridsight] web app is up to date (web/dist).');
} else {
  console.log('[gridsight] building the web app (vite build) ...');
  const res = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(
      '[gridsight] the web build failed; see the errors above, fix them and run the command again.',
    );
    process.exit(res.status ?? 1);
  }
}
