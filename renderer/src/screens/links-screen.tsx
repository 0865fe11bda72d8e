/** Link report: every web item and how it stands with the store (linked, new, missing, duplicated, broken, invalid), filtered by category or to the items with a warning (a name the store will change). */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ChannelAnswer } from '../../../electron/engine/api/channels';
import { formatCount } from '../lib/format';
import { useQuery } from '../ui/hooks';
import { useApi, useRunCounter } from '../ui/services';
import { VirtualList } from '../ui/virtual-list';
import { ProductDetail } from './product-detail';
import { CATEGORIES, categoryText } from './product-words';
import { ProductsSubnav, ROW_HEIGHT } from './products-screen';

type Row = ChannelAnswer<'linkReport'>[number];

const text = {
  title: 'Link report',
  loading: 'Building the link report…',
  failed: (why: string) => `The link report could not be read: ${why}`,
  filters: 'Show',
  all: 'All',
  withCount: (label: string, n: string) => `${label} (${n})`,
  filter: 'Filter by SKU or name',
  shown: (n: string, of: string) => `${n} of ${of} items`,
  list: 'Link report',
  header: { sku: 'SKU', name: 'Name', category: 'Category', store: 'Store', detail: 'Detail' },
  storeRef: (kind: string, id: number) => `${kind} #${id}`,
  warningsFilter: 'Warnings',
};

export function LinksScreen() {
  const api = useApi();
  const runCounter = useRunCounter();
  const report = useQuery(() => api.linkReport({}), [api, runCounter]);
  const [category, setCategory] = useState<Row['category'] | 'all' | 'warnings'>('all');
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const counts = useMemo(() => {
    const c = new Map<Row['category'], number>();
    for (const r of report.data ?? []) c.set(r.category, (c.get(r.category) ?? 0) + 1);
    return c;
  }, [report.data]);
  const warned = useMemo(() => (report.data ?? []).filter((r) => r.warnings.length > 0).length, [report.data]);
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (report.data ?? []).filter((r) => (category === 'all' || r.category === category || (category === 'warnings' && r.warnings.length > 0))
      && (!needle || r.sku.toLowerCase().includes(needle) || r.name.toLowerCase().includes(needle)));
  }, [report.data, category, filter]);
  const close = useCallback(() => {
    setSelected(null);
    if (opener.current?.isConnected) opener.current.focus();
  }, []);

  return (
    <>
      <h1>{text.title}</h1>
      <ProductsSubnav current="links" />
      {report.error && <p className="error-text" role="alert">{text.failed(report.error)}</p>}
      {!report.data && !report.error && <p className="muted">{text.loading}</p>}
      {report.data && (
        <div className={`split${selected ? ' split-open' : ''}`}>
          <section className="card list-card" aria-label={text.list}>
            <div role="group" aria-label={text.filters} className="filter-row">
              <button type="button" className="chip" aria-pressed={category === 'all'} onClick={() => setCategory('all')}>
                {text.withCount(text.all, formatCount(report.data.length))}
              </button>
              {CATEGORIES.filter((c) => counts.has(c)).map((c) => (
                <button key={c} type="button" className={`chip chip-${c}`} aria-pressed={category === c} onClick={() => setCategory(c)}>
                  {text.withCount(categoryText[c], formatCount(counts.get(c) ?? 0))}
                </button>
              ))}
              {warned > 0 && (
                <button type="button" className="chip chip-warnings" aria-pressed={category === 'warnings'} onClick={() => setCategory('warnings')}>
                  {text.withCount(text.warningsFilter, formatCount(warned))}
                </button>
              )}
            </div>
            <div className="list-tools">
              <div className="field field-inline">
                <label htmlFor="link-filter">{text.filter}</label>
                <input id="link-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" spellCheck={false} />
              </div>
              <p className="muted" aria-live="polite">{text.shown(formatCount(rows.length), formatCount(report.data.length))}</p>
            </div>
            <div className="vlist-header links-grid" aria-hidden="true">
              <span>{text.header.sku}</span><span>{text.header.name}</span><span>{text.header.category}</span><span>{text.header.store}</span><span>{text.header.detail}</span>
            </div>
            <VirtualList
              key={`${category}|${filter}`}
              total={rows.length}
              rowHeight={ROW_HEIGHT}
              label={text.list}
              testId="link-report-list"
              renderRow={(i) => {
                const r = rows[i]!;
                const cells = (
                  <>
                    <span className="cell-sku">{r.sku || r.posId}</span>
                    <span className="cell-name">{r.name}</span>
                    <span className={`category category-${r.category}`}>{categoryText[r.category]}</span>
                    <span>{r.storeId !== null && r.kind ? text.storeRef(r.kind, r.storeId) : ''}</span>
                    <span className="cell-detail">{r.detail}{r.warnings.map((w) => <span key={w} className="cell-warning"> ⚠ {w}</span>)}</span>
                  </>
                );
                // An item without a SKU has no detail to open; it stays reachable by keyboard.
                if (!r.sku.trim()) return <div className="product-row links-grid" tabIndex={0} data-row-index={i}>{cells}</div>;
                return (
                  <button type="button" className={`product-row links-grid${selected === r.sku ? ' is-selected' : ''}`} data-row-index={i}
                    onClick={(e) => { opener.current = e.currentTarget; setSelected(r.sku); }}>
                    {cells}
                  </button>
                );
              }}
            />
          </section>
          {selected && <ProductDetail sku={selected} onClose={close} />}
        </div>
      )}
    </>
  );
}
