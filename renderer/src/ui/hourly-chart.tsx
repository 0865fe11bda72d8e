/**
 * The last hours as three rows of SVG bars (store writes, orders exported, errors), each on its
 * own scale. Bars are sized with SVG attributes and coloured by class, so the strict CSP (no
 * style attributes) holds; a table with the same numbers sits behind it for screen readers.
 */
import type { ChannelAnswer } from '../../../electron/engine/api/channels';
import { barHeight, niceMax } from '../lib/chart-scale';
import { formatCount, formatHour } from '../lib/format';

type Hour = ChannelAnswer<'activity'>['hourly'][number];

const text = {
  caption: (hours: number) => `Last ${hours} hours`,
  hour: 'Hour',
  series: {
    writes: 'Store writes',
    ordersExported: 'Orders exported',
    errors: 'Errors',
  },
  summary: (hours: number, writes: string, orders: string, errors: string) =>
    `Last ${hours} hours: ${writes} store writes, ${orders} orders exported, ${errors} errors.`,
  max: (n: string) => `max ${n}`,
  bar: (hour: string, n: string, what: string) => `${hour}: ${n} ${what.toLowerCase()}`,
  empty: 'No activity recorded yet.',
};

const SERIES = ['writes', 'ordersExported', 'errors'] as const;
const WIDTH = 480;
const ROW = 48;
const GAP = 2;

export function HourlyChart({ hourly }: { hourly: Hour[] }) {
  if (hourly.length === 0) return <p className="muted">{text.empty}</p>;
  const n = hourly.length;
  const slot = WIDTH / n;
  const totals = SERIES.map((s) => hourly.reduce((sum, h) => sum + h[s], 0));
  return (
    <figure className="chart" data-testid="hourly-chart">
      <figcaption className="visually-hidden">{text.caption(n)}</figcaption>
      <div className="chart-rows" role="img" aria-label={text.summary(n, ...totals.map((t) => formatCount(t)) as [string, string, string])}>
        {SERIES.map((series) => {
          const top = niceMax(Math.max(...hourly.map((h) => h[series])));
          return (
            <div className="chart-row" key={series} aria-hidden="true">
              <span className="chart-label">{text.series[series]}<span className="chart-max">{text.max(formatCount(top))}</span></span>
              <svg className={`chart-svg series-${series}`} viewBox={`0 0 ${WIDTH} ${ROW}`} preserveAspectRatio="none" focusable="false">
                <line className="chart-base" x1={0} x2={WIDTH} y1={ROW - 0.5} y2={ROW - 0.5} />
                {hourly.map((h, i) => {
                  const height = barHeight(h[series], top, ROW);
                  if (height === 0) return null;
                  return (
                    <rect key={h.hour} className="chart-bar" x={i * slot + GAP / 2} y={ROW - height} width={Math.max(1, slot - GAP)} height={height}>
                      <title>{text.bar(formatHour(h.hour), formatCount(h[series]), text.series[series])}</title>
                    </rect>
                  );
                })}
              </svg>
            </div>
          );
        })}
        <div className="chart-axis" aria-hidden="true">
          <span>{formatHour(hourly[0]!.hour)}</span>
          <span>{formatHour(hourly[Math.floor(n / 2)]!.hour)}</span>
          <span>{formatHour(hourly[n - 1]!.hour)}</span>
        </div>
      </div>
      <table className="visually-hidden">
        <caption>{text.caption(n)}</caption>
        <thead><tr><th scope="col">{text.hour}</th>{SERIES.map((s) => <th scope="col" key={s}>{text.series[s]}</th>)}</tr></thead>
        <tbody>
          {hourly.filter((h) => h.writes || h.ordersExported || h.errors).map((h) => (
            <tr key={h.hour}><th scope="row">{formatHour(h.hour)}</th>{SERIES.map((s) => <td key={s}>{formatCount(h[s])}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
