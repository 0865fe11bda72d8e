/** Orders: waiting with an error (Retry), outstanding in the store, sent to the POS with their invoice numbers (Resend), and "Pull again since" a date. */
import { useCallback, useState } from 'react';
import type { ChannelAnswer } from '../../../electron/engine/api/channels';
import { CommandButton } from '../ui/command-button';
import { useCommand, useQuery } from '../ui/hooks';
import { useApi, useRunCounter } from '../ui/services';
import { formatCount, formatDateTime, isoDay } from '../lib/format';
import { describeOrderRun, describePull } from '../lib/run-words';

type Orders = ChannelAnswer<'orders'>;
type Action = ChannelAnswer<'retryOrder'>;

const text = {
  title: 'Orders',
  loading: 'Reading orders…',
  failed: (why: string) => `Orders could not be read: ${why}`,
  disabled: 'Order export is off.',
  exportNow: 'Export orders now',
  pullHeading: 'Pull orders again',
  pullSince: 'Pull orders again since',
  pullHint: 'Reads the store’s orders created since this date again and exports the completed ones that the POS does not have yet. Orders already in the POS are not booked twice.',
  pull: 'Pull again',
  pullNeedsDate: 'Choose a date first.',
  failedHeading: 'Waiting with an error',
  noneFailed: 'No order is waiting with an error.',
  outstandingHeading: 'Outstanding in the store',
  outstandingHint: 'Open orders and completed orders not yet in the POS; their units are allocated.',
  noneOutstanding: 'No outstanding orders.',
  exportedHeading: 'In the POS',
  noneExported: 'No order has been exported yet.',
  order: 'Order',
  status: 'Status',
  journal: 'Journal',
  units: 'Units',
  error: 'Error',
  failures: 'Attempts',
  nextAttempt: 'Next attempt',
  invoice: 'POS invoice',
  exportedAt: 'Exported',
  marked: 'Marked in store',
  yes: 'Yes',
  notYet: 'Not yet',
  retry: 'Retry',
  retryLabel: (n: string) => `Retry order ${n}`,
  resend: 'Resend',
  resendLabel: (n: string) => `Resend order ${n}`,
  actions: 'Actions',
  shownOf: (shown: string, all: string) => `Showing the first ${shown} of ${all}.`,
  actionResult: (kind: Action['kind'], message: string, invoice: string | null) => {
    const lead = { sent: 'Sent to the POS', 'already-in-pos': 'Already in the POS', failed: 'Failed', 'not-exportable': 'Not exportable', 'not-found': 'Not found' }[kind];
    return `${lead}${invoice ? ` (invoice ${invoice})` : ''}: ${message}`;
  },
};

/** Long lists are cut here; the engine's own views are already bounded, this keeps the page light. */
const MAX_ROWS = 500;

export function OrdersScreen() {
  const api = useApi();
  const runCounter = useRunCounter();
  const orders = useQuery(() => api.orders({}), [api, runCounter]);
  const exportNow = useCommand(useCallback(() => api.exportOrders({}), [api]), describeOrderRun, orders.reload);
  const [since, setSince] = useState(() => isoDay(Date.now() - 7 * 86_400_000));
  const [sinceError, setSinceError] = useState<string | null>(null);
  const pull = useCommand(useCallback(async () => {
    if (!since) { setSinceError(text.pullNeedsDate); throw new Error(text.pullNeedsDate); }
    setSinceError(null);
    return api.pullOrdersSince({ since });
  }, [api, since]), describePull, orders.reload);

  const o = orders.data;
  return (
    <>
      <h1>{text.title}</h1>
      {orders.error && <p className="error-text" role="alert">{text.failed(orders.error)}</p>}
      {!o && !orders.error && <p className="muted">{text.loading}</p>}
      {o && !o.enabled && <p className="card warning-text">{text.disabled} {o.reason}</p>}
      <section className="card" aria-labelledby="orders-actions">
        <h2 id="orders-actions">{text.pullHeading}</h2>
        <div className="button-row align-end">
          <div className={`field${sinceError ? ' has-error' : ''}`}>
            <label htmlFor="pull-since">{text.pullSince}</label>
            <input id="pull-since" type="date" value={since} onChange={(e) => setSince(e.target.value)} max={isoDay(Date.now())}
              aria-describedby={`pull-since-hint${sinceError ? ' pull-since-error' : ''}`} aria-invalid={sinceError ? true : undefined} />
            {sinceError && <p className="field-error" id="pull-since-error">{sinceError}</p>}
          </div>
          <CommandButton command={pull} kind="secondary">{text.pull}</CommandButton>
          <CommandButton command={exportNow}>{text.exportNow}</CommandButton>
        </div>
        <p className="field-hint" id="pull-since-hint">{text.pullHint}</p>
      </section>
      {o && (
        <>
          <FailedOrders list={o.failed} reload={orders.reload} />
          <section className="card" aria-labelledby="orders-outstanding">
            <h2 id="orders-outstanding">{text.outstandingHeading} <span className="pill">{formatCount(o.outstanding.length)}</span></h2>
            <p className="muted small">{text.outstandingHint}</p>
            {o.outstanding.length === 0 ? <p className="muted">{text.noneOutstanding}</p> : (
              <table className="table" data-testid="orders-outstanding">
                <thead><tr><th scope="col">{text.order}</th><th scope="col">{text.status}</th><th scope="col">{text.journal}</th><th scope="col" className="num">{text.units}</th></tr></thead>
                <tbody>{o.outstanding.slice(0, MAX_ROWS).map((r) => (
                  <tr key={r.number}><th scope="row">{r.number}</th><td>{r.status}</td><td>{r.journal ?? ''}</td><td className="num">{formatCount(r.units)}</td></tr>
                ))}</tbody>
              </table>
            )}
            {o.outstanding.length > MAX_ROWS && <p className="muted small">{text.shownOf(formatCount(MAX_ROWS), formatCount(o.outstanding.length))}</p>}
          </section>
          <ExportedOrders list={o.exported} reload={orders.reload} />
        </>
      )}
    </>
  );
}

function useOrderAction(exec: (n: string) => Promise<Action>, number: string, reload: () => void) {
  return useCommand(
    useCallback(() => exec(number), [exec, number]),
    useCallback((a: Action) => ({ ok: a.kind === 'sent' || a.kind === 'already-in-pos', message: text.actionResult(a.kind, a.message, a.invoice) }), []),
    reload,
  );
}

function FailedOrders({ list, reload }: { list: Orders['failed']; reload(): void }) {
  const now = Date.now();
  return (
    <section className="card" aria-labelledby="orders-failed">
      <h2 id="orders-failed">{text.failedHeading} <span className={`pill${list.length ? ' pill-alert' : ''}`}>{formatCount(list.length)}</span></h2>
      {list.length === 0 ? <p className="muted">{text.noneFailed}</p> : (
        <table className="table" data-testid="orders-failed">
          <thead><tr><th scope="col">{text.order}</th><th scope="col">{text.error}</th><th scope="col" className="num">{text.failures}</th><th scope="col">{text.nextAttempt}</th><th scope="col"><span className="visually-hidden">{text.actions}</span></th></tr></thead>
          <tbody>{list.slice(0, MAX_ROWS).map((r) => (
            <tr key={r.number}>
              <th scope="row">{r.number}</th><td>{r.error ?? ''}</td><td className="num">{formatCount(r.failures)}</td>
              <td>{r.nextAttemptAt ? formatDateTime(r.nextAttemptAt, { now }) : ''}</td>
              <td><RetryButton number={r.number} reload={reload} /></td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

function RetryButton({ number, reload }: { number: string; reload(): void }) {
  const api = useApi();
  const retry = useOrderAction(useCallback((n: string) => api.retryOrder({ number: n }), [api]), number, reload);
  return <CommandButton command={retry} kind="secondary" label={text.retryLabel(number)}>{text.retry}</CommandButton>;
}

function ResendButton({ number, reload }: { number: string; reload(): void }) {
  const api = useApi();
  const resend = useOrderAction(useCallback((n: string) => api.resendOrder({ number: n }), [api]), number, reload);
  return <CommandButton command={resend} kind="quiet" label={text.resendLabel(number)}>{text.resend}</CommandButton>;
}

function ExportedOrders({ list, reload }: { list: Orders['exported']; reload(): void }) {
  const now = Date.now();
  return (
    <section className="card" aria-labelledby="orders-exported">
      <h2 id="orders-exported">{text.exportedHeading} <span className="pill">{formatCount(list.length)}</span></h2>
      {list.length === 0 ? <p className="muted">{text.noneExported}</p> : (
        <table className="table" data-testid="orders-exported">
          <thead><tr><th scope="col">{text.order}</th><th scope="col">{text.invoice}</th><th scope="col">{text.exportedAt}</th><th scope="col">{text.marked}</th><th scope="col"><span className="visually-hidden">{text.actions}</span></th></tr></thead>
          <tbody>{list.slice(0, MAX_ROWS).map((r) => (
            <tr key={r.number}>
              <th scope="row">{r.number}</th><td>{r.invoice ?? ''}</td><td>{formatDateTime(r.exportedAt, { now })}</td>
              <td>{r.markedInStore ? text.yes : text.notYet}</td>
              <td><ResendButton number={r.number} reload={reload} /></td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {list.length > MAX_ROWS && <p className="muted small">{text.shownOf(formatCount(MAX_ROWS), formatCount(list.length))}</p>}
    </section>
  );
}
