/**
 * Electron's security checklist for the dashboard's window, in one place so a test can read it:
 * an isolated, sandboxed page without Node; no navigation away from app://tillbridge, no new
 * windows, no <webview>; every permission (camera, notifications, clipboard, …) refused.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * Keeps a page where it is: navigation and redirects only within our origin, window.open and
 * target=_blank denied (the dashboard links nowhere outside itself), no <webview> attached.
 */
export function lockDownContents(contents: WebContents, log: (line: string) => void): void {
  const guard = (event: { url: string; preventDefault(): void }, what: string) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`Blocked ${what} to ${event.url}`);
  };
  contents.on('will-navigate', (event) => guard(event, 'a navigation'));
  contents.on('will-frame-navigate', (event) => guard(event, 'a frame navigation'));
  contents.on('will-redirect', (event) => guard(event, 'a redirect'));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

/** Refuses every permission request and check, and every device, for the session. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
