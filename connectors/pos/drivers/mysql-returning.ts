/**
 * MariaDB prepares `INSERT … RETURNING` (and `DELETE`/`REPLACE … RETURNING`) without telling the
 * columns it will return, so describe() reads them from the statement text: the items after the
 * last top-level RETURNING, each named by its alias (`N AS NUM`, `N NUM`) or its column
 * (`t.ID` → ID), as the server names them. The server has already accepted the statement when this
 * runs, so only naming is done here, not validation.
 */

/** Upper-case column names of a statement's RETURNING list; null when it has none or uses `*`. */
export function returningColumns(sql: string): string[] | null {
  const text = blankLiterals(sql);
  const at = lastTopLevelReturning(text);
  if (at < 0) return null;
  const items = splitTopLevel(text.slice(at + 'RETURNING'.length).replace(/;\s*$/, ''));
  const names: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item === '' || item === '*' || /\.\s*\*$/.test(item)) return null;
    const alias = /(?:\bAS\s+|[\w)`'"]\s+)`?([A-Za-z_][\w$]*)`?\s*$/i.exec(item);
    const column = /^(?:`?[\w$]+`?\s*\.\s*)*`?([A-Za-z_][\w$]*)`?$/.exec(item);
    names.push((column?.[1] ?? alias?.[1] ?? item).toUpperCase());
  }
  return names;
}

/** The statement with the insides of '…', "…" and `…` replaced by spaces (same length). */
function blankLiterals(sql: string): string {
  return sql.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/g, (m) => `'${' '.repeat(m.length - 2)}'`);
}

function lastTopLevelReturning(text: string): number {
  let depth = 0;
  let found = -1;
  const re = /[()]|\bRETURNING\b/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '(') depth++;
    else if (m[0] === ')') depth--;
    else if (depth === 0) found = m.index;
  }
  return found;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
