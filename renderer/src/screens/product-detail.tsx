/**
 * One SKU in full: POS on hand per location, what is allocated and the orders behind it, the web
 * quantity, prices and sale dates, the link, the last push, its problems, and "Resync this SKU".
 * A panel beside the list: Escape or Close shuts it and gives focus back to the row.
 */
import { useCallback, useEffect, useRef } from 'react';
import { CommandButton } from '../ui/command-button';
import { useCommand, useQuery } from '../ui/hooks';
import { useApi, useRunCounter } from '../ui/services';
import { formatCount, formatDateTime, formatPrice, formatRelative } from '../lib/format';
import { describeProductRun } from '../lib/run-words';
import { linkStateText } from './product-words';

const text = {
  region: (sku: string) => `Product ${sku}`,
  close: 'Close',
  loading: 'Reading the product…',
  failed: (why: string) => `The product could not be read: ${why}`,
  resync: 'Resync this SKU',
  notInPos: 'Not in the POS (deleted or never there).',
  offWeb: 'Not selected for the web.',
  stock: 'Stock',
  onHand: 'On hand in the POS',
  byLocation: 'On hand per location',
  location: 'Location',
  quantity: 'Quantity',
  allocated: 'Allocated to open web orders',
  safetyBuffer: 'Safety buffer',
  webQuantity: 'Web quantity',
  variableParent: 'set per variation',
  ordersBehind: 'Orders behind the allocation',
  order: 'Order',
  orderStatus: 'Status',
  units: 'Units',
  prices: 'Prices',
  regular: 'Regular price',
  sale: 'Sale price',
  saleDates: 'Sale dates',
  saleRange: (from: string, to: string) => `${from} → ${to}`,
  link: 'Link to the store',
  linkState: 'State',
  storeId: 'Store product',
  storeIdValue: (kind: string, id: string, parent: string | null) => (parent ? `${kind} #${id} of product #${parent}` : `${kind} #${id}`),
  createdByUs: 'Created by Tillbridge',
  adopted: 'Adopted (existed in the store)',
  origin: 'Origin',
  notLinked: 'Not linked to the store yet.',
  lastPush: 'Last push',
  neverPushed: 'Nothing pushed yet.',
  pushedAt: 'When',
  pushedPrices: 'Prices sent',
  pushedStock: 'Stock sent',
  problems: 'Problems',
  noProblems: 'No open problems for this SKU.',
};

export function ProductDetail({ sku, onClose }: { sku: string; onClose(): void }) {
  const api = useApi();
  const runCounter = useRunCounter();
  const detail = useQuery(() => api.product({ sku }), [api, sku, runCounter]);
  const heading = useRef<HTMLHeadingElement>(null);
  const resync = useCommand(useCallback(() => api.syncNow({ skus: [sku] }), [api, sku]), describeProductRun, detail.reload);

  useEffect(() => { heading.current?.focus(); }, [sku]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && !e.defaultPrevented) onClose(); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const d = detail.data;
  const now = Date.now();
  return (
    <section className="detail card" aria-labelledby="product-detail-title" data-testid="product-detail">
      <div className="detail-head">
        <h2 id="product-detail-title" tabIndex={-1} ref={heading}>{text.region(sku)}</h2>
        <button type="button" className="button-quiet" onClick={onClose}>{text.close}</button>
      </div>
      {detail.error && <p className="error-text" role="alert">{text.failed(detail.error)}</p>}
      {!d && !detail.error && <p className="muted">{text.loading}</p>}
      {d && (
        <>
          <p className="detail-name">{d.name}</p>
          {!d.inPos && <p className="warning-text">{text.notInPos}</p>}
          {d.inPos && !d.onWeb && <p className="warning-text">{text.offWeb}</p>}
          <div className="button-row">
            <CommandButton command={resync}>{text.resync}</CommandButton>
          </div>

          <h3>{text.stock}</h3>
          <dl className="facts">
            <dt>{text.onHand}</dt><dd>{formatCount(d.onHand)}</dd>
            <dt>{text.allocated}</dt><dd>{formatCount(d.allocated)}</dd>
            <dt>{text.safetyBuffer}</dt><dd>{formatCount(d.safetyBuffer)}</dd>
            <dt>{text.webQuantity}</dt><dd><strong>{d.webQuantity === null ? text.variableParent : formatCount(d.webQuantity)}</strong></dd>
          </dl>
          {d.onHandByLocation.length > 0 && (
            <table className="table compact">
              <caption>{text.byLocation}</caption>
              <thead><tr><th scope="col">{text.location}</th><th scope="col" className="num">{text.quantity}</th></tr></thead>
              <tbody>{d.onHandByLocation.map((l) => <tr key={l.location}><td>{l.location}</td><td className="num">{formatCount(l.quantity)}</td></tr>)}</tbody>
            </table>
          )}
          {d.orders.length > 0 && (
            <table className="table compact">
              <caption>{text.ordersBehind}</caption>
              <thead><tr><th scope="col">{text.order}</th><th scope="col">{text.orderStatus}</th><th scope="col" className="num">{text.units}</th></tr></thead>
              <tbody>{d.orders.map((o) => <tr key={o.number}><td>{o.number}</td><td>{o.status}</td><td className="num">{formatCount(o.qty)}</td></tr>)}</tbody>
            </table>
          )}

          <h3>{text.prices}</h3>
          <dl className="facts">
            <dt>{text.regular}</dt><dd>{formatPrice(d.prices.regular)}</dd>
            <dt>{text.sale}</dt><dd>{formatPrice(d.prices.sale)}</dd>
            {(d.prices.saleFrom || d.prices.saleTo) && <><dt>{text.saleDates}</dt><dd>{text.saleRange(formatPrice(d.prices.saleFrom), formatPrice(d.prices.saleTo))}</dd></>}
          </dl>

          <h3>{text.link}</h3>
          {d.link ? (
            <dl className="facts">
              <dt>{text.linkState}</dt><dd><span className={`link-state link-${d.link.state}`}>{linkStateText[d.link.state]}</span></dd>
              {d.link.storeId !== null && <><dt>{text.storeId}</dt><dd>{text.storeIdValue(d.link.kind, String(d.link.storeId), d.link.parentId === null ? null : String(d.link.parentId))}</dd></>}
              <dt>{text.origin}</dt><dd>{d.link.createdByUs ? text.createdByUs : text.adopted}</dd>
              {d.link.note && <><dt className="visually-hidden">{text.link}</dt><dd className="detail-note">{d.link.note}</dd></>}
            </dl>
          ) : <p className="muted">{text.notLinked}</p>}

          <h3>{text.lastPush}</h3>
          {d.lastPush ? (
            <dl className="facts">
              <dt>{text.pushedAt}</dt><dd>{formatRelative(d.lastPush.at, { now })} <span className="muted">{formatDateTime(d.lastPush.at, { now })}</span></dd>
              <dt>{text.pushedPrices}</dt><dd>{formatPrice(d.lastPush.regularPrice)} / {formatPrice(d.lastPush.salePrice)}</dd>
              <dt>{text.pushedStock}</dt><dd>{formatCount(d.lastPush.stock)}</dd>
            </dl>
          ) : <p className="muted">{text.neverPushed}</p>}

          <h3>{text.problems}</h3>
          {d.problems.length === 0 ? <p className="muted">{text.noProblems}</p> : (
            <ul className="problem-list">
              {d.problems.map((p) => <li key={p.id} className="problem"><div className="problem-text"><p>{p.message}</p>{p.hint && <p className="muted">{p.hint}</p>}</div></li>)}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
