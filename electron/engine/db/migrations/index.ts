import type { Database } from 'better-sqlite3';
import { up as m001 } from './001-product-state';
import { up as m002 } from './002-order-state';
import { up as m003 } from './003-store-identity';
import { up as m004 } from './004-ignored-errors';
import { up as m005 } from './005-problem-detail';

/** A numbered schema change. Append only: a shipped migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Every migration, in order. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'product-state', up: m001 },
  { version: 2, name: 'order-state', up: m002 },
  { version: 3, name: 'store-identity', up: m003 },
  { version: 4, name: 'ignored-errors', up: m004 },
  { version: 5, name: 'problem-detail', up: m005 },
];
