/** Problems: every open error in plain words, grouped by what it is about, naming the item, with Retry and Ignore. */
import { useCallback, useMemo } from 'react';
import type { ProblemView } from '../../../electron/engine/api/channels';
import { CommandButton } from '../ui/command-button';
import { useCommand, useQuery } from '../ui/hooks';
import { useApi, useRunCounter } from '../ui/services';
import { formatCount, formatDateTime } from '../lib/format';
import { describeAction } from '../lib/run-words';

const text = {
  title: 'Problems',
  loading: 'Reading problems…',
  failed: (why: string) => `Problems could not be read: ${why}`,
  none: 'No open problems. Everything that was tried went through.',
  summary: (n: string) => `${n} open`,
  groups: {
    product: 'Products',
    order: 'Orders',
    customer: 'Customers',
    pos: 'POS connection',
    store: 'Store connection',
  } satisfies Record<ProblemView['scope'], string>,
  itemLabel: {
    product: 'SKU',
    order: 'Order',
    customer: 'Customer',
    pos: 'POS',
    store: 'Store',
  } satisfies Record<ProblemView['scope'], string>,
  howToFix: 'How to fix:',
  seen: (first: string, last: string, times: string) => `First seen ${first}, last ${last}; ${times} times.`,
  retry: 'Retry',
  retryLabel: (item: string) => `Retry ${item}`,
  ignore: 'Ignore',
  ignoreLabel: (item: string) => `Ignore ${item}`,
  retriedAutomatically: 'Also tried again by itself.',
};

const ORDER: ProblemView['scope'][] = ['pos', 'store', 'product', 'order', 'customer'];

export function ProblemsScreen() {
  const api = useApi();
  const runCounter = useRunCounter();
  const problems = useQuery(() => api.problems({}), [api, runCounter]);
  const groups = useMemo(() => {
    const by = new Map<ProblemView['scope'], ProblemView[]>();
    for (const p of problems.data ?? []) {
      const list = by.get(p.scope) ?? [];
      list.push(p);
      by.set(p.scope, list);
    }
    return ORDER.filter((s) => by.has(s)).map((s) => [s, by.get(s)!] as const);
  }, [problems.data]);

  return (
    <>
      <h1>{text.title}</h1>
      {problems.error && <p className="error-text" role="alert">{text.failed(problems.error)}</p>}
      {!problems.data && !problems.error && <p className="muted">{text.loading}</p>}
      {problems.data?.length === 0 && <p className="card empty">{text.none}</p>}
      {groups.map(([scope, list]) => (
        <section key={scope} className="card" aria-labelledby={`problems-${scope}`}>
          <h2 id={`problems-${scope}`}>{text.groups[scope]} <span className="pill">{text.summary(formatCount(list.length))}</span></h2>
          <ul className="problem-list">
            {list.map((p) => <ProblemItem key={p.id} problem={p} onDone={problems.reload} />)}
          </ul>
        </section>
      ))}
    </>
  );
}

function ProblemItem({ problem: p, onDone }: { problem: ProblemView; onDone(): void }) {
  const api = useApi();
  const item = `${text.itemLabel[p.scope]} ${p.itemKey}`;
  const retry = useCommand(useCallback(() => api.retryProblem({ id: p.id }), [api, p.id]), describeAction, onDone);
  const ignore = useCommand(useCallback(() => api.ignoreProblem({ id: p.id }), [api, p.id]), describeAction, onDone);
  const now = Date.now();
  return (
    <li className="problem" data-testid={`problem-${p.id}`}>
      <div className="problem-text">
        <p className="problem-item"><strong>{item}</strong> <code className="muted">{p.code}</code></p>
        <p>{p.message}</p>
        {p.hint && <p><span className="hint-label">{text.howToFix}</span> {p.hint}</p>}
        <p className="muted small">{text.seen(formatDateTime(p.firstSeen, { now }), formatDateTime(p.lastSeen, { now }), formatCount(p.occurrences))}</p>
      </div>
      <div className="button-row">
        {/* Retry is for after a person fixed the cause (a price in the POS, keys in Settings); a passing fault is also tried again by itself. */}
        <CommandButton command={retry} kind="secondary" label={text.retryLabel(p.itemKey)}>{text.retry}</CommandButton>
        {p.retryable && <span className="muted small">{text.retriedAutomatically}</span>}
        <CommandButton command={ignore} kind="quiet" label={text.ignoreLabel(p.itemKey)}>{text.ignore}</CommandButton>
      </div>
    </li>
  );
}
