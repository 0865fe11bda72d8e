/**
 * The one PosItemsPort: a profile run over a SQL driver. `check()` is the installer's "Test
 * connection": it reaches the server, prepares every profile statement (nothing is read) and
 * compares the columns each returns with the columns the profile maps, so a typo in the JSON is
 * reported with the statement and the column before any sync runs. A profile with an `export`
 * section has its export statements prepared too (export-check.ts), never run.
 */
import { checkExportStatements } from './export-check';
import { configuredLocations, missingLocations, missingLocationsMessage } from './stock-locations';
import type { CheckProblem, CheckResult, ChangeCursor, PosItemsPort, ReadResult, RecognisedPos } from '../core/pos-items-port';
import { PosError } from '../core/pos-errors';
import type { Profile } from './profile';
import { ProfileReader } from './profile-reader';
import { profileStatements } from './profile-rules';
import type { SqlDriver } from './drivers/sql-driver';

/** Statements that must return exactly one row (they are run by check(), all cheap). */
const SINGLE_ROW = /^changes\.(markerSql\.\d+|markerSqlFor\.\w+\.\d+|highWaterSql|buckets\.sharedSql\.\d+|buckets\.parts\.\d+\.markerSql)$|^webSelection\.fingerprintSql$/;

export class ProfileConnector implements PosItemsPort {
  private readonly reader: ProfileReader;

  constructor(private readonly profile: Profile, private readonly driver: SqlDriver) {
    this.reader = new ProfileReader(profile, driver);
  }

  readItems(opts: { since?: ChangeCursor } = {}): Promise<ReadResult> {
    this.assertEngine();
    return opts.since ? this.reader.incrementalRead(opts.since) : this.reader.fullRead();
  }

  changeMarker(): Promise<string> {
    this.assertEngine();
    return this.reader.changeMarker();
  }

  async check(): Promise<CheckResult> {
    const problems: CheckProblem[] = [];
    const engines = this.profile.engines;
    if (engines && !engines.includes(this.driver.engine)) {
      const message = `The profile "${this.profile.name}" is written for ${engines.join(' and ')}, not ${this.driver.engine}. Choose a profile for this POS database.`;
      return { ok: false, message, problems: [{ code: 'bad-profile', message }] };
    }
    let server: string;
    try {
      server = await this.driver.serverVersion();
    } catch (err) {
      const e = toPosError(err);
      return { ok: false, message: e.message, problems: [{ code: e.code, message: e.message }] };
    }
    const params = { ...this.profile.parameters, since: null };
    let pos: RecognisedPos | undefined;
    if (this.profile.recognise) {
      const found = await this.recognise();
      if ('problem' in found) problems.push(found.problem);
      else pos = found.pos;
    }
    for (const [label, sql] of profileStatements(this.profile, this.driver.engine)) {
      try {
        if (SINGLE_ROW.test(label)) {
          const rows = await this.driver.query(sql, params, { label });
          if (rows.length !== 1) problems.push({ code: 'bad-profile', statement: label, message: `The profile statement "${label}" must return exactly one row; it returned ${rows.length}.` });
          continue;
        }
        const columns = new Set(await this.driver.describe(sql, params, { label }));
        for (const [key, column] of this.mappedColumns(label)) {
          if (!columns.has(column.toUpperCase())) {
            problems.push({ code: 'bad-profile', statement: label, message: `The profile statement "${label}" returns no column ${column} (mapped by ${key}). It returns: ${[...columns].join(', ')}.` });
          }
        }
      } catch (err) {
        const e = toPosError(err);
        problems.push({ code: e.code, statement: label, message: e.message });
        if (!['bad-sql', 'bad-profile', 'no-permission', 'unknown'].includes(e.code)) break; // the connection itself is the problem
      }
    }
    if (problems.length === 0 && configuredLocations(this.profile)) {
      // Locations the settings name but no stock row carries (stock.sql filters by :locations).
      try {
        const rows = await this.driver.query(this.profile.stock!.sql, params, { label: 'stock.sql' });
        const missing = missingLocations(this.profile, rows);
        if (missing.length > 0) problems.push({ code: 'bad-profile', statement: 'stock.sql', message: missingLocationsMessage(missing, missing.length === configuredLocations(this.profile)!.length) });
      } catch (err) {
        const e = toPosError(err);
        problems.push({ code: e.code, statement: 'stock.sql', message: e.message });
      }
    }
    const count = profileStatements(this.profile, this.driver.engine).length;
    let exportNote = '';
    if (this.profile.export && problems.every((p) => ['bad-sql', 'bad-profile', 'no-permission', 'unknown'].includes(p.code))) {
      const exported = await checkExportStatements(this.profile, this.driver);
      problems.push(...exported.problems);
      exportNote = ` and the ${exported.count} export statements`;
    }
    const seen = pos ? ` (${[pos.name, pos.version].filter(Boolean).join(' ')})` : '';
    const message = problems.length === 0
      ? `Connected to ${server}${seen}; the ${count} statements${exportNote} of profile "${this.profile.name}" work.`
      : problems[0]!.message;
    return { ok: problems.length === 0, message, server, ...(pos ? { pos } : {}), problems };
  }

  /** Runs the profile's `recognise` statement: the POS's name and version, or why this database is not that POS. */
  private async recognise(): Promise<{ pos: RecognisedPos } | { problem: CheckProblem }> {
    const r = this.profile.recognise!;
    const label = 'recognise.sql';
    const notThis = (why: string): { problem: CheckProblem } => ({
      problem: {
        code: 'bad-profile', statement: label,
        message: `This database does not look like the POS the profile "${this.profile.name}" is written for: ${why} Check that the profile names this POS and that the connection points at its database.`,
      },
    });
    try {
      const rows = await this.driver.query(r.sql, { ...this.profile.parameters }, { label });
      const row = rows[0];
      const name = row ? textOf(row[r.columns.name.toUpperCase()]) : null;
      if (!row || !name) return notThis(`the statement "${label}" found no POS name.`);
      return { pos: { name, version: textOf(row[r.columns.version.toUpperCase()]) } };
    } catch (err) {
      const e = toPosError(err);
      // A missing table or column means another POS; anything else (rights, the connection) is said as it is.
      return e.code === 'bad-sql' ? notThis(e.message) : { problem: { code: e.code, statement: label, message: e.message } };
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /** [profile key, column] pairs a statement's result must contain. */
  private mappedColumns(label: string): [string, string][] {
    const p = this.profile;
    const pairs = (prefix: string, obj: Record<string, string | undefined>): [string, string][] =>
      Object.entries(obj).filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => [`${prefix}.${k}`, v]);
    switch (label) {
      case 'items.sql': {
        const out = pairs('items.columns', p.items.columns);
        p.items.attributes.forEach((a, i) => {
          out.push([`items.attributes.${i}.column`, a.column]);
          if ('nameColumn' in a) out.push([`items.attributes.${i}.nameColumn`, a.nameColumn]);
        });
        if (p.webSelection.kind === 'flag') out.push(['webSelection.column', p.webSelection.column]);
        if (p.prices.from === 'columns') {
          for (const [level, cols] of Object.entries(p.prices.levels)) out.push(...pairs(`prices.levels.${level}`, cols));
        }
        return out;
      }
      case 'prices.sql': return p.prices.from === 'rows' ? pairs('prices.columns', p.prices.columns) : [];
      case 'stock.sql': return p.stock ? pairs('stock.columns', p.stock.columns) : [];
      case 'webSelection.sql': return p.webSelection.kind === 'membership' ? [['webSelection.column', p.webSelection.column]] : [];
      case 'changes.changedSql': return p.changes.columns ? pairs('changes.columns', p.changes.columns) : [];
      case 'changes.buckets.sql': return p.changes.buckets ? [['changes.buckets.column', p.changes.buckets.column]] : [];
      default:
        if (/^changes\.buckets\.parts\.\d+\.sql$/.test(label) && p.changes.buckets) return [['changes.buckets.column', p.changes.buckets.column]];
        return [];
    }
  }

  private assertEngine(): void {
    const engines = this.profile.engines;
    if (engines && !engines.includes(this.driver.engine)) {
      throw new PosError('bad-profile', `The profile "${this.profile.name}" is written for ${engines.join(' and ')}, not ${this.driver.engine}.`);
    }
  }
}

function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const t = (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)).trim();
  return t === '' ? null : t;
}

function toPosError(err: unknown): PosError {
  if (err instanceof PosError) return err;
  return new PosError('unknown', err instanceof Error ? err.message : String(err), { cause: err });
}
