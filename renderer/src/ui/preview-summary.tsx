/** The dry-run preview: what the next product pass would create, update and hold back, without writing anything. */
import type { ChannelAnswer } from '../../../electron/engine/api/channels';
import { formatCount, formatPrice } from '../lib/format';

type Preview = ChannelAnswer<'preview'>;

const text = {
  title: 'Preview (nothing has been written)',
  summary: 'Summary',
  create: 'New products (as drafts)',
  createVariations: 'New variations',
  update: 'Updates',
  heldBack: 'Held back (bad POS data)',
  recheck: 'Broken links to re-check',
  unchanged: 'Unchanged',
  sku: 'SKU',
  name: 'Name',
  regular: 'Regular',
  sale: 'Sale',
  stock: 'Stock',
  what: 'What changes',
  why: 'Why',
  prices: 'prices',
  stockPart: 'stock',
  reasons: { 'off-web': 'left the web selection', 'deleted-in-pos': 'deleted in the POS' },
  firstOf: (n: string, all: string) => `First ${n} of ${all}.`,
};

const SHOW = 50;

export function PreviewSummary({ preview }: { preview: Preview }) {
  const more = (list: unknown[]) => list.length > SHOW && <p className="muted small">{text.firstOf(formatCount(SHOW), formatCount(list.length))}</p>;
  return (
    <section className="preview" aria-labelledby="preview-title" data-testid="preview">
      <h3 id="preview-title">{text.title}</h3>
      {preview.message && <p className={preview.ok ? '' : 'error-text'}>{preview.message}</p>}
      <dl className="counts">
        <div><dt>{text.create}</dt><dd>{formatCount(preview.create.length)}</dd></div>
        <div><dt>{text.createVariations}</dt><dd>{formatCount(preview.createVariations.length)}</dd></div>
        <div><dt>{text.update}</dt><dd>{formatCount(preview.update.length)}</dd></div>
        <div className={preview.heldBack.length ? 'count-alert' : ''}><dt>{text.heldBack}</dt><dd>{formatCount(preview.heldBack.length)}</dd></div>
        <div><dt>{text.recheck}</dt><dd>{formatCount(preview.recheckBrokenLinks.length)}</dd></div>
        <div><dt>{text.unchanged}</dt><dd>{formatCount(preview.unchanged)}</dd></div>
      </dl>
      {preview.create.length > 0 && (
        <table className="table compact">
          <caption>{text.create}</caption>
          <thead><tr><th scope="col">{text.sku}</th><th scope="col">{text.name}</th><th scope="col" className="num">{text.regular}</th><th scope="col" className="num">{text.sale}</th><th scope="col" className="num">{text.stock}</th></tr></thead>
          <tbody>{preview.create.slice(0, SHOW).map((r) => (
            <tr key={r.sku}><td>{r.sku}</td><td>{r.name}</td><td className="num">{formatPrice(r.regularPrice)}</td><td className="num">{formatPrice(r.salePrice)}</td><td className="num">{formatCount(r.stock)}</td></tr>
          ))}</tbody>
        </table>
      )}
      {more(preview.create)}
      {preview.update.length > 0 && (
        <table className="table compact">
          <caption>{text.update}</caption>
          <thead><tr><th scope="col">{text.sku}</th><th scope="col">{text.what}</th><th scope="col" className="num">{text.regular}</th><th scope="col" className="num">{text.sale}</th><th scope="col" className="num">{text.stock}</th><th scope="col">{text.why}</th></tr></thead>
          <tbody>{preview.update.slice(0, SHOW).map((r) => (
            <tr key={r.sku}>
              <td>{r.sku}</td>
              <td>{[r.parts.prices ? text.prices : '', r.parts.stock ? text.stockPart : ''].filter(Boolean).join(', ')}</td>
              <td className="num">{formatPrice(r.regularPrice)}</td><td className="num">{formatPrice(r.salePrice)}</td><td className="num">{formatCount(r.stock)}</td>
              <td>{r.reason ? text.reasons[r.reason] : ''}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {more(preview.update)}
      {preview.heldBack.length > 0 && (
        <table className="table compact">
          <caption>{text.heldBack}</caption>
          <thead><tr><th scope="col">{text.sku}</th><th scope="col">{text.why}</th></tr></thead>
          <tbody>{preview.heldBack.slice(0, SHOW).map((r, i) => <tr key={`${r.sku}-${i}`}><td>{r.sku}</td><td>{r.message}</td></tr>)}</tbody>
        </table>
      )}
      {more(preview.heldBack)}
    </section>
  );
}
