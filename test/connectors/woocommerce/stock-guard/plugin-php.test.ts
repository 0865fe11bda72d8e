/**
 * The Stock Guard WordPress plugin (connectors/woocommerce/stock-guard/) from PHP: every file passes
 * `php -l`, and its own tests (tests/run.php) run its SQL against the real MariaDB, including two
 * PHP processes in parallel on one product. Needs php-cli and php-mysql (.ci/install-system.sh)
 * and the MariaDB server (.ci/start-mariadb.sh); never skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARIADB_HOST, MARIADB_PORT, MARIADB_USER, mariadbPassword, requireMariadbServer } from '../../../helpers/mariadb';

const PLUGIN = join(__dirname, '..', '..', '..', '..', 'connectors', 'woocommerce', 'stock-guard');

function phpFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? phpFiles(join(dir, e.name)) : e.name.endsWith('.php') ? [join(dir, e.name)] : []);
}

function requirePhp(): void {
  const r = spawnSync('php', ['-m'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('php is not installed: run `bash .ci/install-system.sh` (Debian packages php-cli and php-mysql).');
  if (!/^mysqli$/m.test(r.stdout)) throw new Error('php has no mysqli: install the Debian package php-mysql (`bash .ci/install-system.sh`).');
}

describe('Stock Guard plugin (PHP)', () => {
  it('every PHP file passes php -l', () => {
    requirePhp();
    const files = phpFiles(PLUGIN);
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      expect(execFileSync('php', ['-l', file], { encoding: 'utf8' })).toContain('No syntax errors detected');
    }
  });

  it('passes its tests against the real MariaDB', async () => {
    requirePhp();
    await requireMariadbServer();
    const r = spawnSync('php', [join(PLUGIN, 'tests', 'run.php')], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        TBSG_TEST_DB_HOST: MARIADB_HOST, TBSG_TEST_DB_PORT: String(MARIADB_PORT),
        TBSG_TEST_DB_USER: MARIADB_USER, TBSG_TEST_DB_PASSWORD: mariadbPassword(),
      },
    });
    const lines = r.stdout.split('\n').filter((l) => /^(not )?ok - /.test(l));
    expect(lines.filter((l) => l.startsWith('not ok')), r.stdout + r.stderr).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
    // The load tests are among them: parallel moves, the guarded decrement and its negative control.
    expect(lines.length).toBe(12);
    expect(lines.join('\n')).toMatch(/concurrent moves never lose units/);
    expect(lines.join('\n')).toMatch(/negative control/);
  }, 150_000);
});
