/**
 * WordPress hosts with `display_errors` on print PHP warnings and notices into the answer, before
 * the JSON: `<br />\n<b>Warning</b>: ... on line <b>42</b><br />\n{"id":12,...}`. The data is
 * intact behind the noise, and for a write it means the store did the work: reading past the
 * noise avoids treating a done write as a failure. Anything else that is not JSON stays not JSON.
 */

const PHP_NOISE = /^\s*(?:<br\s*\/?>\s*)?(?:<b>)?\s*(?:PHP\s+)?(?:Warning|Notice|Deprecated|Strict Standards)(?:<\/b>)?\s*:/i;

/** The JSON behind leading PHP warnings/notices, or undefined when the text is not that. */
export function jsonBehindPhpNoise(text: string): object | undefined {
  if (!PHP_NOISE.test(text)) return undefined;
  // The JSON starts at the first line that starts with { or [ after the noise.
  const match = /(?:^|\n)\s*([[{])/.exec(text.replace(/<br\s*\/?>/gi, '\n'));
  if (!match) return undefined;
  const cleaned = text.replace(/<br\s*\/?>/gi, '\n');
  const start = match.index + match[0].length - 1;
  try {
    const value: unknown = JSON.parse(cleaned.slice(start));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
