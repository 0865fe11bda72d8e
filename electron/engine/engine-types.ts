/** The engine's run options, run summaries and events: plain data shared by the engine and its API. */
import type { EngineStatus, Progress } from './engine-status';
import type { OrderCycleResult } from './orders/order-side';
import type { ProductSyncResult } from './products/product-sync';

export interface ProductRunOptions {
  trigger: 'schedule' | 'manual' | 'pos-change' | 'cli';
  /** Full resync: forget what was pushed, write everything, retry products missing in the store. */
  force?: boolean;
  dryRun?: boolean;
  /** Only these SKUs (resync one SKU). */
  skus?: readonly string[];
  /** Read only what changed in the POS since the last committed cursor. */
  incremental?: boolean;
}

export interface OrderRunSummary {
  runId: number;
  status: 'ok' | 'partial' | 'failed';
  cycle: OrderCycleResult | null;
  durationMs: number;
  message: string | null;
}

export interface ProductRunSummary {
  runId: number | null;
  status: 'ok' | 'partial' | 'failed';
  result: ProductSyncResult | null;
  durationMs: number;
  message: string | null;
}

/** What the engine tells its listeners (the tray, the dashboard, the CLI). */
export interface EngineEvents {
  /** The status changed (a run started or ended, pause, resume, a schedule tick). */
  status: EngineStatus;
  /** Progress of a long push, or null when it ended. */
  progress: Progress | null;
  'product-run': ProductRunSummary;
  'order-run': OrderRunSummary;
}
