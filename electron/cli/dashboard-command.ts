import { spawn } from 'node:child_process';
import { readEndpoint } from '../server/endpoint-file';
import type { Output } from './output';

/** The command that opens a web address in the person's browser on this system. */
export function openerFor(platform: NodeJS.Platform): { command: string; args: (url: string) => string[] } {
  if (platform === 'win32') return { command: 'cmd', args: (url) => ['/c', 'start', '""', url] };
  if (platform === 'darwin') return { command: 'open', args: (url) => [url] };
  return { command: 'xdg-open', args: (url) => [url] };
}

/**
 * `tillbridge dashboard [--open]`: the running engine's dashboard address (with this install's
 * token); `--open` opens it in the browser.
 */
export async function dashboardCommand(dataDir: string, out: Output, opts: { open: boolean }): Promise<number> {
  const endpoint = readEndpoint(dataDir);
  if (!endpoint) {
    out.err(`No Tillbridge engine is running on ${dataDir}. Start it with: tillbridge run`);
    return 1;
  }
  const url = `http://127.0.0.1:${endpoint.port}/?token=${encodeURIComponent(endpoint.token)}`;
  out.out(url);
  if (opts.open) {
    const opener = openerFor(process.platform);
    await new Promise<void>((resolve) => {
      const child = spawn(opener.command, opener.args(url), { stdio: 'ignore', detached: true });
      child.once('error', (e) => { out.err(`Could not open a browser (${e.message}); open the address above yourself.`); resolve(); });
      child.once('spawn', () => { child.unref(); resolve(); });
    });
  }
  return 0;
}
