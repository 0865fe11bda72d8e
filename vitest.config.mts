import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Scenario tests: whole-engine runs that take seconds each (crash, race, end to end). They are a
 * project of their own so the everyday suite stays fast: `npm run test:unit` leaves them out,
 * `npm run test:scenario` runs only them, `npm test` runs both projects.
 */
const SCENARIO = [
  'test/electron/engine/orders/crash-kill.test.ts',
  'test/electron/engine/stock-guard/concurrent-checkouts.test.ts',
  'test/electron/engine/stock-guard/plugin-races.test.ts',
  'test/electron/engine/products/pos-to-store.firebird.test.ts',
  'test/electron/engine/products/pos-to-store.mariadb.test.ts',
  'test/electron/engine/orders/profile-pos-export.mariadb.test.ts',
  'test/e2e/**/*.test.ts',
  'test/electron/engine/hardening/store-faults.test.ts',
];

/**
 * The real-store suite (test/real-store/, README): Tillbridge end to end against a shop's staging
 * store, or the emulator with its race switches on. `npm run test:real-store` runs it; `npm test`
 * leaves it out (CI runs it as a step of its own).
 */
const REAL_STORE = ['test/real-store/real-store.test.ts'];

/**
 * The soak (issue 14): the long versions of the hardening scenarios. `npm run test:soak` runs
 * them with TB_SOAK=1 (test/helpers/soak.ts) and prints one summary table (test/soak/run-soak.mjs).
 */
const SOAK = [
  'test/electron/engine/hardening/**/*.test.ts',
  'test/electron/engine/orders/crash-kill.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SCENARIO, ...REAL_STORE] } },
      // Whole-engine runs: a generous per-test bound, since each is seconds of real work that a loaded machine stretches.
      { extends: true, test: { name: 'scenario', include: SCENARIO, testTimeout: 180_000 } },
      { extends: true, test: { name: 'soak', include: SOAK, testTimeout: 1_800_000, hookTimeout: 300_000, fileParallelism: false } },
      { extends: true, test: { name: 'real-store', include: REAL_STORE, testTimeout: 300_000, hookTimeout: 180_000 } },
    ],
  },
});
