/** Products: search the whole web catalogue (server-side, a page at a time), a virtualised list, and one SKU's detail beside it. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatCount, formatPrice, formatRelative } from '../lib/format';
import { useApi, useRunCounter } from '../ui/services';
import { VirtualList } from '../ui/virtual-list';
import { ProductDetail } from './product-detail';
import { linkStateText } from './product-words';
import { useProductPages } from './use-product-pages';

const text = {
  title: 'Products',
  subnav: 'Product views',
  all: 'All products',
  linkReport: 'Link report',
  search: 'Search products',
  searchHint: 'SKU or name; results come from the engine as you type.',
  count: (n: string) => `${n} products`,
  counting: 'Counting…',
  readAt: (when: string) => `POS read ${when}`,
  failed: (why: string) => `Products could not be read: ${why}`,
  list: 'Products',
  loadingRow: 'Loading…',
  header: { sku: 'SKU', name: 'Name', onHand: 'On hand', web: 'Web qty', price: 'Price', link: 'Link' },
  offWeb: 'off web',
  openLabel: (sku: string, name: string) => `${sku} ${name}`,
};

/** Row height in px; the CSS rule .vlist-row sets the same (--row-height). */
export const ROW_HEIGHT = 44;

export function ProductsScreen() {
  const api = useApi();
  const runCounter = useRunCounter();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const t = setTimeout(() => setSearch(query.trim()), 250);
    return () => clearTimeout(t);
  }, [query]);

  const pages = useProductPages(api, search, runCounter);
  const open = (sku: string, from: HTMLElement) => { opener.current = from; setSelected(sku); };
  const close = useCallback(() => {
    setSelected(null);
    const el = opener.current;
    if (el?.isConnected) el.focus();
  }, []);

  return (
    <>
      <h1>{text.title}</h1>
      <ProductsSubnav current="all" />
      <div className={`split${selected ? ' split-open' : ''}`}>
        <section className="card list-card" aria-label={text.list}>
          <div className="list-tools">
            <div className="field field-inline">
              <label htmlFor="product-search">{text.search}</label>
              <input id="product-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby="product-search-hint" autoComplete="off" spellCheck={false} />
              <p className="field-hint" id="product-search-hint">{text.searchHint}</p>
            </div>
            <p className="muted" aria-live="polite" data-testid="product-count">
              {pages.total === null ? text.counting : text.count(formatCount(pages.total))}
              {pages.readAt && <> · {text.readAt(formatRelative(pages.readAt))}</>}
            </p>
          </div>
          {pages.error && <p className="error-text" role="alert">{text.failed(pages.error)}</p>}
          <div className="vlist-header" aria-hidden="true">
            <span>{text.header.sku}</span><span>{text.header.name}</span><span className="num">{text.header.onHand}</span>
            <span className="num">{text.header.web}</span><span className="num">{text.header.price}</span><span>{text.header.link}</span>
          </div>
          <VirtualList
            key={search}
            total={pages.total ?? 0}
            rowHeight={ROW_HEIGHT}
            label={text.list}
            onRange={pages.onRange}
            testId="product-list"
            renderRow={(i) => {
              const r = pages.row(i);
              if (!r) return <div className="row-placeholder" data-row-index={i}>{text.loadingRow}</div>;
              return (
                <button
                  type="button"
                  className={`product-row${selected === r.sku ? ' is-selected' : ''}`}
                  data-row-index={i}
                  aria-current={selected === r.sku ? 'true' : undefined}
                  onClick={(e) => open(r.sku, e.currentTarget)}
                >
                  <span className="cell-sku">{r.sku}</span>
                  <span className="cell-name">{r.name}</span>
                  <span className="num">{formatCount(r.onHand)}</span>
                  <span className="num">{r.onWeb ? formatCount(r.webQuantity) : text.offWeb}</span>
                  <span className="num">{formatPrice(r.salePrice ?? r.regularPrice)}</span>
                  <span className={`link-state link-${r.link ?? 'none'}`}>{linkStateText[r.link ?? 'none']}</span>
                </button>
              );
            }}
          />
        </section>
        {selected && <ProductDetail sku={selected} onClose={close} />}
      </div>
    </>
  );
}

export function ProductsSubnav({ current }: { current: 'all' | 'links' }) {
  return (
    <nav className="subnav" aria-label={text.subnav}>
      <a href="#/products" aria-current={current === 'all' ? 'page' : undefined}>{text.all}</a>
      <a href="#/links" aria-current={current === 'links' ? 'page' : undefined}>{text.linkReport}</a>
    </nav>
  );
}
