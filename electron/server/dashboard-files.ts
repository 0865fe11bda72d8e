import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the built dashboard is: `dist/renderer/` beside the compiled code (`npm run build`), found
 * from the compiled files (dist/electron/server) and from the sources (electron/server, tests).
 * null when it was not built.
 */
export function dashboardDir(): string | null {
  for (const dir of [join(__dirname, '../../renderer'), join(__dirname, '../../dist/renderer')]) {
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}
