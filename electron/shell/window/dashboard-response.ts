/**
 * Answers a request on app://tillbridge/ with a file of the built dashboard (dist/renderer), with
 * the same strict Content-Security-Policy the headless server sends. Nothing outside the folder
 * is reachable (no `..`, no other host), and there is no token: in the desktop app the page talks
 * to the engine through the preload, not over HTTP.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { DASHBOARD_CSP } from '../../server/api-server';
import { APP_HOST, APP_SCHEME } from './app-origin';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2', '.map': 'application/json; charset=utf-8',
};

const HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
  'referrer-policy': 'no-referrer',
};

export async function dashboardResponse(dashboardDir: string, method: string, url: string): Promise<Response> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return text(400, 'Bad address.');
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return text(404, 'No such page.');
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'The dashboard\'s files are read-only.');
  let rel: string;
  try {
    rel = u.pathname === '/' ? 'index.html' : decodeURIComponent(u.pathname.slice(1));
  } catch {
    return text(400, 'Bad address.');
  }
  const root = normalize(dashboardDir);
  const file = normalize(join(root, rel));
  if (rel.includes('\0') || !file.startsWith(root + sep)) return text(404, 'No such file.');
  try {
    if (!(await stat(file)).isFile()) return text(404, 'No such file.');
    const body = await readFile(file);
    return new Response(method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...HEADERS, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' },
    });
  } catch {
    return text(404, rel === 'index.html' ? 'The dashboard is not built (npm run build).' : 'No such file.');
  }
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
