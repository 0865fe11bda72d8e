/**
 * First run (nothing configured yet): connect the store, connect the POS, see the preview, start
 * the first push and watch it go; or try the demo, so a newcomer sees Tillbridge working in a
 * minute.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelAnswer } from '../../../electron/engine/api/channels';
import { CommandButton } from '../ui/command-button';
import { PosFields, StoreFields } from '../ui/connection-fields';
import { useCommand, useQuery } from '../ui/hooks';
import { PreviewSummary } from '../ui/preview-summary';
import { ProgressBar } from '../ui/progress-bar';
import { useApi, useStatus } from '../ui/services';
import { useSettingsForm } from '../ui/use-settings-form';
import { describeAction, describeProductRun } from '../lib/run-words';
import { TestResult } from './settings-screen';

/** A connection test answers inline, next to its fields (TestResult), not in a toast. */
const sayNothing = () => null;

const text = {
  title: 'Set up Tillbridge',
  steps: 'Setup steps',
  stepNames: ['Start', 'Connect the store', 'Connect the POS', 'Preview', 'First push'],
  intro: 'Tillbridge keeps your WooCommerce store’s prices and stock in step with your point of sale, and books every completed web order in the POS. Connect both sides, check the preview, then start the first push.',
  start: 'Set up my shop',
  demo: 'Try the demo',
  demoHint: 'The demo runs with a demo POS and a practice store on this PC. Nothing touches a real shop.',
  storeIntro: 'Your WooCommerce store: its address and a REST API key with Read/Write permission.',
  posIntro: 'Your point of sale: its profile and where its database is.',
  testStore: 'Test store connection',
  testPos: 'Test POS connection',
  back: 'Back',
  next: 'Next',
  saveContinue: 'Save and continue',
  starting: 'Starting the engine with your settings…',
  previewIntro: 'Here is what the first push would do. Nothing has been written yet.',
  preview: 'Preview changes',
  firstPush: 'Start the first push',
  pushIntro: 'New products are created as drafts: publish them in WooCommerce when you are ready. Prices and stock of existing products are updated.',
  pushDone: 'The first push is done.',
  finish: 'Open the dashboard',
  loading: 'Reading settings…',
  failed: (why: string) => `Settings could not be read: ${why}`,
};

export function FirstRunScreen({ onDone }: { onDone(): void }) {
  const api = useApi();
  const { status } = useStatus();
  const settings = useQuery(() => api.settings({}), [api]);
  const form = useSettingsForm(api, settings.data);
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<ChannelAnswer<'preview'> | null>(null);
  const [pushed, setPushed] = useState<ChannelAnswer<'syncNow'> | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (step > 0) heading.current?.focus(); }, [step]);

  const demo = useCommand(useCallback(() => api.startDemo({}), [api]), describeAction, useCallback((a: { ok: boolean }) => { if (a.ok) onDone(); }, [onDone]));
  const testStore = useCommand(useCallback(() => form.test('store'), [form]), sayNothing, useCallback((a: ChannelAnswer<'testConnections'>) => form.takeTest('store', a), [form]));
  const testPos = useCommand(useCallback(() => form.test('pos'), [form]), sayNothing, useCallback((a: ChannelAnswer<'testConnections'>) => form.takeTest('pos', a), [form]));
  const save = useCommand(
    useCallback(() => form.save(['store', 'pos']), [form]),
    useCallback((a: ChannelAnswer<'saveSettings'>) => ({ ok: a.ok, message: a.message }), []),
    useCallback((a: ChannelAnswer<'saveSettings'>) => {
      if (a.ok) { setStep(3); return; }
      form.takeSave(a, ['store', 'pos']);
      if (a.fieldErrors.some((f) => f.field.startsWith('store.'))) setStep(1);
    }, [form]),
  );
  const runPreview = useCommand(useCallback(() => api.preview({}), [api]), () => null, setPreview);
  const push = useCommand(useCallback(() => api.syncNow({}), [api]), describeProductRun, setPushed);

  const engineUp = status !== null && status.state !== 'setup' && status.state !== 'starting';
  const next = (n: number) => () => setStep(n);

  return (
    <>
      <h1>{text.title}</h1>
      <ol className="steps" aria-label={text.steps}>
        {text.stepNames.map((name, i) => <li key={name} aria-current={i === step ? 'step' : undefined} className={i < step ? 'step-done' : ''}>{name}</li>)}
      </ol>
      {step > 0 && <h2 tabIndex={-1} ref={heading} className="step-title">{text.stepNames[step]}</h2>}
      {settings.error && <p className="error-text" role="alert">{text.failed(settings.error)}</p>}

      {step === 0 && (
        <section className="card wizard-card" aria-label={text.stepNames[0]}>
          <p>{text.intro}</p>
          <div className="button-row">
            <button type="button" className="button-primary" onClick={next(1)} disabled={!settings.data}>{text.start}</button>
            <CommandButton command={demo} kind="secondary">{text.demo}</CommandButton>
          </div>
          <p className="muted small">{text.demoHint}</p>
        </section>
      )}

      {step === 1 && (
        <form className="card wizard-card" noValidate onSubmit={(e) => { e.preventDefault(); if (form.validate(['store'])) setStep(2); }}>
          <p>{text.storeIntro}</p>
          <StoreFields values={form.values} errors={form.errors} onChange={form.setField} view={settings.data} />
          <div className="button-row">
            <CommandButton command={testStore} kind="secondary">{text.testStore}</CommandButton>
          </div>
          <TestResult result={form.results.store} testId="store-test-result" />
          <div className="button-row wizard-nav">
            <button type="button" className="button-quiet" onClick={next(0)}>{text.back}</button>
            <button type="submit" className="button-primary">{text.next}</button>
          </div>
        </form>
      )}

      {step === 2 && (
        <form className="card wizard-card" noValidate onSubmit={(e) => { e.preventDefault(); if (form.validate(['store'])) void save.run(); else setStep(1); }}>
          <p>{text.posIntro}</p>
          <PosFields values={form.values} errors={form.errors} onChange={form.setField} view={settings.data} />
          <div className="button-row">
            <CommandButton command={testPos} kind="secondary">{text.testPos}</CommandButton>
          </div>
          <TestResult result={form.results.pos} testId="pos-test-result" />
          <div className="button-row wizard-nav">
            <button type="button" className="button-quiet" onClick={next(1)}>{text.back}</button>
            <button type="submit" className="button-primary" disabled={save.busy} aria-busy={save.busy || undefined}>{text.saveContinue}</button>
          </div>
        </form>
      )}

      {step === 3 && (
        <section className="card wizard-card" aria-label={text.stepNames[3]}>
          {!engineUp ? <p role="status">{text.starting}</p> : <p>{text.previewIntro}</p>}
          <div className="button-row">
            <CommandButton command={runPreview} kind="secondary" disabled={!engineUp}>{text.preview}</CommandButton>
          </div>
          {preview && <PreviewSummary preview={preview} />}
          <div className="button-row wizard-nav">
            <button type="button" className="button-quiet" onClick={next(2)}>{text.back}</button>
            <button type="button" className="button-primary" onClick={next(4)} disabled={!engineUp}>{text.next}</button>
          </div>
        </section>
      )}

      {step === 4 && (
        <section className="card wizard-card" aria-label={text.stepNames[4]}>
          <p>{text.pushIntro}</p>
          <div className="button-row">
            <CommandButton command={push} disabled={!engineUp || pushed !== null}>{text.firstPush}</CommandButton>
          </div>
          <ProgressBar progress={status?.progress ?? null} />
          {pushed && <p role="status" className={pushed.status === 'ok' ? 'ok-text' : 'warning-text'}>{text.pushDone} {describeProductRun(pushed).message}</p>}
          <div className="button-row wizard-nav">
            <button type="button" className="button-quiet" onClick={next(3)}>{text.back}</button>
            <button type="button" className={pushed ? 'button-primary' : 'button-quiet'} onClick={onDone}>{text.finish}</button>
          </div>
        </section>
      )}
    </>
  );
}
