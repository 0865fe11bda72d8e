/**
 * Channels only the desktop app has, beside the engine's contract (channels.ts, unchanged): the
 * login item, which the dashboard's Settings can show and toggle when it runs in the app. They go
 * through the same bridge and the same checks; the preload adds them to its one `api` object.
 */
import { z } from 'zod';
import type { LoginItemView } from './login/login-item';

export const loginItemViewSchema = z.object({ enabled: z.boolean(), supported: z.boolean(), how: z.string() }) satisfies z.ZodType<LoginItemView>;

const none = z.object({}).strict();

export const DESKTOP_CHANNELS = {
  startAtLogin: { kind: 'query', request: none, answer: loginItemViewSchema },
  setStartAtLogin: { kind: 'command', request: z.object({ enabled: z.boolean() }).strict(), answer: loginItemViewSchema },
} as const satisfies Record<string, { kind: 'query' | 'command'; request: z.ZodType; answer: z.ZodType }>;

export type DesktopChannel = keyof typeof DESKTOP_CHANNELS;
export type DesktopApi = {
  [K in DesktopChannel]: (request: z.input<(typeof DESKTOP_CHANNELS)[K]['request']>) => Promise<z.output<(typeof DESKTOP_CHANNELS)[K]['answer']>>;
};

export function isDesktopChannel(name: string): name is DesktopChannel {
  return Object.hasOwn(DESKTOP_CHANNELS, name);
}
