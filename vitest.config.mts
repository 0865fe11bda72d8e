import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Scenario tests: whole-engine runs that take seconds each (crash, race, end to end). They are a
 * project of their own so the everyday suite stays fast: `npm run test:unit` leaves them out,
 * `npm run test:scenario` runs only them, `npm test` runs both projects.
 */
const SCENARIO = [
  'test/electron/engine/orders/crash-kill.test.ts',
  'test/electron/engine/stock-guard/concurrent-checkouts.test.ts',
  'test/electron/engine/products/pos-to-store.firebird.test.ts',
  'test/electron/engine/products/pos-to-store.mariadb.test.ts',
  'test/electron/engine/orders/profile-pos-export.mariadb.test.ts',
  'test/e2e/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SCENARIO] } },
      // Whole-engine runs: a generous per-test bound, since each is seconds of real work that a loaded machine stretches.
      { extends: true, test: { name: 'scenario', include: SCENARIO, testTimeout: 180_000 } },
    ],
  },
});
