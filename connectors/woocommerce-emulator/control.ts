/**
 * The emulator's own control endpoints under /__emulator/ (never under /wp-json, so no
 * WooCommerce client can reach them by accident): reset the store, manage faults, move a fake
 * clock, and dump the store for debugging.
 */
import { FakeClock } from './clock';
import { handleOrderControl } from './order-control';
import type { Faults, FaultSpec } from './faults';
import type { Races } from './races';
import type { StockGuardPlugin } from './stock-guard-plugin';
import type { EmuResponse } from './router';
import type { EmuState } from './state';

export interface ControlContext {
  state: EmuState;
  faults: Faults;
  /** The race switches; the races endpoints answer 404 without them. */
  races?: Races;
  /** The Stock Guard plugin's switch; its endpoints answer 404 without it. */
  stockGuardPlugin?: StockGuardPlugin;
  reset(): void;
}

/** Answers a control request, or null when the path is not a control endpoint. */
export function handleControl(method: string, path: string, rawBody: string, ctx: ControlContext): EmuResponse | null {
  if (!path.startsWith('/__emulator')) return null;
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  let body: unknown;
  try {
    body = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { error: 'control endpoints take JSON bodies' } };
  }
  // Simulated shop checkouts and the unpaid-order cron live with the order model.
  const orderAnswer = handleOrderControl(route, body, ctx.state);
  if (orderAnswer) return orderAnswer;
  if (ctx.races && route === 'GET /__emulator/races') return { status: 200, body: ctx.races.toJSON() };
  if (ctx.races && route === 'POST /__emulator/races') {
    const problem = ctx.races.setFromControl(body);
    return problem ? { status: 400, body: { error: problem } } : { status: 200, body: ctx.races.toJSON() };
  }
  const plugin = ctx.stockGuardPlugin;
  if (plugin && route === 'GET /__emulator/stock-guard-plugin') return { status: 200, body: plugin.settings };
  if (plugin && route === 'POST /__emulator/stock-guard-plugin') {
    const problem = plugin.setFromControl(body);
    return problem ? { status: 400, body: { error: problem } } : { status: 200, body: plugin.settings };
  }
  switch (route) {
    case 'POST /__emulator/reset':
      ctx.reset();
      return { status: 200, body: { ok: true } };
    case 'GET /__emulator/faults':
      return { status: 200, body: ctx.faults.list() };
    case 'POST /__emulator/faults': {
      const specs = Array.isArray(body) ? body : [body];
      try {
        return { status: 201, body: specs.map((s) => ctx.faults.add(s as FaultSpec)) };
      } catch (e) {
        return { status: 400, body: { error: (e as Error).message } };
      }
    }
    case 'DELETE /__emulator/faults':
      ctx.faults.clear();
      return { status: 200, body: { ok: true } };
    case 'POST /__emulator/clock': {
      if (!(ctx.state.clock instanceof FakeClock)) return { status: 409, body: { error: 'this emulator runs on the wall clock; start it with a FakeClock to move time' } };
      const advance = Number((body as { advanceMs?: unknown }).advanceMs ?? 1000);
      ctx.state.clock.advance(advance);
      return { status: 200, body: { nowMs: ctx.state.clock.nowMs() } };
    }
    case 'GET /__emulator/state':
      return {
        status: 200,
        body: {
          now: ctx.state.now(),
          products: [...ctx.state.products.values()],
          categories: [...ctx.state.categories.values()],
          admin: ctx.state.admin,
          extensionSlots: ctx.state.slots.size,
        },
      };
    default:
      return { status: 404, body: { error: `unknown control endpoint ${route}; see connectors/woocommerce-emulator/README.md` } };
  }
}
