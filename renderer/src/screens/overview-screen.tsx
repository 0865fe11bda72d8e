/** Overview: the state in a word and a colour, what to do about it, the last and next runs, counts, connection health, the last 24 hours, and the main commands. */
import { useCallback } from 'react';
import { CommandButton } from '../ui/command-button';
import { HourlyChart } from '../ui/hourly-chart';
import { useCommand, useQuery } from '../ui/hooks';
import { ProgressBar } from '../ui/progress-bar';
import { useApi, useRunCounter, useStatus } from '../ui/services';
import { StateBadge, stateText } from '../ui/state-badge';
import { formatCount, formatDateTime, formatRelative } from '../lib/format';
import { describeAction, describeOrderRun, describeProductRun } from '../lib/run-words';

const text = {
  title: 'Overview',
  loading: 'Reading the engine’s status…',
  stateHeading: 'State',
  openProblems: 'Open Problems',
  actions: 'Actions',
  syncNow: 'Sync now',
  exportNow: 'Export orders now',
  fullResync: 'Full resync',
  fullResyncHint: 'Full resync compares every web product with the store, not only the changes.',
  pause: 'Pause',
  resume: 'Resume',
  paused: 'Syncing paused.',
  resumed: 'Syncing resumed.',
  runs: 'Runs',
  lastProductSync: 'Last product sync',
  lastOrderExport: 'Last order export',
  nextRun: 'Next run',
  runningNow: (what: string) => `Running now: ${what}`,
  counts: 'Counts',
  linkedProducts: 'Linked products',
  drafts: 'Drafts awaiting publish',
  outstandingOrders: 'Outstanding orders',
  allocatedUnits: 'Allocated units',
  exportedToday: 'Orders exported today',
  openErrors: 'Open errors',
  health: 'Connections',
  pos: 'POS',
  store: 'Store',
  healthy: 'Connected',
  unhealthy: 'Not connected',
  checked: (when: string) => `checked ${when}`,
  guard: 'Stock Guard plugin',
  guardOn: (version: string | null) => `On${version ? ` (version ${version})` : ''}`,
  guardOff: (version: string | null) => `Installed, switched off${version ? ` (version ${version})` : ''}`,
  guardAbsent: 'Not installed (optional)',
  chartHeading: 'Last 24 hours',
  chartError: (why: string) => `The chart could not be read: ${why}`,
};

export function OverviewScreen() {
  const api = useApi();
  const { status, setStatus } = useStatus();
  const runCounter = useRunCounter();
  const engineUp = status !== null && status.state !== 'setup' && status.state !== 'starting';
  const activity = useQuery(() => (engineUp ? api.activity({ hours: 24, limit: 1 }) : Promise.resolve(null)), [api, engineUp, runCounter]);

  const syncNow = useCommand(useCallback(() => api.syncNow({}), [api]), describeProductRun);
  const fullResync = useCommand(useCallback(() => api.syncNow({ full: true }), [api]), describeProductRun);
  const exportNow = useCommand(useCallback(() => api.exportOrders({}), [api]), describeOrderRun);
  const pause = useCommand(useCallback(() => api.pause({}), [api]), useCallback(() => describeAction({ ok: true, message: text.paused }), []), setStatus);
  const resume = useCommand(useCallback(() => api.resume({}), [api]), useCallback(() => describeAction({ ok: true, message: text.resumed }), []), setStatus);

  if (!status) return <><h1>{text.title}</h1><p className="muted">{text.loading}</p></>;
  const now = Date.now();
  const health = [['pos', text.pos, status.health.pos], ['store', text.store, status.health.store]] as const;
  return (
    <>
      <h1>{text.title}</h1>
      <section className={`card state-card state-${status.state}`} aria-labelledby="overview-state">
        <h2 id="overview-state" className="visually-hidden">{text.stateHeading}</h2>
        <StateBadge state={status.state} large />
        <p className="state-advice">{stateText[status.state].advice}</p>
        {status.state === 'needs-attention' && <p><a href="#/problems">{text.openProblems}</a></p>}
        {status.running && <p>{text.runningNow(status.running)}</p>}
        <ProgressBar progress={status.progress} />
      </section>

      <section className="card" aria-labelledby="overview-actions">
        <h2 id="overview-actions">{text.actions}</h2>
        <div className="button-row">
          <CommandButton command={syncNow} disabled={!engineUp}>{text.syncNow}</CommandButton>
          <CommandButton command={exportNow} kind="secondary" disabled={!engineUp}>{text.exportNow}</CommandButton>
          <CommandButton command={fullResync} kind="secondary" disabled={!engineUp}>{text.fullResync}</CommandButton>
          {status.paused
            ? <CommandButton command={resume} kind="secondary" disabled={!engineUp}>{text.resume}</CommandButton>
            : <CommandButton command={pause} kind="secondary" disabled={!engineUp}>{text.pause}</CommandButton>}
        </div>
        <p className="muted small">{text.fullResyncHint}</p>
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="overview-runs">
          <h2 id="overview-runs">{text.runs}</h2>
          <dl className="facts">
            <dt>{text.lastProductSync}</dt>
            <dd title={status.lastProductSync ?? undefined}>{formatRelative(status.lastProductSync, { now })} <span className="muted">{status.lastProductSync ? formatDateTime(status.lastProductSync, { now }) : ''}</span></dd>
            <dt>{text.lastOrderExport}</dt>
            <dd>{formatRelative(status.lastOrderExport, { now })} <span className="muted">{status.lastOrderExport ? formatDateTime(status.lastOrderExport, { now }) : ''}</span></dd>
            <dt>{text.nextRun}</dt>
            <dd>{formatRelative(status.nextRunAt, { now })}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="overview-health">
          <h2 id="overview-health">{text.health}</h2>
          <ul className="health-list">
            {health.map(([key, label, h]) => (
              <li key={key} className={h.ok ? 'health-ok' : 'health-bad'} data-testid={`health-${key}`}>
                <span className="health-name">{label}</span>
                <span className="health-word"><span className="state-dot" aria-hidden="true" />{h.ok ? text.healthy : text.unhealthy}</span>
                <span className="health-message">{h.message}</span>
                {h.checkedAt && <span className="muted small">{text.checked(formatRelative(h.checkedAt, { now }))}</span>}
              </li>
            ))}
          </ul>
          {status.storeGuard && (
            <p className="small" data-testid="health-store-guard" title={status.storeGuard.message}>
              {text.guard}: {status.storeGuard.enabled ? text.guardOn(status.storeGuard.version)
                : status.storeGuard.installed ? text.guardOff(status.storeGuard.version) : text.guardAbsent}
              {' '}<span className="muted">{text.checked(formatRelative(status.storeGuard.checkedAt, { now }))}</span>
            </p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="overview-counts">
        <h2 id="overview-counts">{text.counts}</h2>
        <dl className="counts">
          <div><dt>{text.linkedProducts}</dt><dd>{formatCount(status.counts.linkedProducts)}</dd></div>
          <div><dt>{text.drafts}</dt><dd>{formatCount(status.counts.draftsAwaitingPublish)}</dd></div>
          <div><dt>{text.outstandingOrders}</dt><dd>{formatCount(status.counts.outstandingOrders)}</dd></div>
          <div><dt>{text.allocatedUnits}</dt><dd>{formatCount(status.counts.allocatedUnits)}</dd></div>
          <div><dt>{text.exportedToday}</dt><dd>{formatCount(status.counts.ordersExportedToday)}</dd></div>
          <div className={status.counts.openErrors ? 'count-alert' : ''}><dt>{text.openErrors}</dt><dd>{formatCount(status.counts.openErrors)}</dd></div>
        </dl>
      </section>

      {engineUp && (
        <section className="card" aria-labelledby="overview-chart">
          <h2 id="overview-chart">{text.chartHeading}</h2>
          {activity.error && <p className="error-text">{text.chartError(activity.error)}</p>}
          {activity.data && <HourlyChart hourly={activity.data.hourly} />}
        </section>
      )}
    </>
  );
}
