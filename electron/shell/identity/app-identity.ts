/**
 * Who the desktop app is to the operating system. APP_ID is Windows' AppUserModelID (without it
 * Windows drops the app's notifications) and the name of the Linux autostart file, so
 * electron-builder's `appId` must be the same string.
 */
export const APP_ID = 'com.tillbridge.app';
export const APP_NAME = 'Tillbridge';

/** Started at login: run in the tray without showing the window. */
export const HIDDEN_FLAG = '--hidden';

export function startsHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_FLAG);
}
