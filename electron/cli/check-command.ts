import type { TillbridgeConfig } from '../engine/settings/config';
import { isLiteralSecret } from '../engine/settings/config';
import { openPos, openStore } from '../compose/compose';
import type { Output } from './output';
import type { StoreStockGuardInfo } from '../../connectors/core/store-stock-guard';

/** Tests both connections and says, in words, what works and what to fix. Exit code 0 only when both work. */
export async function checkCommand(config: TillbridgeConfig, out: Output, json: boolean): Promise<number> {
  const warnings: string[] = [];
  if (isLiteralSecret(config.store.consumerSecret)) warnings.push('store.consumerSecret is written in the config file; prefer {"env": "NAME"} so it is not kept in plain text.');
  if (config.pos.firebird && isLiteralSecret(config.pos.firebird.password)) warnings.push('pos.firebird.password is written in the config file; prefer {"env": "NAME"}.');
  if (config.pos.mysql && isLiteralSecret(config.pos.mysql.password)) warnings.push('pos.mysql.password is written in the config file; prefer {"env": "NAME"}.');

  let posResult: { ok: boolean; message: string; server?: string; pos?: { name: string; version: string | null }; problems: { message: string; code?: string; statement?: string }[] };
  try {
    const { items: pos, ordersOffReason, close } = openPos(config);
    try { posResult = await pos.check(); } finally { await close(); }
    if (ordersOffReason) warnings.push(`Orders: ${ordersOffReason}.`);
  } catch (e) {
    posResult = { ok: false, message: (e as Error).message, problems: [] };
  }
  let storeResult: { ok: boolean; message: string; detail?: unknown; stockGuard?: StoreStockGuardInfo };
  try {
    const store = openStore(config);
    const check = await store.check();
    storeResult = { ok: check.ok, message: check.message, detail: check };
    // Optional: the store works without the plugin; only a store that answers is asked.
    if (check.ok) storeResult.stockGuard = await store.stockGuard.status();
  } catch (e) {
    storeResult = { ok: false, message: (e as Error).message };
  }

  if (json) {
    out.json({ ok: posResult.ok && storeResult.ok, pos: posResult, store: storeResult, warnings });
  } else {
    // The headline is the first problem's message: with one problem it says it all. With more, a
    // database that is not the profile's POS leads (every other problem follows from it), else
    // they are counted; each is listed once below.
    const problems = posResult.problems;
    const wrongPos = problems.find((p) => p.statement === 'recognise.sql' && p.code === 'bad-profile');
    const headline = problems.length <= 1 ? posResult.message : wrongPos ? wrongPos.message : `${problems.length} problems:`;
    out.out(`POS   (${config.pos.profile} on ${config.pos.driver}): ${posResult.ok ? 'OK' : 'PROBLEM'} — ${headline}`);
    if (posResult.pos && !posResult.ok) out.out(`        The database is ${[posResult.pos.name, posResult.pos.version].filter(Boolean).join(' ')}.`);
    if (problems.length > 1) for (const p of problems) if (p !== wrongPos) out.out(`        - ${p.message}`);
    out.out(`Store (${config.store.url}): ${storeResult.ok ? 'OK' : 'PROBLEM'} — ${storeResult.message}`);
    if (storeResult.stockGuard) out.out(`Stock Guard plugin: ${storeResult.stockGuard.message}`);
    for (const w of warnings) out.out(`Warning: ${w}`);
  }
  return posResult.ok && storeResult.ok ? 0 : 1;
}
