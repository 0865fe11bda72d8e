/**
 * Bar heights for the 24-hour chart: each series gets its own scale (writes run in thousands,
 * errors in ones), rounded up to a readable top so the axis label is a round number.
 */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const top = step * magnitude;
    if (top >= max) return top;
  }
  return 10 * magnitude;
}

/** Height of a bar for `value` in a plot `height` tall; a non-zero value is never drawn flat. */
export function barHeight(value: number, top: number, height: number, minVisible = 1): number {
  if (!(value > 0) || top <= 0) return 0;
  return Math.max(minVisible, Math.min(height, (value / top) * height));
}
