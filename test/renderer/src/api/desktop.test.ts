import { describe, expect, it, vi } from 'vitest';
import {
  checkedDesktopApi,
  DesktopAnswerError,
  desktopApiOf,
  isDesktopApi,
  parseLoginItemAnswer,
  type RawDesktopApi,
} from '../../../../renderer/src/api/desktop';

const view = { enabled: true, supported: true, how: 'the autostart file ~/.config/autostart/tillbridge.desktop' };

/** A preload object as the desktop app hands it over: the engine's channels plus the desktop ones. */
function preloadLike(answer: unknown = view) {
  return {
    status: async () => ({}),
    startAtLogin: vi.fn(async () => answer),
    setStartAtLogin: vi.fn(async (_request: { enabled: boolean }) => answer),
  };
}

describe('isDesktopApi', () => {
  it('recognises the preload object that carries both desktop channels', () => {
    expect(isDesktopApi(preloadLike())).toBe(true);
  });

  it('rejects the HTTP api (engine channels only) and objects missing either channel', () => {
    expect(isDesktopApi({ status: async () => ({}), settings: async () => ({}) })).toBe(false);
    expect(isDesktopApi({ startAtLogin: async () => view })).toBe(false);
    expect(isDesktopApi({ setStartAtLogin: async () => view })).toBe(false);
  });

  it('rejects channels that are not functions', () => {
    expect(isDesktopApi({ startAtLogin: true, setStartAtLogin: 'yes' })).toBe(false);
  });

  it('rejects nothing at all (no preload in a browser)', () => {
    expect(isDesktopApi(undefined)).toBe(false);
    expect(isDesktopApi(null)).toBe(false);
    expect(isDesktopApi('tillbridge')).toBe(false);
  });
});

describe('parseLoginItemAnswer', () => {
  it('keeps a well-formed answer', () => {
    expect(parseLoginItemAnswer('startAtLogin', view)).toEqual(view);
    const unsupported = { enabled: false, supported: false, how: 'not available on freebsd' };
    expect(parseLoginItemAnswer('setStartAtLogin', unsupported)).toEqual(unsupported);
  });

  it('drops fields it does not know', () => {
    expect(parseLoginItemAnswer('startAtLogin', { ...view, extra: 1 })).toEqual(view);
  });

  it('names the channel and the drifted field', () => {
    let error: unknown;
    try {
      parseLoginItemAnswer('setStartAtLogin', { enabled: 'yes', supported: true, how: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DesktopAnswerError);
    expect((error as DesktopAnswerError).channel).toBe('setStartAtLogin');
    expect((error as Error).message).toContain('"setStartAtLogin"');
    expect((error as Error).message).toContain('enabled:');
  });

  it('refuses a missing field and a non-object answer', () => {
    expect(() => parseLoginItemAnswer('startAtLogin', { enabled: true, supported: true })).toThrow(/how:/);
    expect(() => parseLoginItemAnswer('startAtLogin', null)).toThrow(DesktopAnswerError);
    expect(() => parseLoginItemAnswer('startAtLogin', undefined)).toThrow(/\(whole\)/);
  });
});

describe('checkedDesktopApi', () => {
  it('passes the request through and checks the answer', async () => {
    const raw = preloadLike();
    const api = checkedDesktopApi(raw);
    await expect(api.startAtLogin({})).resolves.toEqual(view);
    await expect(api.setStartAtLogin({ enabled: false })).resolves.toEqual(view);
    expect(raw.startAtLogin).toHaveBeenCalledWith({});
    expect(raw.setStartAtLogin).toHaveBeenCalledWith({ enabled: false });
  });

  it('rejects a drifted answer with DesktopAnswerError', async () => {
    const api = checkedDesktopApi(preloadLike({ enabled: true, supported: true, how: 42 }) as RawDesktopApi);
    await expect(api.startAtLogin({})).rejects.toBeInstanceOf(DesktopAnswerError);
    await expect(api.setStartAtLogin({ enabled: true })).rejects.toThrow(/how:/);
  });

  it('lets the app’s own failure through unchanged', async () => {
    const raw: RawDesktopApi = { startAtLogin: async () => { throw new Error('no bridge'); }, setStartAtLogin: async () => view };
    await expect(checkedDesktopApi(raw).startAtLogin({})).rejects.toThrow('no bridge');
  });
});

describe('desktopApiOf', () => {
  it('is null for the HTTP api and checked channels for the preload object', async () => {
    expect(desktopApiOf({ status: async () => ({}) })).toBeNull();
    expect(desktopApiOf(undefined)).toBeNull();
    const api = desktopApiOf(preloadLike({ enabled: 1 }));
    expect(api).not.toBeNull();
    await expect(api!.startAtLogin({})).rejects.toBeInstanceOf(DesktopAnswerError);
  });
});
