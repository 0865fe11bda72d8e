/**
 * A hand-written stand-in for the `electron` module, for tests that run the shell in plain Node
 * (the Electron binary is not here, and `require('electron')` would try to download it). Each
 * part keeps what it was asked, so a test can read it back; `resetFakeElectron()` starts afresh.
 *
 *   vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);
 *
 * Only what the shell uses is faked, with Electron's own signatures where they matter.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type {
  BrowserWindowConstructorOptions, CustomScheme, HandlerDetails, IpcMainInvokeEvent, MenuItemConstructorOptions,
  NotificationConstructorOptions, Settings, WindowOpenHandlerResponse,
} from 'electron';

/** Every call worth ordering, across the parts ("app.quit", "window.hide", …). */
export const calls: string[] = [];

/** An event a handler may cancel, as Electron hands it over. */
export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = ''): FakeEvent {
  return { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
}

// ---------------------------------------------------------------- app

class FakeApp extends EventEmitter {
  isPackaged = true;
  lockAvailable = true;
  appPath = '/opt/tillbridge/resources/app.asar';
  paths: Record<string, string> = {};
  loginItemCalls: Settings[] = [];
  openAtLogin = false;
  appUserModelId: string | null = null;
  exitCode: number | null = null;
  private readyResolve: () => void = () => undefined;
  private ready = new Promise<void>((resolve) => { this.readyResolve = resolve; });

  reset(): void {
    this.removeAllListeners();
    Object.assign(this, { isPackaged: true, lockAvailable: true, appPath: '/opt/tillbridge/resources/app.asar', paths: {}, loginItemCalls: [], openAtLogin: false, appUserModelId: null, exitCode: null });
    this.ready = new Promise<void>((resolve) => { this.readyResolve = resolve; });
  }

  /** Test side: Electron is ready now. */
  becomeReady(): void { this.readyResolve(); }

  whenReady(): Promise<void> { return this.ready; }
  requestSingleInstanceLock(): boolean { calls.push('app.requestSingleInstanceLock'); return this.lockAvailable; }
  setAppUserModelId(id: string): void { this.appUserModelId = id; }
  setAppLogsPath(): void { calls.push('app.setAppLogsPath'); }
  getPath(name: string): string {
    const path = this.paths[name];
    if (!path) throw new Error(`fake app.getPath: no path for ${name}`);
    return path;
  }
  getAppPath(): string { return this.appPath; }
  getVersion(): string { return '0.1.0'; }
  setLoginItemSettings(settings: Settings): void {
    this.loginItemCalls.push(settings);
    this.openAtLogin = settings.openAtLogin ?? false;
  }
  getLoginItemSettings(_options?: { args?: string[] }): { openAtLogin: boolean } { return { openAtLogin: this.openAtLogin }; }
  /** Like Electron: 'before-quit' first, and only if nobody prevents it does the app quit. */
  quit(): void {
    calls.push('app.quit');
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) calls.push('app.quitted');
  }
  exit(code = 0): void { this.exitCode = code; }
}

// ---------------------------------------------------------------- windows

class FakeSession {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']): void { this.permissionRequestHandler = h; }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']): void { this.permissionCheckHandler = h; }
  setDevicePermissionHandler(h: FakeSession['devicePermissionHandler']): void { this.devicePermissionHandler = h; }
}

const defaultSession = new FakeSession();

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  sent: unknown[][] = [];
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  readonly session = defaultSession;

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void { this.openHandler = handler; }
  send(channel: string, ...args: unknown[]): void { this.sent.push([channel, ...args]); }
  getURL(): string { return this.url; }
  isDestroyed(): boolean { return this.destroyed; }

  /** Test side: the page tries to go to `url` (a link, a form, a script); true when it was let through. */
  tryNavigate(url: string, event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const e = fakeEvent(url);
    this.emit(event, e, url);
    return !e.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  visible = false;
  minimized = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.all.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void { this.visible = true; calls.push('window.show'); }
  hide(): void { this.visible = false; calls.push('window.hide'); }
  focus(): void { calls.push('window.focus'); }
  isVisible(): boolean { return this.visible; }
  isMinimized(): boolean { return this.minimized; }
  restore(): void { this.minimized = false; }
  isDestroyed(): boolean { return this.destroyed; }

  /** Test side: the person clicks the window's close button. */
  close(): void {
    const e = fakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

// ---------------------------------------------------------------- tray, menu, notifications, shell

export interface FakeImage { path: string; isEmpty(): boolean }

const nativeImage = {
  createFromPath(path: string): FakeImage {
    return { path, isEmpty: () => !existsSync(path) };
  },
};

export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  images: string[] = [];
  tooltips: string[] = [];
  menus: FakeMenu[] = [];
  destroyed = false;

  constructor(image: FakeImage) {
    super();
    this.images.push(image.path);
    FakeTray.all.push(this);
  }
  setImage(image: FakeImage): void { this.images.push(image.path); }
  setToolTip(text: string): void { this.tooltips.push(text); }
  setContextMenu(menu: FakeMenu): void { this.menus.push(menu); }
  destroy(): void { this.destroyed = true; calls.push('tray.destroy'); }

  get menu(): FakeMenu {
    const menu = this.menus[this.menus.length - 1];
    if (!menu) throw new Error('no menu set');
    return menu;
  }
}

export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}

  item(id: string): MenuItemConstructorOptions {
    const item = this.template.find((i) => i.id === id);
    if (!item) throw new Error(`no menu item ${id}: ${this.template.map((i) => i.id ?? i.type).join(', ')}`);
    return item;
  }

  /** Test side: the person clicks the item (a checkbox flips first, as in Electron). */
  click(id: string): void {
    const item = this.item(id);
    if (item.enabled === false) throw new Error(`menu item ${id} is disabled`);
    const clicked = { ...item, checked: item.type === 'checkbox' ? !item.checked : item.checked };
    (item.click as ((menuItem: unknown, window: unknown, event: unknown) => void) | undefined)?.(clicked, undefined, {});
  }
}

const Menu = {
  buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu { return new FakeMenu(template); },
};

export class FakeNotification extends EventEmitter {
  static all: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean { return FakeNotification.supported; }
  shown = false;

  constructor(readonly options: NotificationConstructorOptions) {
    super();
    FakeNotification.all.push(this);
  }
  show(): void { this.shown = true; }
}

const shell = {
  opened: [] as string[],
  async openPath(path: string): Promise<string> { shell.opened.push(path); calls.push(`shell.openPath ${path}`); return ''; },
  async openExternal(url: string): Promise<void> { calls.push(`shell.openExternal ${url}`); },
};

const dialog = {
  errors: [] as Array<[string, string]>,
  showErrorBox(title: string, content: string): void { dialog.errors.push([title, content]); },
};

// ---------------------------------------------------------------- protocol, safeStorage

const protocol = {
  privileged: [] as CustomScheme[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void { protocol.privileged.push(...schemes); },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void { protocol.handlers.set(scheme, handler); },
};

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/**
 * Seals like Chromium's OSCrypt does on the outside: a `v10` prefix and bytes that do not show
 * the text (here a XOR, reversible by this fake only). Decrypting anything else throws.
 */
const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as Backend,
  isEncryptionAvailable(): boolean { return safeStorage.available; },
  getSelectedStorageBackend(): Backend { return safeStorage.backend; },
  encryptString(plain: string): Buffer {
    if (!safeStorage.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
  },
  decryptString(sealed: Buffer): string {
    if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(sealed.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

// ---------------------------------------------------------------- IPC and the preload's world

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** What the fake renderer's frame is: our page by default. */
export const rendererFrame = { url: 'app://tillbridge/', parent: null as unknown };

const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void { ipcMain.handlers.delete(channel); },
  /** Test side: a call as it arrives from a frame. */
  async invokeFrom(frame: { url: string; parent: unknown } | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame } as unknown as IpcMainInvokeEvent, ...args);
  },
};

const ipcRenderer = {
  listeners: new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>(),
  /** Goes to the fake ipcMain, from `rendererFrame`, and answers as Electron does (a clone). */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return structuredClone(await ipcMain.invokeFrom(rendererFrame, channel, ...structuredClone(args)));
  },
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void {
    ipcRenderer.listeners.set(channel, [...(ipcRenderer.listeners.get(channel) ?? []), listener]);
  },
  /** Test side: a message from the main process arrives. */
  deliver(channel: string, ...args: unknown[]): void {
    for (const listener of ipcRenderer.listeners.get(channel) ?? []) listener({}, ...structuredClone(args));
  },
};

const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, value: unknown): void { contextBridge.exposed[key] = value; },
};

// ---------------------------------------------------------------- the module

export const app = new FakeApp();

export const fakeElectron = {
  app, BrowserWindow: FakeBrowserWindow, Tray: FakeTray, Menu, Notification: FakeNotification, nativeImage, shell, dialog,
  protocol, safeStorage, session: { defaultSession }, ipcMain, ipcRenderer, contextBridge,
};

export { contextBridge, defaultSession, dialog, ipcMain, ipcRenderer, protocol, safeStorage, shell };

export function resetFakeElectron(): void {
  calls.length = 0;
  app.reset();
  FakeBrowserWindow.all = [];
  FakeTray.all = [];
  FakeNotification.all = [];
  FakeNotification.supported = true;
  shell.opened = [];
  dialog.errors = [];
  protocol.privileged = [];
  protocol.handlers.clear();
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  ipcMain.handlers.clear();
  // ipcRenderer's listeners stay: they belong to the preload, loaded once per test file like a page.
  contextBridge.exposed = {};
  rendererFrame.url = 'app://tillbridge/';
  rendererFrame.parent = null;
  Object.assign(defaultSession, { permissionRequestHandler: null, permissionCheckHandler: null, devicePermissionHandler: null });
}
