/**
 * The replayer must be strict enough to catch a store that answers differently: a wrong value, a
 * wrong JSON type, a missing or extra field, a reused id, a wrong page in Link, a wrong total.
 * Checked both on its comparison functions and end to end against an emulator told (through fault
 * injection) to answer one step differently.
 */
import { describe, expect, it } from 'vitest';
import { freshTarget, loadScenario } from './contract-harness';
import { Bindings, compareBody, compareHeaders, describeFailures, replayScenario } from './replay';

function problemsOf(expected: unknown, actual: unknown, bindings = new Bindings({})): string[] {
  const problems: string[] = [];
  compareBody(expected, actual, 'body', bindings, problems, false);
  return problems;
}

describe('replay comparison rules', () => {
  it('accepts an identical body', () => {
    expect(problemsOf({ a: 1, b: ['x', null] }, { a: 1, b: ['x', null] })).toEqual([]);
  });

  it('fails on a different value and names the path', () => {
    expect(problemsOf({ stock_quantity: 12 }, { stock_quantity: 13 })).toEqual(['body.stock_quantity: expected 12, got 13']);
  });

  it('fails on the same value with another JSON type', () => {
    expect(problemsOf({ total_sales: '0' }, { total_sales: 0 })).toHaveLength(1);
    expect(problemsOf({ sale_price: null }, { sale_price: '' })).toHaveLength(1);
  });

  it('fails on missing and extra fields', () => {
    const problems = problemsOf({ id: 1, sku: 'A' }, { id: 1, name: 'x' });
    expect(problems).toContain('body: missing field(s) sku');
    expect(problems).toContain('body: unexpected field(s) name');
  });

  it('fails on a different array length or order', () => {
    expect(problemsOf([1, 2], [2, 1])).toHaveLength(2);
    expect(problemsOf([1, 2], [1])).toContain('body: expected 2 items, got 1');
  });

  it('compares presentation fields by JSON type only', () => {
    expect(problemsOf({ price_html: '<span>1</span>', message: 'a' }, { price_html: 'other', message: 'b' })).toEqual([]);
    expect(problemsOf({ price_html: '' }, { price_html: null })).toHaveLength(1);
  });

  it('binds an unbound id on first appearance and then holds it to that value', () => {
    const b = new Bindings({});
    expect(problemsOf({ id: '{{product#1}}' }, { id: 41 }, b)).toEqual([]);
    expect(problemsOf({ parent_id: '{{product#1}}' }, { parent_id: 42 }, b)).toEqual(['body.parent_id: expected 41 ({{product#1}}), got 42']);
  });

  it('refuses two placeholders of one kind bound to the same id', () => {
    const b = new Bindings({});
    expect(problemsOf({ id: '{{product:a}}' }, { id: 7 }, b)).toEqual([]);
    expect(problemsOf({ id: '{{product:b}}' }, { id: 7 }, b)[0]).toMatch(/already \{\{product:a\}\}/);
    expect(problemsOf({ id: '{{variation:v}}' }, { id: 7 }, b)).toEqual([]);
  });

  it('matches placeholders inside longer strings and checks timestamps', () => {
    const b = new Bindings({ base: 'http://h:1' });
    expect(problemsOf({ href: '{{base}}/wp-json/wc/v3/products/{{product:p}}/x' }, { href: 'http://h:1/wp-json/wc/v3/products/9/x' }, b)).toEqual([]);
    expect(b.get('product:p')).toBe(9);
    expect(problemsOf({ date: '{{datetime}}' }, { date: '2026-11-28 10:00:00' })).toHaveLength(1);
  });

  it('checks totals and the pages of prev/next links', () => {
    const problems: string[] = [];
    const headers = new Headers({ 'X-WP-Total': '5', 'X-WP-TotalPages': '3', Link: '<http://h/wp-json/wc/v3/products?page=3>; rel="next"', 'Content-Type': 'application/json' });
    compareHeaders(
      { 'X-WP-Total': '5', 'X-WP-TotalPages': '2', Link: '<{{base}}/wp-json/wc/v3/products?page=2>; rel="next"', 'Content-Type': 'application/json; charset=UTF-8' },
      headers,
      new Bindings({}),
      problems,
      false,
    );
    expect(problems).toEqual(['header X-WP-TotalPages: expected "2", got "3"', 'header Link rel="next": expected page 2, got page 3']);
  });
});

describe('replaying against a store that answers differently', () => {
  it('reports the step and field when one answer differs from the recording', async () => {
    const { emu, target } = await freshTarget();
    try {
      const scenario = loadScenario('products-stock-values.json');
      const passing = await replayScenario(scenario, target);
      expect(describeFailures(passing)).toBe('');

      emu.reset();
      // Answer the "put-numeric-string" step (the 4th PUT) with the product before the update.
      const tampered = scenario.steps.map((s) => ({ ...s }));
      const index = tampered.findIndex((s) => s.step === 'put-numeric-string');
      tampered[index] = { ...tampered[index]!, response: structuredClone(tampered[index]!.response) };
      (tampered[index]!.response.body as Record<string, unknown>).stock_quantity = 13;
      const failing = await replayScenario({ ...scenario, steps: tampered }, target);
      const report = describeFailures(failing);
      expect(failing.passed).toBe(false);
      expect(report).toContain(`step #${index} "put-numeric-string"`);
      expect(report).toContain('body.stock_quantity: expected 13, got 12');
    } finally {
      await emu.close();
    }
  });

  it('fails when the store itself answers wrongly (status and body from an injected fault)', async () => {
    const { emu, target } = await freshTarget();
    try {
      emu.faults.add({ method: 'GET', path: '/wp-json/wc/v3/products/:id', status: 200, body: { id: 1 }, times: 1 });
      const outcome = await replayScenario(loadScenario('products-not-found.json'), target);
      const report = describeFailures(outcome);
      expect(report).toContain('step #0 "get-missing"');
      expect(report).toContain('status: expected 404, got 200');
      expect(report).toContain('body: missing field(s) code, message, data');
    } finally {
      await emu.close();
    }
  });
});
