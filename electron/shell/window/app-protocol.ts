/**
 * The app:// protocol. Its scheme must be declared privileged before the app is ready (standard:
 * real origins and relative URLs; secure: like https, so the page is a secure context; fetch and
 * CORS support: Chromium loads the page's ES module script in CORS mode), and served once ready.
 */
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { dashboardResponse } from './dashboard-response';

/** Call before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Call once the app is ready: app:// answers with the built dashboard's files. */
export function serveDashboard(dashboardDir: string): void {
  protocol.handle(APP_SCHEME, (request) => dashboardResponse(dashboardDir, request.method, request.url));
}
