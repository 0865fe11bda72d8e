/**
 * How numbers, times and durations read on the dashboard. Pure functions with the locale and the
 * current time passed in, so the words are tested and a screen never prints "undefined" or a raw
 * ISO string.
 */
export const formatText = {
  never: 'never',
  none: '—',
  justNow: 'just now',
  ago: (n: string) => `${n} ago`,
  inTime: (n: string) => `in ${n}`,
  today: 'today',
  yesterday: 'yesterday',
  tomorrow: 'tomorrow',
  ms: (n: number) => `${n} ms`,
  s: (n: string) => `${n} s`,
  min: (n: number) => `${n} min`,
  h: (n: number) => `${n} h`,
  d: (n: number) => `${n} d`,
};

export interface FormatContext {
  /** BCP 47 locale; undefined = the browser's. */
  locale?: string | undefined;
  /** Time zone; undefined = the browser's. */
  timeZone?: string | undefined;
  now?: number;
}

export function formatCount(n: number | null | undefined, ctx: FormatContext = {}): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return formatText.none;
  return new Intl.NumberFormat(ctx.locale).format(n);
}

/** A duration in the largest units that matter: "850 ms", "4.2 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(ms: number | null | undefined, ctx: FormatContext = {}): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return formatText.none;
  if (ms < 1000) return formatText.ms(Math.round(ms));
  if (ms < 60_000) {
    const s = ms < 10_000 ? Math.floor(ms / 100) / 10 : Math.floor(ms / 1000);
    return formatText.s(new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(s));
  }
  const totalS = Math.floor(ms / 1000);
  if (totalS < 3600) {
    const m = Math.floor(totalS / 60);
    const s = totalS % 60;
    return s ? `${formatText.min(m)} ${formatText.s(String(s))}` : formatText.min(m);
  }
  const totalMin = Math.floor(totalS / 60);
  if (totalMin < 24 * 60) {
    const h = Math.floor(totalMin / 60);
    const m = totalMin % 60;
    return m ? `${formatText.h(h)} ${formatText.min(m)}` : formatText.h(h);
  }
  const d = Math.floor(totalMin / (24 * 60));
  const h = Math.floor((totalMin % (24 * 60)) / 60);
  return h ? `${formatText.d(d)} ${formatText.h(h)}` : formatText.d(d);
}

/** "2 min ago", "in 5 min", "just now"; `never` for null. Coarse on purpose: it is read at a glance. */
export function formatRelative(iso: string | null | undefined, ctx: FormatContext = {}): string {
  if (!iso) return formatText.never;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return formatText.none;
  const diff = t - (ctx.now ?? Date.now());
  const abs = Math.abs(diff);
  if (abs < 45_000) return formatText.justNow;
  const span = abs < 3_600_000 ? formatText.min(Math.round(abs / 60_000))
    : abs < 86_400_000 ? formatText.h(Math.round(abs / 3_600_000))
      : formatText.d(Math.round(abs / 86_400_000));
  return diff < 0 ? formatText.ago(span) : formatText.inTime(span);
}

function dayKey(t: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
}

/** "today 14:05", "yesterday 09:12", "3 Dec 2026, 14:05"; `never` for null. */
export function formatDateTime(iso: string | null | undefined, ctx: FormatContext = {}): string {
  if (!iso) return formatText.never;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return formatText.none;
  const now = ctx.now ?? Date.now();
  const time = new Intl.DateTimeFormat(ctx.locale, { timeZone: ctx.timeZone, hour: '2-digit', minute: '2-digit' }).format(t);
  const day = dayKey(t, ctx.timeZone);
  if (day === dayKey(now, ctx.timeZone)) return `${formatText.today} ${time}`;
  if (day === dayKey(now - 86_400_000, ctx.timeZone)) return `${formatText.yesterday} ${time}`;
  if (day === dayKey(now + 86_400_000, ctx.timeZone)) return `${formatText.tomorrow} ${time}`;
  return new Intl.DateTimeFormat(ctx.locale, { timeZone: ctx.timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(t);
}

/** The hour a chart bar stands for: "14:00". */
export function formatHour(iso: string, ctx: FormatContext = {}): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return formatText.none;
  return new Intl.DateTimeFormat(ctx.locale, { timeZone: ctx.timeZone, hour: '2-digit', minute: '2-digit' }).format(t);
}

/** A POS price as the store gets it (a decimal string); `none` when there is none. */
export function formatPrice(price: string | null | undefined): string {
  return price === null || price === undefined || price === '' ? formatText.none : price;
}

/** YYYY-MM-DD of a time in the given zone, for date inputs. */
export function isoDay(t: number, timeZone?: string): string {
  return dayKey(t, timeZone);
}
