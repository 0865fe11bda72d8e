/**
 * Start at login, hidden: Electron's login item on Windows (and macOS), an XDG autostart file on
 * Linux, through the fake `electron` and real files in a temporary folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loginItemFor } from '../../../../electron/shell/login/login-item';
import { autostartEntry, autostartFile, execArg } from '../../../../electron/shell/login/xdg-autostart';
import { app, resetFakeElectron } from '../fake-electron';

vi.mock('electron', async () => (await import('../fake-electron.js')).fakeElectron);

const root = mkdtempSync(join(tmpdir(), 'tb-login-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => resetFakeElectron());

describe('start at login on Windows', () => {
  it('registers the installed app with --hidden through app.setLoginItemSettings, and removes it', () => {
    const item = loginItemFor({ platform: 'win32', env: {}, execPath: 'C:\\Users\\shop\\AppData\\Local\\Programs\\Tillbridge\\Tillbridge.exe' });
    expect(item.view()).toMatchObject({ enabled: false, supported: true });
    expect(item.set(true).enabled).toBe(true);
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    expect(item.set(false).enabled).toBe(false);
    expect(app.loginItemCalls.at(-1)).toEqual({ openAtLogin: false, args: ['--hidden'] });
  });

  it('an unpackaged run (npm run app) passes the project folder before --hidden', () => {
    app.isPackaged = false;
    app.appPath = 'C:\\src\\tillbridge';
    loginItemFor({ platform: 'win32', env: {}, execPath: 'electron.exe' }).set(true);
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true, args: ['C:\\src\\tillbridge', '--hidden'] }]);
  });
});

describe('start at login on Linux', () => {
  it('writes $XDG_CONFIG_HOME/autostart/com.tillbridge.app.desktop with --hidden, and removes it', () => {
    const config = join(root, 'xdg-config');
    const item = loginItemFor({ platform: 'linux', env: { XDG_CONFIG_HOME: config }, execPath: '/opt/Tillbridge/tillbridge' });
    const file = join(config, 'autostart', 'com.tillbridge.app.desktop');
    expect(item.view()).toEqual({ enabled: false, supported: true, how: `the autostart file ${file}` });

    expect(item.set(true).enabled).toBe(true);
    const entry = readFileSync(file, 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    expect(entry).toContain('Type=Application\n');
    expect(entry).toContain('Name=Tillbridge\n');
    expect(entry).toContain('Exec=/opt/Tillbridge/tillbridge --hidden\n');
    expect(app.loginItemCalls).toEqual([]);

    expect(item.set(false).enabled).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(item.set(false).enabled).toBe(false); // removing twice is fine
  });

  it('an AppImage starts through $APPIMAGE (its mount point changes every run), quoted when it has spaces', () => {
    const config = join(root, 'xdg-appimage');
    const item = loginItemFor({ platform: 'linux', env: { XDG_CONFIG_HOME: config, APPIMAGE: '/home/shop/My Apps/Tillbridge-0.1.0.AppImage' }, execPath: '/tmp/.mount_Tillbr4x/tillbridge' });
    item.set(true);
    expect(readFileSync(autostartFile('com.tillbridge.app', { XDG_CONFIG_HOME: config }), 'utf8')).toContain('Exec="/home/shop/My Apps/Tillbridge-0.1.0.AppImage" --hidden\n');
  });

  it('defaults to ~/.config, ignoring an unset or relative XDG_CONFIG_HOME', () => {
    const expected = join(homedir(), '.config', 'autostart', 'com.tillbridge.app.desktop');
    expect(autostartFile('com.tillbridge.app', {})).toBe(expected);
    expect(autostartFile('com.tillbridge.app', { XDG_CONFIG_HOME: '' })).toBe(expected);
    expect(autostartFile('com.tillbridge.app', { XDG_CONFIG_HOME: 'relative/config' })).toBe(expected);
  });

  it('quotes Exec arguments as the Desktop Entry spec asks', () => {
    expect(execArg('/usr/bin/tillbridge')).toBe('/usr/bin/tillbridge');
    expect(execArg('/a b/c')).toBe('"/a b/c"');
    expect(execArg('/x/$HOME`"\\')).toBe('"/x/\\$HOME\\`\\"\\\\"');
    expect(execArg('/50%/app')).toBe('"/50%%/app"');
    expect(autostartEntry({ name: 'T', comment: 'c', command: '/a b', args: ['--hidden'] })).toContain('Exec="/a b" --hidden\n');
  });
});
