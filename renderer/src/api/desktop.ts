/**
 * The desktop app's extra channels (the login item), on the same `window.tillbridge` object as the
 * engine's. The page may not import the shell, so the shape is restated here (mirroring
 * electron/shell/desktop-channels.ts) and every answer is checked against it: a drifted field fails
 * here with its name. Over HTTP (headless) there are no such channels and none of this is used.
 *
 * No DOM here: the type guard and the answer checks are tested in Node.
 */
import { z } from 'zod';

/** The login item as the desktop app reports it. */
export const loginItemSchema = z.object({ enabled: z.boolean(), supported: z.boolean(), how: z.string() });
export type LoginItemView = z.output<typeof loginItemSchema>;

export type DesktopChannel = 'startAtLogin' | 'setStartAtLogin';

/** The channels as the preload hands them over: answers not yet checked. */
export interface RawDesktopApi {
  startAtLogin(request: Record<string, never>): Promise<unknown>;
  setStartAtLogin(request: { enabled: boolean }): Promise<unknown>;
}

/** The channels with their answers checked. */
export interface DesktopApi {
  startAtLogin(request: Record<string, never>): Promise<LoginItemView>;
  setStartAtLogin(request: { enabled: boolean }): Promise<LoginItemView>;
}

export const desktopText = {
  badAnswer: (channel: DesktopChannel, why: string) => `The desktop app’s answer on "${channel}" does not fit: ${why}`,
};

/** An answer from the desktop app that does not have the login item's shape. */
export class DesktopAnswerError extends Error {
  override readonly name = 'DesktopAnswerError';
  constructor(readonly channel: DesktopChannel, message: string) {
    super(message);
  }
}

/** True when `api` (the preload's object) carries the desktop channels, i.e. the page runs in the app. */
export function isDesktopApi(api: unknown): api is RawDesktopApi {
  if ((typeof api !== 'object' && typeof api !== 'function') || api === null) return false;
  const fns = api as Partial<Record<DesktopChannel, unknown>>;
  return typeof fns.startAtLogin === 'function' && typeof fns.setStartAtLogin === 'function';
}

/** Checks one answer of `startAtLogin` / `setStartAtLogin`; throws DesktopAnswerError naming the field. */
export function parseLoginItemAnswer(channel: DesktopChannel, answer: unknown): LoginItemView {
  const parsed = loginItemSchema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(whole)'}: ${i.message}`).join('; ');
  throw new DesktopAnswerError(channel, desktopText.badAnswer(channel, why));
}

/** The preload's desktop channels with every answer checked (the counterpart of checkedApi). */
export function checkedDesktopApi(inner: RawDesktopApi): DesktopApi {
  return {
    startAtLogin: async (request) => parseLoginItemAnswer('startAtLogin', await inner.startAtLogin(request)),
    setStartAtLogin: async (request) => parseLoginItemAnswer('setStartAtLogin', await inner.setStartAtLogin({ enabled: request.enabled })),
  };
}

/** The desktop channels of the preload's object, checked; null when the page is not in the desktop app. */
export function desktopApiOf(api: unknown): DesktopApi | null {
  return isDesktopApi(api) ? checkedDesktopApi(api) : null;
}
