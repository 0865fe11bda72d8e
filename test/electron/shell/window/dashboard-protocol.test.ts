/** app://tillbridge serves the built dashboard with the strict CSP, and nothing else. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DASHBOARD_CSP } from '../../../../electron/server/api-server';
import { dashboardUrl, isAppUrl } from '../../../../electron/shell/window/app-origin';
import { registerAppScheme, serveDashboard } from '../../../../electron/shell/window/app-protocol';
import { dashboardResponse } from '../../../../electron/shell/window/dashboard-response';
import { protocol, resetFakeElectron } from '../fake-electron';

vi.mock('electron', async () => (await import('../fake-electron.js')).fakeElectron);

let root: string;
let dir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tb-protocol-'));
  dir = join(root, 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tillbridge</title><script type="module" src="app.js"></script>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'app.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => resetFakeElectron());

describe('the app:// protocol', () => {
  it('is registered privileged (standard, secure, fetch and CORS for the module script) and served from the folder', async () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
    serveDashboard(dir);
    const handler = protocol.handlers.get('app')!;
    const res = await handler(new Request('app://tillbridge/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Tillbridge</title>');
  });

  it('answers each file with its type and the dashboard CSP', async () => {
    for (const [path, type] of [['/', 'text/html'], ['/app.js', 'text/javascript'], ['/app.css', 'text/css']] as const) {
      const res = await dashboardResponse(dir, 'GET', `app://tillbridge${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('reaches nothing outside the folder, no other host, and writes nothing', async () => {
    for (const url of ['app://tillbridge/../secret.txt', 'app://tillbridge/%2e%2e/secret.txt', 'app://tillbridge/..%2fsecret.txt', 'app://tillbridge/%00', 'app://other/index.html', 'app://tillbridge/missing.js']) {
      const res = await dashboardResponse(dir, 'GET', url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text()).not.toContain('not for the page');
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    }
    expect((await dashboardResponse(dir, 'POST', 'app://tillbridge/')).status).toBe(405);
    expect(await (await dashboardResponse(join(root, 'not-built'), 'GET', 'app://tillbridge/')).text()).toMatch(/not built \(npm run build\)/);
  });

  it('knows its own pages', () => {
    expect(isAppUrl(dashboardUrl())).toBe(true);
    expect(isAppUrl(dashboardUrl('problems'))).toBe(true);
    for (const url of ['https://tillbridge/', 'app://tillbridge:8080/', 'app://evil/', 'about:blank', 'not a url', 'devtools://devtools/']) expect(isAppUrl(url), url).toBe(false);
  });
});
