/**
 * The dashboard's window: made when first asked for (an app started hidden at login costs no
 * renderer until the person opens it), locked down (window-security.ts), and hidden instead of
 * closed, so the engine keeps running in the tray. Only quitting really closes it.
 */
import { BrowserWindow, type WebContents } from 'electron';
import { dashboardUrl } from './app-origin';
import { denyPermissions, lockDownContents, secureWebPreferences } from './window-security';

export interface DashboardWindowOptions {
  preload: string;
  /** The window's icon (Linux and Windows taskbars); a missing file leaves the default. */
  icon?: string;
  log: (line: string) => void;
}

export class DashboardWindow {
  private win: BrowserWindow | null = null;
  private quitting = false;

  constructor(private readonly opts: DashboardWindowOptions) {}

  /** Shows the window (made if needed) and brings it to the front, on a screen of the dashboard if one is named. */
  show(route?: string): void {
    let win = this.win;
    if (!win) win = this.create(route);
    else if (route) this.load(win, route);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  hide(): void {
    this.win?.hide();
  }

  /** From now on closing the window closes it (the app is quitting). */
  allowClose(): void {
    this.quitting = true;
  }

  /** The page's WebContents while the window exists (events are sent there). */
  contents(): WebContents | null {
    const win = this.win;
    return win && !win.isDestroyed() ? win.webContents : null;
  }

  private create(route?: string): BrowserWindow {
    const win = new BrowserWindow({
      width: 1200, height: 800, minWidth: 760, minHeight: 520,
      show: false, title: 'Tillbridge', autoHideMenuBar: true,
      ...(this.opts.icon ? { icon: this.opts.icon } : {}),
      webPreferences: secureWebPreferences(this.opts.preload),
    });
    lockDownContents(win.webContents, this.opts.log);
    denyPermissions(win.webContents.session);
    win.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => { if (this.win === win) this.win = null; });
    this.load(win, route);
    this.win = win;
    return win;
  }

  private load(win: BrowserWindow, route?: string): void {
    win.loadURL(dashboardUrl(route)).catch((e: unknown) => this.opts.log(`The dashboard did not load: ${(e as Error).message}`));
  }
}
