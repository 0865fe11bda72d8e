/**
 * The dashboard's own origin in the desktop app, `app://tillbridge`: a custom protocol instead of
 * `file://` (which would give the page every file on the disk as its origin). Everything that asks
 * "is this our page?" — navigation, the IPC sender check, event delivery — asks isAppUrl.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tillbridge';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Whether a URL is a page of ours (compared by scheme and host: Node gives custom schemes the origin "null"). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}

/** The dashboard's address, on one of its screens ("problems" → app://tillbridge/#/problems). */
export function dashboardUrl(route?: string): string {
  return `${APP_ORIGIN}/${route ? `#/${route}` : ''}`;
}
