import type { Database } from 'better-sqlite3';

/**
 * The facts behind a problem, as JSON, for problems the engine compares with what it finds next
 * (an oversell names its orders and shortfall: a later pass widens the open problem with them,
 * and an acknowledged one stays closed while nothing new joins it). NULL for every other problem.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE item_errors ADD COLUMN detail TEXT;`);
}
