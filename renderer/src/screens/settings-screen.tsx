/**
 * Settings: the store, the POS and the sync options, a connection test for each side (answered in
 * words, errors next to their fields), the dry-run preview, Save. In the desktop app only, the
 * login item (start at login, hidden in the tray); over HTTP (headless) that section is absent.
 */
import { useCallback, useId, useState } from 'react';
import type { ChannelAnswer, SettingsView } from '../../../electron/engine/api/channels';
import type { DesktopApi, LoginItemView } from '../api/desktop';
import { CommandButton } from '../ui/command-button';
import { PosFields, StoreFields, SyncFields } from '../ui/connection-fields';
import { useCommand, useQuery } from '../ui/hooks';
import { PreviewSummary } from '../ui/preview-summary';
import { useApi, useDesktop, useStatus } from '../ui/services';
import { useSettingsForm, type SideResult } from '../ui/use-settings-form';

/** A connection test answers inline, next to its fields (TestResult), not in a toast. */
const sayNothing = () => null;

const text = {
  title: 'Settings',
  loading: 'Reading settings…',
  failed: (why: string) => `Settings could not be read: ${why}`,
  source: (where: string) => `Stored in ${where}.`,
  demo: 'These are the demo’s settings. Saving your own store and POS here leaves the demo.',
  store: 'Store',
  pos: 'Point of sale',
  sync: 'Sync options',
  testStore: 'Test store connection',
  testPos: 'Test POS connection',
  save: 'Save settings',
  preview: 'Preview changes',
  previewHint: 'Shows what the next product sync would write, without writing anything.',
  previewUnavailable: 'The preview needs a running engine: save the settings first.',
  connected: 'Connected',
  notConnected: 'Not connected',
  startAtLogin: 'Start at login',
  startAtLoginLabel: 'Start Tillbridge when I log in (hidden, in the tray)',
  startAtLoginLoading: 'Reading the login item…',
  startAtLoginFailed: (why: string) => `Whether Tillbridge starts at login could not be read: ${why}`,
  startAtLoginUnsupported: (how: string) => `Not possible on this computer: ${how}.`,
  startAtLoginOn: (how: string) => `On: Tillbridge will start hidden, in the tray, when you log in. Registered in ${how}.`,
  startAtLoginOff: (how: string) => `Off: Tillbridge will not start when you log in. Removed from ${how}.`,
};

const ALL_SECTIONS = ['store', 'pos', 'sync'] as const;

export function SettingsScreen() {
  const api = useApi();
  const desktop = useDesktop();
  const settings = useQuery(() => api.settings({}), [api]);
  return (
    <>
      <h1>{text.title}</h1>
      {settings.error && <p className="error-text" role="alert">{text.failed(settings.error)}</p>}
      {!settings.data && !settings.error && <p className="muted">{text.loading}</p>}
      {settings.data && <SettingsForm initial={settings.data} />}
      {desktop && <StartAtLoginSection desktop={desktop} />}
    </>
  );
}

/**
 * The desktop app's login item: a checkbox showing the current state; a change asks the app and
 * says, below, what it answered and where the login item lives. Disabled, with the app's reason,
 * where the system cannot start Tillbridge at login. Outside the settings form: it applies at once.
 */
function StartAtLoginSection({ desktop }: { desktop: DesktopApi }) {
  const id = useId();
  const current = useQuery(() => desktop.startAtLogin({}), [desktop]);
  const [answer, setAnswer] = useState<LoginItemView | null>(null);
  const toggle = useCommand(
    useCallback((enabled: boolean) => desktop.setStartAtLogin({ enabled }), [desktop]),
    sayNothing,
    setAnswer,
  );
  const view = answer ?? current.data;
  const reasonId = `${id}-reason`;
  const resultId = `${id}-result`;
  const unsupported = view !== null && !view.supported;
  const describedBy = [unsupported ? reasonId : '', answer ? resultId : ''].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset className="card" data-testid="start-at-login">
      <legend>{text.startAtLogin}</legend>
      {current.error && !answer && <p className="error-text" role="alert">{text.startAtLoginFailed(current.error)}</p>}
      {!view && !current.error && <p className="muted">{text.startAtLoginLoading}</p>}
      {view && (
        <div className="field field-check">
          <div className="check-row">
            <input
              id={id}
              name="startAtLogin"
              type="checkbox"
              checked={view.enabled}
              disabled={unsupported}
              aria-busy={toggle.busy || undefined}
              aria-describedby={describedBy}
              onChange={(e) => void toggle.run(e.target.checked)}
            />
            <label htmlFor={id}>{text.startAtLoginLabel}</label>
          </div>
          {unsupported && <p className="field-hint" id={reasonId}>{text.startAtLoginUnsupported(view.how)}</p>}
        </div>
      )}
      <p className="field-hint" role="status" id={resultId}>
        {answer && answer.supported && (answer.enabled ? text.startAtLoginOn(answer.how) : text.startAtLoginOff(answer.how))}
      </p>
    </fieldset>
  );
}

function SettingsForm({ initial }: { initial: SettingsView }) {
  const api = useApi();
  const { status } = useStatus();
  const [view, setView] = useState(initial);
  const [preview, setPreview] = useState<ChannelAnswer<'preview'> | null>(null);
  const form = useSettingsForm(api, view);

  const testStore = useCommand(useCallback(() => form.test('store'), [form]), sayNothing, useCallback((a: ChannelAnswer<'testConnections'>) => form.takeTest('store', a), [form]));
  const testPos = useCommand(useCallback(() => form.test('pos'), [form]), sayNothing, useCallback((a: ChannelAnswer<'testConnections'>) => form.takeTest('pos', a), [form]));
  const save = useCommand(
    useCallback(() => form.save(ALL_SECTIONS), [form]),
    useCallback((a: ChannelAnswer<'saveSettings'>) => ({ ok: a.ok, message: a.message }), []),
    useCallback((a: ChannelAnswer<'saveSettings'>) => { if (a.ok) setView(a.settings); else form.takeSave(a, ALL_SECTIONS); }, [form]),
  );
  const runPreview = useCommand(useCallback(() => api.preview({}), [api]), () => null, setPreview);
  const engineUp = status !== null && status.state !== 'setup' && status.state !== 'starting';

  return (
    <form className="settings" onSubmit={(e) => { e.preventDefault(); void save.run(); }} noValidate>
      <p className="muted">{text.source(view.source)}</p>
      {view.demo && <p className="warning-text">{text.demo}</p>}
      <fieldset className="card">
        <legend>{text.store}</legend>
        <StoreFields values={form.values} errors={form.errors} onChange={form.setField} view={view} />
        <div className="button-row">
          <CommandButton command={testStore} kind="secondary">{text.testStore}</CommandButton>
        </div>
        <TestResult result={form.results.store} testId="store-test-result" />
      </fieldset>
      <fieldset className="card">
        <legend>{text.pos}</legend>
        <PosFields values={form.values} errors={form.errors} onChange={form.setField} view={view} />
        <div className="button-row">
          <CommandButton command={testPos} kind="secondary">{text.testPos}</CommandButton>
        </div>
        <TestResult result={form.results.pos} testId="pos-test-result" />
      </fieldset>
      <fieldset className="card">
        <legend>{text.sync}</legend>
        <SyncFields values={form.values} errors={form.errors} onChange={form.setField} />
      </fieldset>
      <div className="card">
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={save.busy} aria-busy={save.busy || undefined}>{text.save}</button>
          <CommandButton command={runPreview} kind="secondary" disabled={!engineUp}>{text.preview}</CommandButton>
        </div>
        <p className="muted small">{engineUp ? text.previewHint : text.previewUnavailable}</p>
        {preview && <PreviewSummary preview={preview} />}
      </div>
    </form>
  );
}

/** A connection test's answer in words; a live region so it is read out when it arrives. */
export function TestResult({ result, testId }: { result: SideResult | undefined; testId: string }) {
  return (
    <div className="test-result" role="status" data-testid={testId}>
      {result && (
        <div className={result.ok ? 'ok-text' : 'error-text'}>
          <p><strong>{result.ok ? text.connected : text.notConnected}</strong>: {result.message}</p>
          {result.general.length > 0 && <ul>{result.general.map((m, i) => <li key={i}>{m}</li>)}</ul>}
        </div>
      )}
    </div>
  );
}
