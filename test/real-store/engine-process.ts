/**
 * Tillbridge as the shop runs it: the bundled `tillbridge run` command as a process of its own,
 * so the suite can SIGKILL it in the middle of an order export. Its configuration names the keys
 * by environment variable only: no secret is written to disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliEnv } from '../helpers/cli-bundle';

export interface EngineProcessConfig {
  dir: string;
  dataDir: string;
  storeUrl: string;
  authMode: 'basic' | 'query';
  key: string;
  secret: string;
  posFile: string;
  safetyBuffer: number;
}

const KEY_VAR = 'TILLBRIDGE_SUITE_STORE_KEY';
const SECRET_VAR = 'TILLBRIDGE_SUITE_STORE_SECRET';

export class EngineProcess {
  private readonly config: string;
  private readonly env: NodeJS.ProcessEnv;
  child: ChildProcess | null = null;
  /** The engine's stderr, for a failure's post-mortem (the CLI masks secrets in what it prints). */
  readonly stderr: string[] = [];

  constructor(private readonly cli: string, c: EngineProcessConfig) {
    this.config = join(c.dir, 'engine-process.json');
    writeFileSync(this.config, JSON.stringify({
      dataDir: c.dataDir,
      store: { url: c.storeUrl, consumerKey: { env: KEY_VAR }, consumerSecret: { env: SECRET_VAR }, authMode: c.authMode },
      pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: c.posFile } },
      sync: { pollSeconds: 1, orderPollSeconds: 1, fullSyncMinutes: 60, safetyBuffer: c.safetyBuffer },
      orders: { guests: 'create' },
      dashboard: { port: 0 },
    }));
    this.env = cliEnv({ [KEY_VAR]: c.key, [SECRET_VAR]: c.secret });
  }

  start(): ChildProcess {
    const p = spawn(process.execPath, [this.cli, 'run', '--config', this.config], { env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
    p.stderr!.setEncoding('utf8').on('data', (chunk: string) => { this.stderr.push(...chunk.split('\n').filter(Boolean)); });
    this.child = p;
    return p;
  }

  /** SIGKILL now (synchronously: call it from the proxy's hook to kill at a protocol point). */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  /** Resolves once the process is gone, sending `signal` first if it is still running. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.child;
    if (!p) return;
    await new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) { resolve(); return; }
      p.once('exit', () => resolve());
      p.kill(signal);
    });
    this.child = null;
  }
}
