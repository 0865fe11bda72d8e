/**
 * The bridge's two IPC channels and the envelope an answer travels in. The preload may only
 * `require('electron')` (a sandboxed preload cannot load our other files), so it restates these
 * strings typed as `typeof` these constants: a drift fails the typecheck.
 */
export const CALL_CHANNEL = 'tillbridge:call';
export const EVENT_CHANNEL = 'tillbridge:event';

/** What a call answers: the channel's answer, or why not in words (the page shows `message`). */
export type CallResult =
  | { ok: true; answer: unknown }
  | { ok: false; error: 'bad-request' | 'not-found' | 'unavailable' | 'failed'; message: string };
