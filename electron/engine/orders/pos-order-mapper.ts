/**
 * Store order → POS invoice (the OCA "mapper"): pure, no I/O. Decides the customer (matched by
 * e-mail, or the shared web-customer account for guests when so configured), turns every amount
 * into an exact string, and names the POS SKU of each line. What cannot be mapped becomes one
 * plain-words problem for this order only.
 */
import type { LineKeyResolver } from '../links/line-keys';
import { addMoney, divideMoney, exactMoney, MoneyFormatError, subtractMoney } from '../../../connectors/core/money';
import { badOrderData, lineWithoutSku, noEmail, type OrderProblem } from './order-problems';
import type { OrderSettings } from './order-settings';
import type { PosAddress, PosCustomer, PosOrder, PosOrderLine } from '../../../connectors/core/pos-order';
import type { StoreAddress, StoreOrder } from '../../../connectors/core/store-order';

export type MapResult = { ok: true; order: PosOrder } | { ok: false; problem: OrderProblem };

type CustomerSettings = Pick<OrderSettings, 'guests' | 'webCustomerAccount' | 'requireEmail'>;

/**
 * Maps one store order; `resolver` gives the POS SKU for each line, `reference` is the external
 * reference to book it under (the export journal's, see export-reference.ts: never the bare
 * order number, which another store's invoice may carry).
 */
export function toPosOrder(order: StoreOrder, settings: CustomerSettings, resolver: LineKeyResolver, reference: string): MapResult {
  const customer = chooseCustomer(order, settings);
  if (!customer.ok) return customer;
  try {
    const lines = mapLines(order, resolver);
    if (!lines.ok) return lines;
    const shipping = order.shippingLines.map((s, i) => ({ name: s.methodTitle || s.methodId, total: exactMoney(s.total, `shipping line ${i + 1} total`), tax: exactMoney(s.totalTax, `shipping line ${i + 1} tax`) }));
    const fees = order.feeLines.map((f, i) => ({ name: f.name, total: exactMoney(f.total, `fee ${i + 1} total`), tax: exactMoney(f.totalTax, `fee ${i + 1} tax`) }));
    const pos: PosOrder = {
      reference,
      storeOrderId: order.id,
      currency: order.currency,
      pricesIncludeTax: order.pricesIncludeTax,
      createdAt: isoUtc(order.dateCreatedGmt)!,
      paidAt: isoUtc(order.datePaidGmt),
      completedAt: isoUtc(order.dateCompletedGmt),
      customer: customer.customer,
      note: order.customerNote,
      payment: { method: order.paymentMethod, title: order.paymentMethodTitle, transactionId: order.transactionId },
      lines: lines.lines,
      shipping,
      fees,
      discounts: order.couponLines.map((c, i) => ({ code: c.code, amount: exactMoney(c.discount, `coupon ${i + 1} discount`), tax: exactMoney(c.discountTax, `coupon ${i + 1} tax`) })),
      taxes: order.taxLines.map((t, i) => ({ code: t.rateCode, label: t.label, amount: exactMoney(t.taxTotal, `tax line ${i + 1}`), shippingAmount: exactMoney(t.shippingTaxTotal, `tax line ${i + 1} shipping`) })),
      totals: {
        itemsSubtotal: addMoney('0', ...lines.lines.map((l) => l.subtotal)),
        discount: exactMoney(order.totals.discountTotal, 'discount total'),
        shipping: exactMoney(order.totals.shippingTotal, 'shipping total'),
        fees: addMoney('0', ...fees.map((f) => f.total)),
        tax: exactMoney(order.totals.totalTax, 'tax total'),
        total: exactMoney(order.totals.total, 'order total'),
      },
    };
    return { ok: true, order: pos };
  } catch (e) {
    if (e instanceof MoneyFormatError) return { ok: false, problem: badOrderData(order.number, e.message) };
    throw e;
  }
}

function mapLines(order: StoreOrder, resolver: LineKeyResolver): { ok: true; lines: PosOrderLine[] } | { ok: false; problem: OrderProblem } {
  const lines: PosOrderLine[] = [];
  const unnamed: string[] = [];
  for (const [i, line] of order.lines.entries()) {
    if (line.quantity === 0) continue;
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) {
      return { ok: false, problem: badOrderData(order.number, `line "${line.name}" has quantity ${line.quantity}, and the POS books whole units`) };
    }
    const ref = resolver.resolve(line);
    if (!ref) {
      unnamed.push(line.name || `line ${i + 1}`);
      continue;
    }
    const subtotal = exactMoney(line.subtotal, `line "${line.name}" subtotal`);
    const total = exactMoney(line.total, `line "${line.name}" total`);
    lines.push({
      sku: ref.posSku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: divideMoney(subtotal, line.quantity),
      subtotal,
      discount: subtractMoney(subtotal, total),
      lineTotal: total,
      tax: exactMoney(line.totalTax, `line "${line.name}" tax`),
    });
  }
  if (unnamed.length > 0) return { ok: false, problem: lineWithoutSku(order.number, unnamed) };
  if (lines.length === 0) return { ok: false, problem: badOrderData(order.number, 'it has no product lines') };
  return { ok: true, lines };
}

function chooseCustomer(order: StoreOrder, s: CustomerSettings): { ok: true; customer: PosCustomer } | { ok: false; problem: OrderProblem } {
  const email = order.billing.email.trim();
  const name = { firstName: order.billing.firstName, lastName: order.billing.lastName, company: order.billing.company };
  const billing = address(order.billing);
  const shipping = address(order.shipping);
  const isGuest = order.customerId <= 0;
  const webAccount = (): PosCustomer => ({ kind: 'web-account', account: s.webCustomerAccount, email: email || null, name, billing, shipping });
  if (isGuest && s.guests === 'web-customer') return { ok: true, customer: webAccount() };
  if (email !== '') {
    return { ok: true, customer: { kind: 'by-email', email, storeCustomerId: isGuest ? null : order.customerId, name, billing, shipping } };
  }
  if (s.requireEmail) return { ok: false, problem: noEmail(order.number) };
  return { ok: true, customer: webAccount() };
}

function address(a: StoreAddress): PosAddress {
  return { firstName: a.firstName, lastName: a.lastName, company: a.company, address1: a.address1, address2: a.address2,
    city: a.city, state: a.state, postcode: a.postcode, country: a.country, phone: a.phone };
}

/** Store UTC seconds → ISO with a Z. */
function isoUtc(gmt: string | null): string | null {
  if (!gmt) return null;
  return /Z$|[+-]\d\d:\d\d$/.test(gmt) ? gmt : `${gmt}Z`;
}
