/** Command answers said in one sentence, for toasts: what a product or order pass did. */
import type { ChannelAnswer } from '../../../electron/engine/api/channels';
import { formatCount, formatDuration } from './format';

export const runText = {
  productRun: (created: string, updated: string, unchanged: string, failed: string, took: string) =>
    `Product sync finished in ${took}: ${created} created, ${updated} updated, ${unchanged} unchanged, ${failed} failed.`,
  orderRun: (exported: string, failed: string, took: string) => `Order export finished in ${took}: ${exported} exported, ${failed} waiting with an error.`,
  stoppedEarly: (why: string) => `Stopped early: ${why}`,
  pulled: (read: string, created: string, updated: string, exported: string) =>
    `Pulled ${read} orders (${created} new, ${updated} changed); ${exported} exported to the POS.`,
};

type Said = { ok: boolean; message: string };

export function describeProductRun(r: ChannelAnswer<'syncNow'>): Said {
  const base = runText.productRun(formatCount(r.created), formatCount(r.updated), formatCount(r.unchanged), formatCount(r.failed), formatDuration(r.durationMs));
  return { ok: r.status === 'ok', message: r.message ? `${base} ${r.message}` : base };
}

export function describeOrderRun(r: ChannelAnswer<'exportOrders'>): Said {
  let message = runText.orderRun(formatCount(r.exported), formatCount(r.failed), formatDuration(r.durationMs));
  if (r.stoppedEarly) message += ` ${runText.stoppedEarly(r.stoppedEarly)}`;
  if (r.message) message += ` ${r.message}`;
  return { ok: r.status === 'ok', message };
}

export function describePull(r: ChannelAnswer<'pullOrdersSince'>): Said {
  return {
    ok: r.export.status === 'ok',
    message: runText.pulled(formatCount(r.read), formatCount(r.created), formatCount(r.updated), formatCount(r.export.exported)),
  };
}

export function describeAction(r: { ok: boolean; message: string }): Said {
  return { ok: r.ok, message: r.message };
}
