/**
 * What must happen before Electron is ready (the app:// scheme's privileges, the Windows app id,
 * the single-instance lock), then the desktop app once it is. A failure to start is shown in a
 * dialog rather than leaving a process with no window and no tray.
 */
import { app, dialog } from 'electron';
import { APP_ID, startsHidden } from './identity/app-identity';
import { launchDesktop, type Desktop } from './desktop';
import { claimSingleInstance } from './lifecycle/single-instance';
import { registerAppScheme } from './window/app-protocol';

export function boot(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  registerAppScheme();
  app.setAppUserModelId(APP_ID);
  let desktop: Desktop | null = null;
  if (!claimSingleInstance(() => desktop?.showWindow())) {
    // Another Tillbridge runs: it has been asked to show its window.
    app.quit();
    return;
  }
  // Closing the window hides it; the app lives on in the tray until Quit.
  app.on('window-all-closed', () => undefined);
  app.whenReady()
    .then(async () => {
      desktop = await launchDesktop({ hidden: startsHidden(argv), platform: process.platform, env, execPath: process.execPath });
    })
    .catch((e: unknown) => {
      dialog.showErrorBox('Tillbridge could not start', (e as Error).message);
      app.exit(1);
    });
}
