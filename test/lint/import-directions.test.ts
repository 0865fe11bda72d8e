/**
 * The import directions in eslint.config.mjs, tried on small sources placed (virtually) in each
 * folder: a wrong-direction import must fail the lint, the allowed ones must pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import directions', () => {
  it.each([
    ['the engine importing a concrete POS connector', 'electron/engine/products/x.ts', "import { ProfileConnector } from '../../../connectors/pos/profile-connector';", /only the ports in connectors\/core/],
    ['the engine importing the WooCommerce adapter', 'electron/engine/x.ts', "import { WooClient } from '../../connectors/woocommerce/woo-client';", /only the ports in connectors\/core/],
    ['the engine importing the composition root', 'electron/engine/orders/x.ts', "import { openTillbridge } from '../../compose/compose';", /composition root, its HTTP server, the CLI and the shell/],
    ['the engine importing its HTTP server', 'electron/engine/api/x.ts', "import { startApiServer } from '../../server/api-server';", /composition root, its HTTP server/],
    ['the engine importing the CLI', 'electron/engine/x.ts', "import { main } from '../cli/main';", /composition root, its HTTP server, the CLI and the shell/],
    ['a connector importing the engine', 'connectors/pos/x.ts', "import { Engine } from '../../electron/engine/engine';", /never import the engine/],
    ['a connector importing the composition root', 'connectors/woocommerce/x.ts', "import { openStore } from '../../electron/compose/compose';", /never import the engine/],
    ['a port importing a connector', 'connectors/core/x.ts', "import { PosError } from '../pos/profile';", /imports nothing outside itself/],
    ['a port importing a package', 'connectors/core/x.ts', "import { z } from 'zod';", /imports nothing outside itself/],
    ['the engine importing electron', 'electron/engine/x.ts', "import { app } from 'electron';", /Only electron\/shell/],
    ['a connector importing electron-store', 'connectors/pos/x.ts', "import Store from 'electron-store';", /electron-store loads electron/],
  ])('fails for %s', async (_what, file, code, message) => {
    const found = await restrictedImports(file, `${code}\nexport const used = [${code.match(/import \{? ?(\w+)/)![1]}];\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ['the engine using a port', 'electron/engine/products/x.ts', "import type { StoreCatalogPort } from '../../../connectors/core/store-catalog-port';"],
    ['the engine using shared money rules', 'electron/engine/x.ts', "import { parseMoney } from '../../connectors/core/money';"],
    ['the engine using its own parts', 'electron/engine/orders/x.ts', "import { skuKey } from '../items/sku';"],
    ['a port using another port', 'connectors/core/x.ts', "import type { PosOrder } from './pos-order';"],
    ['a connector using the ports', 'connectors/woocommerce/x.ts', "import type { StoreOrdersPort } from '../core/store-orders-port';"],
    ['the composition root using a connector', 'electron/compose/x.ts', "import { openPosSide } from '../../connectors/pos/open-pos';"],
    ['the shell using electron', 'electron/shell/x.ts', "import { app } from 'electron';"],
  ])('passes for %s', async (_what, file, code) => {
    expect(await restrictedImports(file, `${code}\nexport type Used = unknown;\n`)).toEqual([]);
  });
});
