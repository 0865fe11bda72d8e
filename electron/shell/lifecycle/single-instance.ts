/**
 * One Tillbridge per user: a second launch (a click on the shortcut while the app sits in the
 * tray) hands over to the first, which brings its window forward, and then quits.
 */
import { app } from 'electron';

/** true: this process is the one; false: another one runs (it has been told), so this one should quit. */
export function claimSingleInstance(onSecondLaunch: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => onSecondLaunch(argv));
  return true;
}
