/**
 * Where the icons are: build/icons/ (made beside electron-builder's configuration) in a run from
 * the project, `<resources>/icons` in an installed app (electron-builder's extraResources).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function iconsDir(appPath: string, resourcesPath: string | undefined): string {
  const candidates = [...(resourcesPath ? [join(resourcesPath, 'icons')] : []), join(appPath, 'build', 'icons')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[candidates.length - 1]!;
}

/** The window's icon: icon.ico on Windows, icon.png elsewhere. */
export function appIconPath(platform: NodeJS.Platform, dir: string): string {
  return join(dir, platform === 'win32' ? 'icon.ico' : 'icon.png');
}
