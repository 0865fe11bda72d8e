import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the built dashboard is: `dist/renderer/` beside the compiled code (`npm run build`), found
 * from the compiled files (dist/electron/server) and from the sources (electron/server, tests).
 * null when it was not built. `TILLBRIDGE_DASHBOARD_DIR` overrides the search.
 */
export function dashboardDir(env: NodeJS.ProcessEnv = process.env): string | null {
  // A bundled CLI (tests, packaging) names the folder itself.
  if (env.TILLBRIDGE_DASHBOARD_DIR) return existsSync(join(env.TILLBRIDGE_DASHBOARD_DIR, 'index.html')) ? env.TILLBRIDGE_DASHBOARD_DIR : null;
  for (const dir of [join(__dirname, '../../renderer'), join(__dirname, '../../dist/renderer')]) {
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}
