/** Activity: the run history with counts and duration, the progress of a run in progress, and the last 24 hours as a chart. */
import { useState } from 'react';
import type { ChannelAnswer } from '../../../electron/engine/api/channels';
import { HourlyChart } from '../ui/hourly-chart';
import { useQuery } from '../ui/hooks';
import { ProgressBar } from '../ui/progress-bar';
import { useApi, useEvent, useRunCounter, useStatus } from '../ui/services';
import { formatCount, formatDateTime, formatDuration } from '../lib/format';

type Run = ChannelAnswer<'activity'>['runs'][number];

const text = {
  title: 'Activity',
  loading: 'Reading the run history…',
  failed: (why: string) => `The run history could not be read: ${why}`,
  now: 'Now',
  idle: 'No run in progress.',
  running: (what: string) => `Running: ${what}`,
  chart: 'Last 24 hours',
  runs: 'Runs',
  noRuns: 'No runs yet.',
  showing: 'Show',
  limits: (n: number) => `last ${n}`,
  head: { started: 'Started', kind: 'Run', trigger: 'Trigger', status: 'Result', created: 'Created', updated: 'Updated', unchanged: 'Unchanged', failed: 'Failed', requests: 'Requests', duration: 'Duration', message: 'Message' },
  statuses: { running: 'Running', ok: 'OK', partial: 'Partly failed', failed: 'Failed', interrupted: 'Interrupted' } satisfies Record<Run['status'], string>,
};

const LIMITS = [50, 200, 500];

export function ActivityScreen() {
  const api = useApi();
  const runCounter = useRunCounter();
  const { status } = useStatus();
  const [limit, setLimit] = useState(50);
  const activity = useQuery(() => api.activity({ hours: 24, limit }), [api, limit, runCounter]);
  // The history lists every run, also those that changed nothing.
  useEvent('product-run', activity.reload);
  useEvent('order-run', activity.reload);
  const now = Date.now();
  return (
    <>
      <h1>{text.title}</h1>
      <section className="card" aria-labelledby="activity-now">
        <h2 id="activity-now">{text.now}</h2>
        {status?.running ? <p>{text.running(status.running)}</p> : <p className="muted">{text.idle}</p>}
        <ProgressBar progress={status?.progress ?? null} />
      </section>
      {activity.error && <p className="error-text" role="alert">{text.failed(activity.error)}</p>}
      {!activity.data && !activity.error && <p className="muted">{text.loading}</p>}
      {activity.data && (
        <>
          <section className="card" aria-labelledby="activity-chart">
            <h2 id="activity-chart">{text.chart}</h2>
            <HourlyChart hourly={activity.data.hourly} />
          </section>
          <section className="card" aria-labelledby="activity-runs">
            <div className="card-head">
              <h2 id="activity-runs">{text.runs}</h2>
              <div className="field field-inline">
                <label htmlFor="run-limit">{text.showing}</label>
                <select id="run-limit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
                  {LIMITS.map((n) => <option key={n} value={n}>{text.limits(n)}</option>)}
                </select>
              </div>
            </div>
            {activity.data.runs.length === 0 ? <p className="muted">{text.noRuns}</p> : (
              <div className="table-scroll">
                <table className="table" data-testid="run-history">
                  <thead>
                    <tr>
                      <th scope="col">{text.head.started}</th><th scope="col">{text.head.kind}</th><th scope="col">{text.head.trigger}</th>
                      <th scope="col">{text.head.status}</th><th scope="col" className="num">{text.head.created}</th><th scope="col" className="num">{text.head.updated}</th>
                      <th scope="col" className="num">{text.head.unchanged}</th><th scope="col" className="num">{text.head.failed}</th>
                      <th scope="col" className="num">{text.head.requests}</th><th scope="col" className="num">{text.head.duration}</th><th scope="col">{text.head.message}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {activity.data.runs.map((r) => (
                      <tr key={r.id} className={`run-${r.status}`}>
                        <td>{formatDateTime(r.startedAt, { now })}</td><td>{r.kind}</td><td>{r.trigger}</td>
                        <td><span className={`run-status run-status-${r.status}`}>{text.statuses[r.status]}</span></td>
                        <td className="num">{formatCount(r.created)}</td><td className="num">{formatCount(r.updated)}</td>
                        <td className="num">{formatCount(r.unchanged)}</td><td className="num">{formatCount(r.failed)}</td>
                        <td className="num">{formatCount(r.requests)}</td><td className="num">{formatDuration(r.durationMs)}</td>
                        <td>{r.message ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
