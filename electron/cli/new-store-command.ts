import { join } from 'node:path';
import type { TillbridgeConfig } from '../engine/settings/config';
import { openDatabase } from '../engine/db/database';
import { InstanceLock } from '../engine/instance-lock';
import { normaliseStoreUrl, sameStore } from '../engine/orders/export-reference';
import { readStoreIdentity, storeBoundCounts, switchToNewStore } from '../engine/store-identity';
import type { Output } from './output';

/**
 * `tillbridge new-store [--yes]`: the configured store is a new one (a new shop, or a move
 * between staging and production). Without --yes it says what would happen and changes nothing.
 * With --yes, with the engine stopped: the whole state is copied to `<data>/archive/`, the
 * previous store's links, order mirror, export journal, stock counters, cursors and open errors
 * are cleared, and the configured store is recorded. The POS database is not touched.
 */
export function newStoreCommand(config: TillbridgeConfig, out: Output, opts: { yes: boolean; json: boolean }): number {
  const dataDir = config.dataDir!;
  const target = normaliseStoreUrl(config.store.url);
  const lock = new InstanceLock(join(dataDir, 'engine.lock'));
  lock.acquire();
  try {
    const db = openDatabase(join(dataDir, 'state.sqlite'));
    try {
      const current = readStoreIdentity(db);
      if (current && sameStore(current.url, target)) {
        const message = `This state already belongs to ${current.url}; nothing to do.`;
        if (opts.json) out.json({ changed: false, store: current.url, message }); else out.out(message);
        return 0;
      }
      const counts = storeBoundCounts(db);
      const from = current ? current.url : 'no store recorded yet';
      if (!opts.yes) {
        out.out(`The state in ${dataDir} belongs to: ${from}`);
        out.out(`The configuration names:          ${target}`);
        out.out(`Making ${target} this state's store archives the state, then clears ${counts.links} product link(s), ` +
          `${counts.mirroredOrders} mirrored order(s) and ${counts.journalRows} export journal row(s)` +
          `${counts.unfinishedExports > 0 ? ` (${counts.unfinishedExports} of them not finished: those orders of the old store will not reach the POS)` : ''}, ` +
          'and the order cursors. The POS is not touched. The new store starts as on a first install: products are matched by SKU, ' +
          'orders are exported from now on (tillbridge pull --since DATE for earlier ones).');
        out.err('Nothing was changed. Run again with --yes to do it.');
        return 64;
      }
      const r = switchToNewStore(db, target, { archiveDir: join(dataDir, 'archive') });
      const message = `This state now belongs to ${r.current.url}${r.previous ? ` (was ${r.previous.url})` : ''}. ` +
        `Cleared ${r.cleared.links} link(s), ${r.cleared.mirroredOrders} mirrored order(s), ${r.cleared.journalRows} journal row(s); ` +
        `the previous state is archived in ${r.archive}.`;
      if (opts.json) out.json({ changed: true, store: r.current.url, previous: r.previous?.url ?? null, archive: r.archive, cleared: r.cleared, message });
      else out.out(message);
      return 0;
    } finally {
      db.close();
    }
  } finally {
    lock.release();
  }
}
